import { describe, expect, it } from "vitest";
import {
  compactNames,
  extractEmails,
  extractLinks,
  isRoleMailbox,
  nameKey,
  nameTokens,
  normalizeEmail,
  normalizeLocation,
  normalizeWebsite,
  phoneKeys,
} from "./normalize";
import { contactKeys } from "./keys";
import { defaultChoice, mergeFields } from "./merge-fields";
import { guessMapping, parseImportRow } from "./import-plan";
import { contactFieldsSchema } from "./fields";

describe("normal forms", () => {
  it("normalizes e-mails, websites, phones, names and locations", () => {
    expect(normalizeEmail(" Mailto:Jane@Doe.Example ")).toBe("jane@doe.example");
    expect(normalizeEmail("not an email")).toBeNull();
    expect(isRoleMailbox("support@acme.example")).toBe(true);
    expect(isRoleMailbox("customer.service@acme.example")).toBe(true);
    expect(isRoleMailbox("jane@acme.example")).toBe(false);
    expect(normalizeWebsite("HTTPS://www.Acme.example/Jane/?utm=1#x")).toBe("acme.example/jane");
    expect(normalizeWebsite("javascript:alert(1)")).toBeNull();
    expect(normalizeWebsite("localhost")).toBeNull();
    expect(phoneKeys("+351 912-345-678")).toEqual([
      "351912345678",
      "51912345678",
      "1912345678",
      "912345678",
      "12345678",
      "2345678",
    ]);
    expect(nameTokens("Dr. María-José de la Vega 🎉")).toEqual(["maria", "jose", "vega"]);
    expect(nameKey("Vega, María")).toBe("maria vega");
    expect(compactNames("Jane Doe")).toEqual(["janedoe", "doejane", "jdoe", "janed"]);
    expect(normalizeLocation("Porto, Portugal")).toBe("porto");
  });
  it("finds e-mails and links in free text without mistaking one for the other", () => {
    const bio = "Designer. hello@jane.example · portfolio www.jane.example/work, also https://x.example.";
    expect(extractEmails(bio)).toEqual(["hello@jane.example"]);
    expect(extractLinks(bio)).toEqual(["jane.example/work", "x.example"]);
    // Any top-level domain; file names and code are not sites.
    expect(extractLinks("Painter • milanovak.art | 📷 sofia.photography, larsen.blog/x and aylindemir.com.tr")).toEqual(
      ["milanovak.art", "sofia.photography", "larsen.blog/x", "aylindemir.com.tr"],
    );
    expect(extractLinks("I write Vue.js and read notes.txt")).toEqual([]);
  });
  it("gives a contact its lookup keys", () => {
    const keys = contactKeys({
      name: "Jane Doe",
      emails: ["Jane@Doe.example", "jane@gmail.com"],
      phones: ["+1 415 555 0199"],
      websites: ["jane.example"],
      handles: { x: ["https://twitter.com/JaneD"] },
      linkedHandles: [{ network: "bluesky", handle: "jane.bsky.social" }],
      location: "Lisboa, PT",
    });
    const kinds = (k: string) => keys.filter((x) => x.kind === k).map((x) => x.value);
    expect(kinds("email")).toEqual(["jane@doe.example", "jane@gmail.com"]);
    expect(kinds("declared")).toEqual(["x:janed"]);
    expect(kinds("handle")).toEqual(["janed", "jane.bsky.social", "jane"]);
    expect(kinds("domain")).toEqual(["~doe.example", "~jane.example"]);
    expect(kinds("canon")).toEqual(["~do iane"]);
    expect(kinds("place")).toEqual(["~lisbon|do iane"]);
    expect(kinds("token")).toEqual(["jane", "doe"]);
    expect(kinds("phone")[0]).toBe("14155550199");
  });
});

describe("merge fields", () => {
  const a = contactFieldsSchema.parse({
    name: "Sam Reed",
    emails: ["a@x.example"],
    tier: null,
    customFields: { seat: "aisle", city: "Porto" },
    handles: { x: ["sam"] },
  });
  const b = contactFieldsSchema.parse({
    name: "Samuel Reed",
    emails: ["b@x.example"],
    tier: "VIP",
    customFields: { seat: "window" },
    handles: { x: ["samr"], bluesky: ["sam"] },
  });
  it("keeps the survivor's values, fills its empty ones, and keeps every list entry by default", () => {
    expect(defaultChoice("tier", a, b)).toBe("merged");
    expect(defaultChoice("name", a, b)).toBe("survivor");
    expect(mergeFields(a, b, {})).toMatchObject({
      name: "Sam Reed",
      tier: "VIP",
      emails: ["a@x.example", "b@x.example"],
      customFields: { seat: "aisle", city: "Porto" },
      handles: { x: ["sam", "samr"], bluesky: ["sam"] },
    });
  });
  it("follows the agent's choice field by field", () => {
    expect(
      mergeFields(a, b, { name: "merged", emails: "survivor", tier: "survivor", customFields: "merged" }),
    ).toMatchObject({ name: "Samuel Reed", emails: ["a@x.example"], tier: null, customFields: { seat: "window" } });
  });
});

describe("import rows", () => {
  const mapping = guessMapping(["Name", "Email", "Phone", "Tags", "X", "custom:Seat", "handles"]);
  it("maps, splits lists and validates each row", () => {
    expect(
      parseImportRow(
        {
          Name: "Jane",
          Email: "j@x.example; k@x.example",
          Phone: "+1 415 555 0199",
          Tags: "vip, press",
          X: "@jane",
          "custom:Seat": "'=aisle",
          handles: "bluesky:jane.bsky.social",
        },
        mapping,
      ),
    ).toEqual({
      ok: true,
      row: {
        id: null,
        note: null,
        fields: {
          name: "Jane",
          emails: ["j@x.example", "k@x.example"],
          phones: ["+1 415 555 0199"],
          tags: ["vip", "press"],
          handles: { x: ["jane"], bluesky: ["jane.bsky.social"] },
          customFields: { Seat: "=aisle" },
        },
      },
    });
    expect(parseImportRow({ Name: "Jane", Email: "nope" }, mapping)).toEqual({
      ok: false,
      reason: "“nope” is not an e-mail address.",
    });
    expect(parseImportRow({ Name: "", Email: "" }, mapping)).toEqual({
      ok: true,
      row: { id: null, note: null, fields: {} },
    });
    // Declared handles typed as profile URLs are normalised, in a network column or the handles column.
    expect(
      parseImportRow(
        {
          Name: "Jane",
          X: "https://twitter.com/Jane_D",
          handles: "https://mastodon.social/@jane https://bsky.app/profile/jane.bsky.social",
        },
        mapping,
      ),
    ).toMatchObject({
      ok: true,
      row: {
        fields: { handles: { x: ["jane_d"], mastodon: ["jane@mastodon.social"], bluesky: ["jane.bsky.social"] } },
      },
    });
  });
});
