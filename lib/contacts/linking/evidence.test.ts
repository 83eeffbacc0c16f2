import { describe, expect, it } from "vitest";
import { decideLink, lookupKeys, nameSimilarity, type CandidateContact, type IdentityProfile } from "./evidence";
import { jaroWinkler } from "./similarity";

const profile = (p: Partial<IdentityProfile>): IdentityProfile => ({ network: "x", handle: "someone", displayName: null, email: null, website: null, location: null, bio: null, ...p });
const contact = (id: string, c: Partial<CandidateContact>): CandidateContact => ({ id, name: "Nobody Here", location: null, emails: [], websites: [], handles: {}, linkedHandles: [], ...c });

describe("decideLink", () => {
  it("links on one contact's profile e-mail, website or declared handle, with the reason", () => {
    expect(decideLink(profile({ email: "Jane@Doe.example" }), [contact("a", { emails: ["jane@doe.example"] })]).link).toEqual({ contactId: "a", reasons: [{ code: "email", text: "profile e-mail jane@doe.example" }] });
    expect(decideLink(profile({ website: "http://www.jane.example/" }), [contact("a", { websites: ["jane.example"] })]).link?.contactId).toBe("a");
    expect(decideLink(profile({ handle: "@JaneD" }), [contact("a", { handles: { x: ["janed"] } })]).link?.contactId).toBe("a");
    // A handle declared for another network is not strong evidence.
    expect(decideLink(profile({ handle: "janed", network: "bluesky" }), [contact("a", { handles: { x: ["janed"] } })]).link).toBeNull();
  });

  it("does not link when strong evidence is shared, a team mailbox, or points at two contacts", () => {
    const shared = decideLink(profile({ email: "desk@acme.example" }), [contact("a", { emails: ["desk@acme.example"] }), contact("b", { emails: ["desk@acme.example"] })]);
    expect(shared.link).toBeNull();
    expect(shared.suggestions.map((s) => s.contactId).sort()).toEqual(["a", "b"]);
    expect(shared.suggestions[0].reasons[0].text).toContain("shared by 2 contacts");
    const mailbox = decideLink(profile({ bio: "write to support@acme.example" }), [contact("a", { emails: ["support@acme.example"] })]);
    expect(mailbox.link).toBeNull();
    expect(mailbox.suggestions[0].reasons[0].text).toContain("team mailbox");
    const conflict = decideLink(profile({ email: "a@x.example", handle: "bee" }), [contact("a", { emails: ["a@x.example"] }), contact("b", { handles: { x: ["bee"] } })]);
    expect(conflict.link).toBeNull();
    expect(conflict.suggestions).toHaveLength(2);
  });

  it("ranks namesakes by location and explains each suggestion", () => {
    const d = decideLink(profile({ displayName: "Maria Silva", location: "Porto, Portugal" }), [
      contact("lisbon", { name: "Maria Silva", location: "Lisbon" }),
      contact("porto", { name: "Maria Silva", location: "Porto" }),
      contact("other", { name: "Mario Rossi" }),
    ]);
    expect(d.link).toBeNull();
    expect(d.suggestions.map((s) => s.contactId)).toEqual(["porto", "lisbon"]);
    expect(d.suggestions[0].reasons.map((r) => r.code)).toEqual(["name", "name-location"]);
    expect(d.suggestions[1].reasons.map((r) => r.code)).toEqual(["name", "other-location"]);
  });

  it("suggests on the same handle elsewhere, a handle that spells the name, and a bio link", () => {
    expect(decideLink(profile({ network: "bluesky", handle: "leepark" }), [contact("a", { linkedHandles: [{ network: "x", handle: "LeePark" }] })]).suggestions[0].reasons[0].code).toBe("handle-elsewhere");
    expect(decideLink(profile({ handle: "jane_doe88" }), [contact("a", { name: "Jane Doe" })]).suggestions[0].reasons[0].text).toContain("spells the name");
    expect(decideLink(profile({ bio: "Portfolio https://doe-studio.example/work" }), [contact("a", { websites: ["doe-studio.example"] })]).suggestions[0].reasons[0].code).toBe("bio-link");
    expect(decideLink(profile({ displayName: "Completely Different" }), [contact("a", { name: "Jane Doe" })]).suggestions).toEqual([]);
  });

  it("looks candidates up by e-mail, website, handles, name and initial", () => {
    const keys = lookupKeys(profile({ handle: "JaneDoe", displayName: "Doe, Jane", email: "J@D.example", bio: "see https://www.doe.example/blog" }));
    expect(keys).toEqual(expect.arrayContaining([
      { kind: "email", value: "j@d.example" }, { kind: "website", value: "doe.example/blog" }, { kind: "website", value: "doe.example" },
      { kind: "declared", value: "x:janedoe" }, { kind: "handle", value: "janedoe" }, { kind: "compact", value: "janedoe" },
      { kind: "name", value: "doe jane" }, { kind: "initial", value: "d jane" },
    ]));
  });
});

describe("name similarity", () => {
  it("scores exact, reordered, shortened, initialled and accented names, and rejects others", () => {
    expect(nameSimilarity("José Álvarez", "jose alvarez").score).toBe(1);
    expect(nameSimilarity("Silva, Maria", "Maria Silva").score).toBe(1);
    expect(nameSimilarity("Jon Smith", "Jonathan Smith").score).toBe(0.85);
    expect(nameSimilarity("J. Smith", "John Smith").score).toBe(0.8);
    expect(nameSimilarity("Jane Doe", "John Smith").score).toBe(0);
    expect(jaroWinkler("martha", "marhta")).toBeCloseTo(0.961, 3);
  });
});
