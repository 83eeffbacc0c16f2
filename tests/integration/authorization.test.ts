// Every server action and every route handler, checked for: signed out refused, a role below
// its level refused, and another workspace's objects not found. New actions and routes fail
// this test until they are added to the tables below.
import { describe, expect, it, beforeAll } from "vitest";
import { runAsSession } from "@/lib/auth/session";
import { roleAtLeast, ROLES, type RoleName } from "@/lib/auth/roles";
import type { ActionResult } from "@/lib/actions/result";
import { db } from "@/lib/db/client";
import { mergeContacts } from "@/lib/contacts/merge";
import { sealFields, sealText } from "@/lib/secrets/store";
import { createMember, createTestWorkspace, uniqueSuffix, type TestWorkspace } from "../support/factory";

type AnyAction = (input: unknown) => Promise<ActionResult<unknown>>;

const actionModules = import.meta.glob<Record<string, AnyAction>>("../../lib/**/*actions.ts", { eager: true });
const routeModules = import.meta.glob<Record<string, unknown>>("../../app/api/**/route.ts", { eager: true });

interface ActionCase {
  role: RoleName;
  /** Valid input for the acting workspace `ws`. */
  input: (ws: Tenant) => unknown;
  /** Input naming an object of `other` workspace, or null when the action takes no object id. */
  foreignInput: ((other: Tenant) => unknown) | null;
}

const caseAction = (which: keyof Tenant["cases"], extra: (w: Tenant) => object) => ({
  role: "AGENT" as const,
  input: (w: Tenant) => ({ caseId: w.cases[which], ...extra(w) }),
  foreignInput: (o: Tenant) => ({ caseId: o.cases[which], ...extra(o) }),
});

