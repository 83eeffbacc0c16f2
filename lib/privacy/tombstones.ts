// Erasure tombstones: a keyed hash of (network, account id), so that an erased person's later
// posts can be recognised (and dropped or stored anonymised) without Earshot keeping who they
// were. The key is derived from the secret-store key (HKDF-SHA256, its own label), so the hashes
// cannot be recomputed from a database dump alone, and never equal any other use of that key.
// Pure apart from reading the key once (EARSHOT_SECRET_KEY, or .data/secret-key outside production).
import { createHmac, hkdfSync } from "node:crypto";
import { secretKeyFrom } from "@/lib/secrets/envelope";
import { resolveSecretKeyText } from "@/lib/secrets/key-source";

const LABEL = "earshot-tombstone";

let keys: { current: Buffer; all: Buffer[] } | null = null;

const derive = (keyText: string) =>
  Buffer.from(hkdfSync("sha256", secretKeyFrom(keyText).bytes, Buffer.alloc(0), LABEL, 32));

/**
 * The hashing keys: the current secret key's, then those of EARSHOT_SECRET_KEY_PREVIOUS, so that
 * tombstones written before a key rotation still stop the person's posts (new ones use the current key).
 */
function tombstoneKeys() {
  if (keys) return keys;
  const current = derive(resolveSecretKeyText());
  const previous = (process.env.EARSHOT_SECRET_KEY_PREVIOUS ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map(derive);
  keys = { current, all: [current, ...previous] };
  return keys;
}

/** Forgets the cached keys (tests that change the environment). */
export function resetTombstoneKeys(): void {
  keys = null;
}

const hash = (key: Buffer, network: string, accountId: string) =>
  createHmac("sha256", key).update(`${network}\u0000${accountId}`, "utf8").digest("hex");

/** The tombstone of a social identity (network, account id exactly as stored): hex HMAC-SHA256. */
export function tombstoneKey(network: string, accountId: string): string {
  return hash(tombstoneKeys().current, network, accountId);
}

/** The identity's tombstone under every key this server knows (current first): what a lookup compares. */
export function tombstoneKeysOf(network: string, accountId: string): string[] {
  return tombstoneKeys().all.map((k) => hash(k, network, accountId));
}

/**
 * The external id an erased or anonymised post is stored under: unique per post like the
 * network's id, without it (a Bluesky post id names its author's DID). A replay of the same
 * post finds the same row, so it is counted once.
 */
export function erasedExternalId(network: string, externalId: string): string {
  return `erased:${tombstoneKey(network, externalId)}`;
}
