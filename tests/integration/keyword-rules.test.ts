import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { runAsSession } from "@/lib/auth/session";
import {
  createRuleAction,
  deleteRuleAction,
  previewRuleAction,
  setRuleActiveAction,
  updateRuleAction,
} from "@/lib/listening/actions";
import { listBrandsWithRules } from "@/lib/listening/rules";
import { matchPost } from "@/lib/listening/workspace-matcher";
import { revalidated } from "../support/next-cache";
import { createTestWorkspace } from "../support/factory";

async function setup() {
  const ws = await createTestWorkspace();
  const brand = await db().brand.create({ data: { workspaceId: ws.id, name: "Delta" } });
  return { ws, brand };
}

describe("keyword rules", () => {
  it("are created, edited, disabled and deleted by admins, audited, and take effect for the next post", async () => {
    const { ws, brand } = await setup();
    const post = { text: "Delta lost my bag", lang: "en" };
    expect(await matchPost(ws.id, post)).toEqual([]);

    const created = await runAsSession(ws.admin.claims, () =>
      createRuleAction({ brandId: brand.id, name: "Lost bags", query: "delta AND lost AND bag*" }),
    );
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    expect(revalidated).toContain("/admin/brands");
    const ruleId = created.data.id;
    expect(await matchPost(ws.id, post)).toEqual([
      {
        ruleId,
        spans: [
          [0, 5],
          [6, 10],
          [14, 17],
        ],
      },
    ]);

    expect(
      (
        await runAsSession(ws.admin.claims, () =>
          updateRuleAction({ ruleId, name: "Lost bags", query: "delta AND found" }),
        )
      ).ok,
    ).toBe(true);
    expect(await matchPost(ws.id, post)).toEqual([]);
    expect(await matchPost(ws.id, { text: "delta found it" })).toHaveLength(1);

    expect((await runAsSession(ws.admin.claims, () => setRuleActiveAction({ ruleId, active: false }))).ok).toBe(true);
    expect(await matchPost(ws.id, { text: "delta found it" })).toEqual([]);
    expect((await listBrandsWithRules(ws.id))[0].rules[0]).toMatchObject({ id: ruleId, active: false });

    expect((await runAsSession(ws.admin.claims, () => deleteRuleAction({ ruleId }))).ok).toBe(true);
    expect((await listBrandsWithRules(ws.id))[0].rules).toEqual([]);
    const audit = await db().auditLog.findMany({ where: { workspaceId: ws.id }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["rule.created", "rule.updated", "rule.disabled", "rule.deleted"]);
  });

  it("notices rule changes made by another app server (through the rules' version)", async () => {
    const { ws, brand } = await setup();
    await db().keywordRule.create({ data: { workspaceId: ws.id, brandId: brand.id, name: "a", query: "alpha" } });
    expect(await matchPost(ws.id, { text: "alpha" })).toHaveLength(1);
    // Written straight to the database, as another process would: no in-process invalidation.
    await db().keywordRule.create({ data: { workspaceId: ws.id, brandId: brand.id, name: "b", query: "beta" } });
    expect(await matchPost(ws.id, { text: "beta" })).toHaveLength(1);
  });

  it("rejects invalid queries with the spec's message and offset, and saves nothing", async () => {
    const { ws, brand } = await setup();
    const result = await runAsSession(ws.admin.claims, () =>
      createRuleAction({ brandId: brand.id, name: "bad", query: "delta AND" }),
    );
    expect(result).toMatchObject({ ok: false, code: "INVALID" });
    if (result.ok) return;
    expect(result.fieldErrors?.query?.[0]).toMatch(/AND needs something.*character 7/);
    expect(await db().keywordRule.count({ where: { workspaceId: ws.id } })).toBe(0);
  });

  it("previews what a query would have matched among the latest mentions, with spans in the mention text", async () => {
    const { ws } = await setup();
    await db().mention.createMany({
      data: [
        {
          workspaceId: ws.id,
          network: "x",
          externalId: "1",
          text: "Delta lost my bag",
          postedAt: new Date("2026-11-01T10:00:00Z"),
        },
        {
          workspaceId: ws.id,
          network: "reddit",
          externalId: "2",
          title: "Delta",
          text: "bags lost again",
          postedAt: new Date("2026-11-02T10:00:00Z"),
        },
        {
          workspaceId: ws.id,
          network: "x",
          externalId: "3",
          text: "United is fine",
          postedAt: new Date("2026-11-03T10:00:00Z"),
        },
      ],
    });
    const result = await runAsSession(ws.admin.claims, () => previewRuleAction({ query: "delta AND lost" }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.scanned).toBe(3);
    expect(result.data.matched).toBe(2);
    const reddit = result.data.examples.find((e) => e.network === "reddit")!;
    expect(reddit.spans.map(([s, e]) => reddit.text.slice(s, e))).toEqual(["lost"]);
    const x = result.data.examples.find((e) => e.network === "x")!;
    expect(x.spans.map(([s, e]) => x.text.slice(s, e))).toEqual(["Delta", "lost"]);
  });
});
