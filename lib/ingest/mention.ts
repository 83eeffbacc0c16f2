// The one normalized mention every format is turned into. Pure (zod and the vocabulary only).
import { z } from "zod";
import { NETWORKS, type NetworkName } from "@/lib/domain/vocabulary";
import { cleanPayload, cleanPayloadString, cleanText } from "./clean-text";

// The formats and the pipeline take the networks from here too.
export { NETWORKS, type NetworkName };

const MAX_INT32 = 2_147_483_647;
// What a timestamptz column and an ISO string can both hold, and no post is older than 1900.
const EARLIEST = Date.UTC(1900, 0, 1);
const LATEST = Date.UTC(9999, 11, 31, 23, 59, 59);

const idString = z.union([z.string(), z.number().int()]).transform(String).pipe(z.string().min(1).max(200));

export const authorSchema = z.object({
  accountId: idString,
  handle: z.string().max(200),
  displayName: z.string().max(300).nullish(),
  // The column is a 32-bit integer: a larger count would fail the whole batch's write.
  followers: z.number().int().nonnegative().max(MAX_INT32).nullish(),
  verified: z.boolean().nullish(),
  profileUrl: z.string().max(2000).nullish(),
  avatarUrl: z.string().max(2000).nullish(),
  bio: z.string().max(5000).nullish(),
  /** Published on the profile: strong evidence for linking the author to a contact. */
  email: z.string().max(320).nullish(),
  website: z.string().max(2000).nullish(),
  location: z.string().max(300).nullish(),
});

export const normalizedMentionSchema = z.object({
  network: z.enum(NETWORKS),
  externalId: idString,
  url: z.string().max(2000).nullish(),
  createdAt: z.coerce
    .date()
    .refine((d) => d.getTime() >= EARLIEST && d.getTime() <= LATEST, "outside the years 1900–9999"),
  text: z.string().max(100_000),
  title: z.string().max(2000).nullish(),
  lang: z.string().max(16).nullish(),
  author: authorSchema.nullish(),
  /** Conversation or root id, in the network's own id space. */
  threadKey: z.string().max(300).nullish(),
  inReplyToId: z.string().max(300).nullish(),
  /** What a reply to this post needs beyond its id (Bluesky {cid, rootUri, rootCid}; Mastodon {visibility}). */
  replyRef: z.record(z.string(), z.string().max(500)).nullish(),
  metrics: z.record(z.string(), z.number()).default({}),
  /** Handles this post @-mentions or replies to (without @), for "reaches a brand directly". */
  addressedTo: z.array(z.string().max(200)).default([]),
  /**
   * Reaches the brand directly without any rule: a comment on its own page or post, or a
   * delivery from its own Facebook/Instagram webhook (a mention of the page).
   */
  direct: z.boolean().default(false),
  raw: z.unknown().optional(),
});

export type NormalizedMention = z.output<typeof normalizedMentionSchema>;
export type NormalizedMentionInput = z.input<typeof normalizedMentionSchema>;

/** What a parser hands the pipeline. */
export type IngestEvent =
  | { kind: "upsert"; mention: NormalizedMention; edit?: boolean }
  | { kind: "delete"; network: NetworkName; externalId: string };

export interface Rejection {
  where: string;
  reason: string;
}

export interface ParseOutput {
  events: IngestEvent[];
  rejected: Rejection[];
  /** Items understood but not mentions (likes, reactions, boosts, other collections). */
  ignored: number;
}

export function emptyOutput(): ParseOutput {
  return { events: [], rejected: [], ignored: 0 };
}

/**
 * Makes every field storable in PostgreSQL before validation: readable fields lose NUL and
 * other C0 controls, the raw payload (strings and keys, at any depth) loses NUL, and lone
 * surrogates become U+FFFD everywhere. Doing it here, once, covers every format.
 */
export function cleanCandidate(candidate: NormalizedMentionInput): NormalizedMentionInput {
  if (typeof candidate !== "object" || candidate === null || Array.isArray(candidate)) return candidate;
  const { raw, ...fields } = candidate;
  const cleaned = cleanPayload(fields, cleanText) as NormalizedMentionInput;
  return raw === undefined ? cleaned : { ...cleaned, raw: cleanPayload(raw, cleanPayloadString) };
}

