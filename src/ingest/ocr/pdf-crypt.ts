/**
 * The standard security handler (ISO 32000-2 §7.6.4) with the empty user password, which is how
 * an "owner-password only" PDF is made (it opens without asking, but its strings and streams are
 * encrypted): RC4 40–128 bit (V1/V2, R2–R4), AES-128 (V4 AESV2), AES-256 (V5, R5 and R6).
 * Anything else (the public-key handler, an unknown crypt filter, a file that needs a user
 * password) is reported as unsupported, so the caller reads none of its strings rather than bytes
 * that were never decrypted. node:crypto gives MD5, SHA-2 and AES; RC4 is written out here because
 * OpenSSL 3 may ship without it.
 */
import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';

/** How one object's strings or streams are decrypted: the key, and RC4, AES or nothing. */
type Method = 'rc4' | 'aes' | 'none';

export type Decrypt = (bytes: Uint8Array, num: number, gen: number, what: 'string' | 'stream') => Uint8Array | null;

export type Encryption =
  | { state: 'decryptable'; decrypt: Decrypt; describe: string; encryptMetadata: boolean }
  | { state: 'unsupported'; reason: string };

/** The 32 bytes an empty password is padded with (Algorithm 2, step a). */
const PAD = Buffer.from('28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a', 'hex');

/** The values of the /Encrypt dictionary this module needs (strings as latin1 bytes). */
export interface EncryptDict {
  Filter?: string;
  SubFilter?: string;
  V?: number;
  R?: number;
  Length?: number;
  P?: number;
  O?: string;
  U?: string;
  OE?: string;
  UE?: string;
  EncryptMetadata?: boolean;
  StmF?: string;
  StrF?: string;
  /** Crypt filters by name: their /CFM and /Length. */
  CF?: Record<string, { CFM?: string; Length?: number }>;
}

/** The decryption of a file with this /Encrypt dictionary and first /ID string (latin1). */
export function standardEncryption(e: EncryptDict, id0: string): Encryption {
  if (e.Filter !== 'Standard') return { state: 'unsupported', reason: `the ${e.Filter ?? 'unnamed'} security handler (only the standard, password one is read)` };
  const v = e.V ?? 0, r = e.R ?? 0;
  const filter = (name: string | undefined): { method: Method; bytes?: number } | string => {
    if (v < 4) return { method: 'rc4' };
    if (name === undefined || name === 'Identity') return { method: 'none' };
    const cf = e.CF?.[name];
    if (!cf) return `crypt filter /${name} is not defined`;
    if (cf.CFM === 'V2') return { method: 'rc4', bytes: cf.Length === undefined ? undefined : cf.Length > 16 ? cf.Length / 8 : cf.Length };
    if (cf.CFM === 'AESV2' || cf.CFM === 'AESV3') return { method: 'aes' };
    if (cf.CFM === 'None') return { method: 'none' };
    return `crypt filter method /${cf.CFM ?? '?'}`;
  };
  const stm = filter(e.StmF), str = filter(e.StrF);
  if (typeof stm === 'string' || typeof str === 'string') return { state: 'unsupported', reason: `the file's ${typeof stm === 'string' ? stm : str}` };
  const encryptMetadata = e.EncryptMetadata !== false;
  if (v === 5 && (r === 5 || r === 6)) {
    const key = aes256Key(e, r);
    if (!key) return { state: 'unsupported', reason: 'it needs a user password (AES-256)' };
    const decrypt: Decrypt = (bytes, _num, _gen, what) => apply(what === 'string' ? str.method : stm.method, key, bytes);
    return { state: 'decryptable', decrypt, describe: `AES-256 (R${r})`, encryptMetadata };
  }
  if (!(v === 1 || v === 2 || v === 4) || r < 2 || r > 4) return { state: 'unsupported', reason: `security handler version V${v} R${r}` };
  // V4: the crypt filter's /Length (bytes) sizes the key of an RC4 (V2) filter; AES-128 is 16 bytes.
  const filterBytes = v === 4 ? str.bytes ?? stm.bytes : undefined;
  const n = r === 2 ? 5 : Math.min(16, Math.max(5, v === 4 ? filterBytes ?? 16 : (e.Length ?? 40) / 8));
  const key = rc4FileKey(e, r, n, id0, encryptMetadata);
  if (!userPasswordIsEmpty(key, e, r, id0)) return { state: 'unsupported', reason: 'it does not open with the empty password (a user password, or a missing /ID)' };
  const objectKey = (num: number, gen: number, aes: boolean) => {
    const h = createHash('md5').update(key).update(Buffer.from([num & 0xff, (num >> 8) & 0xff, (num >> 16) & 0xff, gen & 0xff, (gen >> 8) & 0xff]));
    if (aes) h.update('sAlT', 'latin1');
    return h.digest().subarray(0, Math.min(n + 5, 16));
  };
  const decrypt: Decrypt = (bytes, num, gen, what) => {
    const method = what === 'string' ? str.method : stm.method;
    return method === 'none' ? bytes : apply(method, objectKey(num, gen, method === 'aes'), bytes);
  };
  const describe = v === 4 && (str.method === 'aes' || stm.method === 'aes') ? 'AES-128' : `RC4 ${n * 8}-bit`;
  return { state: 'decryptable', decrypt, describe, encryptMetadata };
}

