/** The Redis connection of the distributed batch: one URL (redis://host:port/db), checked early. */
import { Redis } from 'ioredis';
import { BatchSetupError } from '../batch/output-dir.js';

export const QUEUE_NAME = 'baocao';

export function parseRedisUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`not a Redis URL: "${url}" (expected redis://host:port, e.g. redis://127.0.0.1:6379)`);
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') throw new Error(`not a Redis URL: "${url}" (it must start with redis:// or rediss://)`);
  return parsed;
}

/** The URL as messages print it: a password never. */
export function shownRedisUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.href.replace(/\/$/, '');
  } catch {
    return url;
  }
}

export function unreachable(url: string, reason: string): string {
  return `cannot reach Redis at ${shownRedisUrl(url)} (${reason}): is redis-server running there? (--redis or BAOCAO_REDIS)`;
}

/** BullMQ needs maxRetriesPerRequest: null on connections its workers block on. */
export function connect(url: string): Redis {
  parseRedisUrl(url);
  return new Redis(url, { maxRetriesPerRequest: null, lazyConnect: false });
}

/**
 * A connection for a command that runs and ends (`queue add`, `status`, `collect`): connected
 * before it is used, or a BatchSetupError (exit 2) naming the URL; a Redis that goes away later
 * fails the command after a few reconnection tries instead of waiting for ever.
 */
export async function connectNow(url: string): Promise<Redis> {
  parseRedisUrl(url);
  const redis = new Redis(url, { maxRetriesPerRequest: 3, lazyConnect: true, connectTimeout: 5000, retryStrategy: (times) => (times > 5 ? null : Math.min(times * 200, 1000)) });
  let last = '';
  // Without a listener ioredis prints every failed try as an unhandled error event.
  redis.on('error', (e: Error) => (last = e.message));
  try {
    await redis.connect();
  } catch (e) {
    redis.disconnect();
    throw new BatchSetupError(unreachable(url, last || (e as Error).message));
  }
  return redis;
}
