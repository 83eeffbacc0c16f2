import { describe, expect, it } from "vitest";
import { blueskyDomain, handleFromProfileUrl, handleLocalPart, normalizeDeclaredHandle } from "./handles";

describe("declared handles", () => {
  it("normalises handles typed as profile URLs on every network", () => {
    expect(normalizeDeclaredHandle("https://twitter.com/BeaSantos_PT")).toBe("beasantos_pt");
    expect(normalizeDeclaredHandle("https://twitter.com/valegreco?lang=en")).toBe("valegreco");
    expect(normalizeDeclaredHandle("x.com/isamoreno")).toBe("isamoreno");
    expect(normalizeDeclaredHandle("https://mastodon.social/@mateuszw")).toBe("mateuszw@mastodon.social");
    expect(normalizeDeclaredHandle("https://hachyderm.io/users/felix")).toBe("felix@hachyderm.io");
    expect(normalizeDeclaredHandle("https://www.instagram.com/ruth.abebe/")).toBe("ruth.abebe");
    expect(normalizeDeclaredHandle("https://www.youtube.com/@GustavoPereiraTV")).toBe("gustavopereiratv");
    expect(normalizeDeclaredHandle("https://bsky.app/profile/signedahl.bsky.social")).toBe("signedahl.bsky.social");
    expect(normalizeDeclaredHandle("https://www.reddit.com/user/hamid_r/")).toBe("hamid_r");
    expect(normalizeDeclaredHandle("https://www.facebook.com/claire.martin.372")).toBe("claire.martin.372");
    expect(normalizeDeclaredHandle("https://www.facebook.com/profile.php?id=1000123")).toBe("1000123");
    expect(normalizeDeclaredHandle("@Jane")).toBe("jane");
    expect(normalizeDeclaredHandle("@pieter@mastodon.nl")).toBe("pieter@mastodon.nl");
    expect(normalizeDeclaredHandle("jane.bsky.social")).toBe("jane.bsky.social");
    expect(handleFromProfileUrl("https://twitter.com/jane")).toEqual({ network: "x", handle: "jane" });
    expect(handleFromProfileUrl("janedoe.com")).toBeNull();
  });
  it("knows the reusable local part and Bluesky domain handles", () => {
    expect(handleLocalPart("jane@mastodon.social")).toBe("jane");
    expect(handleLocalPart("ethanbrooks.bsky.social")).toBe("ethanbrooks");
    expect(handleLocalPart("jane")).toBeNull();
    expect(blueskyDomain("bluesky", "tariqhussain.co.uk")).toBe("tariqhussain.co.uk");
    expect(blueskyDomain("bluesky", "jane.bsky.social")).toBeNull();
    expect(blueskyDomain("bluesky", "did:plc:abc")).toBeNull();
    expect(blueskyDomain("x", "jane.com")).toBeNull();
  });
});