const ACTIONS: Record<string, ActionCase> = {
  "routing/actions.ts#createRoutingRuleAction": {
    role: "ADMIN",
    input: (w) => ({
      name: "authz",
      conditions: { brandIds: [w.brandId] },
      actions: { createCase: true, queueId: w.routing.queues[0] },
    }),
    foreignInput: (o) => ({ name: "authz", conditions: { brandIds: [o.brandId] }, actions: { createCase: true } }),
  },
  "routing/actions.ts#updateRoutingRuleAction": {
    role: "ADMIN",
    input: (w) => ({
      ruleId: w.routing.rules[0],
      name: "renamed",
      active: true,
      conditions: {},
      actions: { createCase: false },
    }),
    foreignInput: (o) => ({
      ruleId: o.routing.rules[0],
      name: "renamed",
      active: true,
      conditions: {},
      actions: { createCase: false },
    }),
  },
  "routing/actions.ts#deleteRoutingRuleAction": {
    role: "ADMIN",
    input: (w) => ({ ruleId: w.routing.rules[1] }),
    foreignInput: (o) => ({ ruleId: o.routing.rules[1] }),
  },
  "routing/actions.ts#moveRoutingRuleAction": {
    role: "ADMIN",
    input: (w) => ({ ruleId: w.routing.rules[2], direction: "up" }),
    foreignInput: (o) => ({ ruleId: o.routing.rules[2], direction: "up" }),
  },
  "routing/actions.ts#createQueueAction": {
    role: "ADMIN",
    input: () => ({ name: `Queue ${uniqueSuffix()}` }),
    foreignInput: null,
  },
  "routing/actions.ts#renameQueueAction": {
    role: "ADMIN",
    input: (w) => ({ queueId: w.routing.queues[0], name: `Renamed ${uniqueSuffix()}` }),
    foreignInput: (o) => ({ queueId: o.routing.queues[0], name: "x" }),
  },
  "routing/actions.ts#deleteQueueAction": {
    role: "ADMIN",
    input: (w) => ({ queueId: w.routing.queues[1] }),
    foreignInput: (o) => ({ queueId: o.routing.queues[1] }),
  },
  "routing/actions.ts#saveSlaPolicyAction": {
    role: "ADMIN",
    input: (w) => ({
      policyId: w.routing.policy,
      name: "Standard",
      targets: { NORMAL: { firstResponse: 60 } },
      businessHours: { timeZone: "Europe/Lisbon", weekly: { mon: [["09:00", "17:00"]] }, holidays: [] },
    }),
    foreignInput: (o) => ({ policyId: o.routing.policy, name: "Standard", targets: {}, businessHours: null }),
  },
  "routing/actions.ts#saveRoutingSettingsAction": {
    role: "ADMIN",
    input: (w) => ({ joinWindowHours: 48, reopenWindowHours: 24, defaultSlaPolicyId: w.routing.policy }),
    foreignInput: (o) => ({ joinWindowHours: 48, reopenWindowHours: 24, defaultSlaPolicyId: o.routing.policy }),
  },
  "cases/actions.ts#assignCaseAction": caseAction("assign", (w) => ({ version: 0, assigneeId: w.agent.userId })),
  "cases/actions.ts#setCaseStatusAction": caseAction("status", () => ({ version: 0, status: "PENDING" })),
  "cases/actions.ts#updateCaseFieldsAction": caseAction("fields", () => ({
    version: 0,
    priority: "HIGH",
    tags: ["authz"],
  })),
  "cases/actions.ts#addCaseNoteAction": caseAction("note", () => ({ body: "note" })),
  "cases/actions.ts#replyToCaseAction": caseAction("reply", () => ({ version: 0, body: "Hello" })),
  "cases/actions.ts#mergeCasesAction": {
    role: "AGENT",
    input: (w) => ({ sourceId: w.cases.merge, targetNumber: 9001 }),
    foreignInput: (o) => ({ sourceId: o.cases.merge, targetNumber: 9001 }),
  },
  "cases/actions.ts#moveMessageAction": {
    role: "AGENT",
    input: (w) => ({ messageId: w.messages.move, targetNumber: 9001 }),
    foreignInput: (o) => ({ messageId: o.messages.move, targetNumber: 9001 }),
  },
  "cases/actions.ts#splitCaseAction": {
    role: "AGENT",
    input: (w) => ({ caseId: w.cases.split, messageIds: [w.messages.split] }),
    foreignInput: (o) => ({ caseId: o.cases.split, messageIds: [o.messages.split] }),
  },
  "cases/actions.ts#casePresenceAction": caseAction("note", () => ({ state: "viewing" })),
  "cases/actions.ts#bulkUpdateCasesAction": {
    role: "AGENT",
    input: (w) => ({ caseIds: [w.cases.bulk], status: "PENDING" }),
    foreignInput: (o) => ({ caseIds: [o.cases.bulk], status: "PENDING" }),
  },
  "contacts/actions.ts#createContactAction": {
    role: "AGENT",
    input: () => ({ name: "Authz Person" }),
    foreignInput: null,
  },
  "contacts/actions.ts#updateContactAction": {
    role: "AGENT",
    input: (w) => ({ contactId: w.contacts.edit, version: 0, base: {}, fields: { name: "Edited" } }),
    foreignInput: (o) => ({ contactId: o.contacts.edit, version: 0, base: {}, fields: { name: "Edited" } }),
  },
  "contacts/actions.ts#addContactNoteAction": {
    role: "AGENT",
    input: (w) => ({ contactId: w.contacts.edit, body: "note" }),
    foreignInput: (o) => ({ contactId: o.contacts.edit, body: "note" }),
  },
  "contacts/actions.ts#linkIdentityAction": {
    role: "AGENT",
    input: (w) => ({ identityId: w.identities.toLink, contactId: w.contacts.edit, expectedContactId: null }),
    foreignInput: (o) => ({ identityId: o.identities.toLink, contactId: o.contacts.edit, expectedContactId: null }),
  },
  "contacts/actions.ts#unlinkIdentityAction": {
    role: "AGENT",
    input: (w) => ({ identityId: w.identities.linked, expectedContactId: w.contacts.edit }),
    foreignInput: (o) => ({ identityId: o.identities.linked, expectedContactId: o.contacts.edit }),
  },
  "contacts/actions.ts#createContactFromIdentityAction": {
    role: "AGENT",
    input: (w) => ({ identityId: w.identities.toCreate }),
    foreignInput: (o) => ({ identityId: o.identities.toCreate }),
  },
  "contacts/actions.ts#acceptSuggestionAction": {
    role: "AGENT",
    input: (w) => ({ suggestionId: w.suggestions.accept }),
    foreignInput: (o) => ({ suggestionId: o.suggestions.accept }),
  },
  "contacts/actions.ts#rejectSuggestionAction": {
    role: "AGENT",
    input: (w) => ({ suggestionId: w.suggestions.reject }),
    foreignInput: (o) => ({ suggestionId: o.suggestions.reject }),
  },
  "contacts/actions.ts#mergeContactsAction": {
    role: "AGENT",
    input: (w) => ({
      survivorId: w.contacts.survivor,
      mergedId: w.contacts.merged,
      survivorVersion: 0,
      mergedVersion: 0,
    }),
    foreignInput: (o) => ({
      survivorId: o.contacts.survivor,
      mergedId: o.contacts.merged,
      survivorVersion: 0,
      mergedVersion: 0,
    }),
  },
  "contacts/actions.ts#undoMergeAction": {
    role: "AGENT",
    input: (w) => ({ mergeId: w.mergeId }),
    foreignInput: (o) => ({ mergeId: o.mergeId }),
  },
  "contacts/actions.ts#searchContactsAction": { role: "AGENT", input: () => ({ query: "authz" }), foreignInput: null },
  "contacts/actions.ts#importContactsAction": {
    role: "MANAGER",
    input: () => ({ rows: [{ line: 2, record: { Name: "Imported" } }], mapping: { Name: "name" }, dryRun: true }),
    foreignInput: null,
  },
  "contacts/actions.ts#setContactSettingsAction": {
    role: "ADMIN",
    input: () => ({ autoCreate: false }),
    foreignInput: null,
  },
  "enrich/learn/actions.ts#correctSentimentAction": {
    role: "AGENT",
    input: (w) => ({ mentionId: w.mentionId, label: "NEGATIVE" }),
    foreignInput: (o) => ({ mentionId: o.mentionId, label: "POSITIVE" }),
  },
  "enrich/learn/actions.ts#resetSentimentModelAction": {
    role: "ADMIN",
    input: () => ({ confirm: true }),
    foreignInput: null,
  },
  "enrich/learn/actions.ts#rescoreMentionsAction": {
    role: "ADMIN",
    input: () => ({ cursor: null }),
    foreignInput: null,
  },
  "enrich/learn/actions.ts#importLabelsAction": {
    role: "ADMIN",
    input: () => ({ rows: [{ line: 2, text: "great crew", label: "positive" }] }),
    foreignInput: null,
  },
  "ingest/actions.ts#ingestUploadAction": {
    role: "ADMIN",
    input: () => ({
      format: "jsonl",
      content: JSON.stringify({
        network: "x",
        externalId: uniqueSuffix(),
        createdAt: "2026-11-01T00:00:00Z",
        text: "delta",
      }),
    }),
    foreignInput: null,
  },
  "api-keys/actions.ts#createApiKeyAction": { role: "ADMIN", input: () => ({ name: "authz" }), foreignInput: null },
  "api-keys/actions.ts#revokeApiKeyAction": {
    role: "ADMIN",
    input: (w) => ({ keyId: w.keyId }),
    foreignInput: (o) => ({ keyId: o.keyId }),
  },
  "sources/actions.ts#createSourceAction": {
    role: "ADMIN",
    input: (w) => ({ network: "rss", name: "Feed", url: "https://blog.example.com/feed.xml", brandId: w.brandId }),
    foreignInput: (o) => ({
      network: "rss",
      name: "Feed",
      url: "https://blog.example.com/feed.xml",
      brandId: o.brandId,
    }),
  },
  "sources/actions.ts#setSourceEnabledAction": {
    role: "ADMIN",
    input: (w) => ({ sourceId: w.sourceId, enabled: true }),
    foreignInput: (o) => ({ sourceId: o.sourceId, enabled: false }),
  },
  "listening/actions.ts#createRuleAction": {
    role: "ADMIN",
    input: (w) => ({ brandId: w.brandId, name: "authz", query: "delta" }),
    foreignInput: (o) => ({ brandId: o.brandId, name: "authz", query: "delta" }),
  },
  "listening/actions.ts#updateRuleAction": {
    role: "ADMIN",
    input: (w) => ({ ruleId: w.ruleId, name: "renamed", query: "delta OR united" }),
    foreignInput: (o) => ({ ruleId: o.ruleId, name: "x", query: "x" }),
  },
  "listening/actions.ts#setRuleActiveAction": {
    role: "ADMIN",
    input: (w) => ({ ruleId: w.ruleId, active: true }),
    foreignInput: (o) => ({ ruleId: o.ruleId, active: false }),
  },
  "listening/actions.ts#deleteRuleAction": {
    role: "ADMIN",
    input: (w) => ({ ruleId: w.spareRuleIds.pop()! }),
    foreignInput: (o) => ({ ruleId: o.ruleId }),
  },
  "listening/actions.ts#previewRuleAction": {
    role: "ADMIN",
    input: () => ({ query: "delta" }),
    foreignInput: null,
  },
  "users/actions.ts#createMemberAction": {
    role: "ADMIN",
    input: () => ({
      email: `authz-${uniqueSuffix()}@test.earshot.dev`,
      name: "Authz",
      role: "AGENT",
      password: "long enough pw",
    }),
    foreignInput: null,
  },
  "users/actions.ts#changeMemberRoleAction": {
    role: "ADMIN",
    // A spare member: promoting the tenant's agent would spoil the role checks that follow.
    input: (ws) => ({ membershipId: ws.spareMembershipId, role: "MANAGER" }),
    foreignInput: (other) => ({ membershipId: other.spareMembershipId, role: "MANAGER" }),
  },
  "outbox/account-actions.ts#saveAccountAction": {
    role: "ADMIN",
    input: (w) => ({
      brandId: w.brandId,
      network: "bluesky",
      settings: { handle: "brand.bsky.social" },
      secrets: { appPassword: "app-pass-1234" },
    }),
    foreignInput: (o) => ({
      brandId: o.brandId,
      network: "bluesky",
      settings: { handle: "brand.bsky.social" },
      secrets: { appPassword: "app-pass-1234" },
    }),
  },
  // The allowed run asks an unreachable local port: it fails at once, as an answer, not an error.
  "outbox/account-actions.ts#testAccountAction": {
    role: "ADMIN",
    input: (w) => ({ accountId: w.outbox.accountId }),
    foreignInput: (o) => ({ accountId: o.outbox.accountId }),
  },
  "outbox/account-actions.ts#deleteAccountAction": {
    role: "ADMIN",
    input: (w) => ({ accountId: w.outbox.spareAccountId }),
    foreignInput: (o) => ({ accountId: o.outbox.spareAccountId }),
  },
  "outbox/approval-actions.ts#approveReplyAction": {
    role: "MANAGER",
    input: (w) => ({ outboxId: w.outbox.toApprove }),
    foreignInput: (o) => ({ outboxId: o.outbox.toApprove }),
  },
  "outbox/approval-actions.ts#rejectReplyAction": {
    role: "MANAGER",
    input: (w) => ({ outboxId: w.outbox.toReject, note: "Tone it down" }),
    foreignInput: (o) => ({ outboxId: o.outbox.toReject, note: "x" }),
  },
  "outbox/approval-actions.ts#createApprovalRuleAction": {
    role: "ADMIN",
    input: (w) => ({ name: `authz ${uniqueSuffix()}`, conditions: { brandIds: [w.brandId] } }),
    foreignInput: (o) => ({ name: `authz ${uniqueSuffix()}`, conditions: { brandIds: [o.brandId] } }),
  },
  "outbox/approval-actions.ts#updateApprovalRuleAction": {
    role: "ADMIN",
    input: (w) => ({ ruleId: w.outbox.approvalRuleId, name: "Renamed rule", enabled: false, conditions: {} }),
    foreignInput: (o) => ({ ruleId: o.outbox.approvalRuleId, name: "x", enabled: false, conditions: {} }),
  },
  "outbox/approval-actions.ts#deleteApprovalRuleAction": {
    role: "ADMIN",
    input: (w) => ({ ruleId: w.outbox.spareApprovalRuleId }),
    foreignInput: (o) => ({ ruleId: o.outbox.spareApprovalRuleId }),
  },
  "outbox/approval-actions.ts#setApprovalExpiryAction": {
    role: "ADMIN",
    input: () => ({ hours: 12 }),
    foreignInput: null,
  },
  "outbox/reply-actions.ts#retryReplyAction": {
    role: "AGENT",
    input: (w) => ({ outboxId: w.outbox.toRetry }),
    foreignInput: (o) => ({ outboxId: o.outbox.toRetry }),
  },
  "outbox/reply-actions.ts#editAndResendReplyAction": {
    role: "AGENT",
    input: (w) => ({ outboxId: w.outbox.toResend, body: "Better words" }),
    foreignInput: (o) => ({ outboxId: o.outbox.toResend, body: "x" }),
  },
  "outbox/reply-actions.ts#cancelReplyAction": {
    role: "AGENT",
    input: (w) => ({ outboxId: w.outbox.toCancel }),
    foreignInput: (o) => ({ outboxId: o.outbox.toCancel }),
  },
  "webhooks/actions.ts#createWebhookAction": {
    role: "ADMIN",
    input: () => ({ url: "https://hooks.example.com/earshot", events: ["case.created"] }),
    foreignInput: null,
  },
  "webhooks/actions.ts#updateWebhookAction": {
    role: "ADMIN",
    input: (w) => ({ endpointId: w.outbox.endpointId, enabled: true }),
    foreignInput: (o) => ({ endpointId: o.outbox.endpointId, enabled: false }),
  },
  "webhooks/actions.ts#rotateWebhookSecretAction": {
    role: "ADMIN",
    input: (w) => ({ endpointId: w.outbox.endpointId }),
    foreignInput: (o) => ({ endpointId: o.outbox.endpointId }),
  },
  "webhooks/actions.ts#deleteWebhookAction": {
    role: "ADMIN",
    input: (w) => ({ endpointId: w.outbox.spareEndpointId }),
    foreignInput: (o) => ({ endpointId: o.outbox.spareEndpointId }),
  },
  "webhooks/actions.ts#testWebhookAction": {
    role: "ADMIN",
    input: (w) => ({ endpointId: w.outbox.endpointId }),
    foreignInput: (o) => ({ endpointId: o.outbox.endpointId }),
  },
  "webhooks/actions.ts#redeliverWebhookAction": {
    role: "ADMIN",
    input: (w) => ({ deliveryId: w.outbox.deliveryId }),
    foreignInput: (o) => ({ deliveryId: o.outbox.deliveryId }),
  },
  "brands/actions.ts#createBrandAction": {
    role: "ADMIN",
    input: () => ({ name: `Brand ${uniqueSuffix()}` }),
    foreignInput: null,
  },
  "brands/actions.ts#updateBrandAction": {
    role: "ADMIN",
    input: (w) => ({ brandId: w.privacy.spareBrandId, isCompetitor: true }),
    foreignInput: (o) => ({ brandId: o.privacy.spareBrandId, isCompetitor: true }),
  },
  "brands/actions.ts#setBrandHandlesAction": {
    role: "ADMIN",
    input: (w) => ({ brandId: w.privacy.spareBrandId, handles: { x: ["deltaassist"] } }),
    foreignInput: (o) => ({ brandId: o.privacy.spareBrandId, handles: { x: ["deltaassist"] } }),
  },
  "brands/actions.ts#deleteBrandAction": {
    role: "ADMIN",
    input: (w) => ({ brandId: w.privacy.spareBrandId, confirmName: "Spare brand" }),
    foreignInput: (o) => ({ brandId: o.privacy.spareBrandId, confirmName: "Spare brand" }),
  },
  "privacy/erase-actions.ts#eraseSubjectAction": {
    role: "ADMIN",
    input: (w) => ({ contactId: w.privacy.toErase, confirmName: "Erin Erase" }),
    foreignInput: (o) => ({ contactId: o.privacy.toErase, confirmName: "Erin Erase" }),
  },
  "privacy/flag-actions.ts#setPrivacyFlagAction": {
    role: "MANAGER",
    input: (w) => ({ contactId: w.contacts.survivor, flag: "doNotProfile", on: true, reason: "Asked by e-mail" }),
    foreignInput: (o) => ({ contactId: o.contacts.survivor, flag: "doNotProfile", on: true, reason: "x" }),
  },
  "privacy/retention-actions.ts#savePrivacySettingsAction": {
    role: "ADMIN",
    input: () => ({
      unmatchedMentionsDays: null,
      closedCasesDays: null,
      rawPayloadDays: 30,
      inactiveContactsDays: null,
      auditDays: null,
      afterErasure: "drop",
      eraseEditHistory: false,
    }),
    foreignInput: null,
  },
  "privacy/retention-actions.ts#runRetentionAction": {
    role: "ADMIN",
    input: () => ({ dryRun: true }),
    foreignInput: null,
  },
  "users/actions.ts#setMemberActiveAction": {
    role: "ADMIN",
    input: (ws) => ({ membershipId: ws.manager.membershipId, active: true }),
    foreignInput: (other) => ({ membershipId: other.manager.membershipId, active: false }),
  },
};

