import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { ingestDocument } from "@/lib/ingest/ingest";
import { contactFieldsSchema, type ContactFieldsInput } from "@/lib/contacts/fields";
import { addContactNote, createContact, updateContact } from "@/lib/contacts/contacts";
import {
  acceptSuggestion,
  createContactFromIdentity,
  linkIdentity,
  rejectSuggestion,
  unlinkIdentity,
} from "@/lib/contacts/identity-links";
import { mergeContacts, undoMerge } from "@/lib/contacts/merge";
import { searchContacts } from "@/lib/contacts/search";
import { getContact360, getSocialProfile } from "@/lib/contacts/profile";
import { setContactSettings } from "@/lib/contacts/settings-store";
import { refreshWorkspaceKeys } from "@/lib/contacts/key-store";
import { createTestWorkspace } from "../support/factory";

async function workspace() {
  const ws = await createTestWorkspace();
  const brand = await db().brand.create({
    data: { workspaceId: ws.id, name: "Northwind", ownHandles: { x: ["northwind"] } },
  });
  await db().keywordRule.create({ data: { workspaceId: ws.id, brandId: brand.id, name: "nw", query: "northwind" } });
  return ws;
}

const contact = (wsId: string, userId: string, fields: ContactFieldsInput) =>
  createContact(wsId, userId, contactFieldsSchema.parse(fields));

let seq = 0;
function post(author: Record<string, unknown>, text = "northwind lost my bag", network = "x") {
  seq++;
  return JSON.stringify({
    network,
    externalId: `p${seq}-${Date.now()}`,
    createdAt: "2026-11-20T10:00:00Z",
    text,
    author: { followers: 10, ...author },
  });
}

const identityOf = (wsId: string, accountId: string) =>
  db().socialIdentity.findFirstOrThrow({ where: { workspaceId: wsId, accountId } });

