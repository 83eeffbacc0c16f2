// Security headers on every kind of response of the real console (next start), the CSP nonce
// per request, pages working under the CSP in Chromium, and early answers to large uploads
// not being logged as server errors.
import { spawn, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import http from "node:http";
import path from "node:path";
import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONSTANT_SECURITY_HEADERS, HSTS } from "@/lib/auth/security-headers";
import { createDbClient } from "@/lib/db/client";
import { PROJECT_ROOT } from "@/lib/db/schema-engine";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { baseUrl, signIn, sharedBrowser } from "./browser";
import { freePort } from "../support/ports";

const browser = sharedBrowser();

interface Fetched {
  status: number;
  headers: Headers;
  text: string;
}

async function get(
  pathname: string,
  init: { cookie?: string; headers?: Record<string, string>; method?: string; body?: string } = {},
): Promise<Fetched> {
  const response = await fetch(new URL(pathname, baseUrl()), {
    method: init.method ?? "GET",
    body: init.body,
    redirect: "manual",
    headers: { ...(init.cookie ? { cookie: init.cookie } : {}), ...init.headers },
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

function cspDirectives(csp: string | null): Map<string, string[]> {
  expect(csp, "Content-Security-Policy header").toBeTruthy();
  return new Map(
    csp!
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name, values]),
  );
}

/** Asserts the full header set; returns the CSP nonce (null where the policy has none). */
function expectSecurityHeaders(r: Fetched, what: string): string | null {
  for (const [name, value] of Object.entries(CONSTANT_SECURITY_HEADERS)) {
    expect(r.headers.get(name), `${name} on ${what}`).toBe(value);
  }
  const csp = cspDirectives(r.headers.get("content-security-policy"));
  expect(csp.get("frame-ancestors"), what).toEqual(["'none'"]);
  expect(csp.get("object-src"), what).toEqual(["'none'"]);
  expect(csp.get("base-uri"), what).toEqual(["'self'"]);
  expect(csp.get("form-action"), what).toEqual(["'self'"]);
  expect(csp.get("default-src"), what).toEqual(["'self'"]);
  const scripts = csp.get("script-src") ?? [];
  expect(scripts, what).not.toContain("'unsafe-inline'");
  expect(scripts, what).not.toContain("'unsafe-eval'");
  // Plain http here: no HSTS.
  expect(r.headers.get("strict-transport-security"), what).toBeNull();
  const nonce = scripts.find((s) => s.startsWith("'nonce-"));
  return nonce ? nonce.slice("'nonce-".length, -1) : null;
}

/** Every <script> in the page carries the header's nonce. */
function expectScriptsNonced(html: string, nonce: string, what: string) {
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length, `scripts on ${what}`).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag, what).toContain(`nonce="${nonce}"`);
}

