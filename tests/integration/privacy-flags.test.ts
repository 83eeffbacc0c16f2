// Privacy flags on a contact (issue #18, item 4): do not profile (never a training example, never
// in top-author lists) and restrict processing (new posts stored but not routed or enriched until
// lifted), each change recorded as a privacy request with its reason and audited.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { runAsSession } from "@/lib/auth/session";
import { setPrivacyFlagAction } from "@/lib/privacy/flag-actions";
import { listPrivacyRequests, privacyPanelData, setPrivacyFlag } from "@/lib/privacy/flags";
import { correctSentimentAction } from "@/lib/enrich/learn/actions";
import { learn, trainingExamplesPage } from "@/lib/enrich/learn/store";
import { ingestDocument } from "@/lib/ingest/ingest";
import { topAuthors } from "@/lib/metrics/listening";
import { makePeriod } from "@/lib/metrics/period";
import { createTestWorkspace, type TestWorkspace } from "../support/factory";

let seq = 0;
const post = (account: string, text: string, at = "2026-11-20T10:00:00Z", followers = 100) =>
  JSON.stringify({
    network: "x",
    externalId: `p${++seq}-${account}`,
    createdAt: at,
    text,
    author: { accountId: `acct-${account}`, handle: account, displayName: account, followers },
  });

async function workspace() {
  const ws = await createTestWorkspace();
  const brand = await db().brand.create({ data: { workspaceId: ws.id, name: "Northwind" } });
  await db().keywordRule.create({ data: { workspaceId: ws.id, brandId: brand.id, name: "nw", query: "northwind" } });
  return ws;
}

/** A contact for the author's identity (created by a first post). */
async function contactFor(ws: TestWorkspace, account: string) {
  const identity = await db().socialIdentity.findFirstOrThrow({
    where: { workspaceId: ws.id, accountId: `acct-${account}` },
  });
  const contact = await db().contact.create({ data: { workspaceId: ws.id, name: `Contact ${account}` } });
  await db().socialIdentity.update({ where: { id: identity.id }, data: { contactId: contact.id } });
  return { contact, identity };
}

const setFlag = (
  ws: TestWorkspace,
  contactId: string,
  flag: "doNotProfile" | "restrictProcessing",
  on: boolean,
  reason: string,
) => setPrivacyFlag(ws.id, ws.manager.userId, { contactId, flag, on, reason });

describe("privacy flags: recording", () => {
  it("are set by managers with a reason, as a privacy request and an audit row; agents are refused", async () => {
    const ws = await workspace();
    const contact = await db().contact.create({ data: { workspaceId: ws.id, name: "Pat" } });
    const input = { contactId: contact.id, flag: "doNotProfile" as const, on: true, reason: "E-mail of 3 March" };
    expect(await runAsSession(ws.agent.claims, () => setPrivacyFlagAction(input))).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
    });
    const missing = await runAsSession(ws.manager.claims, () => setPrivacyFlagAction({ ...input, reason: "  " }));
    expect(missing).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { reason: [expect.any(String)] } });
    expect(await runAsSession(ws.manager.claims, () => setPrivacyFlagAction(input))).toMatchObject({ ok: true });
    // Setting it again is refused (the request is already recorded); lifting works.
    expect(await runAsSession(ws.admin.claims, () => setPrivacyFlagAction(input))).toMatchObject({
      ok: false,
      code: "CONFLICT",
    });
    expect(
      await runAsSession(ws.admin.claims, () =>
        setPrivacyFlagAction({ ...input, on: false, reason: "Withdrawn by phone" }),
      ),
    ).toMatchObject({ ok: true });
    await setFlag(ws, contact.id, "restrictProcessing", true, "Disputes accuracy (letter ref 77)");

    const requests = await listPrivacyRequests(ws.id, contact.id);
    expect(requests.map((r) => [r.kind, r.reason, r.by])).toEqual([
      ["restrict_processing", "Disputes accuracy (letter ref 77)", "Test manager"],
      ["lift_do_not_profile", "Withdrawn by phone", "Test admin"],
      ["do_not_profile", "E-mail of 3 March", "Test manager"],
    ]);
    for (const r of requests) expect(Number.isNaN(Date.parse(r.at))).toBe(false);
    const audit = await db().auditLog.findMany({
      where: { workspaceId: ws.id, targetType: "contact", targetId: contact.id },
      orderBy: { createdAt: "asc" },
    });
    expect(audit.map((a) => [a.action, (a.details as { flag: string }).flag])).toEqual([
      ["privacy.flag_set", "doNotProfile"],
      ["privacy.flag_lifted", "doNotProfile"],
      ["privacy.flag_set", "restrictProcessing"],
    ]);
    expect(await privacyPanelData(ws.id, contact.id)).toMatchObject({
      contactId: contact.id,
      doNotProfile: false,
      restrictProcessing: true,
      requests: expect.arrayContaining([expect.objectContaining({ kind: "do_not_profile" })]),
    });
  });

  it("give another workspace's contact 'not found'", async () => {
    const ws = await workspace();
    const other = await workspace();
    const foreign = await db().contact.create({ data: { workspaceId: other.id, name: "Elsewhere" } });
    const result = await runAsSession(ws.manager.claims, () =>
      setPrivacyFlagAction({ contactId: foreign.id, flag: "restrictProcessing", on: true, reason: "x" }),
    );
    expect(result).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await db().contact.findUniqueOrThrow({ where: { id: foreign.id } })).toMatchObject({
      restrictProcessing: false,
    });
    expect(await db().privacyRequest.count({ where: { workspaceId: ws.id } })).toBe(0);
  });
});