describe("linking authors to contacts on ingest", () => {
  it("links on a unique profile e-mail, website or declared handle, and only suggests on weak evidence", async () => {
    const ws = await workspace();
    const jane = await contact(ws.id, ws.agent.userId, {
      name: "Jane Doe",
      emails: ["jane@doe.example"],
      location: "Porto",
    });
    const omar = await contact(ws.id, ws.agent.userId, { name: "Omar Haddad", websites: ["https://omar.example/"] });
    const lee = await contact(ws.id, ws.agent.userId, { name: "Lee Park", handles: { x: ["leepark"] } });
    const maria1 = await contact(ws.id, ws.agent.userId, { name: "Maria Silva", location: "Lisbon" });
    const maria2 = await contact(ws.id, ws.agent.userId, { name: "Maria Silva", location: "Porto" });
    await ingestDocument(
      ws.id,
      "jsonl",
      [
        post({ accountId: "a1", handle: "jd", displayName: "J", bio: "Write me: Jane@Doe.example" }),
        post({ accountId: "a2", handle: "omar", displayName: "Omar", website: "http://www.omar.example" }),
        post({ accountId: "a3", handle: "LeePark", displayName: "Lee" }),
        post({ accountId: "a4", handle: "msilva", displayName: "Maria Silva", location: "Porto, Portugal" }),
        post({ accountId: "a5", handle: "leepark", displayName: "Lee P." }, "northwind is late", "bluesky"),
      ].join("\n"),
    );
    expect((await identityOf(ws.id, "a1")).contactId).toBe(jane.id);
    expect((await identityOf(ws.id, "a2")).contactId).toBe(omar.id);
    expect((await identityOf(ws.id, "a3")).contactId).toBe(lee.id);
    // Namesakes are never linked automatically; the one in the same city ranks first.
    const maria = await identityOf(ws.id, "a4");
    expect(maria.contactId).toBeNull();
    const suggestions = await db().linkSuggestion.findMany({
      where: { identityId: maria.id },
      orderBy: { score: "desc" },
    });
    expect(suggestions.map((s) => s.contactId)).toEqual([maria2.id, maria1.id]);
    expect(JSON.stringify(suggestions[0].reasons)).toContain("name plus location");
    // The same handle on another network is only a suggestion.
    const bsky = await identityOf(ws.id, "a5");
    expect(bsky.contactId).toBeNull();
    const bskySuggestion = await db().linkSuggestion.findFirstOrThrow({ where: { identityId: bsky.id } });
    expect(bskySuggestion.contactId).toBe(lee.id);
    expect(JSON.stringify(bskySuggestion.reasons)).toContain("same handle @leepark on x");
    // Mentions of a linked author show on the contact's timeline.
    const view = await getContact360(ws.id, jane.id);
    expect(view.identities.map((i) => i.handle)).toEqual(["jd"]);
    expect(view.timeline.filter((t) => t.kind === "mention")).toHaveLength(1);
    // An audit row says why it was linked.
    const audit = await db().auditLog.findFirstOrThrow({
      where: { workspaceId: ws.id, action: "contact.identity.autolink", targetId: (await identityOf(ws.id, "a1")).id },
    });
    expect(JSON.stringify(audit.details)).toContain("profile e-mail jane@doe.example");
  });

  it("never links on a shared team mailbox or an e-mail two contacts share, and never across workspaces", async () => {
    const ws = await workspace();
    const other = await workspace();
    const a = await contact(ws.id, ws.agent.userId, {
      name: "Ana Costa",
      emails: ["travel@acme.example", "support@acme.example"],
    });
    const b = await contact(ws.id, ws.agent.userId, { name: "Bruno Reis", emails: ["travel@acme.example"] });
    await contact(other.id, other.agent.userId, { name: "Zed", emails: ["zed@zed.example"] });
    await ingestDocument(
      ws.id,
      "jsonl",
      [
        post({ accountId: "s1", handle: "acmetravel", displayName: "Acme travel desk", email: "travel@acme.example" }),
        post({ accountId: "s2", handle: "someone", displayName: "Someone", bio: "support@acme.example" }),
        post({ accountId: "s3", handle: "zed", displayName: "Z", email: "zed@zed.example" }),
      ].join("\n"),
    );
    expect((await identityOf(ws.id, "s1")).contactId).toBeNull();
    const shared = await db().linkSuggestion.findMany({ where: { identity: { accountId: "s1", workspaceId: ws.id } } });
    expect(new Set(shared.map((s) => s.contactId))).toEqual(new Set([a.id, b.id]));
    expect((await identityOf(ws.id, "s2")).contactId).toBeNull();
    expect((await identityOf(ws.id, "s3")).contactId).toBeNull();
  });

  it("creates a contact for a new author when the workspace says so, but not when there is a suggestion", async () => {
    const ws = await workspace();
    await setContactSettings(ws.id, ws.admin.userId, { autoCreate: true });
    await contact(ws.id, ws.agent.userId, { name: "Kim Lopez" });
    await ingestDocument(
      ws.id,
      "jsonl",
      [
        post({ accountId: "n1", handle: "newbie", displayName: "Noa Newman", location: "Faro" }),
        post({ accountId: "n2", handle: "kiml", displayName: "Kim Lopez" }),
      ].join("\n"),
    );
    const n1 = await db().socialIdentity.findFirstOrThrow({
      where: { workspaceId: ws.id, accountId: "n1" },
      include: { contact: true },
    });
    expect(n1.contact).toMatchObject({ name: "Noa Newman", location: "Faro", handles: { x: ["newbie"] } });
    expect((await identityOf(ws.id, "n2")).contactId).toBeNull();
  });
});

