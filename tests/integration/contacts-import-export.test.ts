import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { importContacts } from "@/lib/contacts/import";
import { guessMapping } from "@/lib/contacts/import-plan";
import { parseCsvRecords } from "@/lib/util/csv";
import { earshot } from "../support/cli";
import { createTestWorkspace } from "../support/factory";

const dir = mkdtempSync(path.join(tmpdir(), "earshot-cli-contacts-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const CSV = [
  "Customer ID,First name,Last name,E-mail,Phone,Tier,Twitter,Favourite seat,Notes",
  "C-1,Jane,Doe,jane@doe.example,+351 912 345 678,VIP,janedoe,aisle,Called about refund",
  "C-2,Omar,Haddad,omar@haddad.example,,Gold,,window,",
  ",,,,,,,,",
  "C-3,Bad,Mail,not-an-email,,,,,",
  ",Lee,Park,lee@park.example,,,,,",
  ",Lee,Park,lee@park.example; lee.work@park.example,,,,,",
  ",,,shared@acme.example,,,,,",
].join("\n");

const lines = (stdout: string) =>
  stdout
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));

describe("contacts import and export", () => {
  it("guesses the column mapping from common headers", () => {
    expect(
      guessMapping([
        "Customer ID",
        "First name",
        "Last name",
        "E-mail",
        "Phone",
        "Tier",
        "Twitter",
        "Favourite seat",
        "Notes",
        "custom:Seat",
        "bluesky",
      ]),
    ).toEqual({
      "Customer ID": "externalId",
      "First name": "firstName",
      "Last name": "lastName",
      "E-mail": "email",
      Phone: "phone",
      Tier: "tier",
      Twitter: "handle:x",
      "Favourite seat": "ignore",
      Notes: "note",
      "custom:Seat": "custom:Seat",
      bluesky: "handle:bluesky",
    });
  });

  it("reports a dry run per row, writes nothing, then imports, and a re-import changes nothing", async () => {
    const ws = await createTestWorkspace();
    await db().contact.createMany({
      data: [
        { workspaceId: ws.id, name: "Acme A", emails: ["shared@acme.example"] },
        { workspaceId: ws.id, name: "Acme B", emails: ["shared@acme.example"] },
      ],
    });
    await db().contactKey.createMany({
      data: (await db().contact.findMany({ where: { workspaceId: ws.id } })).map((c) => ({
        workspaceId: ws.id,
        contactId: c.id,
        kind: "email",
        value: "shared@acme.example",
      })),
    });
    const file = path.join(dir, "contacts.csv");
    writeFileSync(file, CSV);
    const map = "Favourite seat=custom:seat";

    const dry = await earshot([
      "contacts",
      "import",
      "--workspace",
      ws.slug,
      "--file",
      file,
      "--map",
      map,
      "--dry-run",
    ]);
    expect(dry.code).toBe(0);
    const dryRows = lines(dry.stdout);
    expect(dryRows.slice(0, -1).map((r) => [r.line, r.action])).toEqual([
      [2, "create"],
      [3, "create"],
      [5, "reject"],
      [6, "create"],
      [7, "update"],
      [8, "reject"],
    ]);
    expect(dryRows[2].reason).toContain("“not-an-email” is not an e-mail address");
    expect(dryRows[4].changes).toEqual(["E-mails"]);
    expect(dryRows[5].reason).toMatch(/match 2 different contacts \(Acme A, Acme B\)/);
    expect(dryRows.at(-1)).toEqual({
      summary: {
        dryRun: true,
        onConflict: "skip",
        rows: 6,
        create: 3,
        update: 1,
        unchanged: 0,
        reject: 2,
        conflict: 0,
      },
    });
    expect(await db().contact.count({ where: { workspaceId: ws.id } })).toBe(2);

    const real = await earshot(["contacts", "import", "--workspace", ws.slug, "--file", file, "--map", map]);
    expect(lines(real.stdout).at(-1)).toEqual({
      summary: {
        dryRun: false,
        onConflict: "skip",
        rows: 6,
        create: 3,
        update: 1,
        unchanged: 0,
        reject: 2,
        conflict: 0,
      },
    });
    const jane = await db().contact.findFirstOrThrow({
      where: { workspaceId: ws.id, externalId: "C-1" },
      include: { notes: true },
    });
    expect(jane).toMatchObject({
      name: "Jane Doe",
      emails: ["jane@doe.example"],
      phones: ["+351 912 345 678"],
      tier: "VIP",
      handles: { x: ["janedoe"] },
      customFields: { seat: "aisle" },
    });
    expect(jane.notes.map((n) => n.body)).toEqual(["Called about refund"]);
    expect((await db().contact.findFirstOrThrow({ where: { workspaceId: ws.id, name: "Lee Park" } })).emails).toEqual([
      "lee@park.example",
      "lee.work@park.example",
    ]);

    const again = await earshot(["contacts", "import", "--workspace", ws.slug, "--file", file, "--map", map]);
    expect(lines(again.stdout).at(-1)).toEqual({
      summary: {
        dryRun: false,
        onConflict: "skip",
        rows: 6,
        create: 0,
        update: 0,
        unchanged: 4,
        reject: 2,
        conflict: 0,
      },
    });
    expect(await db().contact.count({ where: { workspaceId: ws.id } })).toBe(5);
    expect(await db().contactNote.count({ where: { workspaceId: ws.id } })).toBe(1);

    // An edited file updates by external id and leaves empty cells alone.
    writeFileSync(file, "Customer ID,Tier,E-mail\nC-1,Gold,\nC-9,,nobody@x.example\n");
    const edit = lines((await earshot(["contacts", "import", "--workspace", ws.slug, "--file", file])).stdout);
    expect(edit.slice(0, -1).map((r) => [r.action, r.changes ?? r.reason])).toEqual([
      ["update", ["Tier"]],
      ["reject", expect.stringMatching(/needs a name/)],
    ]);
    expect(await db().contact.findFirstOrThrow({ where: { workspaceId: ws.id, externalId: "C-1" } })).toMatchObject({
      tier: "Gold",
      emails: ["jane@doe.example"],
    });
  });

  it("exports CSV that re-imports as unchanged, and JSON with identities; refuses bad arguments clearly", async () => {
    const ws = await createTestWorkspace();
    const c = await db().contact.create({
      data: {
        workspaceId: ws.id,
        name: 'Zoë "Z" Álvarez, PhD',
        emails: ["zoe@x.example"],
        tags: ["press"],
        customFields: { seat: "=1+1" },
        handles: { x: ["zoe"] },
      },
    });
    await db().socialIdentity.create({
      data: {
        workspaceId: ws.id,
        network: "bluesky",
        accountId: "did:plc:zoe",
        handle: "zoe.bsky.social",
        contactId: c.id,
        followers: 12,
      },
    });
    await db().contact.create({ data: { workspaceId: ws.id, name: "Gone", mergedIntoId: c.id } });
    const csvFile = path.join(dir, "export.csv");
    expect((await earshot(["contacts", "export", "--workspace", ws.slug, "--out", csvFile])).code).toBe(0);
    const csv = readFileSync(csvFile, "utf8");
    const records = parseCsvRecords(csv);
    expect(records).toHaveLength(1);
    expect(records[0].record).toMatchObject({
      id: c.id,
      name: 'Zoë "Z" Álvarez, PhD',
      emails: "zoe@x.example",
      handles: "x:zoe",
      identities: "bluesky:zoe.bsky.social",
      "custom:seat": "'=1+1",
    });
    const reimport = await importContacts(ws.id, null, {
      rows: records,
      mapping: guessMapping(Object.keys(records[0].record)),
      dryRun: true,
    });
    // Round trip: the formula guard's quote is removed again, so nothing changes.
    expect(reimport.results[0]).toMatchObject({ action: "unchanged", contactId: c.id });

    const json = await earshot(["contacts", "export", "--workspace", ws.slug, "--format", "json"]);
    const parsed = JSON.parse(json.stdout);
    expect(parsed).toHaveLength(1);
    expect(parsed[0]).toMatchObject({
      id: c.id,
      identities: [{ network: "bluesky", handle: "zoe.bsky.social", followers: 12 }],
    });

    expect(await earshot(["contacts", "export", "--workspace", ws.slug, "--format", "xml"])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("--format csv|json"),
    });
    expect(
      await earshot(["contacts", "import", "--workspace", ws.slug, "--file", csvFile, "--map", "Nope=name"]),
    ).toMatchObject({ code: 2, stderr: expect.stringContaining('Bad --map entry "Nope=name"') });
    expect(await earshot(["contacts", "import", "--workspace", "no-such", "--file", csvFile])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('No workspace with slug "no-such"'),
    });
  });
});