// Route handlers: path -> method -> minimum role. Public routes are listed with null; routes
// authenticated by API key or webhook signature have their own tests (ingest-http.test.ts).
const ROUTES: Record<string, Record<string, RoleName | null | "apiKey" | "signature">> = {
  "api/v1/ingest/[format]/route.ts": { POST: "apiKey" },
  "api/v1/webhooks/[network]/[sourceId]/route.ts": { GET: "signature", POST: "signature" },
  "api/v1/cases/[number]/route.ts": { GET: "apiKey" },
  "api/privacy/export/route.ts": { GET: "MANAGER" },
  "api/admin/audit/export/route.ts": { GET: "ADMIN" },
  "api/v1/cases/[number]/replies/route.ts": { POST: "apiKey" },
  "api/auth/[...nextauth]/route.ts": { GET: null, POST: null },
  "api/health/route.ts": { GET: null },
  "api/inbox/summary/route.ts": { GET: "AGENT" },
  "api/contacts/export/route.ts": { GET: "MANAGER" },
  "api/dashboard/export/route.ts": { GET: "AGENT" },
  "api/inbox/version/route.ts": { GET: "AGENT" },
  "api/cases/[id]/version/route.ts": { GET: "AGENT" },
  "api/cases/[id]/presence/route.ts": { GET: "AGENT" },
};

