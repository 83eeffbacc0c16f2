// The lookup keys of a contact (see ContactKey). Pure: the data layer stores what this returns.
import { compactNames, initialKey, nameKey, nameTokens, normalizeEmail, normalizeHandle, normalizeWebsite, phoneKeys } from "./normalize";

export type KeyKind = "email" | "phone" | "website" | "declared" | "handle" | "name" | "initial" | "token" | "compact";

export interface ContactKeyInput {
  name: string;
  emails: string[];
  phones: string[];
  websites: string[];
  /** Declared handles per network. */
  handles: Record<string, string[]>;
  /** Handles of the identities linked to the contact. */
  linkedHandles: Array<{ network: string; handle: string }>;
}

export interface Key {
  kind: KeyKind;
  value: string;
}

export function declaredHandles(value: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (!value || typeof value !== "object" || Array.isArray(value)) return out;
  for (const [network, list] of Object.entries(value as Record<string, unknown>)) {
    const handles = (Array.isArray(list) ? list : [list]).filter((h): h is string => typeof h === "string" && h.trim() !== "").map(normalizeHandle);
    if (handles.length) out[network] = [...new Set(handles)];
  }
  return out;
}

export function contactKeys(contact: ContactKeyInput): Key[] {
  const keys = new Map<string, Key>();
  const add = (kind: KeyKind, value: string | null) => {
    if (value && value.length <= 300) keys.set(`${kind}\u0000${value}`, { kind, value });
  };
  for (const e of contact.emails) add("email", normalizeEmail(e));
  for (const p of contact.phones) for (const k of phoneKeys(p)) add("phone", k);
  for (const w of contact.websites) add("website", normalizeWebsite(w));
  for (const [network, handles] of Object.entries(contact.handles)) {
    for (const h of handles) {
      add("declared", `${network}:${normalizeHandle(h)}`);
      add("handle", normalizeHandle(h));
    }
  }
  for (const { handle } of contact.linkedHandles) add("handle", normalizeHandle(handle));
  add("name", nameKey(contact.name));
  add("initial", initialKey(contact.name));
  for (const t of nameTokens(contact.name)) add("token", t);
  for (const c of compactNames(contact.name)) add("compact", c);
  return [...keys.values()];
}
