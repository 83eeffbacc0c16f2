import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "@/lib/util/cursor";
import {
  actionPrefixes,
  actionsMatching,
  cursorOf,
  filterSearchParams,
  instantRange,
  objectLink,
  pageRequest,
  parseAuditQuery,
  shapePage,
  targetTypeVariants,
  distinctTypes,
  chosenType,
} from "./viewer-query";

const at = (iso: string, id: string) => ({ createdAt: new Date(iso), id });

describe("the audit viewer's query", () => {
  it("takes every filter as given", () => {
    const { query, problems } = parseAuditQuery({
      actor: "cku1",
      action: "contact.",
      objectType: "Contact",
      objectId: "ckc9",
      from: "2026-03-01",
      to: "2026-03-31",
    });
    expect(problems).toEqual([]);
    expect(query).toEqual({
      actor: "cku1",
      action: "contact.",
      objectType: "Contact",
      objectId: "ckc9",
      from: "2026-03-01",
      to: "2026-03-31",
      after: undefined,
      before: undefined,
    });
    expect(parseAuditQuery({ actor: "system" }).query.actor).toBe("system");
    expect(parseAuditQuery({ action: ["member.role_changed", "x"] }).query.action).toBe("member.role_changed");
  });

  it("reports and drops what it can't use (a malformed date, a NUL, a forged cursor), keeping the rest", () => {
    const { query, problems } = parseAuditQuery({
      actor: "a\u0000b",
      action: "contact.merge; DROP",
      objectType: "Contact",
      from: "2026-02-30",
      to: "2026-03-31",
      after: Buffer.from(JSON.stringify(["2026-01-01T00:00:00", "x\u0000"])).toString("base64url"),
    });
    expect(problems).toEqual([
      expect.stringMatching(/^"actor" .*ignored\.$/),
      expect.stringMatching(/^"action" is not an action name/),
      expect.stringMatching(/^"from" must be a real date/),
      expect.stringMatching(/^"after" is not a page of this list/),
    ]);
    expect(query).toMatchObject({ actor: undefined, action: undefined, objectType: "Contact", from: undefined });
    expect(query.to).toBe("2026-03-31");
    expect(parseAuditQuery({ action: "x".repeat(101) }).problems[0]).toMatch(/longer than 100/);
  });

  it("needs a type for an object id, a range that runs forwards, and one paging direction", () => {
    const c = encodeCursor({ at: "2026-03-01T10:00:00.000", id: "a" });
    const { query, problems } = parseAuditQuery({
      objectId: "ckc9",
      from: "2026-04-01",
      to: "2026-03-01",
      after: c,
      before: c,
    });
    expect(problems).toHaveLength(3);
    expect(query).toMatchObject({ objectId: undefined, from: undefined, to: undefined, after: c, before: undefined });
    expect(pageRequest(query)).toEqual({ direction: "older", cursor: decodeCursor(c) });
    expect(pageRequest({ before: c })).toEqual({ direction: "newer", cursor: decodeCursor(c) });
    expect(pageRequest({})).toEqual({ direction: "older", cursor: null });
  });

  it("resolves an action prefix against the actions seen, and lists the families", () => {
    const seen = ["auth.sign_in", "contact.merge", "contact.merge.undo", "contactx.y", "privacy.exported"];
    expect(actionsMatching("contact.", seen)).toEqual(["contact.merge", "contact.merge.undo"]);
    expect(actionsMatching("contact.merge", seen)).toEqual(["contact.merge"]);
    expect(actionsMatching("nothing.", seen)).toEqual([]);
    expect(actionPrefixes(seen)).toEqual(["auth.", "contact.", "contactx.", "privacy."]);
  });

  it("matches an object type whatever its stored case", () => {
    expect(targetTypeVariants("contact")).toEqual(expect.arrayContaining(["contact", "Contact"]));
    expect(targetTypeVariants("Contact")).toEqual(expect.arrayContaining(["contact", "Contact"]));
    expect(targetTypeVariants("CONTACT")).toEqual(expect.arrayContaining(["contact", "Contact", "CONTACT"]));
    expect(targetTypeVariants("apiKey")).toEqual(expect.arrayContaining(["apiKey", "ApiKey"]));
    expect(targetTypeVariants("SocialIdentity")).toEqual(expect.arrayContaining(["SocialIdentity", "socialIdentity"]));
  });

  it("offers one choice per object type, whatever cases it is stored in", () => {
    const choices = distinctTypes(["contact", "apiKey", "Contact", "SocialIdentity", "Case"]);
    expect(choices).toEqual(["apiKey", "Case", "Contact", "SocialIdentity"]);
    expect(chosenType("contact", choices)).toBe("Contact");
    expect(chosenType("Widget", choices)).toBe("Widget");
  });

  it("turns local dates into the instants they cover in the workspace's zone", () => {
    expect(instantRange({ from: "2026-03-29", to: "2026-03-29" }, "Europe/Berlin")).toEqual({
      since: new Date("2026-03-28T23:00:00Z"),
      // The day of the spring-forward change is 23 hours long.
      until: new Date("2026-03-29T22:00:00Z"),
    });
    expect(instantRange({}, "UTC")).toEqual({ since: null, until: null });
  });

  it("links contacts, social profiles and cases (by number) to their pages", () => {
    expect(objectLink("Contact", "ckc9")).toBe("/contacts/ckc9");
    expect(objectLink("contact", "ckc9")).toBe("/contacts/ckc9");
    expect(objectLink("SocialIdentity", "cks1")).toBe("/contacts/profiles/cks1");
    expect(objectLink("Case", "ckcase", new Map([["ckcase", 42]]))).toBe("/cases/42");
    expect(objectLink("case", "gone")).toBeNull();
    expect(objectLink("Contact", null)).toBeNull();
    expect(objectLink("apiKey", "k1")).toBeNull();
  });

  it("writes the filter back as parameters without paging", () => {
    expect(String(filterSearchParams({ actor: "system", action: "contact.", objectType: "Contact" }))).toBe(
      "actor=system&action=contact.&objectType=Contact",
    );
  });
});

