import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { decideLink, lookupKeys, nameSimilarity, type CandidateContact, type IdentityProfile } from "./evidence";
import { jaroWinkler } from "./similarity";

const profile = (p: Partial<IdentityProfile>): IdentityProfile => ({
  network: "x",
  handle: "someone",
  displayName: null,
  email: null,
  website: null,
  location: null,
  bio: null,
  ...p,
});
const contact = (id: string, c: Partial<CandidateContact>): CandidateContact => ({
  id,
  name: "Nobody Here",
  location: null,
  emails: [],
  websites: [],
  handles: {},
  linkedHandles: [],
  ...c,
});

describe("decideLink", () => {
  it("links on one contact's profile e-mail, website or declared handle, with the reason", () => {
    expect(
      decideLink(profile({ email: "Jane@Doe.example" }), [contact("a", { emails: ["jane@doe.example"] })]).link,
    ).toEqual({ contactId: "a", reasons: [{ code: "email", text: "profile e-mail jane@doe.example" }] });
    expect(
      decideLink(profile({ website: "http://www.jane.example/" }), [contact("a", { websites: ["jane.example"] })]).link
        ?.contactId,
    ).toBe("a");
    expect(
      decideLink(profile({ handle: "@JaneD" }), [contact("a", { handles: { x: ["janed"] } })]).link?.contactId,
    ).toBe("a");
    // A handle declared for another network is not strong evidence.
    expect(
      decideLink(profile({ handle: "janed", network: "bluesky" }), [contact("a", { handles: { x: ["janed"] } })]).link,
    ).toBeNull();
  });

  it("does not link when strong evidence is shared, a team mailbox, or points at two contacts", () => {
    const shared = decideLink(profile({ email: "travel.desk.lisbon@acme.example" }), [
      contact("a", { emails: ["travel.desk.lisbon@acme.example"] }),
      contact("b", { emails: ["travel.desk.lisbon@acme.example"] }),
    ]);
    expect(shared.link).toBeNull();
    expect(shared.suggestions.map((s) => s.contactId).sort()).toEqual(["a", "b"]);
    expect(shared.suggestions[0].reasons[0].text).toContain("shared by 2 contacts");
    const mailbox = decideLink(profile({ email: "support@acme.example" }), [
      contact("a", { emails: ["support@acme.example"] }),
    ]);
    expect(mailbox.link).toBeNull();
    expect(mailbox.suggestions[0].reasons[0].text).toContain("team mailbox");
    const mention = decideLink(profile({ bio: "write to support@acme.example" }), [
      contact("a", { emails: ["support@acme.example"] }),
    ]);
    expect(mention.link).toBeNull();
    expect(mention.suggestions[0].reasons[0].text).toContain("not as the author's own");
    const conflict = decideLink(profile({ email: "a@x.example", handle: "bee" }), [
      contact("a", { emails: ["a@x.example"] }),
      contact("b", { handles: { x: ["bee"] } }),
    ]);
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
    expect(
      decideLink(profile({ network: "bluesky", handle: "leepark" }), [
        contact("a", { linkedHandles: [{ network: "x", handle: "LeePark" }] }),
      ]).suggestions[0].reasons[0].code,
    ).toBe("handle-elsewhere");
    expect(
      decideLink(profile({ handle: "jane_doe88" }), [contact("a", { name: "Jane Doe" })]).suggestions[0].reasons[0]
        .text,
    ).toContain("spells the name");
    expect(
      decideLink(profile({ bio: "Portfolio https://doe-studio.example/work" }), [
        contact("a", { websites: ["doe-studio.example"] }),
      ]).suggestions[0].reasons[0].code,
    ).toBe("bio-link");
    expect(
      decideLink(profile({ displayName: "Completely Different" }), [contact("a", { name: "Jane Doe" })]).suggestions,
    ).toEqual([]);
  });

  it("looks candidates up by e-mail, website, handles, name and initial", () => {
    const keys = lookupKeys(
      profile({
        handle: "JaneDoe",
        displayName: "Doe, Jane",
        email: "J@D.example",
        bio: "see https://www.doe.example/blog",
      }),
    );
    expect(keys).toEqual(
      expect.arrayContaining([
        { kind: "email", value: "j@d.example" },
        { kind: "website", value: "doe.example/blog" },
        { kind: "website", value: "doe.example" },
        { kind: "declared", value: "x:janedoe" },
        { kind: "handle", value: "janedoe" },
        { kind: "compact", value: "janedoe" },
        { kind: "name", value: "doe jane" },
        { kind: "initial", value: "d jane" },
        { kind: "canon", value: "~do iane" },
      ]),
    );
    // A Mastodon handle is also looked up without its server, a Bluesky domain handle as a site.
    expect(lookupKeys(profile({ network: "mastodon", handle: "jane@mastodon.social" }))).toEqual(
      expect.arrayContaining([{ kind: "handle", value: "jane" }]),
    );
    expect(lookupKeys(profile({ network: "bluesky", handle: "janedoe.com" }))).toEqual(
      expect.arrayContaining([
        { kind: "website", value: "janedoe.com" },
        { kind: "domain", value: "~janedoe.com" },
      ]),
    );
  });
});

