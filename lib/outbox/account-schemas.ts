// The "Connected accounts" form's inputs, checked before they reach the data layer. Pure (zod only).
// Field names come from each network's transport (`fields`); lib/outbox/accounts.ts drops names a
// network does not know and checks the required ones, so here only the shape and sizes are checked.
import { z } from "zod";
import { idParam, isSafeText } from "@/lib/util/params";
import type { ReplyNetwork } from "./transport";

export const ACCOUNT_NETWORKS = ["x", "mastodon", "bluesky", "reddit", "facebook", "instagram", "youtube"] as const;

// Fails to compile when the list and ReplyNetwork drift apart (in either direction).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const networksMatch: Same<(typeof ACCOUNT_NETWORKS)[number], ReplyNetwork> = true;
void networksMatch;

export const MAX_SETTING_CHARS = 2_000;
export const MAX_SECRET_CHARS = 4_000;
/** More fields than any network's form has; bounds what one request can carry. */
const MAX_FIELDS = 20;
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/**
 * A map of form field name → typed value. Each problem names the field ("accessToken is longer
 * than 4,000 characters"), since field errors are reported per top-level input (settings, secrets).
 */
function fieldMap(maxChars: number) {
  return z.record(z.string(), z.string()).superRefine((fields, ctx) => {
    const entries = Object.entries(fields);
    if (entries.length > MAX_FIELDS) ctx.addIssue({ code: "custom", message: `has more than ${MAX_FIELDS} fields` });
    for (const [name, value] of entries) {
      if (!FIELD_NAME.test(name)) {
        ctx.addIssue({ code: "custom", path: [name], message: "A field name is letters, digits and _." });
      } else if (value.length > maxChars) {
        ctx.addIssue({
          code: "custom",
          path: [name],
          message: `${name} is longer than ${maxChars.toLocaleString("en-US")} characters.`,
        });
      } else if (!isSafeText(value)) {
        ctx.addIssue({
          code: "custom",
          path: [name],
          message: `${name} holds characters that cannot be stored (NUL, control characters or broken Unicode).`,
        });
      }
    }
  });
}

export const saveAccountSchema = z.object({
  brandId: idParam,
  network: z.enum(ACCOUNT_NETWORKS, "Choose one of the networks replies can go to."),
  label: z
    .string()
    .trim()
    .max(120, "The label is longer than 120 characters.")
    .refine(isSafeText, "The label holds characters that cannot be stored.")
    .optional(),
  /** Non-secret fields (instance URL, page id, handle…), shown again when editing. */
  settings: fieldMap(MAX_SETTING_CHARS),
  /** Secret fields (tokens, passwords); a blank one keeps the stored value. */
  secrets: fieldMap(MAX_SECRET_CHARS),
});

/** "Test connection" and "Disconnect". */
export const accountIdSchema = z.object({ accountId: idParam });

export type SaveAccountFields = z.input<typeof saveAccountSchema>;