describe("keyset pages", () => {
  const rows = [
    at("2026-03-01T10:00:03Z", "d"),
    at("2026-03-01T10:00:02Z", "c"),
    at("2026-03-01T10:00:02Z", "b"),
    at("2026-03-01T10:00:01Z", "a"),
  ];

  it("the first page: an Older link when there is more, no Newer link", () => {
    const page = shapePage(rows, 3, { direction: "older", cursor: null });
    expect(page.rows.map((r) => r.id)).toEqual(["d", "c", "b"]);
    expect(decodeCursor(page.older!)).toEqual({ at: "2026-03-01T10:00:02.000", id: "b" });
    expect(page.newer).toBeNull();
    expect(shapePage(rows, 4, { direction: "older", cursor: null }).older).toBeNull();
  });

  it("an older page links back to the rows above its first", () => {
    const cursor = decodeCursor(cursorOf(rows[0]))!;
    const page = shapePage(rows.slice(1), 3, { direction: "older", cursor });
    expect(page.older).toBeNull();
    expect(decodeCursor(page.newer!)).toEqual({ at: "2026-03-01T10:00:02.000", id: "c" });
    expect(shapePage([], 3, { direction: "older", cursor }).newer).toBe(encodeCursor(cursor));
  });

  it("a newer page is read oldest first and shown newest first", () => {
    const cursor = decodeCursor(cursorOf(rows[3]))!;
    const ascending = [rows[2], rows[1], rows[0]];
    const page = shapePage(ascending, 2, { direction: "newer", cursor });
    expect(page.rows.map((r) => r.id)).toEqual(["c", "b"]);
    expect(decodeCursor(page.newer!)).toEqual({ at: "2026-03-01T10:00:02.000", id: "c" });
    expect(decodeCursor(page.older!)).toEqual({ at: "2026-03-01T10:00:02.000", id: "b" });
    expect(shapePage(ascending, 3, { direction: "newer", cursor }).newer).toBeNull();
  });
});
