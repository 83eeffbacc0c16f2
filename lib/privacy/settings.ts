// The workspace's privacy settings (Workspace.settings.privacy) and the retention job's
// vocabulary: what each retention kind is called and what a run reports. Pure, so the admin
// page's client components, the actions and the job share one definition (docs/privacy/retention.md).
import { z } from "zod";

/** Days are whole and at most a century; null keeps forever (the default of every kind). */
const MAX_DAYS = 36_500;
/**
 * Audit rows are kept at least this long, whatever the setting: an admin who shortens it (or
 * runs retention) stays visible in the audit log for a month.
 */
export const MIN_AUDIT_DAYS = 30;

const days = (min: number) => z.number().int().min(min).max(MAX_DAYS).nullable();

export const retentionSettingsSchema = z.object({
  /** Mentions no case message references, by postedAt: anonymised. */
  unmatchedMentionsDays: days(1).default(null),
  /** Solved and closed cases without activity: their words emptied, the case rows kept. */
  closedCasesDays: days(1).default(null),
  /** Raw payloads of mentions, by postedAt: removed, the normalised fields kept. */
  rawPayloadDays: days(1).default(null),
  /** Contacts (and social profiles left without posts or cases) with no activity: deleted. */
  inactiveContactsDays: days(1).default(null),
  /** Audit rows, by createdAt: deleted. */
  auditDays: days(MIN_AUDIT_DAYS).default(null),
});
export type RetentionSettings = z.output<typeof retentionSettingsSchema>;
export type RetentionSetting = keyof RetentionSettings;

export const AFTER_ERASURE = ["drop", "anonymise"] as const;
export type AfterErasure = (typeof AFTER_ERASURE)[number];

export const privacySettingsSchema = z.object({
  retention: retentionSettingsSchema.default(() => retentionSettingsSchema.parse({})),
  /** Later posts from an erased identity (matched by its tombstone): dropped, or stored anonymised. */
  afterErasure: z.enum(AFTER_ERASURE).default("drop"),
  /** When a post is edited, erase its earlier versions instead of keeping them in previousTexts. */
  eraseEditHistory: z.boolean().default(false),
});
export type PrivacySettings = z.output<typeof privacySettingsSchema>;

export const DEFAULT_PRIVACY_SETTINGS: PrivacySettings = Object.freeze({
  retention: Object.freeze({
    unmatchedMentionsDays: null,
    closedCasesDays: null,
    rawPayloadDays: null,
    inactiveContactsDays: null,
    auditDays: null,
  }),
  afterErasure: "drop",
  eraseEditHistory: false,
}) as PrivacySettings;

/**
 * The privacy settings held in a workspace's settings JSON. Lenient per field: a stored value
 * that no longer validates (an older format, a hand edit) falls back to its default alone,
 * never to "keep forever" for every kind at once.
 */
export function parsePrivacySettings(workspaceSettings: unknown): PrivacySettings {
  const raw = objectAt(workspaceSettings, "privacy");
  const retention = objectAt(raw, "retention");
  const out = {
    retention: { ...DEFAULT_PRIVACY_SETTINGS.retention },
    afterErasure: DEFAULT_PRIVACY_SETTINGS.afterErasure,
    eraseEditHistory: DEFAULT_PRIVACY_SETTINGS.eraseEditHistory,
  };
  for (const key of RETENTION_SETTINGS) {
    const parsed = retentionSettingsSchema.shape[key].safeParse(retention[key]);
    if (parsed.success) out.retention[key] = parsed.data;
  }
  const after = privacySettingsSchema.shape.afterErasure.safeParse(raw.afterErasure);
  if (after.success) out.afterErasure = after.data;
  const history = privacySettingsSchema.shape.eraseEditHistory.safeParse(raw.eraseEditHistory);
  if (history.success) out.eraseEditHistory = history.data;
  return out;
}

function objectAt(value: unknown, key: string): Record<string, unknown> {
  const inner = value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
  return inner && typeof inner === "object" && !Array.isArray(inner) ? (inner as Record<string, unknown>) : {};
}