const allActions = Object.entries(actionModules).flatMap(([file, mod]) =>
  Object.entries(mod).map(([name, fn]) => [`${file.replace("../../lib/", "")}#${name}`, fn as AnyAction] as const),
);
const allRoutes = Object.entries(routeModules).flatMap(([file, mod]) =>
  Object.keys(mod)
    .filter((k) => /^(GET|POST|PUT|PATCH|DELETE)$/.test(k))
    .map((method) => [file.replace("../../app/", ""), method, mod[method]] as const),
);

type Tenant = TestWorkspace & {
  brandId: string;
  ruleId: string;
  spareRuleIds: string[];
  keyId: string;
  sourceId: string;
  mentionId: string;
  contacts: { edit: string; suggested: string; survivor: string; merged: string };
  identities: { toLink: string; linked: string; toCreate: string };
  suggestions: { accept: string; reject: string };
  mergeId: string;
  spareMembershipId: string;
  cases: {
    assign: string;
    status: string;
    fields: string;
    note: string;
    reply: string;
    bulk: string;
    merge: string;
    split: string;
    moveFrom: string;
  };
  messages: { move: string; split: string };
  routing: { rules: string[]; queues: string[]; policy: string };
  privacy: { spareBrandId: string; toErase: string };
  outbox: {
    accountId: string;
    spareAccountId: string;
    approvalRuleId: string;
    spareApprovalRuleId: string;
    toApprove: string;
    toReject: string;
    toRetry: string;
    toResend: string;
    toCancel: string;
    endpointId: string;
    spareEndpointId: string;
    deliveryId: string;
  };
};