describe("do not profile", () => {
  it("keeps their posts out of the model's examples: a correction learns nothing, older examples are not read", async () => {
    const ws = await workspace();
    await ingestDocument(
      ws.id,
      "jsonl",
      [post("dana", "northwind lost my bag"), post("eve", "northwind ok")].join("\n"),
    );
    const { contact } = await contactFor(ws, "dana");
    const [danaPost, evePost] = await Promise.all(
      ["dana", "eve"].map((a) =>
        db().mention.findFirstOrThrow({ where: { workspaceId: ws.id, author: { accountId: `acct-${a}` } } }),
      ),
    );
    // An example learned from Dana's post before she asked.
    await learn(ws.id, [{ text: danaPost.text, label: "NEGATIVE", mentionId: danaPost.id }], "correction", null);
    await setFlag(ws, contact.id, "doNotProfile", true, "Asked in DM");

    const corrected = await runAsSession(ws.agent.claims, () =>
      correctSentimentAction({ mentionId: danaPost.id, label: "POSITIVE" }),
    );
    expect(corrected).toMatchObject({ ok: true });
    expect(await db().mention.findUniqueOrThrow({ where: { id: danaPost.id } })).toMatchObject({
      sentiment: "POSITIVE",
    });
    expect(await db().sentimentLabel.count({ where: { workspaceId: ws.id, mentionId: danaPost.id } })).toBe(1);
    await runAsSession(ws.agent.claims, () => correctSentimentAction({ mentionId: evePost.id, label: "NEGATIVE" }));
    expect(await db().sentimentLabel.count({ where: { workspaceId: ws.id, mentionId: evePost.id } })).toBe(1);
    const examples = await trainingExamplesPage(ws.id, null, 100);
    expect(examples.map((e) => e.text)).toEqual([evePost.text]);

    await setFlag(ws, contact.id, "doNotProfile", false, "Withdrawn");
    expect((await trainingExamplesPage(ws.id, null, 100)).length).toBe(2);
  });

  it("leaves them out of top-author lists (from spans and from the rows), and the next author moves up", async () => {
    const ws = await workspace();
    const posts: string[] = [];
    // Dana posts most, with the most followers; then Finn, then Gus.
    for (let i = 0; i < 5; i++) posts.push(post("dana", `northwind delay ${i}`, `2026-11-0${i + 2}T10:00:00Z`, 90_000));
    for (let i = 0; i < 3; i++) posts.push(post("finn", `northwind bag ${i}`, `2026-11-0${i + 2}T11:00:00Z`, 5_000));
    posts.push(post("gus", "northwind seat", "2026-11-03T12:00:00Z", 10));
    await ingestDocument(ws.id, "jsonl", posts.join("\n"));
    const { contact, identity } = await contactFor(ws, "dana");
    const period = makePeriod({ from: "2026-11-01", to: "2026-11-30" }, "UTC");
    const now = new Date("2026-12-05T00:00:00Z");
    const ids = async (raw: boolean) => {
      const t = await topAuthors(ws.id, period, {}, raw, now);
      return { byVolume: t.byVolume.map((a) => a.authorId), byInfluence: t.byInfluence.map((a) => a.authorId) };
    };
    const before = await ids(false);
    expect(before.byVolume[0]).toBe(identity.id);
    expect(before.byInfluence[0]).toBe(identity.id);
    expect(await ids(true)).toEqual(before);

    await setFlag(ws, contact.id, "doNotProfile", true, "Objection to profiling");
    const hidden = await ids(false);
    expect(hidden.byVolume).not.toContain(identity.id);
    expect(hidden.byInfluence).not.toContain(identity.id);
    expect(hidden.byVolume).toEqual(before.byVolume.slice(1));
    expect(await ids(true)).toEqual(hidden);

    await setFlag(ws, contact.id, "doNotProfile", false, "Withdrawn");
    expect(await ids(false)).toEqual(before);
  });
});

