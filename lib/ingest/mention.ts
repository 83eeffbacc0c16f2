// The one normalized mention every format is turned into. Pure (zod only).
import { z } from "zod";

export const NETWORKS = ["x", "mastodon", "bluesky", "reddit", "facebook", "instagram", "youtube", "rss", "webhook"] as const;
export type NetworkName = (typeof NETWORKS)[number];

const idString = z.union([z.string(), z.number().int()]).transform(String).pipe(z.string().min(1).max(200));

export const authorSchema = z.object({
  accountId: idString,
  handle: z.string().max(200),
  displayName: z.string().max(300).nullish(),
  followers: z.number().int().nonnegative().nullish(),
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
  createdAt: z.coerce.date().refine((d) => !Number.isNaN(d.getTime()), "Invalid date"),
  text: z.string().max(100_000),
  title: z.string().max(2000).nullish(),
  lang: z.string().max(16).nullish(),
  author: authorSchema.nullish(),
  /** Conversation or root id, in the network's own id space. */
  threadKey: z.string().max(300).nullish(),
  inReplyToId: z.string().max(300).nullish(),
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

/** Validates a parser's candidate; a failure becomes a rejection naming where it was. */
export function accept(out: ParseOutput, where: string, candidate: NormalizedMentionInput, edit = false): void {
  const parsed = normalizedMentionSchema.safeParse(candidate);
  if (parsed.success) out.events.push({ kind: "upsert", mention: parsed.data, ...(edit ? { edit } : {}) });
  else out.rejected.push({ where, reason: parsed.error.issues.map((i) => `${i.path.join(".") || "mention"}: ${i.message}`).join("; ") });
}
