// Paths that are not valid percent-encoded UTF-8 get a 400 from the real console (next start
// through scripts/start.ts), on pages, route handlers and the API outside the proxy alike;
// Next's router alone would answer a bare 500 for some of them.
import { describe, expect, it } from "vitest";
import { baseUrl } from "./browser";

const BAD_PATHS = [
  "/cases/%ED%A0%80",
  "/api/cases/%ED%A0%80/version",
  "/api/cases/%ED%A0%80/presence",
  "/api/v1/ingest/%ED%A0%80",
  "/api/v1/ingest/%C0%AF",
  "/contacts/%FF",
  "/%E0%A4%A",
];

describe("undecodable paths", () => {
  for (const pathname of BAD_PATHS) {
    for (const method of ["GET", "POST"]) {
      it(`${method} ${pathname} → 400 with a JSON reason`, async () => {
        const response = await fetch(`${baseUrl()}${pathname}`, {
          method,
          redirect: "manual",
          body: method === "POST" ? "{}" : undefined,
        });
        expect(response.status).toBe(400);
        expect(await response.json()).toEqual({ error: expect.stringMatching(/not valid UTF-8/) });
      });
    }
  }

  it("a well-formed path with encoded UTF-8 is still routed (here: an unknown case, signed out → sign-in)", async () => {
    const response = await fetch(`${baseUrl()}/cases/caf%C3%A9`, { redirect: "manual" });
    expect(response.status).toBe(307);
  });
});
