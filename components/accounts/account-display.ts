// How a connected account reads on the channels page, and how the form's inputs become the save
// action's input. Pure, so the rules are unit-tested without a browser.
import type { AccountField } from "@/lib/outbox/transport";

/** The account's fields the page needs; AccountView (lib/outbox/accounts.ts) has them all. */
export interface AccountStatusFacts {
  status: string;
  lastError: string | null;
  pausedUntil: string | null;
}

export type StatusTone = "ok" | "neutral" | "danger";

export interface StatusBadge {
  label: string;
  tone: StatusTone;
  /** True when the admin must act: the network refused the credentials. */
  mustReconnect: boolean;
}

const BADGES: Record<string, StatusBadge> = {
  ok: { label: "Connected", tone: "ok", mustReconnect: false },
  untested: { label: "Not tested yet", tone: "neutral", mustReconnect: false },
  reauth: { label: "Needs re-authentication", tone: "danger", mustReconnect: true },
  error: { label: "Error", tone: "danger", mustReconnect: false },
};

export function statusBadgeOf(account: AccountStatusFacts): StatusBadge {
  return BADGES[account.status] ?? { label: account.status, tone: "neutral", mustReconnect: false };
}

export const TONE_CLASS: Record<StatusTone, string> = {
  ok: "bg-emerald-100 text-emerald-800",
  neutral: "bg-slate-100 text-slate-600",
  danger: "bg-red-100 text-red-800",
};

/** "2026-12-01 14:05 UTC": the same on the server and in the browser (no local time zone). */
export function formatUtc(iso: string): string {
  return `${iso.slice(0, 16).replace("T", " ")} UTC`;
}

/** The rate-limit pause still in force at `now`, or null. */
export function activePause(account: AccountStatusFacts, now: number): string | null {
  if (!account.pausedUntil) return null;
  return new Date(account.pausedUntil).getTime() > now ? account.pausedUntil : null;
}

/** A secret input's placeholder when editing: the stored value's hint, and what a blank means. */
export function secretPlaceholder(field: AccountField, hint: string | undefined): string | undefined {
  return hint ? `${hint} — leave blank to keep` : field.placeholder;
}

/**
 * Whether the input must be filled in: a required secret already stored may stay blank (blank
 * keeps it), anything else required must be given.
 */
export function inputRequired(field: AccountField, hint: string | undefined): boolean {
  return field.required && !(field.secret && hint);
}

/** The form's inputs named `settings.<field>` and `secrets.<field>`, split as the save action takes them. */
export function fieldValuesOf(
  fields: readonly AccountField[],
  read: (inputName: string) => string,
): { settings: Record<string, string>; secrets: Record<string, string> } {
  const settings: Record<string, string> = {};
  const secrets: Record<string, string> = {};
  for (const field of fields) {
    const value = read(inputNameOf(field));
    if (field.secret) {
      // A blank secret is left out: the stored one stays.
      if (value.trim()) secrets[field.name] = value;
    } else settings[field.name] = value;
  }
  return { settings, secrets };
}

export const inputNameOf = (field: AccountField) => `${field.secret ? "secrets" : "settings"}.${field.name}`;

/** The docs page for a network's credentials, by its path in the repository. */
export const docsPathOf = (network: string) => `docs/replies/${network}.md`;
