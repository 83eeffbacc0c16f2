import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  displayHandle,
  HANDLE_NETWORKS,
  MAX_HANDLES_PER_NETWORK,
  parseHandle,
  parseOwnHandles,
  readOwnHandles,
  type HandleNetwork,
} from "./handles";

// What the ingestion pipeline does to both sides before comparing (lib/ingest/pipeline.ts
// normHandle, not exported): a stored handle must come out of it unchanged.
const pipelineNorm = (h: string) => h.trim().replace(/^@/, "").toLowerCase();

const ok = (network: HandleNetwork, typed: string) => {
  const parsed = parseHandle(network, typed);
  if (!parsed.ok) throw new Error(`expected ${network} '${typed}' to parse: ${parsed.error}`);
  return parsed.handle;
};
const error = (network: HandleNetwork, typed: string) => {
  const parsed = parseHandle(network, typed);
  if (parsed.ok) throw new Error(`expected ${network} '${typed}' to be refused, got '${parsed.handle}'`);
  return parsed.error;
};

describe("own handles", () => {
  it("strip a leading @, trim and lowercase on every network", () => {
    expect(ok("x", "  @Delta_Air ")).toBe("delta_air");
    expect(ok("mastodon", "@Delta@Mastodon.Social")).toBe("delta@mastodon.social");
    expect(ok("bluesky", "@Delta.bsky.social")).toBe("delta.bsky.social");
    expect(ok("bluesky", "did:plc:ewvi7nxzyoun6zhxrhs64oiz")).toBe("did:plc:ewvi7nxzyoun6zhxrhs64oiz");
    expect(ok("bluesky", "delta.com")).toBe("delta.com");
    expect(ok("reddit", "u/Delta_Help")).toBe("delta_help");
    expect(ok("reddit", "/u/delta-help")).toBe("delta-help");
    expect(ok("reddit", "delta")).toBe("delta");
    expect(ok("youtube", "@DeltaAirLines")).toBe("deltaairlines");
    expect(ok("youtube", "UCa8vqm-mrS0Kq9Ve9hmqTdA")).toBe("uca8vqm-mrs0kq9ve9hmqtda");
    expect(ok("facebook", "Delta.Air.Lines")).toBe("delta.air.lines");
    expect(ok("facebook", "100064550210000")).toBe("100064550210000");
    expect(ok("instagram", "@delta_air.lines")).toBe("delta_air.lines");
  });

  it("read a pasted profile URL of the same network as its handle", () => {
    expect(ok("x", "https://x.com/Delta")).toBe("delta");
    expect(ok("mastodon", "https://mastodon.social/@Delta")).toBe("delta@mastodon.social");
    expect(ok("bluesky", "https://bsky.app/profile/delta.bsky.social")).toBe("delta.bsky.social");
    expect(ok("youtube", "https://www.youtube.com/@Delta")).toBe("delta");
    expect(error("mastodon", "https://x.com/delta")).toBe("'https://x.com/delta' is an X profile, not a Mastodon one.");
  });

  it("refuse what a network cannot have, naming the handle and the expected form", () => {
    expect(error("mastodon", "foo")).toBe("'foo' is not a Mastodon handle: write it as name@instance.");
    expect(error("mastodon", "foo@")).toMatch(/^'foo@' is not a Mastodon handle/);
    expect(error("mastodon", "foo@localhost")).toMatch(/name@instance/);
    expect(error("mastodon", "@@mastodon.social")).toMatch(/name@instance/);
    expect(error("x", "this_is_sixteen_")).toBe("'this_is_sixteen_' is not an X handle: 1–15 letters, digits or _.");
    expect(error("x", "del ta")).toMatch(/^'del ta' is not an X handle/);
    expect(error("x", "delta@mastodon.social")).toMatch(/X handle/);
    expect(error("bluesky", "delta")).toMatch(/a domain \(name\.bsky\.social\) or a did:plc: identifier/);
    expect(error("bluesky", "did:plc:short")).toMatch(/Bluesky handle/);
    expect(error("bluesky", "brand.123")).toMatch(/Bluesky handle/);
    expect(error("reddit", "ab")).toMatch(/^'ab' is not a Reddit handle: 3–20/);
    expect(error("reddit", "a".repeat(21))).toMatch(/Reddit handle/);
    expect(error("youtube", "ab")).toBe("'ab' is not a YouTube handle: an @handle or a channel id (UC…).");
    expect(error("youtube", "@del ta")).toMatch(/YouTube handle/);
    expect(error("facebook", "delta page")).toMatch(/Facebook handle/);
    expect(error("facebook", ".delta")).toMatch(/Facebook handle/);
    expect(error("instagram", "a".repeat(31))).toMatch(/an Instagram handle/);
    expect(error("x", "   ")).toBe("Enter an X handle.");
    expect(error("x", "@")).toMatch(/X handle/);
    expect(error("bluesky", "a.".repeat(200) + "com")).toBe("That is too long for a Bluesky handle.");
  });

  it("store only fixed points of the pipeline's normalisation (what it compares authors with)", () => {
    const typed = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.stringMatching(/^ ?@?[A-Za-z0-9_.-]{1,20}(@[A-Za-z0-9.-]{1,20})? ?$/),
      fc.stringMatching(/^(u\/)?[A-Za-z0-9_-]{3,20}$/),
    );
    fc.assert(
      fc.property(fc.constantFrom(...HANDLE_NETWORKS), typed, (network, text) => {
        const parsed = parseHandle(network, text);
        if (parsed.ok) {
          expect(pipelineNorm(parsed.handle)).toBe(parsed.handle);
          // Parsing is idempotent: what is stored parses to itself.
          expect(parseHandle(network, parsed.handle)).toEqual(parsed);
        } else {
          expect(parsed.error.length).toBeGreaterThan(0);
        }
      }),
      { seed: 1717, numRuns: 3000 },
    );
  });

  it("parse a brand's lists at once: duplicates dropped, empty networks left out, every error reported", () => {
    expect(
      parseOwnHandles({ x: ["@Delta", "delta", "DeltaAssist"], mastodon: ["delta@mastodon.social"], reddit: [] }),
    ).toEqual({ ok: true, handles: { x: ["delta", "deltaassist"], mastodon: ["delta@mastodon.social"] } });
    expect(parseOwnHandles({ x: ["ok", "not ok"], mastodon: ["foo"], myspace: ["tom"] })).toEqual({
      ok: false,
      errors: [
        "Earshot has no own handles for 'myspace'.",
        "'not ok' is not an X handle: 1–15 letters, digits or _.",
        "'foo' is not a Mastodon handle: write it as name@instance.",
      ],
    });
    const many = Array.from({ length: MAX_HANDLES_PER_NETWORK + 1 }, (_, i) => `brand${i}`);
    expect(parseOwnHandles({ x: many })).toEqual({ ok: false, errors: ["At most 20 X handles per brand."] });
  });

  it("read stored JSON defensively", () => {
    expect(readOwnHandles(null)).toEqual({});
    expect(readOwnHandles(["x"])).toEqual({});
    expect(readOwnHandles({ x: ["delta", 3, "", "delta"], rss: ["feed"], mastodon: "delta@m.social" })).toEqual({
      x: ["delta"],
    });
  });
});

describe("displayHandle", () => {
  it("writes a stored handle the way its network shows it", () => {
    expect([
      displayHandle("x", "acme"),
      displayHandle("mastodon", "acme@mastodon.social"),
      displayHandle("bluesky", "acme.bsky.social"),
      displayHandle("bluesky", "did:plc:ewvi7nxzyoun6zhxrhs64oiz"),
      displayHandle("reddit", "acme"),
      displayHandle("facebook", "acme.page"),
      displayHandle("youtube", "acme"),
      displayHandle("youtube", "uca8vqm-mrs0kq9ve9hmqtda"),
    ]).toEqual([
      "@acme",
      "@acme@mastodon.social",
      "@acme.bsky.social",
      "did:plc:ewvi7nxzyoun6zhxrhs64oiz",
      "u/acme",
      "acme.page",
      "@acme",
      "uca8vqm-mrs0kq9ve9hmqtda",
    ]);
  });
});
