import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { runAsSession } from "@/lib/auth/session";
import { createBrandAction, deleteBrandAction, setBrandHandlesAction, updateBrandAction } from "@/lib/brands/actions";
import { brandDeletionPreview, deleteBrand, listBrandSettings, setOwnHandles } from "@/lib/brands/brands";
import { ingestDocument } from "@/lib/ingest/ingest";
import { matchPost } from "@/lib/listening/workspace-matcher";
import { revalidated } from "../support/next-cache";
import { createTestWorkspace, type TestWorkspace } from "../support/factory";

const asAdmin = <T>(ws: TestWorkspace, fn: () => Promise<T>) => runAsSession(ws.admin.claims, fn);

async function createBrand(ws: TestWorkspace, name: string, isCompetitor = false) {
  const result = await asAdmin(ws, () => createBrandAction({ name, isCompetitor }));
  if (!result.ok) throw new Error(`could not create ${name}: ${result.error}`);
  return result.data;
}

const auditOf = async (workspaceId: string) =>
  (await db().auditLog.findMany({ where: { workspaceId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] })).map(
    (a) => ({ action: a.action, targetType: a.targetType, targetId: a.targetId, details: a.details }),
  );

const post = (id: string, handle: string, text: string) =>
  JSON.stringify({
    network: "x",
    externalId: id,
    createdAt: "2026-11-20T10:00:00Z",
    text,
    author: { accountId: `id-${handle}`, handle, followers: 10 },
  });