/** Route parameters naming an object of the tenant (for routes under a dynamic segment). */
const ROUTE_PARAMS: Record<string, (w: Tenant) => object> = {
  "api/cases/[id]/version/route.ts": (w) => ({ id: w.cases.assign }),
  "api/cases/[id]/presence/route.ts": (w) => ({ id: w.cases.assign }),
};
/** Query strings for routes that need one to succeed. */
const ROUTE_QUERY: Record<string, (w: Tenant) => string> = {
  "api/dashboard/export/route.ts": () => "?table=service",
  "api/privacy/export/route.ts": (w) => `?contact=${w.contacts.edit}&format=json`,
};
let ws: Tenant;
let other: Tenant;

async function tenant(): Promise<Tenant> {
  const base = await createTestWorkspace();
  const brand = await db().brand.create({ data: { workspaceId: base.id, name: "Delta" } });
  const rules = await Promise.all(
    Array.from({ length: 6 }, (_, i) =>
      db().keywordRule.create({ data: { workspaceId: base.id, brandId: brand.id, name: `r${i}`, query: "delta" } }),
    ),
  );
  const key = await db().apiKey.create({
    data: { workspaceId: base.id, name: "k", prefix: "00000000", hashedKey: `h-${uniqueSuffix()}` },
  });
  const source = await db().source.create({ data: { workspaceId: base.id, network: "rss", name: "feed" } });
  const mention = await db().mention.create({
    data: {
      workspaceId: base.id,
      network: "x",
      externalId: uniqueSuffix(),
      text: "delta lost my bag",
      postedAt: new Date(),
    },
  });
  const contact = (name: string) => db().contact.create({ data: { workspaceId: base.id, name } });
  const [edit, suggested, survivor, merged, undoA, undoB] = await Promise.all(
    ["Edit Me", "Sue Suggested", "Sam Survivor", "Sam Merged", "Una Undo", "Una Undone"].map(contact),
  );
  const identity = (handle: string, contactId: string | null = null) =>
    db().socialIdentity.create({
      data: { workspaceId: base.id, network: "x", accountId: `${handle}-${uniqueSuffix()}`, handle, contactId },
    });
  const [toLink, linked, toCreate, forAccept, forReject] = await Promise.all([
    identity("tolink"),
    identity("linked", edit.id),
    identity("tocreate"),
    identity("acc"),
    identity("rej"),
  ]);
  const suggestion = (identityId: string) =>
    db().linkSuggestion.create({ data: { workspaceId: base.id, identityId, contactId: suggested.id, score: 0.5 } });
  const [accept, reject] = await Promise.all([suggestion(forAccept.id), suggestion(forReject.id)]);
  const merge = await mergeContacts(base.id, base.agent.userId, {
    survivorId: undoA.id,
    mergedId: undoB.id,
    survivorVersion: 0,
    mergedVersion: 0,
    choices: {},
  });
  const result = {
    ...base,
    brandId: brand.id,
    ruleId: rules[0].id,
    spareRuleIds: rules.slice(1).map((r) => r.id),
    keyId: key.id,
    sourceId: source.id,
    mentionId: mention.id,
    contacts: { edit: edit.id, suggested: suggested.id, survivor: survivor.id, merged: merged.id },
    identities: { toLink: toLink.id, linked: linked.id, toCreate: toCreate.id },
    suggestions: { accept: accept.id, reject: reject.id },
    mergeId: merge.mergeId,
    spareMembershipId: (await createMember(base.id, "AGENT", "spare")).membershipId,
    cases: Object.fromEntries(
      await Promise.all(
        ["assign", "status", "fields", "note", "reply", "bulk", "merge", "split", "moveFrom"].map(async (k, i) => [
          k,
          (await db().case.create({ data: { workspaceId: base.id, number: 9001 + i, subject: `authz ${k}` } })).id,
        ]),
      ),
    ) as Tenant["cases"],
    messages: {} as Tenant["messages"],
    routing: {
      rules: await Promise.all(
        [1, 2, 3].map(
          async (position) =>
            (await db().routingRule.create({ data: { workspaceId: base.id, name: `r${position}`, position } })).id,
        ),
      ),
      queues: await Promise.all(
        ["Q1", "Q2"].map(async (name) => (await db().queue.create({ data: { workspaceId: base.id, name } })).id),
      ),
      policy: (await db().slaPolicy.create({ data: { workspaceId: base.id, name: "Standard" } })).id,
    },
  };
  const message = (caseId: string) =>
    db().caseMessage.create({ data: { workspaceId: base.id, caseId, kind: "INBOUND", body: "hello" } });
  result.messages = { move: (await message(result.cases.moveFrom)).id, split: (await message(result.cases.split)).id };
  await message(result.cases.split); // a split must leave one behind
  const privacy = {
    spareBrandId: (await db().brand.create({ data: { workspaceId: base.id, name: "Spare brand" } })).id,
    toErase: (await contact("Erin Erase")).id,
  };
  return { ...result, privacy, outbox: await outboxFixtures(base, brand.id, result.cases.reply) };
}