describe("evidence that is really the person's (issue 15)", () => {
  it("links only on personal evidence: not a company site, a bio mention, a household address, or a parody", async () => {
    const ws = await workspace();
    const jane = await contact(ws.id, ws.agent.userId, {
      name: "Jane Whitaker",
      company: "Northwind Traders",
      websites: ["northwindtraders.example"],
      emails: ["jess@agency.example"],
      location: "Seattle",
    });
    const maria = await contact(ws.id, ws.agent.userId, { name: "Maria Rossi", emails: ["rossi.family@mail.example"] });
    const elena = await contact(ws.id, ws.agent.userId, { name: "Elena Vasquez", websites: ["elenavasquez.example"] });
    await ingestDocument(
      ws.id,
      "jsonl",
      [
        post({
          accountId: "e1",
          handle: "tomreyes",
          displayName: "Tom Reyes",
          website: "https://northwindtraders.example",
        }),
        post({
          accountId: "e2",
          handle: "lily",
          displayName: "Lily Evans",
          bio: "UGC creator ✨ Collabs: jess@agency.example",
        }),
        post({ accountId: "e3", handle: "luca", displayName: "Luca Rossi", email: "rossi.family@mail.example" }),
        post({
          accountId: "e4",
          handle: "notelena",
          displayName: "Not Elena Vasquez (parody)",
          website: "elenavasquez.example",
        }),
        post(
          { accountId: "e5", handle: "elenavasquez.example", displayName: "Elena Vasquez" },
          "northwind!",
          "bluesky",
        ),
      ].join("\n"),
    );
    for (const id of ["e1", "e2", "e3", "e4"]) expect((await identityOf(ws.id, id)).contactId, id).toBeNull();
    // The real Elena: her Bluesky handle is her own domain.
    expect((await identityOf(ws.id, "e5")).contactId).toBe(elena.id);
    // Weak evidence is still offered to an agent, with the reason it did not link.
    const tom = await db().linkSuggestion.findFirstOrThrow({
      where: { identity: { workspaceId: ws.id, accountId: "e1" } },
    });
    expect(tom.contactId).toBe(jane.id);
    expect(JSON.stringify(tom.reasons)).toContain("company");
    const luca = await db().linkSuggestion.findFirstOrThrow({
      where: { identity: { workspaceId: ws.id, accountId: "e3" } },
    });
    expect(luca.contactId).toBe(maria.id);
    expect(JSON.stringify(luca.reasons)).toContain("household");
    // The other direction: a contact saved later with the site a Bluesky handle is on.
    await ingestDocument(
      ws.id,
      "jsonl",
      post({ accountId: "e6", handle: "tariqhussain.example", displayName: "Tariq Hussain" }, "northwind", "bluesky"),
    );
    const tariq = await contact(ws.id, ws.agent.userId, {
      name: "Tariq Hussain",
      websites: ["https://tariqhussain.example/"],
    });
    expect((await identityOf(ws.id, "e6")).contactId).toBe(tariq.id);
  });

  it("normalises declared handles typed as URLs on save, links on them, and suggests on a Mastodon local part", async () => {
    const ws = await workspace();
    const bea = await contact(ws.id, ws.agent.userId, {
      name: "Beatriz Santos",
      handles: { x: ["https://twitter.com/BeaSantos_PT"], mastodon: ["https://mastodon.social/@bea"] },
    });
    expect((await db().contact.findUniqueOrThrow({ where: { id: bea.id } })).handles).toEqual({
      x: ["beasantos_pt"],
      mastodon: ["bea@mastodon.social"],
    });
    const chloe = await contact(ws.id, ws.agent.userId, {
      name: "Chloé Lambert",
      handles: { mastodon: ["@chloelambert@piaille.fr"] },
    });
    await ingestDocument(
      ws.id,
      "jsonl",
      [
        post({ accountId: "h1", handle: "BeaSantos_PT", displayName: "Bea" }),
        post({ accountId: "h2", handle: "bea@mastodon.social", displayName: "Bea" }, "northwind", "mastodon"),
        post({ accountId: "h3", handle: "chloelambert", displayName: "Chloé" }),
      ].join("\n"),
    );
    expect((await identityOf(ws.id, "h1")).contactId).toBe(bea.id);
    expect((await identityOf(ws.id, "h2")).contactId).toBe(bea.id);
    const h3 = await identityOf(ws.id, "h3");
    expect(h3.contactId).toBeNull();
    const s = await db().linkSuggestion.findFirstOrThrow({ where: { identityId: h3.id } });
    expect(s.contactId).toBe(chloe.id);
    expect(JSON.stringify(s.reasons)).toContain("same handle @chloelambert on mastodon");
  });

  it("suggests name equivalents and transliterations, the same-city namesake first, and every plausible namesake", async () => {
    const ws = await workspace();
    const porto = await contact(ws.id, ws.agent.userId, { name: "Robert Day", location: "Porto" });
    const lisbon = await contact(ws.id, ws.agent.userId, { name: "Robert Day", location: "Lisbon" });
    const yulia = await contact(ws.id, ws.agent.userId, { name: "Yulia Smirnova", location: "Moscow" });
    await ingestDocument(
      ws.id,
      "jsonl",
      [
        post({ accountId: "n1", handle: "bobday", displayName: "Bob Day", location: "Porto, Portugal" }),
        post({ accountId: "n2", handle: "ysmirnova", displayName: "Юлия Смирнова", location: "Москва" }),
      ].join("\n"),
    );
    const bob = await db().linkSuggestion.findMany({
      where: { identity: { workspaceId: ws.id, accountId: "n1" } },
      orderBy: { score: "desc" },
    });
    expect(bob.map((x) => x.contactId)).toEqual([porto.id, lisbon.id]);
    const y = await db().linkSuggestion.findMany({ where: { identity: { workspaceId: ws.id, accountId: "n2" } } });
    expect(y.map((x) => x.contactId)).toEqual([yulia.id]);
    expect(JSON.stringify(y[0].reasons)).toContain("name plus location: Москва");
  });

  it("finds the same-city namesake even when a name has more holders than a key brings", async () => {
    const ws = await workspace();
    await db().contact.createMany({
      data: Array.from({ length: 45 }, () => ({ workspaceId: ws.id, name: "Maria Silva", location: "Lisbon" })),
    });
    const porto = await db().contact.create({ data: { workspaceId: ws.id, name: "Maria Silva", location: "Porto" } });
    await refreshWorkspaceKeys(ws.id);
    await ingestDocument(
      ws.id,
      "jsonl",
      post({ accountId: "ms1", handle: "msilva_opo", displayName: "Maria Silva", location: "Porto, Portugal" }),
    );
    const shown = await db().linkSuggestion.findMany({
      where: { identity: { workspaceId: ws.id, accountId: "ms1" } },
      orderBy: [{ score: "desc" }, { contactId: "asc" }],
    });
    expect(shown[0].contactId).toBe(porto.id);
    expect(shown).toHaveLength(5);
  });

  it("rebuilds the keys of contacts stored before the new kinds of keys existed", async () => {
    const ws = await workspace();
    const old = await db().contact.create({
      data: { workspaceId: ws.id, name: "Robert Day", websites: ["robertday.example"] },
    });
    expect(await refreshWorkspaceKeys(ws.id, 1)).toBe(1);
    const kinds = (await db().contactKey.findMany({ where: { contactId: old.id } })).map((k) => `${k.kind}:${k.value}`);
    expect(kinds).toEqual(
      expect.arrayContaining(["canon:~dai robert", "domain:~robertday.example", "website:robertday.example"]),
    );
  });

  it("parallel deliveries linking overlapping authors and contacts all complete (rows are locked in one order)", async () => {
    const ws = await workspace();
    const people = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        contact(ws.id, ws.agent.userId, {
          name: `Person ${String.fromCharCode(65 + i)} Parallel`,
          emails: [`p${i}@parallel.example`],
        }),
      ),
    );
    const batch = (order: number[], tag: string) =>
      order
        .map((i) =>
          post(
            {
              accountId: `par-${i}`,
              handle: `par${i}`,
              displayName: `Person ${String.fromCharCode(65 + i)} Parallel`,
              email: `p${i}@parallel.example`,
            },
            `northwind ${tag}`,
          ),
        )
        .join("\n");
    const forward = people.map((_, i) => i);
    await Promise.all([
      ingestDocument(ws.id, "jsonl", batch(forward, "a")),
      ingestDocument(ws.id, "jsonl", batch([...forward].reverse(), "b")),
      ingestDocument(ws.id, "jsonl", batch([...forward.slice(6), ...forward.slice(0, 6)], "c")),
    ]);
    const linked = await db().socialIdentity.findMany({
      where: { workspaceId: ws.id, accountId: { startsWith: "par-" } },
      select: { accountId: true, contactId: true },
    });
    expect(linked).toHaveLength(12);
    for (const l of linked) expect(l.contactId).toBe(people[Number(l.accountId.slice(4))].id);
  });
});

