/** The Redis connection of the distributed batch: one URL (redis://host:port/db), checked early. */
import { Redis } from 'ioredis';

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

/** BullMQ needs maxRetriesPerRequest: null on connections its workers block on. */
export function connect(url: string): Redis {
  parseRedisUrl(url);
  return new Redis(url, { maxRetriesPerRequest: null, lazyConnect: false });
}