/** Accounts, approval rules, replies in each outbox state and webhook endpoints, for the outbox's actions. */
async function outboxFixtures(base: TestWorkspace, brandId: string, caseId: string): Promise<Tenant["outbox"]> {
  const workspaceId = base.id;
  const account = (network: "mastodon" | "x") =>
    db().connectedAccount.create({
      data: {
        workspaceId,
        brandId,
        network,
        label: network,
        settings: { instanceUrl: "http://localhost:1", clientId: "c" },
        secrets: sealFields({ accessToken: "t", refreshToken: "r" }),
      },
    });
  const [main, spare] = [await account("mastodon"), await account("x")];
  const rule = (name: string) => db().approvalRule.create({ data: { workspaceId, name, enabled: false } });
  const [approvalRule, spareRule] = [await rule("Big audience"), await rule("Spare")];
  // Replies written by the tenant's agent, so its manager may decide on them.
  const reply = async (state: string) => {
    const message = await db().caseMessage.create({
      data: {
        workspaceId,
        caseId,
        kind: "OUTBOUND",
        body: "On it",
        deliveryStatus: state,
        authorUserId: base.agent.userId,
      },
    });
    const item = await db().outboxItem.create({
      data: {
        workspaceId,
        kind: "reply",
        state,
        caseMessageId: message.id,
        accountId: main.id,
        network: "mastodon",
        idempotencyKey: `authz-${uniqueSuffix()}`,
        createdById: base.agent.userId,
        approvalRuleId: state === "pending_approval" ? approvalRule.id : null,
        approvalExpiresAt: state === "pending_approval" ? new Date(Date.now() + 3_600_000) : null,
      },
    });
    return item.id;
  };
  const endpoint = (url: string) =>
    db().webhookEndpoint.create({
      data: { workspaceId, url, events: ["case.created"], secret: sealText("whsec_test"), secretHint: "•••• test" },
    });
  const [hook, spareHook] = [
    await endpoint("https://hooks.example.com/a"),
    await endpoint("https://hooks.example.com/b"),
  ];
  const deliveryId = `whd_${uniqueSuffix()}`;
  await db().outboxItem.create({
    data: {
      id: deliveryId,
      workspaceId,
      kind: "webhook",
      state: "failed",
      endpointId: hook.id,
      idempotencyKey: deliveryId,
    },
  });
  return {
    accountId: main.id,
    spareAccountId: spare.id,
    approvalRuleId: approvalRule.id,
    spareApprovalRuleId: spareRule.id,
    toApprove: await reply("pending_approval"),
    toReject: await reply("pending_approval"),
    toRetry: await reply("failed"),
    toResend: await reply("failed"),
    toCancel: await reply("queued"),
    endpointId: hook.id,
    spareEndpointId: spareHook.id,
    deliveryId,
  };
}