describe("evidence that is really the person's", () => {
  const jane = (c: Partial<CandidateContact> = {}) => contact("jane", { name: "Jane Whitaker", ...c });

  it("does not link on an organisation's site: the contact's company, a domain others use, a news outlet, a platform page", () => {
    const company = decideLink(profile({ displayName: "Jane Whitaker", website: "https://northwind.example" }), [
      jane({ company: "Northwind", websites: ["northwind.example"] }),
    ]);
    expect(company.link).toBeNull();
    expect(company.suggestions[0]).toMatchObject({ contactId: "jane" });
    expect(company.suggestions[0].reasons[0].text).toContain("company");
    const colleague = decideLink(profile({ displayName: "Tom Reyes", website: "northwind.example" }), [
      jane({ websites: ["northwind.example"] }),
      contact("pat", { name: "Pat Kim", emails: ["pat@northwind.example"] }),
    ]);
    expect(colleague.link).toBeNull();
    expect(
      decideLink(profile({ website: "theguardian.com" }), [jane({ websites: ["theguardian.com"] })]).link,
    ).toBeNull();
    expect(
      decideLink(profile({ website: "https://linktr.ee/jane" }), [jane({ websites: ["linktr.ee/jane"] })]).link,
    ).toBeNull();
    // Another stored profile (not Jane) uses the same site.
    expect(
      decideLink(profile({ website: "janesite.example" }), [jane({ websites: ["janesite.example"] })], {
        others: [{ email: null, website: "janesite.example", displayName: "Joe Blake", contactId: null }],
      }).link,
    ).toBeNull();
    // …but her own other account does not count against her.
    expect(
      decideLink(profile({ website: "janesite.example" }), [jane({ websites: ["janesite.example"] })], {
        others: [{ email: null, website: "janesite.example", displayName: "Jane Whitaker", contactId: null }],
      }).link?.contactId,
    ).toBe("jane");
  });

  it("links on a personal site, also as a Bluesky domain handle, and not when the profile names someone else or is a parody", () => {
    expect(
      decideLink(profile({ displayName: "Jane W", website: "http://www.janewhitaker.example/" }), [
        jane({ websites: ["janewhitaker.example"], company: "Northwind" }),
      ]).link?.contactId,
    ).toBe("jane");
    expect(
      decideLink(profile({ network: "bluesky", handle: "janewhitaker.example" }), [
        jane({ websites: ["janewhitaker.example"] }),
      ]).link?.reasons[0].text,
    ).toContain("Bluesky handle");
    expect(
      decideLink(profile({ displayName: "Luca Whitaker", website: "janewhitaker.example" }), [
        jane({ websites: ["janewhitaker.example"] }),
      ]).link,
    ).toBeNull();
    const parody = decideLink(profile({ displayName: "Not Jane Whitaker (parody)", website: "janewhitaker.example" }), [
      jane({ websites: ["janewhitaker.example"] }),
    ]);
    expect(parody.link).toBeNull();
    expect(parody.suggestions[0].reasons[0].text).toContain("parody");
  });

  it("links on an e-mail only when it is the author's own, unique and personal", () => {
    const mail = "jess.taylor@agency.example";
    expect(decideLink(profile({ bio: `Collabs: ${mail}` }), [jane({ emails: [mail] })]).link).toBeNull();
    // The pipeline stores the first bio address in the e-mail field: it is still only a mention.
    expect(
      decideLink(profile({ email: mail, bio: `Management: ${mail}` }), [jane({ emails: [mail] })]).link,
    ).toBeNull();
    expect(decideLink(profile({ bio: `Reach me: ${mail}` }), [jane({ emails: [mail] })]).link?.contactId).toBe("jane");
    expect(
      decideLink(profile({ email: "tips@paper.example" }), [jane({ emails: ["tips@paper.example"] })]).link,
    ).toBeNull();
    expect(
      decideLink(profile({ email: "rossi.family@mail.example" }), [jane({ emails: ["rossi.family@mail.example"] })])
        .link,
    ).toBeNull();
    expect(
      decideLink(profile({ email: mail }), [jane({ emails: [mail] })], {
        others: [{ email: mail, website: null, displayName: "Lily Evans", contactId: null }],
      }).link,
    ).toBeNull();
    // A relative on a personal-looking address: the name says it is someone else.
    expect(
      decideLink(profile({ displayName: "Luca Rossi", email: "maria.rossi@mail.example" }), [
        contact("m", { name: "Maria Rossi", emails: ["maria.rossi@mail.example"] }),
      ]).link,
    ).toBeNull();
  });

  it("ranks the same-city namesake first, shows every plausible namesake, and knows name equivalents", () => {
    const d = decideLink(profile({ displayName: "Jen Walsh", location: "NYC" }), [
      contact("bos", { name: "Jennifer Walsh", location: "Boston" }),
      contact("nyc", { name: "Jennifer Walsh", location: "New York" }),
    ]);
    expect(d.suggestions.map((s) => s.contactId)).toEqual(["nyc", "bos"]);
    expect(
      decideLink(profile({ displayName: "Kolya Ivanov" }), [contact("n", { name: "Nikolai Ivanov" })]).suggestions[0]
        ?.contactId,
    ).toBe("n");
    expect(
      decideLink(profile({ network: "x", handle: "chloelambert" }), [
        contact("c", {
          name: "Chloé Lambert",
          linkedHandles: [{ network: "mastodon", handle: "chloelambert@piaille.fr" }],
        }),
      ]).suggestions[0].reasons.map((r) => r.code),
    ).toContain("handle-elsewhere");
  });
});

