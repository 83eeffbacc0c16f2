// Secrets at rest: AES-256-GCM with a random 96-bit nonce per value, sealed into one text
// "v1.<key id>.<nonce>.<tag>.<ciphertext>" (base64url). The key id (the first 8 bytes of the
// key's SHA-256, hex) says which key opens it, so a rotation can run while old values remain.
// Pure: node:crypto only.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

export interface SecretKey {
  id: string;
  bytes: Buffer;
}

export class SecretKeyError extends Error {}

/** A key from its configured text: 32 bytes as base64/base64url or hex, or any passphrase of 32+ characters (hashed). */
export function secretKeyFrom(text: string): SecretKey {
  const trimmed = text.trim();
  let bytes: Buffer | null = null;
  if (/^[0-9a-f]{64}$/i.test(trimmed)) bytes = Buffer.from(trimmed, "hex");
  else if (/^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)) bytes = Buffer.from(trimmed, "base64url");
  if (!bytes || bytes.length !== 32) {
    if (trimmed.length < 32)
      throw new SecretKeyError(
        "EARSHOT_SECRET_KEY must be 32 bytes (base64 or hex) or a passphrase of at least 32 characters (for example: openssl rand -base64 32).",
      );
    bytes = createHash("sha256").update(trimmed, "utf8").digest();
  }
  return { id: createHash("sha256").update(bytes).digest("hex").slice(0, 16), bytes };
}

const b64 = (b: Buffer) => b.toString("base64url");

export function seal(plaintext: string, key: SecretKey): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key.bytes, nonce);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", key.id, b64(nonce), b64(cipher.getAuthTag()), b64(ciphertext)].join(".");
}

/** The id of the key that sealed a value (null when it is not a sealed value). */
export function keyIdOf(sealed: string): string | null {
  const parts = sealed.split(".");
  return parts.length === 5 && parts[0] === "v1" ? parts[1] : null;
}

export function open(sealed: string, keys: readonly SecretKey[]): string {
  const parts = sealed.split(".");
  if (parts.length !== 5 || parts[0] !== "v1") throw new SecretKeyError("Not a sealed secret.");
  const key = keys.find((k) => k.id === parts[1]);
  if (!key)
    throw new SecretKeyError(
      `This secret was sealed with a key this server does not have (id ${parts[1]}): set EARSHOT_SECRET_KEY, or list the old key in EARSHOT_SECRET_KEY_PREVIOUS.`,
    );
  const decipher = createDecipheriv("aes-256-gcm", key.bytes, Buffer.from(parts[2], "base64url"));
  decipher.setAuthTag(Buffer.from(parts[3], "base64url"));
  try {
    return Buffer.concat([decipher.update(Buffer.from(parts[4], "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretKeyError("A sealed secret failed its integrity check (altered, or sealed with another key).");
  }
}

/** What the browser may see of a secret: its last four characters. */
export function hintOf(secret: string): string {
  const chars = Array.from(secret);
  return chars.length <= 4 ? "••••" : `•••• ${chars.slice(-4).join("")}`;
}