async function sessionCookie(context: BrowserContext): Promise<string> {
  return (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
}

describe("security headers", () => {
  let cookie = "";
  let context: BrowserContext;

  beforeAll(async () => {
    const signedIn = await signIn(browser(), "manager@demo.earshot.dev");
    context = signedIn.context;
    cookie = await sessionCookie(context);
  });
  afterAll(async () => {
    await context?.close();
  });

  it("are on pages, with a fresh nonce per request that the page's scripts carry", async () => {
    const nonces = new Set<string>();
    for (const [pathname, withCookie] of [
      ["/signin", false],
      ["/signin", false],
      ["/inbox", true],
      ["/inbox", true],
      ["/dashboard", true],
    ] as const) {
      const page = await get(pathname, { cookie: withCookie ? cookie : undefined });
      expect(page.status, pathname).toBe(200);
      const nonce = expectSecurityHeaders(page, pathname);
      expect(nonce, `nonce on ${pathname}`).toMatch(/^[A-Za-z0-9+/=]{16,}$/);
      expect(cspDirectives(page.headers.get("content-security-policy")).get("script-src")).toContain(
        "'strict-dynamic'",
      );
      expectScriptsNonced(page.text, nonce!, pathname);
      nonces.add(nonce!);
    }
    expect(nonces.size).toBe(5);
  });

  it("are on route handlers, API errors, redirects, static files and 404s", async () => {
    const signin = await get("/signin");
    const asset = /<script[^>]+src="(\/_next\/static\/[^"]+\.js)"/.exec(signin.text)?.[1];
    expect(asset).toBeTruthy();
    const cases: Array<[string, Promise<Fetched>, number]> = [
      ["route handler", get("/api/health"), 200],
      ["signed-in route handler", get("/api/inbox/summary", { cookie }), 200],
      ["API error from the proxy", get("/api/inbox/summary"), 401],
      ["API error from /api/v1", get("/api/v1/ingest/jsonl", { method: "POST", body: "{}" }), 401],
      ["sign-in redirect", get("/inbox"), 307],
      ["next-auth endpoint", get("/api/auth/csrf"), 200],
      ["static script", get(asset!), 200],
      ["static file", get("/favicon.svg"), 200],
      ["page 404", get(`/no-such-page-${Date.now()}`, { cookie }), 404],
      ["static 404", get("/_next/static/chunks/no-such-chunk.js"), 404],
    ];
    for (const [what, pending, status] of cases) {
      const r = await pending;
      expect(r.status, what).toBe(status);
      expectSecurityHeaders(r, what);
    }
  });

  it("add HSTS when the request arrived over https", async () => {
    const https = { "x-forwarded-proto": "https" };
    for (const pathname of ["/signin", "/favicon.svg", "/api/health"]) {
      const r = await get(pathname, { headers: https });
      expect(r.headers.get("strict-transport-security"), pathname).toBe(HSTS);
    }
  });

  it("leave the sign-in page and the inbox working in Chromium, with no CSP violation", async () => {
    const fresh = await browser().newContext({ baseURL: baseUrl() });
    await fresh.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
      document.addEventListener("securitypolicyviolation", (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const page = await fresh.newPage();
    const consoleViolations: string[] = [];
    page.on("console", (m) => {
      if (/content security policy|refused to (execute|load|apply)/i.test(m.text())) consoleViolations.push(m.text());
    });
    const violations = () => page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);

    await page.goto("/signin");
    expect(await violations()).toEqual([]);
    // Signing in runs the page's scripts (the form submits through next-auth's client).
    await page.getByLabel("E-mail").fill("agent@demo.earshot.dev");
    await page.getByLabel("Password").fill("earshot-demo");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL("**/inbox");
    await page.getByTestId("case-table").waitFor();
    await page.getByTestId("live-status").filter({ hasText: "Live" }).waitFor();
    expect(await violations()).toEqual([]);
    await page.goto("/dashboard");
    await page.getByRole("heading", { level: 1 }).waitFor();
    await page.waitForLoadState("networkidle");
    expect(await violations()).toEqual([]);
    expect(consoleViolations).toEqual([]);
    await fresh.close();
  });
});

// A second `next start` on the same build, whose output this test can read.

/** POSTs `total` bytes in 64 KiB chunks; stops (and optionally resets the connection) early. */
function upload(
  url: string,
  options: { headers?: Record<string, string>; total: number; chunked?: boolean; resetAfter?: number },
): Promise<{ status: number | null }> {
  return new Promise((resolve) => {
    const u = new URL(url);
    const headers = { ...options.headers, ...(options.chunked ? {} : { "content-length": String(options.total) }) };
    const req = http.request({ host: u.hostname, port: u.port, path: u.pathname, method: "POST", headers });
    const chunk = Buffer.alloc(64 * 1024, 32);
    let sent = 0;
    let done = false;
    const finish = (status: number | null) => {
      if (done) return;
      done = true;
      req.destroy();
      resolve({ status });
    };
    req.on("response", (res) => {
      res.resume();
      finish(res.statusCode ?? null);
    });
    req.on("error", () => finish(null));
    const pump = () => {
      while (!done && sent < options.total) {
        if (options.resetAfter !== undefined && sent >= options.resetAfter) {
          req.socket?.resetAndDestroy();
          finish(null);
          return;
        }
        sent += chunk.length;
        if (!req.write(chunk)) {
          req.once("drain", pump);
          return;
        }
      }
      if (!done) req.end();
    };
    pump();
  });
}