beforeAll(async () => {
  ws = await tenant();
  other = await tenant();
});

describe("server actions", () => {
  it("are all listed in the authorization table", () => {
    expect(allActions.map(([id]) => id).sort()).toEqual(Object.keys(ACTIONS).sort());
  });

  for (const [id, action] of allActions) {
    const spec = ACTIONS[id];
    if (!spec) continue;
    it(`${id}: signed out is refused`, async () => {
      const result = await runAsSession(null, () => action(spec.input(ws)));
      expect(result).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    });
    for (const role of ROLES.filter((r) => !roleAtLeast(r, spec.role))) {
      it(`${id}: ${role} is refused`, async () => {
        const result = await runAsSession(ws[role.toLowerCase() as "agent"].claims, () => action(spec.input(ws)));
        expect(result).toMatchObject({ ok: false, code: "FORBIDDEN" });
      });
    }
    it(`${id}: ${spec.role} is allowed`, async () => {
      const actor = ws[spec.role.toLowerCase() as "admin"];
      const result = await runAsSession(actor.claims, () => action(spec.input(ws)));
      expect(result).toMatchObject({ ok: true });
    });
    if (spec.foreignInput) {
      it(`${id}: another workspace's object is not found`, async () => {
        const actor = ws[spec.role.toLowerCase() as "admin"];
        const result = await runAsSession(actor.claims, () => action(spec.foreignInput!(other)));
        expect(result).toMatchObject({ ok: false, code: "NOT_FOUND" });
      });
    }
  }
});