function apply(method: Method, key: Buffer, bytes: Uint8Array): Uint8Array | null {
  if (method === 'none') return bytes;
  if (method === 'rc4') return rc4(key, bytes);
  return aesCbc(key, bytes);
}

/** AES-CBC with the IV in the first 16 bytes and PKCS#5 padding; null when the data is not that. */
function aesCbc(key: Buffer, bytes: Uint8Array): Uint8Array | null {
  if (bytes.length === 0) return bytes;
  if (bytes.length < 32 || bytes.length % 16 !== 0) return null;
  try {
    const d = createDecipheriv(key.length === 32 ? 'aes-256-cbc' : 'aes-128-cbc', key, bytes.subarray(0, 16));
    return new Uint8Array(Buffer.concat([d.update(bytes.subarray(16)), d.final()]));
  } catch {
    return null; // bad padding: not decryptable with this key
  }
}

/** RC4 (symmetric: encrypts and decrypts). */
export function rc4(key: Uint8Array, data: Uint8Array): Uint8Array {
  const s = new Uint8Array(256);
  for (let i = 0; i < 256; i++) s[i] = i;
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i]! + key[i % key.length]!) & 0xff;
    const t = s[i]!; s[i] = s[j]!; s[j] = t;
  }
  const out = new Uint8Array(data.length);
  for (let k = 0, i = 0, j = 0; k < data.length; k++) {
    i = (i + 1) & 0xff;
    j = (j + s[i]!) & 0xff;
    const t = s[i]!; s[i] = s[j]!; s[j] = t;
    out[k] = data[k]! ^ s[(s[i]! + s[j]!) & 0xff]!;
  }
  return out;
}

/** Algorithm 2: the file key from the empty user password. */
function rc4FileKey(e: EncryptDict, r: number, n: number, id0: string, encryptMetadata: boolean): Buffer {
  const p = Buffer.alloc(4);
  // /P is a signed 32-bit number; some writers store it unsigned (4294967292 for -4): the same bits.
  p.writeInt32LE((e.P ?? 0) | 0);
  const h = createHash('md5').update(PAD).update(Buffer.from((e.O ?? '').slice(0, 32), 'latin1')).update(p).update(Buffer.from(id0, 'latin1'));
  if (r >= 4 && !encryptMetadata) h.update(Buffer.from([0xff, 0xff, 0xff, 0xff]));
  let key = h.digest().subarray(0, n);
  if (r >= 3) for (let i = 0; i < 50; i++) key = createHash('md5').update(key).digest().subarray(0, n);
  return Buffer.from(key);
}

/** Algorithms 4 and 5: whether the empty password is the user password (else the key is wrong). */
function userPasswordIsEmpty(key: Buffer, e: EncryptDict, r: number, id0: string): boolean {
  const u = Buffer.from(e.U ?? '', 'latin1');
  if (r === 2) return Buffer.from(rc4(key, PAD)).equals(u.subarray(0, 32));
  let x: Uint8Array = createHash('md5').update(PAD).update(Buffer.from(id0, 'latin1')).digest();
  for (let i = 0; i < 20; i++) x = rc4(key.map((b) => b ^ i), x);
  return Buffer.from(x).equals(u.subarray(0, 16));
}

/** Algorithm 2.A with the empty password: the AES-256 file key, or null when the password is not empty. */
function aes256Key(e: EncryptDict, r: number): Buffer | null {
  const u = Buffer.from(e.U ?? '', 'latin1'), ue = Buffer.from(e.UE ?? '', 'latin1');
  if (u.length < 48 || ue.length < 32) return null;
  const hash = (salt: Buffer) => (r === 5 ? createHash('sha256').update(salt).digest() : hash2B(salt));
  if (!hash(u.subarray(32, 40)).equals(u.subarray(0, 32))) return null;
  const d = createDecipheriv('aes-256-cbc', hash(u.subarray(40, 48)), Buffer.alloc(16));
  d.setAutoPadding(false);
  return Buffer.concat([d.update(ue.subarray(0, 32)), d.final()]);
}

/** Algorithm 2.B (R6) for the empty password and no user key data. */
function hash2B(salt: Buffer): Buffer {
  let k = createHash('sha256').update(salt).digest();
  for (let round = 1; ; round++) {
    const k1 = Buffer.concat(Array.from({ length: 64 }, () => k));
    const c = createCipheriv('aes-128-cbc', k.subarray(0, 16), k.subarray(16, 32)).setAutoPadding(false);
    const e = Buffer.concat([c.update(k1), c.final()]);
    let sum = 0; // the first 16 bytes as one number, modulo 3 (256 ≡ 1 mod 3)
    for (let i = 0; i < 16; i++) sum += e[i]!;
    k = createHash(['sha256', 'sha384', 'sha512'][sum % 3]!).update(e).digest();
    if (round >= 64 && e[e.length - 1]! <= round - 32) return k.subarray(0, 32);
  }
}
