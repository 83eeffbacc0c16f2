// Bluesky record keys for replies. A post's rkey is a TID (timestamp identifier): a 64-bit number
// (top bit 0, then 53 bits of microseconds since the epoch, then a 10-bit clock id) written in
// base32-sortable as 13 characters. We derive it from the reply itself instead of the clock, so
// every attempt at the same reply asks the PDS for the same record key: a repeat cannot post twice.
// Pure and free of Node modules: the transports' registry is read by client code too.

const ALPHABET = "234567abcdefghijklmnopqrstuvwxyz";
const TID_LENGTH = 13;
const MAX_MICROS = 2n ** 53n - 1n;

/** The TID syntax the AT Protocol requires: 13 base32-sortable characters, the top bit clear. */
export const TID_PATTERN = /^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$/;

/** Encodes microseconds since the epoch and a clock id (0–1023) as a TID. */
export function tidOf(micros: bigint, clockId: number): string {
  if (micros < 0n || micros > MAX_MICROS) throw new RangeError(`A TID holds 53 bits of microseconds, not ${micros}`);
  let n = (micros << 10n) | BigInt(clockId & 1023);
  let tid = "";
  for (let i = 0; i < TID_LENGTH; i++) {
    tid = ALPHABET[Number(n & 31n)] + tid;
    n >>= 5n;
  }
  return tid;
}

/** The microseconds and clock id a TID holds. */
export function partsOfTid(tid: string): { micros: bigint; clockId: number } {
  if (!TID_PATTERN.test(tid)) throw new RangeError(`Not a TID: ${tid}`);
  let n = 0n;
  for (const c of tid) n = (n << 5n) | BigInt(ALPHABET.indexOf(c));
  return { micros: n >> 10n, clockId: Number(n & 1023n) };
}

/** FNV-1a, 64 bits, over the UTF-8 bytes: a stable spread of the key (it need not be cryptographic). */
function fnv1a64(text: string): bigint {
  let hash = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= BigInt(byte);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash;
}

/**
 * The record key of a reply: the time it was queued (JavaScript dates hold milliseconds; the
 * microseconds within that millisecond and the clock id come from a hash of the idempotency key,
 * so two replies queued in the same millisecond still get different keys, 1 in ~10^6 apart).
 */
export function replyTid(idempotencyKey: string, queuedAt: Date): string {
  const hash = fnv1a64(idempotencyKey);
  const subMillisecond = (hash & 0xffffn) % 1000n;
  const clockId = Number((hash >> 16n) & 1023n);
  return tidOf(BigInt(queuedAt.getTime()) * 1000n + subMillisecond, clockId);
}
