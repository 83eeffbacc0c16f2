import "server-only";
import { hintOf, open, seal, secretKeyFrom, type SecretKey } from "./envelope";
import { resolveSecretKeyText } from "./key-source";

// The server's keyring: the current key seals, every listed key opens. Read once per process;
// a key change means a restart (and `earshot secrets rotate` to re-seal what the old key sealed).

let keyring: { current: SecretKey; all: SecretKey[] } | null = null;

function keys() {
  if (keyring) return keyring;
  const current = secretKeyFrom(resolveSecretKeyText());
  const previous = (process.env.EARSHOT_SECRET_KEY_PREVIOUS ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map(secretKeyFrom);
  keyring = { current, all: [current, ...previous] };
  return keyring;
}

/** Forgets the cached keys (tests that change the environment). */
export function resetKeyring(): void {
  keyring = null;
}

export const currentKeyId = () => keys().current.id;

export type SecretFields = Record<string, string>;

export function sealFields(fields: SecretFields): string {
  return seal(JSON.stringify(fields), keys().current);
}

export function openFields(sealed: string | null | undefined): SecretFields {
  if (!sealed) return {};
  const value = JSON.parse(open(sealed, keys().all)) as unknown;
  return value && typeof value === "object" ? (value as SecretFields) : {};
}

export function sealText(text: string): string {
  return seal(text, keys().current);
}

export function openText(sealed: string): string {
  return open(sealed, keys().all);
}

/** The browser's view of secret fields: "•••• 1234" for each one set. */
export function hintsOf(fields: SecretFields): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fields)
      .filter(([, v]) => v)
      .map(([k, v]) => [k, hintOf(v)]),
  );
}