describe("name similarity", () => {
  it("scores exact, reordered, shortened, initialled and accented names, and rejects others", () => {
    expect(nameSimilarity("José Álvarez", "jose alvarez").score).toBe(1);
    expect(nameSimilarity("Silva, Maria", "Maria Silva").score).toBe(1);
    expect(nameSimilarity("Jon Smith", "Jonathan Smith").score).toBeGreaterThanOrEqual(0.85);
    expect(nameSimilarity("Jon Smith", "Jonathan Smith").score).toBeLessThan(1);
    expect(nameSimilarity("J. Smith", "John Smith").score).toBeGreaterThanOrEqual(0.8);
    expect(nameSimilarity("J. Smith", "John Smith").score).toBeLessThan(
      nameSimilarity("Jon Smith", "Jonathan Smith").score,
    );
    expect(nameSimilarity("Jane Doe", "John Smith").score).toBe(0);
    expect(jaroWinkler("martha", "marhta")).toBeCloseTo(0.961, 3);
  });
});

describe("property: evidence that is not one person's never links", () => {
  const word = fc.stringMatching(/^[a-z]{3,8}$/);
  it("an e-mail on two contacts, a role or household mailbox, a quoted address, a shared or company host, a parody", () => {
    fc.assert(
      fc.property(
        word,
        word,
        word,
        fc.constantFrom("info", "support", "press", "tips", "hello", "team", "office", "rossi.family"),
        fc.constantFrom("Collabs:", "Management:", "Booking:", "PR:", "Questions?"),
        (user, host, company, role, marker) => {
          const mail = `${user}@${host}.example`;
          const two = [
            contact("a", { name: "Ann Lee", emails: [mail] }),
            contact("b", { name: "Bob Day", emails: [mail] }),
          ];
          expect(decideLink(profile({ email: mail }), two).link).toBeNull();
          expect(
            decideLink(profile({ email: `${role}@${host}.example` }), [
              contact("a", { emails: [`${role}@${host}.example`] }),
            ]).link,
          ).toBeNull();
          expect(
            decideLink(profile({ email: mail, bio: `${marker} ${mail}` }), [contact("a", { emails: [mail] })]).link,
          ).toBeNull();
          const site = `${host}.example`;
          expect(
            decideLink(profile({ website: site }), [
              contact("a", { websites: [site] }),
              contact("b", { emails: [`${user}@${site}`] }),
            ]).link,
          ).toBeNull();
          expect(
            decideLink(profile({ website: `${company}${host}.example` }), [
              contact("a", { websites: [`${company}${host}.example`], company: `${company} ${host} Ltd` }),
            ]).link,
          ).toBeNull();
          expect(
            decideLink(profile({ displayName: "Ann Lee (parody)", website: site }), [
              contact("a", { name: "Ann Lee", websites: [site] }),
            ]).link,
          ).toBeNull();
        },
      ),
      { seed: 1515, numRuns: 200 },
    );
  });
});
