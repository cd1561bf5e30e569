/**
 * Raw HTTP over a TCP socket for the serve fuzz suite: what fetch() will not send (a body that
 * trickles in, a client that hangs up half way, a request line of 100 KB). Every call has a time
 * bound, so a server that never answers fails the test instead of hanging it.
 */
import { connect } from 'node:net';

export interface RawAnswer {
  /** 0 when the server closed without a status line (allowed only where the client hung up). */
  status: number;
  head: string;
  body: string;
  /** The time bound passed without an answer. */
  timedOut: boolean;
}

export interface RawPlan {
  /** The request head without the final blank line, e.g. "POST /v1/convert HTTP/1.1\r\nHost: x". */
  head: string;
  /** Pieces of the body, written `gapMs` apart (the caller frames them: chunked or not). */
  pieces?: (string | Uint8Array)[];
  gapMs?: number;
  /** Hang up this long after the last piece is written, without waiting for the answer. */
  hangUpAfterMs?: number;
  limitMs: number;
}

export function rawRequest(port: number, plan: RawPlan): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    const chunks: Buffer[] = [];
    let settled = false;
    const done = (timedOut: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(bound);
      socket.destroy();
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', ...rest] = text.split('\r\n\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
      resolve({ status, head, body: rest.join('\r\n\r\n'), timedOut });
    };
    const bound = setTimeout(() => done(true), plan.limitMs);
    socket.on('data', (d) => chunks.push(d));
    socket.on('end', () => done(false));
    socket.on('close', () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', async () => {
      socket.write(`${plan.head}\r\n\r\n`);
      for (const piece of plan.pieces ?? []) {
        if (plan.gapMs) await new Promise((r) => setTimeout(r, plan.gapMs));
        if (socket.destroyed) return;
        socket.write(piece);
      }
      if (plan.hangUpAfterMs !== undefined) setTimeout(() => done(false), plan.hangUpAfterMs);
    });
  });
}

/** A body framed as chunked transfer encoding, one chunk per piece, with the closing chunk. */
export function chunked(pieces: Uint8Array[]): Uint8Array[] {
  const frame = (p: Uint8Array) => Buffer.concat([Buffer.from(`${p.length.toString(16)}\r\n`), p, Buffer.from('\r\n')]);
  return [...pieces.map(frame), Buffer.from('0\r\n\r\n')];
}