/** Validates a parser's candidate; a failure becomes a rejection naming where it was. */
export function accept(out: ParseOutput, where: string, candidate: NormalizedMentionInput, edit = false): void {
  const cleaned = cleanCandidate(candidate);
  const parsed = normalizedMentionSchema.safeParse(cleaned);
  if (parsed.success) out.events.push({ kind: "upsert", mention: parsed.data, ...(edit ? { edit } : {}) });
  else
    out.rejected.push({ where, reason: parsed.error.issues.map((issue) => describeIssue(issue, cleaned)).join("; ") });
}

/** A deletion of a post by its id, cleaned like an upsert's; an id that is empty or too long is rejected. */
export function acceptDeletion(
  out: ParseOutput,
  where: string,
  network: NetworkName,
  externalId: string | null | undefined,
): void {
  const id = cleanText(externalId ?? "");
  if (!id.trim()) out.rejected.push({ where, reason: "external_id: missing (a deletion needs the id of the post)" });
  else if (id.length > 200) out.rejected.push({ where, reason: "external_id: longer than 200 characters" });
  else out.events.push({ kind: "delete", network, externalId: id });
}

// ---- Validation failures in words ------------------------------------------------------------

type Issue = z.core.$ZodIssue;

/** "author.accountId" → "author.account_id", "addressedTo.0" → "addressed_to[0]". */
function fieldName(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "mention";
  return path
    .map((part, i) =>
      typeof part === "number"
        ? `[${part}]`
        : `${i ? "." : ""}${String(part).replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`,
    )
    .join("");
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const part of path) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[part];
  }
  return value;
}

/** The offending value, short, between guillemets. */
function quoted(value: unknown): string {
  let text: string;
  if (value instanceof Date) text = Number.isNaN(value.getTime()) ? "Invalid Date" : value.toISOString();
  else if (typeof value === "string") text = value;
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return `«${text.length > 80 ? `${text.slice(0, 79)}…` : text}»`;
}

function kindOf(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  if (value instanceof Date) return "a date";
  if (value === null) return "null";
  switch (typeof value) {
    case "string":
      return "text";
    case "number":
      return Number.isInteger(value) ? "a whole number" : "a number";
    case "boolean":
      return "true/false";
    case "object":
      return "an object";
    default:
      return typeof value;
  }
}

const EXPECTED: Record<string, string> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  object: "an object",
  array: "a list",
  date: "a date",
  record: "an object",
};

function describeIssue(issue: Issue, candidate: unknown): string {
  const field = fieldName(issue.path);
  const value = valueAt(candidate, issue.path);
  const missing = value === undefined || value === null || value === "";
  if (issue.path[0] === "createdAt" && issue.path.length === 1) {
    if (missing) return `${field}: missing`;
    return issue.code === "custom"
      ? `${field}: ${issue.message}: ${quoted(value)}`
      : `${field}: not a date: ${quoted(value)}`;
  }
  switch (issue.code) {
    case "invalid_type":
      if (value === undefined || value === null) return `${field}: missing`;
      return `${field}: expected ${EXPECTED[issue.expected] ?? issue.expected}, got ${kindOf(value)} ${quoted(value)}`;
    case "invalid_union":
      return missing ? `${field}: missing` : `${field}: not an id (text or a whole number): ${quoted(value)}`;
    case "too_big":
      if (issue.origin === "string") return `${field}: longer than ${issue.maximum} characters`;
      if (issue.origin === "array") return `${field}: more than ${issue.maximum} items`;
      return `${field}: more than ${issue.maximum}: ${quoted(value)}`;
    case "too_small":
      if (issue.origin === "string")
        return Number(issue.minimum) <= 1 ? `${field}: empty` : `${field}: shorter than ${issue.minimum} characters`;
      if (issue.origin === "array") return `${field}: fewer than ${issue.minimum} items`;
      return Number(issue.minimum) === 0
        ? `${field}: negative: ${quoted(value)}`
        : `${field}: less than ${issue.minimum}: ${quoted(value)}`;
    case "invalid_value":
      return `${field}: not one of ${issue.values.map(String).join(", ")}: ${quoted(value)}`;
    case "unrecognized_keys":
      return `${field}: unexpected fields ${issue.keys.join(", ")}`;
    default:
      return `${field}: ${issue.message}`;
  }
}
