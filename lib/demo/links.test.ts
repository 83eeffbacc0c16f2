import { describe, expect, it } from "vitest";
import { fill, postUrl, profileUrl } from "./links";

describe("demo links and templates", () => {
  it("shapes profile and post addresses like each network's", () => {
    expect(profileUrl("bluesky", "avasilva")).toBe("https://bsky.app/profile/avasilva.bsky.social");
    expect(profileUrl("rss", "avasilva")).toBe("https://blog.example.com/avasilva");
    expect(postUrl("x", "avasilva", "1100000")).toBe("https://x.com/avasilva/status/1100000");
    expect(postUrl("facebook", "avasilva", "1100000")).toBe("https://www.facebook.com/posts/1100000");
    expect(postUrl("rss", "avasilva", "1100000")).toBe("https://www.travelblog.example.com/posts/1100000");
  });

  it("fills known placeholders and empties unknown ones", () => {
    expect(fill("{brand} lost my bag, {who}?", { brand: "Northwind Air" })).toBe("Northwind Air lost my bag, ?");
  });
});