// A shared e-mail is not identity: families and teams share mailboxes.
describe("contacts import never merges two people", () => {
  const csv = (text: string) => parseCsvRecords(text);
  const run = (wsId: string, text: string, dryRun: boolean, onConflict?: "skip" | "create") => {
    const rows = csv(text);
    return importContacts(wsId, null, { rows, mapping: guessMapping(Object.keys(rows[0].record)), dryRun, onConflict });
  };
  const people = async (wsId: string) =>
    await db().contact.findMany({
      where: { workspaceId: wsId },
      orderBy: { name: "asc" },
      select: { name: true, externalId: true, emails: true, version: true },
    });

  it("keeps Ann when Bob shares her family address with another external id (the CLI, one file), and a re-import changes nothing", async () => {
    const ws = await createTestWorkspace();
    const file = path.join(dir, "family.csv");
    writeFileSync(file, "External ID,Name,Email\nC1,Ann Lee,info@family.example\nC2,Bob Day,info@family.example\n");
    const dry = lines(
      (await earshot(["contacts", "import", "--workspace", ws.slug, "--file", file, "--dry-run"])).stdout,
    );
    expect(dry.slice(0, -1).map((r) => [r.line, r.action])).toEqual([
      [2, "create"],
      [3, "create"],
    ]);
    expect(dry[1].reason).toMatch(/Shares info@family\.example with Ann Lee \(a different external id\)/);
    expect(await db().contact.count({ where: { workspaceId: ws.id } })).toBe(0);
    await earshot(["contacts", "import", "--workspace", ws.slug, "--file", file]);
    expect(await people(ws.id)).toEqual([
      { name: "Ann Lee", externalId: "C1", emails: ["info@family.example"], version: 0 },
      { name: "Bob Day", externalId: "C2", emails: ["info@family.example"], version: 0 },
    ]);
    const again = lines((await earshot(["contacts", "import", "--workspace", ws.slug, "--file", file])).stdout);
    expect(again.at(-1)).toMatchObject({ summary: { create: 0, update: 0, unchanged: 2, conflict: 0 } });
    expect((await people(ws.id)).map((c) => c.version)).toEqual([0, 0]);
  });

  it("the CLI takes --on-conflict create (and refuses other values); rebuild-keys recomputes the matching keys", async () => {
    const ws = await createTestWorkspace();
    const file = path.join(dir, "team.csv");
    writeFileSync(file, "Name,Email\nJane Doe,sales@acme.example\nTom Reyes,sales@acme.example\n");
    const skipped = lines((await earshot(["contacts", "import", "--workspace", ws.slug, "--file", file])).stdout);
    expect(skipped.slice(0, -1).map((r) => r.action)).toEqual(["create", "conflict"]);
    expect(
      await earshot(["contacts", "import", "--workspace", ws.slug, "--file", file, "--on-conflict", "merge"]),
    ).toMatchObject({ code: 2, stderr: expect.stringContaining('Bad --on-conflict "merge"') });
    const created = await earshot([
      "contacts",
      "import",
      "--workspace",
      ws.slug,
      "--file",
      file,
      "--on-conflict",
      "create",
    ]);
    expect(created.code).toBe(0);
    expect((await people(ws.id)).map((c) => c.name)).toEqual(["Jane Doe", "Tom Reyes"]);
    const rebuilt = await earshot(["contacts", "rebuild-keys", "--workspace", ws.slug]);
    expect(rebuilt.code).toBe(0);
    expect(JSON.parse(rebuilt.stdout)).toEqual({ workspace: ws.slug, contacts: 2 });
  });

  it("reports a team mailbox row naming another person as a conflict, skips it, or creates it separately by choice", async () => {
    const ws = await createTestWorkspace();
    const file = "Name,Email,Company\nJane Doe,sales@acme.example,Acme\nTom Reyes,sales@acme.example,Acme Corp\n";
    const dry = await run(ws.id, file, true);
    expect(dry.results.map((r) => r.action)).toEqual(["create", "conflict"]);
    expect(dry.results[1].reason).toMatch(
      /sales@acme\.example belongs to Jane Doe, and this row names “Tom Reyes”.*Skipped/,
    );
    expect(dry.counts).toMatchObject({ create: 1, conflict: 1 });
    const real = await run(ws.id, file, false);
    expect(real.results.map((r) => r.action)).toEqual(["create", "conflict"]);
    const jane = await db().contact.findFirstOrThrow({ where: { workspaceId: ws.id } });
    expect(real.results[1].contactId).toBe(jane.id);
    expect(await people(ws.id)).toEqual([
      { name: "Jane Doe", externalId: null, emails: ["sales@acme.example"], version: 0 },
    ]);
    expect(jane.company).toBe("Acme");
    // Importing again changes nothing (the conflict is reported again, nothing is written).
    const again = await run(ws.id, file, false);
    expect(again.counts).toMatchObject({ create: 0, update: 0, unchanged: 1, conflict: 1 });
    expect(await people(ws.id)).toHaveLength(1);
    // The user chooses to create it: Tom becomes his own contact; Jane is untouched.
    const created = await run(ws.id, file, false, "create");
    expect(created.results.map((r) => r.action)).toEqual(["unchanged", "create"]);
    expect(created.results[1].reason).toMatch(/^Created separately/);
    expect((await people(ws.id)).map((c) => [c.name, c.version])).toEqual([
      ["Jane Doe", 0],
      ["Tom Reyes", 0],
    ]);
    // Now each row finds its own person by name, so a re-import changes nothing.
    expect((await run(ws.id, file, false, "create")).counts).toMatchObject({
      create: 0,
      update: 0,
      unchanged: 2,
      conflict: 0,
    });
  });

  it("across two imports: a family member sharing an address is a conflict, the same person by another name form is an update", async () => {
    const ws = await createTestWorkspace();
    await run(ws.id, "Name,Email,Tier\nAnn Lee,thelees@mail.example,Gold\nBob Lee,bob.lee@mail.example,\n", false);
    const second = await run(
      ws.id,
      "Name,Email,Phone\nTom Lee,thelees@mail.example,+1 415 555 0100\nRobert Lee,bob.lee@mail.example,+1 415 555 0199\n",
      false,
    );
    expect(second.results.map((r) => r.action)).toEqual(["conflict", "update"]);
    expect(second.results[1].changes).toEqual(["Name", "Phones"]);
    const ann = await db().contact.findFirstOrThrow({
      where: { workspaceId: ws.id, emails: { has: "thelees@mail.example" } },
    });
    expect(ann).toMatchObject({ name: "Ann Lee", tier: "Gold", phones: [], version: 0 });
    // External ids: a row with another record's id never matches by e-mail; one without a
    // name cannot hand its external id to a contact found by e-mail alone.
    await run(ws.id, "External ID,Name,Email\nC1,Ann Lee,thelees@mail.example\n", false);
    expect((await db().contact.findUniqueOrThrow({ where: { id: ann.id } })).externalId).toBe("C1");
    const third = await run(
      ws.id,
      "External ID,Name,Email\nC7,Ann Lee,thelees@mail.example\n,,thelees@mail.example\n",
      true,
    );
    // (the second row, with no name, now matches two contacts: it is refused, not guessed)
    expect(third.results.map((r) => r.action)).toEqual(["create", "reject"]);
    expect(third.results[1].reason).toMatch(/match 2 different contacts \(Ann Lee, Ann Lee\)/);
    const nameless = await run(ws.id, "External ID,Email\nC9,bob.lee@mail.example\n", false);
    expect(nameless.results[0]).toMatchObject({
      action: "conflict",
      reason: expect.stringMatching(/no name to confirm/),
    });
    expect(
      (await db().contact.findFirstOrThrow({ where: { workspaceId: ws.id, name: "Robert Lee" } })).externalId,
    ).toBeNull();
    // An Earshot id that matches nothing is rejected, never matched by e-mail instead.
    const byId = await run(ws.id, "id,Name,Email\nnot-a-contact,Ann Lee,thelees@mail.example\n", true);
    expect(byId.results[0]).toMatchObject({ action: "reject", reason: "No contact has the Earshot id not-a-contact." });
    expect(await db().contact.count({ where: { workspaceId: ws.id } })).toBe(2);
  });
});