describe("restrict processing", () => {
  it("stores their new posts without routing or enrichment until lifted; then they are routed again", async () => {
    const ws = await workspace();
    await ingestDocument(ws.id, "jsonl", post("rita", "northwind lost my bag", "2026-11-20T10:00:00Z"));
    const { contact, identity } = await contactFor(ws, "rita");
    const casesBefore = await db().case.count({ where: { workspaceId: ws.id } });
    expect(casesBefore).toBe(1);
    await setFlag(ws, contact.id, "restrictProcessing", true, "Contests the data (form 12)");

    const restricted = await ingestDocument(
      ws.id,
      "jsonl",
      post("rita", "northwind lost my bag AGAIN, furious", "2026-11-21T10:00:00Z"),
    );
    expect(restricted).toMatchObject({
      accepted: 1,
      matched: 1,
      cases: { created: 0, joined: 0, reopened: 0, logged: 0 },
    });
    const stored = await db().mention.findFirstOrThrow({
      where: { workspaceId: ws.id, text: { contains: "AGAIN" } },
    });
    expect(stored).toMatchObject({
      restricted: true,
      authorId: identity.id,
      sentiment: null,
      sentimentScore: null,
      sentimentConfidence: null,
      intent: null,
      influence: null,
    });
    expect(await db().caseMessage.count({ where: { mentionId: stored.id } })).toBe(0);
    expect(await db().case.count({ where: { workspaceId: ws.id } })).toBe(casesBefore);
    // Their identity stays linked as it was.
    expect(await db().socialIdentity.findUniqueOrThrow({ where: { id: identity.id } })).toMatchObject({
      contactId: contact.id,
    });

    await setFlag(ws, contact.id, "restrictProcessing", false, "Accuracy confirmed");
    const lifted = await ingestDocument(
      ws.id,
      "jsonl",
      post("rita", "northwind lost my bag a third time", "2026-11-22T10:00:00Z"),
    );
    expect(lifted.cases.created + lifted.cases.joined + lifted.cases.reopened).toBe(1);
    const next = await db().mention.findFirstOrThrow({ where: { workspaceId: ws.id, text: { contains: "third" } } });
    expect(next.restricted).toBe(false);
    expect(next.sentiment).not.toBeNull();
    expect(await db().caseMessage.count({ where: { mentionId: next.id } })).toBe(1);
  });

  it("does not concern other authors in the same delivery", async () => {
    const ws = await workspace();
    await ingestDocument(ws.id, "jsonl", post("rita", "northwind lost my bag"));
    const { contact } = await contactFor(ws, "rita");
    await setFlag(ws, contact.id, "restrictProcessing", true, "Request");
    const summary = await ingestDocument(
      ws.id,
      "jsonl",
      [post("rita", "northwind lost my bag again"), post("sam", "northwind lost my bag as well")].join("\n"),
    );
    expect(summary.accepted).toBe(2);
    const sam = await db().mention.findFirstOrThrow({
      where: { workspaceId: ws.id, author: { accountId: "acct-sam" } },
    });
    expect(sam).toMatchObject({ restricted: false });
    expect(sam.sentiment).not.toBeNull();
    expect(await db().caseMessage.count({ where: { mentionId: sam.id } })).toBe(1);
  });
});