export const RETENTION_SETTINGS = [
  "unmatchedMentionsDays",
  "closedCasesDays",
  "rawPayloadDays",
  "inactiveContactsDays",
  "auditDays",
] as const satisfies readonly RetentionSetting[];

/** What the admin page's form sends: flat, so each field's error is reported beside its input. */
export const privacySettingsInputSchema = retentionSettingsSchema.extend({
  afterErasure: z.enum(AFTER_ERASURE),
  eraseEditHistory: z.boolean(),
});
export type PrivacySettingsInput = z.input<typeof privacySettingsInputSchema>;

export function settingsFromInput(input: z.output<typeof privacySettingsInputSchema>): PrivacySettings {
  const { afterErasure, eraseEditHistory, ...retention } = input;
  return { retention: retentionSettingsSchema.parse(retention), afterErasure, eraseEditHistory };
}

export const runRetentionInputSchema = z.object({ dryRun: z.boolean() });

// ————— what a retention run does and reports —————

/** The kinds in the order a run handles them (a later kind's count assumes the earlier ones ran). */
export const RETENTION_KINDS = [
  "closedCases",
  "unmatchedMentions",
  "rawPayloads",
  "learnedExamples",
  "inactiveContacts",
  "inactiveProfiles",
  "auditRows",
] as const;
export type RetentionKind = (typeof RETENTION_KINDS)[number];

/** The setting that governs each kind. */
export const KIND_SETTING: Record<RetentionKind, RetentionSetting | readonly RetentionSetting[]> = {
  closedCases: "closedCasesDays",
  unmatchedMentions: "unmatchedMentionsDays",
  rawPayloads: "rawPayloadDays",
  learnedExamples: ["unmatchedMentionsDays", "closedCasesDays"],
  inactiveContacts: "inactiveContactsDays",
  inactiveProfiles: "inactiveContactsDays",
  auditRows: "auditDays",
};

export const KIND_LABELS: Record<RetentionKind, string> = {
  closedCases: "Closed cases anonymised (with their messages and mentions)",
  unmatchedMentions: "Mentions outside cases anonymised",
  rawPayloads: "Raw payloads removed",
  learnedExamples: "Sentiment examples from those posts removed",
  inactiveContacts: "Inactive contacts deleted",
  inactiveProfiles: "Social profiles left without posts or cases deleted",
  auditRows: "Audit rows deleted",
};

export interface KindReport {
  /** Rows the run's plan counted (what a dry run shows). */
  matched: number;
  /** Rows changed or deleted (0 in a dry run). */
  done: number;
  /** Transactions it took; each held its row locks only for its own duration. */
  batches: number;
  longestBatchMs: number;
}

export interface RetentionReport {
  workspaceId: string;
  /** The retention clock (ISO): every cutoff is this minus the setting's days. */
  now: string;
  dryRun: boolean;
  /** False when the run stopped at its time budget (or its lease) with work left for the next one. */
  complete: boolean;
  retention: RetentionSettings;
  kinds: Record<RetentionKind, KindReport>;
  /** Rows changed along with the kinds above: a closed case's messages and mentions, merged contacts, empty rollup rows. */
  alongside: {
    caseMessages: number;
    caseMentions: number;
    mergedContacts: number;
    emptyRollupRows: number;
    modelRetrainedFrom: number | null;
  };
  durationMs: number;
  longestBatchMs: number;
}

/** The latest run, as the admin page shows it (from its audit row). */
export interface RetentionRunSummary {
  /** When it ran (ISO). */
  at: string;
  /** Who started it; null for the scheduled job and the CLI. */
  actor: string | null;
  trigger: string;
  report: RetentionReport;
}

/** Whether any retention period is set (a workspace without one is skipped by the scheduled job). */
export function retentionConfigured(retention: RetentionSettings): boolean {
  return RETENTION_SETTINGS.some((key) => retention[key] !== null);
}
