import { describe, expect, it } from "vitest";
import { headersForRedirect, isCredentialHeader, isFollowedRedirect, sameOrigin } from "./redirect-policy";

const u = (s: string) => new URL(s);

describe("redirect policy", () => {
  it("follows 301, 302, 303, 307 and 308 only", () => {
    expect([300, 301, 302, 303, 304, 305, 306, 307, 308, 200].filter(isFollowedRedirect)).toEqual([
      301, 302, 303, 307, 308,
    ]);
  });

  it("compares origins by scheme, host and port (default ports included)", () => {
    expect(sameOrigin(u("http://localhost:80/a"), u("http://LOCALHOST/b?x"))).toBe(true);
    expect(sameOrigin(u("http://localhost:8080/"), u("http://localhost:8081/"))).toBe(false);
    expect(sameOrigin(u("https://feeds.example/"), u("http://feeds.example/"))).toBe(false);
    expect(sameOrigin(u("https://feeds.example/"), u("https://cdn.feeds.example/"))).toBe(false);
  });

  it("recognises credential headers by name", () => {
    for (const h of [
      "Authorization",
      "proxy-authorization",
      "Cookie",
      "x-api-key",
      "X-Auth-Token",
      "x-access-token",
      "api-key",
      "x-session-id",
      "x-amz-security-token",
    ]) {
      expect(isCredentialHeader(h), h).toBe(true);
    }
    for (const h of ["accept", "user-agent", "if-none-match", "if-modified-since", "accept-encoding", "x-monkey"])
      expect(isCredentialHeader(h), h).toBe(false);
  });

  it("keeps credentials on a same-origin redirect and drops them on a cross-origin one", () => {
    const headers = {
      authorization: "Bearer t",
      cookie: "s=1",
      "proxy-authorization": "Basic x",
      accept: "application/json",
    };
    expect(headersForRedirect(headers, u("http://localhost:1/a"), u("http://localhost:1/b"))).toEqual(headers);
    expect(headersForRedirect(headers, u("http://localhost:1/a"), u("http://localhost:2/b"))).toEqual({
      accept: "application/json",
    });
    expect(headersForRedirect(headers, u("https://a.example/"), u("http://a.example/"))).toEqual({
      accept: "application/json",
    });
  });
});