describe("agent actions on identities and suggestions", () => {
  it("links, unlinks (and automation respects the unlink), creates from an identity, accepts and rejects", async () => {
    const ws = await workspace();
    const jane = await contact(ws.id, ws.agent.userId, { name: "Jane Doe", emails: ["jane@doe.example"] });
    await ingestDocument(
      ws.id,
      "jsonl",
      [
        post({ accountId: "b1", handle: "jane", displayName: "x", email: "jane@doe.example" }),
        post({ accountId: "b2", handle: "janedoe", displayName: "Jane Doe" }),
      ].join("\n"),
    );
    const b1 = await identityOf(ws.id, "b1");
    expect(b1.contactId).toBe(jane.id);
    await db().case.create({
      data: { workspaceId: ws.id, number: 901, subject: "bag", authorId: b1.id, contactId: jane.id },
    });
    await unlinkIdentity(ws.id, ws.agent.userId, { identityId: b1.id, expectedContactId: jane.id });
    expect((await identityOf(ws.id, "b1")).contactId).toBeNull();
    expect((await db().case.findFirstOrThrow({ where: { workspaceId: ws.id, number: 901 } })).contactId).toBeNull();
    // The same profile arriving again with the same e-mail is not linked back.
    await ingestDocument(
      ws.id,
      "jsonl",
      post({ accountId: "b1", handle: "jane", displayName: "Jane D", email: "jane@doe.example", followers: 11 }),
    );
    expect((await identityOf(ws.id, "b1")).contactId).toBeNull();
    // Linking by hand: the case follows; a stale expectation is a conflict.
    await linkIdentity(ws.id, ws.agent.userId, { identityId: b1.id, contactId: jane.id, expectedContactId: null });
    expect((await db().case.findFirstOrThrow({ where: { workspaceId: ws.id, number: 901 } })).contactId).toBe(jane.id);
    await expect(
      linkIdentity(ws.id, ws.agent.userId, {
        identityId: b1.id,
        contactId: (await contact(ws.id, ws.agent.userId, { name: "Other" })).id,
        expectedContactId: null,
      }),
    ).rejects.toThrow(/already linked to Jane Doe/);

    const b2 = await identityOf(ws.id, "b2");
    const suggestion = await db().linkSuggestion.findFirstOrThrow({ where: { identityId: b2.id, status: "OPEN" } });
    await rejectSuggestion(ws.id, ws.agent.userId, suggestion.id);
    await expect(acceptSuggestion(ws.id, ws.agent.userId, suggestion.id)).rejects.toThrow(/already rejected/);
    const created = await createContactFromIdentity(ws.id, ws.agent.userId, { identityId: b2.id });
    const b2Contact = await db().contact.findUniqueOrThrow({ where: { id: created.contactId } });
    expect(b2Contact).toMatchObject({ name: "Jane Doe", handles: { x: ["janedoe"] } });
    expect((await identityOf(ws.id, "b2")).contactId).toBe(created.contactId);
    const audits = await db().auditLog.findMany({
      where: { workspaceId: ws.id, actorUserId: ws.agent.userId },
      select: { action: true },
    });
    expect(new Set(audits.map((a) => a.action))).toEqual(
      new Set([
        "contact.create",
        "contact.identity.unlink",
        "contact.identity.link",
        "contact.suggestion.reject",
        "contact.create.from-identity",
        "contact.identity.autolink",
      ]),
    );
  });

  it("accepting a suggestion links the identity and moves its cases", async () => {
    const ws = await workspace();
    const lee = await contact(ws.id, ws.agent.userId, { name: "Lee Park", handles: { x: ["leepark"] } });
    await ingestDocument(
      ws.id,
      "jsonl",
      post({ accountId: "c1", handle: "leepark", displayName: "Lee" }, "northwind?", "mastodon"),
    );
    const c1 = await identityOf(ws.id, "c1");
    await db().case.create({ data: { workspaceId: ws.id, number: 907, subject: "q", authorId: c1.id } });
    const profile = await getSocialProfile(ws.id, c1.id);
    expect(profile.suggestions[0].contact.id).toBe(lee.id);
    await acceptSuggestion(ws.id, ws.agent.userId, profile.suggestions[0].id);
    expect((await identityOf(ws.id, "c1")).contactId).toBe(lee.id);
    expect((await db().case.findFirstOrThrow({ where: { workspaceId: ws.id, number: 907 } })).contactId).toBe(lee.id);
  });
});