describe("route handlers", () => {
  it("are all listed in the authorization table", () => {
    expect(allRoutes.map(([file, method]) => `${file} ${method}`).sort()).toEqual(
      Object.entries(ROUTES)
        .flatMap(([file, methods]) => Object.keys(methods).map((m) => `${file} ${m}`))
        .sort(),
    );
  });

  for (const [file, method, handler] of allRoutes) {
    const role = ROUTES[file]?.[method];
    if (!role || role === "apiKey" || role === "signature") continue;
    const call = (h: unknown, tenant: Tenant = ws) =>
      (h as (r: Request, c: { params: Promise<object> }) => Promise<Response>)(
        new Request(`http://test.local/${file}${ROUTE_QUERY[file]?.(tenant) ?? ""}`, { method }),
        {
          params: Promise.resolve(ROUTE_PARAMS[file]?.(tenant) ?? {}),
        },
      );
    if (ROUTE_PARAMS[file]) {
      it(`${file} ${method}: another workspace's object is 404`, async () => {
        expect((await runAsSession(ws[role.toLowerCase() as "agent"].claims, () => call(handler, other))).status).toBe(
          404,
        );
      });
    }
    it(`${file} ${method}: signed out gets 401`, async () => {
      expect((await runAsSession(null, () => call(handler))).status).toBe(401);
    });
    for (const below of ROLES.filter((r) => !roleAtLeast(r, role))) {
      it(`${file} ${method}: ${below} gets 403`, async () => {
        expect((await runAsSession(ws[below.toLowerCase() as "agent"].claims, () => call(handler))).status).toBe(403);
      });
    }
    it(`${file} ${method}: ${role} gets 200`, async () => {
      expect((await runAsSession(ws[role.toLowerCase() as "agent"].claims, () => call(handler))).status).toBe(200);
    });
  }
});