describe("answering large uploads early", () => {
  let server: ChildProcess | undefined;
  let database: TestDatabase | undefined;
  let output = "";
  let origin = "";
  let apiKey = "";

  beforeAll(async () => {
    database = await createTestDatabase();
    const client = createDbClient(database.url);
    const workspace = await client.workspace.create({ data: { slug: `uploads-${Date.now()}`, name: "Uploads" } });
    apiKey = `esk_${randomBytes(4).toString("hex")}_${randomBytes(24).toString("base64url")}`;
    await client.apiKey.create({
      data: {
        workspaceId: workspace.id,
        name: "uploads",
        prefix: apiKey.split("_")[1],
        hashedKey: createHash("sha256").update(apiKey).digest("hex"),
      },
    });
    await client.$disconnect();
    const port = await freePort();
    origin = `http://localhost:${port}`;
    server = spawn(
      process.execPath,
      [path.join(PROJECT_ROOT, "node_modules/next/dist/bin/next"), "start", "-p", String(port)],
      {
        cwd: PROJECT_ROOT,
        env: {
          ...process.env,
          NODE_ENV: "production",
          DATABASE_URL: database.url,
          NEXTAUTH_SECRET: "uploads-secret",
          NEXTAUTH_URL: origin,
          NEXT_TELEMETRY_DISABLED: "1",
        },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    server.stdout?.on("data", (d) => (output += d));
    server.stderr?.on("data", (d) => (output += d));
    for (let i = 0; i < 300; i++) {
      const up = await fetch(`${origin}/api/health`).then(
        (r) => r.ok,
        () => false,
      );
      // The test reads this server's log: make sure it is really being captured.
      if (up && output.includes("Ready")) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`second server did not start:\n${output}`);
  }, 120_000);

  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server!.once("exit", r));
      server.kill("SIGTERM");
      await exited;
    }
    await database?.drop();
  });

  /** Lets the server finish with the requests, then returns what it logged meanwhile. */
  async function logAfter(action: () => Promise<void>): Promise<string> {
    const before = output.length;
    await action();
    // A request after the others, answered only once the server has dealt with them.
    expect((await fetch(`${origin}/api/health`)).ok).toBe(true);
    await new Promise((r) => setTimeout(r, 500));
    return output.slice(before);
  }

  it("refuses a 6 MB ingest with 413 (declared and chunked) and a signed-out post to a page with 307, logging nothing", async () => {
    const auth = { authorization: `Bearer ${apiKey}` };
    const total = 6 * 1024 * 1024;
    const statuses: Array<number | null> = [];
    const log = await logAfter(async () => {
      statuses.push((await upload(`${origin}/api/v1/ingest/jsonl`, { headers: auth, total })).status);
      statuses.push((await upload(`${origin}/api/v1/ingest/jsonl`, { headers: auth, total, chunked: true })).status);
      statuses.push((await upload(`${origin}/api/v1/ingest/x`, { headers: auth, total })).status);
      statuses.push((await upload(`${origin}/inbox`, { total })).status);
    });
    expect(statuses).toEqual([413, 413, 413, 307]);
    expect(log).not.toMatch(/aborted|uncaughtException|⨯/);
  });

  it("does not log an ingest upload that the client abandons halfway as a server error", async () => {
    const auth = { authorization: `Bearer ${apiKey}` };
    const log = await logAfter(async () => {
      await upload(`${origin}/api/v1/ingest/jsonl`, {
        headers: auth,
        total: 4 * 1024 * 1024,
        chunked: true,
        resetAfter: 1024 * 1024,
      });
      await upload(`${origin}/api/v1/ingest/jsonl`, { headers: auth, total: 4 * 1024 * 1024, resetAfter: 1024 * 1024 });
    });
    expect(log).not.toMatch(/aborted|uncaughtException|⨯/);
  });
});
