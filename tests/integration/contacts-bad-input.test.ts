// Bad bytes and absurd values in the contacts pages' addresses and in /api/contacts: NUL,
// broken UTF-8 (%ED%A0%80 arrives as replacement characters) and lone surrogates, 10,000-
// character values, forged cursors. Pages load a clean (possibly empty) page or answer 404;
// the route answers 400. Never a 500.
import { beforeAll, describe, expect, it } from "vitest";
import { runAsSession } from "@/lib/auth/session";
import { contactFieldsSchema } from "@/lib/contacts/fields";
import { createContact } from "@/lib/contacts/contacts";
import { listContacts } from "@/lib/contacts/list";
import { searchContacts, searchTerms } from "@/lib/contacts/search";
import { isSafeText } from "@/lib/util/params";
import { GET as exportRoute } from "@/app/api/contacts/export/route";
import ContactsPage from "@/app/(console)/contacts/page";
import ContactPage from "@/app/(console)/contacts/[id]/page";
import SocialProfilePage from "@/app/(console)/contacts/profiles/[id]/page";
import MergePage from "@/app/(console)/contacts/merge/page";
import { createTestWorkspace, type TestWorkspace } from "../support/factory";

const BAD_TEXT = [
  "\u0000",
  "a\u0000@b",
  "@\u0000x",
  "\uD800",
  "x\uDC00y",
  "\uFFFD\uFFFD\uFFFD",
  "%ED%A0%80",
  "%00",
  "x".repeat(10_000),
  "a@".repeat(5_000),
];
const forgedCursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const CURSORS = [
  ...BAD_TEXT,
  forgedCursor(["\u0000", "x"]),
  forgedCursor(["a", "\uD800"]),
  forgedCursor(["x".repeat(10_000), "y"]),
  forgedCursor({ a: 1 }),
];

let ws: TestWorkspace;
let contactId: string;

beforeAll(async () => {
  ws = await createTestWorkspace();
  contactId = (
    await createContact(
      ws.id,
      ws.agent.userId,
      contactFieldsSchema.parse({ name: "Zoë Álvarez", emails: ["zoe@x.example"] }),
    )
  ).id;
});

const asAgent = <T>(fn: () => Promise<T>) => runAsSession(ws.agent.claims, fn);
const notFound = { digest: expect.stringMatching(/404/) };

describe("contacts pages with bad query strings and path parameters", () => {
  it("the list and search: a clean page, whatever q and after hold", async () => {
    for (const bad of [...BAD_TEXT, ...CURSORS]) {
      await expect(asAgent(() => ContactsPage({ searchParams: Promise.resolve({ q: bad }) }))).resolves.toBeTruthy();
      await expect(
        asAgent(() => ContactsPage({ searchParams: Promise.resolve({ after: bad }) })),
      ).resolves.toBeTruthy();
      await expect(
        asAgent(() => ContactsPage({ searchParams: Promise.resolve({ q: [bad, "zoe"], after: [bad] }) })),
      ).resolves.toBeTruthy();
      expect(searchTerms(bad).every((t) => isSafeText(t) && t.length <= 200)).toBe(true);
      await expect(searchContacts(ws.id, bad)).resolves.toBeInstanceOf(Array);
    }
    for (const cursor of CURSORS)
      expect((await listContacts(ws.id, { after: cursor })).rows.map((r) => r.id)).toEqual([contactId]);
    // Sane input still works.
    expect((await searchContacts(ws.id, "zoe\u0000")).map((r) => r.id)).toEqual([contactId]);
  });

  it("a contact, a social profile and the merge form: malformed ids are a 404; bad notices are ignored", async () => {
    for (const bad of BAD_TEXT) {
      await expect(
        asAgent(() => ContactPage({ params: Promise.resolve({ id: bad }), searchParams: Promise.resolve({}) })),
      ).rejects.toMatchObject(notFound);
      await expect(asAgent(() => SocialProfilePage({ params: Promise.resolve({ id: bad }) }))).rejects.toMatchObject(
        notFound,
      );
      await expect(
        asAgent(() => MergePage({ searchParams: Promise.resolve({ a: bad, b: contactId }) })),
      ).rejects.toMatchObject(notFound);
      await expect(
        asAgent(() => MergePage({ searchParams: Promise.resolve({ a: contactId, b: [bad] }) })),
      ).rejects.toMatchObject(notFound);
      await expect(
        asAgent(() =>
          ContactPage({
            params: Promise.resolve({ id: contactId }),
            searchParams: Promise.resolve({ merged: bad, undone: bad, kept: bad }),
          }),
        ),
      ).resolves.toBeTruthy();
    }
  });
});

describe("/api/contacts/export with bad query strings", () => {
  it("answers 400 with a message for any format but csv and json, and still exports", async () => {
    const encode = (s: string) => {
      try {
        return encodeURIComponent(s);
      } catch {
        return s; // a lone surrogate: the URL parser writes it as a replacement character
      }
    };
    for (const bad of [...BAD_TEXT.map(encode), "%00", "%ED%A0%80", "csv%00"]) {
      const response = await runAsSession(ws.manager.claims, () =>
        exportRoute(new Request(`http://t/api/contacts/export?format=${bad}`), { params: Promise.resolve({}) }),
      );
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: string }).error).toBe("format must be csv or json.");
    }
    const ok = await runAsSession(ws.manager.claims, () =>
      exportRoute(new Request("http://t/api/contacts/export?format=json&junk=%00"), { params: Promise.resolve({}) }),
    );
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain("Zoë Álvarez");
  });
});