describe("brand administration", () => {
  it("creates, renames, recolours and flags brands, audited, and revalidates the brands page and the inbox", async () => {
    const ws = await createTestWorkspace();
    revalidated.length = 0;
    const acme = await createBrand(ws, "  Acme  ");
    expect(acme).toMatchObject({ name: "Acme", color: "#4f46e5", isCompetitor: false, ownHandles: {} });
    expect(revalidated).toEqual(["/admin/brands", "/inbox"]);

    const renamed = await asAdmin(ws, () =>
      updateBrandAction({ brandId: acme.id, name: "Acme Air", color: "#DC2626", isCompetitor: true }),
    );
    expect(renamed).toEqual({
      ok: true,
      data: { id: acme.id, name: "Acme Air", color: "#dc2626", isCompetitor: true, ownHandles: {} },
    });
    // Only what is sent changes.
    expect(await asAdmin(ws, () => updateBrandAction({ brandId: acme.id, isCompetitor: false }))).toMatchObject({
      ok: true,
      data: { name: "Acme Air", color: "#dc2626", isCompetitor: false },
    });
    expect(await asAdmin(ws, () => updateBrandAction({ brandId: acme.id }))).toMatchObject({
      ok: false,
      code: "INVALID",
      error: "Nothing to change.",
    });

    expect(await listBrandSettings(ws.id)).toEqual([
      { id: acme.id, name: "Acme Air", color: "#dc2626", isCompetitor: false, ownHandles: {} },
    ]);
    expect(await auditOf(ws.id)).toEqual([
      {
        action: "brand.created",
        targetType: "brand",
        targetId: acme.id,
        details: { name: "Acme", color: "#4f46e5", isCompetitor: false },
      },
      {
        action: "brand.updated",
        targetType: "brand",
        targetId: acme.id,
        details: {
          before: { name: "Acme", color: "#4f46e5", isCompetitor: false },
          after: { name: "Acme Air", color: "#dc2626", isCompetitor: true },
        },
      },
      {
        action: "brand.updated",
        targetType: "brand",
        targetId: acme.id,
        details: {
          before: { name: "Acme Air", color: "#dc2626", isCompetitor: true },
          after: { name: "Acme Air", color: "#dc2626", isCompetitor: false },
        },
      },
    ]);
  });

  it("refuses a second brand of the same name (whatever its case), on create and on rename", async () => {
    const ws = await createTestWorkspace();
    const acme = await createBrand(ws, "Acme");
    const beta = await createBrand(ws, "Beta");
    expect(await asAdmin(ws, () => createBrandAction({ name: "Acme" }))).toMatchObject({
      ok: false,
      code: "CONFLICT",
      error: "A brand named Acme already exists.",
    });
    expect(await asAdmin(ws, () => createBrandAction({ name: "ACME" }))).toMatchObject({
      ok: false,
      error: "A brand named Acme already exists.",
    });
    expect(await asAdmin(ws, () => updateBrandAction({ brandId: beta.id, name: "acme" }))).toMatchObject({
      ok: false,
      error: "A brand named Acme already exists.",
    });
    // A brand may change the case of its own name.
    expect(await asAdmin(ws, () => updateBrandAction({ brandId: acme.id, name: "ACME" }))).toMatchObject({ ok: true });
    expect(await asAdmin(ws, () => createBrandAction({ name: "   " }))).toMatchObject({
      ok: false,
      fieldErrors: { name: ["Give the brand a name."] },
    });
    // Another workspace may have its own Acme.
    const other = await createTestWorkspace();
    expect((await createBrand(other, "Acme")).name).toBe("Acme");
    expect((await listBrandSettings(ws.id)).map((b) => b.name)).toEqual(["ACME", "Beta"]);
  });

  it("stores own handles normalised per network and refuses invalid ones, naming each", async () => {
    const ws = await createTestWorkspace();
    const acme = await createBrand(ws, "Acme");
    const saved = await asAdmin(ws, () =>
      setBrandHandlesAction({
        brandId: acme.id,
        handles: {
          x: ["@AcmeAir", "acmeair", " AcmeHelp "],
          mastodon: ["@Acme@Mastodon.Social"],
          reddit: ["u/Acme_Air"],
          youtube: [],
        },
      }),
    );
    expect(saved).toMatchObject({
      ok: true,
      data: {
        ownHandles: { x: ["acmeair", "acmehelp"], mastodon: ["acme@mastodon.social"], reddit: ["acme_air"] },
      },
    });
    const stored = await db().brand.findUniqueOrThrow({ where: { id: acme.id } });
    expect(stored.ownHandles).toEqual({
      x: ["acmeair", "acmehelp"],
      mastodon: ["acme@mastodon.social"],
      reddit: ["acme_air"],
    });

    const refused = await asAdmin(ws, () =>
      setBrandHandlesAction({ brandId: acme.id, handles: { x: ["acme"], mastodon: ["foo"], bluesky: ["acme"] } }),
    );
    expect(refused).toMatchObject({
      ok: false,
      code: "INVALID",
      fieldErrors: {
        handles: [
          "'foo' is not a Mastodon handle: write it as name@instance.",
          "'acme' is not a Bluesky handle: write it as a domain (name.bsky.social) or a did:plc: identifier.",
        ],
      },
    });
    // The data layer checks too (callers other than the action).
    await expect(setOwnHandles(ws.id, ws.admin.userId, acme.id, { x: ["no spaces"] })).rejects.toThrow(
      "'no spaces' is not an X handle: 1–15 letters, digits or _.",
    );
    expect((await db().brand.findUniqueOrThrow({ where: { id: acme.id } })).ownHandles).toEqual(stored.ownHandles);

    const audit = await auditOf(ws.id);
    expect(audit.map((a) => a.action)).toEqual(["brand.created", "brand.handles.updated"]);
    expect(audit[1].details).toEqual({
      before: {},
      after: { x: ["acmeair", "acmehelp"], mastodon: ["acme@mastodon.social"], reddit: ["acme_air"] },
    });
  });

  it("ignores a post from a handle once it is set as the brand's own, on the next ingest", async () => {
    const ws = await createTestWorkspace();
    const acme = await createBrand(ws, "Acme");
    await db().keywordRule.create({ data: { workspaceId: ws.id, brandId: acme.id, name: "acme", query: "acme" } });

    expect(await ingestDocument(ws.id, "jsonl", post("1", "AcmeAir", "Acme news: new routes"))).toMatchObject({
      accepted: 1,
      ignored: 0,
    });
    expect(
      await asAdmin(ws, () => setBrandHandlesAction({ brandId: acme.id, handles: { x: ["@ACMEAIR"] } })),
    ).toMatchObject({ ok: true });
    expect(await ingestDocument(ws.id, "jsonl", post("2", "AcmeAir", "Acme news: more routes"))).toMatchObject({
      accepted: 0,
      ignored: 1,
    });
    // Others saying the same are still heard.
    expect(await ingestDocument(ws.id, "jsonl", post("3", "someone", "Acme news: more routes"))).toMatchObject({
      accepted: 1,
    });
    const stored = await db().mention.findMany({ where: { workspaceId: ws.id }, orderBy: { externalId: "asc" } });
    expect(stored.map((m) => [m.externalId, m.brandId])).toEqual([
      ["1", acme.id],
      ["3", acme.id],
    ]);
  });

  it("previews and deletes a brand: its rules go, its mentions and cases stay without a brand", async () => {
    const ws = await createTestWorkspace();
    const acme = await createBrand(ws, "Acme");
    const keep = await createBrand(ws, "Keep");
    for (const [brandId, name, query] of [
      [acme.id, "a1", "acme"],
      [acme.id, "a2", "acme AND delay*"],
      [keep.id, "k1", "keep"],
    ])
      await db().keywordRule.create({ data: { workspaceId: ws.id, brandId, name, query } });
    await ingestDocument(
      ws.id,
      "jsonl",
      [post("1", "ann", "acme lost my bag"), post("2", "bob", "acme delays again"), post("3", "cy", "keep it")].join(
        "\n",
      ),
      { routeCases: false },
    );
    const mentions = await db().mention.findMany({ where: { workspaceId: ws.id }, orderBy: { externalId: "asc" } });
    expect(mentions.map((m) => m.brandId)).toEqual([acme.id, acme.id, keep.id]);
    const cases = await Promise.all(
      [acme.id, acme.id, acme.id, keep.id].map((brandId, i) =>
        db().case.create({ data: { workspaceId: ws.id, number: i + 1, subject: `case ${i + 1}`, brandId } }),
      ),
    );
    expect(await matchPost(ws.id, { text: "acme" })).toHaveLength(1);

    expect(await brandDeletionPreview(ws.id, acme.id)).toEqual({ rules: 2, mentions: 2, cases: 3, accounts: 0 });

    expect(await asAdmin(ws, () => deleteBrandAction({ brandId: acme.id, confirmName: "acme" }))).toMatchObject({
      ok: false,
      error: "Type the brand's name, Acme, to delete it.",
    });
    expect(await db().brand.count({ where: { id: acme.id } })).toBe(1);

    revalidated.length = 0;
    expect(await asAdmin(ws, () => deleteBrandAction({ brandId: acme.id, confirmName: "Acme" }))).toEqual({
      ok: true,
      data: { rules: 2, mentions: 2, cases: 3, accounts: 0 },
    });
    expect(revalidated).toEqual(["/admin/brands", "/inbox"]);
    expect(await db().brand.count({ where: { id: acme.id } })).toBe(0);
    expect(await db().keywordRule.count({ where: { workspaceId: ws.id, brandId: acme.id } })).toBe(0);
    expect(await db().keywordRule.count({ where: { workspaceId: ws.id } })).toBe(1);
    // The cached matcher forgot the deleted rules.
    expect(await matchPost(ws.id, { text: "acme" })).toEqual([]);
    const after = await db().mention.findMany({ where: { workspaceId: ws.id }, orderBy: { externalId: "asc" } });
    expect(after.map((m) => [m.id, m.brandId])).toEqual([
      [mentions[0].id, null],
      [mentions[1].id, null],
      [mentions[2].id, keep.id],
    ]);
    const casesAfter = await db().case.findMany({ where: { workspaceId: ws.id }, orderBy: { number: "asc" } });
    expect(casesAfter.map((c) => [c.id, c.brandId])).toEqual([
      [cases[0].id, null],
      [cases[1].id, null],
      [cases[2].id, null],
      [cases[3].id, keep.id],
    ]);

    const audit = await auditOf(ws.id);
    expect(audit.at(-1)).toEqual({
      action: "brand.deleted",
      targetType: "brand",
      targetId: acme.id,
      details: { name: "Acme", isCompetitor: false, ownHandles: {}, rules: 2, mentions: 2, cases: 3, accounts: 0 },
    });
    await expect(brandDeletionPreview(ws.id, acme.id)).rejects.toThrow("That brand was not found.");
  });

  it("finds no brand of another workspace, whatever the action", async () => {
    const ws = await createTestWorkspace();
    const other = await createTestWorkspace();
    const theirs = await createBrand(other, "Theirs");
    const notFound = { ok: false, code: "NOT_FOUND", error: "That brand was not found." };
    expect(await asAdmin(ws, () => updateBrandAction({ brandId: theirs.id, name: "Mine" }))).toEqual(notFound);
    expect(await asAdmin(ws, () => setBrandHandlesAction({ brandId: theirs.id, handles: { x: ["mine"] } }))).toEqual(
      notFound,
    );
    expect(await asAdmin(ws, () => deleteBrandAction({ brandId: theirs.id, confirmName: "Theirs" }))).toEqual(notFound);
    await expect(brandDeletionPreview(ws.id, theirs.id)).rejects.toThrow("That brand was not found.");
    await expect(deleteBrand(ws.id, ws.admin.userId, theirs.id, "Theirs")).rejects.toThrow("That brand was not found.");
    expect(await listBrandSettings(other.id)).toEqual([
      { id: theirs.id, name: "Theirs", color: "#4f46e5", isCompetitor: false, ownHandles: {} },
    ]);
    expect(await auditOf(ws.id)).toEqual([]);
  });

  it("is for admins only", async () => {
    const ws = await createTestWorkspace();
    const result = await runAsSession(ws.manager.claims, () => createBrandAction({ name: "Nope" }));
    expect(result).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await listBrandSettings(ws.id)).toEqual([]);
  });
});
