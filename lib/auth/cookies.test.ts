import { describe, expect, it } from "vitest";
import { replaceCookie, secureCookiesEnabled, sessionCookieName } from "./cookies";

describe("session cookies", () => {
  it("are Secure (and __Secure- named) exactly when the public URL is https", () => {
    expect(secureCookiesEnabled("https://earshot.example")).toBe(true);
    expect(secureCookiesEnabled("HTTPS://earshot.example")).toBe(true);
    expect(secureCookiesEnabled("http://localhost:3000")).toBe(false);
    expect(secureCookiesEnabled("")).toBe(false);
    expect(sessionCookieName(true)).toBe("__Secure-next-auth.session-token");
    expect(sessionCookieName(false)).toBe("next-auth.session-token");
  });

  it("can have one cookie replaced in a Cookie header", () => {
    expect(replaceCookie("a=1; next-auth.session-token=old; b=2", "next-auth.session-token", "new")).toBe(
      "a=1; b=2; next-auth.session-token=new",
    );
    expect(replaceCookie(null, "x", "1")).toBe("x=1");
    expect(replaceCookie("x.y=1", "x", "2")).toBe("x.y=1; x=2");
  });
});
