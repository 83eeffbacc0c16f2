import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_AFTER_SIGN_IN, redirectWithinSite, safeCallbackPath } from "./callback-url";

// Known open-redirect payloads, as they reach the code after one round of URL decoding (the
// sign-in page's searchParams) and as they were typed (next-auth passes some through raw).
const PAYLOADS = [
  "//evil.example",
  "//evil.example/x",
  "/\\evil.example/x",
  "/%5Cevil.example/x",
  "/%5cevil.example/x",
  "/%09/evil.example/y",
  "/\t/evil.example/y",
  "\t/evil.example",
  "/\n/evil.example",
  "/\r\n/evil.example",
  "/%0d%0a/evil.example",
  "/inbox%0d%0aSet-Cookie:x=1",
  "/%2F%2Fevil.example",
  "/%2f/evil.example",
  "%2F%2Fevil.example",
  "/%252F%252Fevil.example",
  "/%255Cevil.example",
  "https://evil.example",
  "http://evil.example/inbox",
  "HTTPS://evil.example",
  "//evil.example@localhost",
  "javascript:alert(1)",
  "JavaScript:alert(document.cookie)",
  "data:text/html,<script>alert(1)</script>",
  "\\\\evil.example",
  "\\/evil.example",
  "/\\/evil.example",
  " //evil.example",
  "/%00/evil.example",
  "/%E0%A4%A",
  "evil.example",
  "",
  "/" + "a".repeat(3000),
];

describe("safeCallbackPath", () => {
  it.each(PAYLOADS)("refuses %j", (payload) => {
    expect(safeCallbackPath(payload)).toBe(DEFAULT_AFTER_SIGN_IN);
  });

  it("keeps same-site paths with their query and fragment", () => {
    expect(safeCallbackPath("/contacts")).toBe("/contacts");
    expect(safeCallbackPath("/inbox?view=all&q=refund%20delay#top")).toBe("/inbox?view=all&q=refund%20delay#top");
    expect(safeCallbackPath("/cases/42")).toBe("/cases/42");
    expect(safeCallbackPath("/")).toBe("/");
  });

  it("refuses non-strings and uses the given fallback", () => {
    expect(safeCallbackPath(undefined)).toBe(DEFAULT_AFTER_SIGN_IN);
    expect(safeCallbackPath(["/contacts"], "/dashboard")).toBe("/dashboard");
  });

  it("never returns anything a browser would resolve to another origin (property, fixed seed)", () => {
    const chars = fc.constantFrom(
      "/",
      "\\",
      "%",
      "2",
      "F",
      "5",
      "C",
      "0",
      "9",
      "\t",
      "\n",
      "a",
      ".",
      ":",
      "@",
      "?",
      "#",
      "e",
    );
    fc.assert(
      fc.property(
        fc.array(chars, { maxLength: 12 }).map((a) => a.join("")),
        (input) => {
          const out = safeCallbackPath(input);
          const resolved = new URL(out, "https://console.example");
          expect(resolved.origin).toBe("https://console.example");
          expect(out.startsWith("/") && !out.startsWith("//")).toBe(true);
          expect(/[\\\u0000-\u001f]/.test(out)).toBe(false);
        },
      ),
      { seed: 20261201, numRuns: 500 },
    );
  });
});

describe("redirectWithinSite (next-auth redirect callback)", () => {
  const base = "http://localhost:3000";

  it("keeps absolute and relative URLs on this site", () => {
    expect(redirectWithinSite("http://localhost:3000/contacts?x=1", base)).toBe("http://localhost:3000/contacts?x=1");
    expect(redirectWithinSite("/dashboard", base)).toBe("http://localhost:3000/dashboard");
  });

  it.each([
    ...PAYLOADS,
    "http://localhost:3000//evil.example",
    "http://localhost:3000/\\evil.example",
    "http://localhost:3000/%09/evil.example",
    "http://localhost:3001/inbox",
  ])("sends %j to the inbox", (payload) => {
    expect(redirectWithinSite(payload, base)).toBe("http://localhost:3000/inbox");
  });
});