describe("editing, merging and undoing", () => {
  it("tells the second of two concurrent editors what the first changed", async () => {
    const ws = await workspace();
    const c = await contact(ws.id, ws.agent.userId, { name: "Pat Kim", company: "Acme" });
    const base = { name: "Pat Kim", company: "Acme", tier: null };
    await updateContact(
      ws.id,
      ws.manager.userId,
      c.id,
      0,
      base,
      contactFieldsSchema.parse({ name: "Pat Kim", company: "Acme Corp" }),
    );
    const second = updateContact(
      ws.id,
      ws.agent.userId,
      c.id,
      0,
      base,
      contactFieldsSchema.parse({ name: "Pat Kim", company: "Acme", tier: "VIP" }),
    );
    await expect(second).rejects.toMatchObject({
      code: "CONFLICT",
      details: { version: 1, by: "Test manager", changes: [{ field: "company", theirs: "Acme Corp" }] },
    });
    await expect(second).rejects.toThrow(/Test manager changed company/);
    expect(await db().contact.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({
      company: "Acme Corp",
      tier: null,
      version: 1,
    });
  });

  it("merges field by field, moves identities, cases and notes, and undoes exactly", async () => {
    const ws = await workspace();
    const a = await contact(ws.id, ws.agent.userId, {
      name: "Sam Reed",
      emails: ["sam@a.example"],
      company: "A",
      tier: null,
    });
    const b = await contact(ws.id, ws.agent.userId, {
      name: "Samuel Reed",
      emails: ["sam@b.example"],
      company: "B",
      tier: "VIP",
      phones: ["+351 912 345 678"],
    });
    await ingestDocument(
      ws.id,
      "jsonl",
      [
        post({ accountId: "m1", handle: "sam", email: "sam@a.example" }),
        post({ accountId: "m2", handle: "samreed", email: "sam@b.example" }, "northwind ok", "bluesky"),
      ].join("\n"),
    );
    const m2 = await identityOf(ws.id, "m2");
    expect(m2.contactId).toBe(b.id);
    await db().case.create({
      data: { workspaceId: ws.id, number: 903, subject: "x", contactId: b.id, authorId: m2.id },
    });
    await addContactNote(ws.id, ws.agent.userId, b.id, "Prefers e-mail");

    const merged = await mergeContacts(ws.id, ws.agent.userId, {
      survivorId: a.id,
      mergedId: b.id,
      survivorVersion: 0,
      mergedVersion: 0,
      choices: { name: "merged", tier: "merged" },
    });
    expect(merged.moved).toMatchObject({ identities: 1, cases: 1, notes: 1 });
    const survivor = await db().contact.findUniqueOrThrow({ where: { id: a.id } });
    expect(survivor).toMatchObject({
      name: "Samuel Reed",
      company: "A",
      tier: "VIP",
      emails: ["sam@a.example", "sam@b.example"],
      phones: ["+351 912 345 678"],
    });
    expect((await db().contact.findUniqueOrThrow({ where: { id: b.id } })).mergedIntoId).toBe(a.id);
    const view = await getContact360(ws.id, a.id);
    expect(view.identities.map((i) => i.handle).sort()).toEqual(["sam", "samreed"]);
    expect(view.timeline.filter((t) => t.kind === "mention")).toHaveLength(2);
    expect(view.notes.map((n) => n.body)).toEqual(["Prefers e-mail"]);
    // The merged contact is gone from search; the survivor is found by the other's phone.
    expect((await searchContacts(ws.id, "912345678")).map((r) => r.id)).toEqual([a.id]);
    expect((await searchContacts(ws.id, "samuel")).map((r) => r.id)).toEqual([a.id]);
    // Merging a merged contact again is refused.
    await expect(
      mergeContacts(ws.id, ws.agent.userId, {
        survivorId: a.id,
        mergedId: b.id,
        survivorVersion: 1,
        mergedVersion: 1,
        choices: {},
      }),
    ).rejects.toThrow(/merged into another/);

    // Someone edits the tier after the merge: undo keeps that edit and says so.
    await updateContact(
      ws.id,
      ws.agent.userId,
      a.id,
      1,
      {},
      contactFieldsSchema.parse({ ...view.fields, tier: "Gold" }),
    );
    const undone = await undoMerge(ws.id, ws.agent.userId, merged.mergeId);
    expect(undone.keptEditedFields).toEqual(["Tier"]);
    expect(await db().contact.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({
      name: "Sam Reed",
      company: "A",
      tier: "Gold",
      emails: ["sam@a.example"],
      phones: [],
    });
    expect(await db().contact.findUniqueOrThrow({ where: { id: b.id } })).toMatchObject({
      mergedIntoId: null,
      name: "Samuel Reed",
    });
    expect((await identityOf(ws.id, "m2")).contactId).toBe(b.id);
    expect((await db().case.findFirstOrThrow({ where: { workspaceId: ws.id, number: 903 } })).contactId).toBe(b.id);
    expect((await getContact360(ws.id, b.id)).notes.map((n) => n.body)).toEqual(["Prefers e-mail"]);
    expect((await searchContacts(ws.id, "912345678")).map((r) => r.id)).toEqual([b.id]);
    await expect(undoMerge(ws.id, ws.agent.userId, merged.mergeId)).rejects.toThrow(/already undone/);
  });
});

describe("contact search", () => {
  it("finds by name prefix, e-mail, phone digits and handle, and only in its workspace", async () => {
    const ws = await workspace();
    const other = await workspace();
    const c = await contact(ws.id, ws.agent.userId, {
      name: "Zoë Álvarez",
      emails: ["zoe.alvarez@mail.example"],
      phones: ["+1 (415) 555-0199"],
      handles: { x: ["zoealv"] },
    });
    await contact(other.id, other.agent.userId, { name: "Zoë Álvarez" });
    for (const q of ["zoe", "alv", "Zoë Álv", "zoe.alvarez@mail", "415 555 0199", "+14155550199", "@zoealv"]) {
      expect(
        (await searchContacts(ws.id, q)).map((r) => r.id),
        q,
      ).toEqual([c.id]);
    }
    expect(await searchContacts(ws.id, "nobody")).toEqual([]);
    expect(await searchContacts(ws.id, "%")).toEqual([]);
  });
});

describe("workspace isolation of contact pages", () => {
  it("answers not found for another workspace's contact, profile, merge form and merge", async () => {
    const ws = await workspace();
    const other = await workspace();
    const c = await contact(other.id, other.agent.userId, { name: "Private Person" });
    const d = await contact(other.id, other.agent.userId, { name: "Private Twin" });
    await ingestDocument(other.id, "jsonl", post({ accountId: "iso1", handle: "private" }));
    const identity = await identityOf(other.id, "iso1");
    const { contactBrief } = await import("@/lib/contacts/profile");
    await expect(getContact360(ws.id, c.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getSocialProfile(ws.id, identity.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(contactBrief(ws.id, c.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      mergeContacts(ws.id, ws.agent.userId, {
        survivorId: c.id,
        mergedId: d.id,
        survivorVersion: 0,
        mergedVersion: 0,
        choices: {},
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await searchContacts(ws.id, "private")).toEqual([]);
  });
});
