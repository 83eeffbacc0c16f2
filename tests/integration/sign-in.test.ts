import { NextRequest, type NextResponse } from "next/server";
import { encode } from "next-auth/jwt";
import { beforeAll, describe, expect, it } from "vitest";
import { authenticate, claimsForWorkspace, GENERIC_SIGN_IN_ERROR, THROTTLED_SIGN_IN_ERROR } from "@/lib/auth/sign-in";
import { FREE_FAILURES, MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_IP } from "@/lib/auth/rate-limit";
import { clientIpFromHeaders } from "@/lib/auth/client-ip";
import { parseTrustedProxies } from "@/lib/auth/client-ip";
import { loadSessionUser, runAsSession } from "@/lib/auth/session";
import { changeMemberRoleAction } from "@/lib/users/actions";
import { db } from "@/lib/db/client";
import { proxy } from "@/proxy";
import { createMember, createTestWorkspace, TEST_PASSWORD, uniqueSuffix, type TestMember } from "../support/factory";

const SECRET = "integration-test-secret";
beforeAll(() => {
  process.env.NEXTAUTH_SECRET = SECRET;
  delete process.env.NEXTAUTH_URL;
});

let ipCounter = 0;
/** A fresh documentation-range address per call, so tests never share a per-address count. */
const ip = () => {
  ipCounter++;
  return `2001:db8:${(process.pid % 65536).toString(16)}:${uniqueSuffix().slice(0, 4)}::${ipCounter.toString(16)}`;
};

describe("sign-in", () => {
  it("accepts the right password (any e-mail case), puts user, workspace and role in the claims, and remembers the device", async () => {
    const ws = await createTestWorkspace();
    const result = await authenticate(ws.manager.email.toUpperCase(), TEST_PASSWORD, ip());
    expect(result).toEqual({
      ok: true,
      name: "Test manager",
      email: ws.manager.email,
      knownDeviceToken: expect.stringMatching(/^v1\./),
      claims: { userId: ws.manager.userId, workspaceId: ws.id, role: "MANAGER", sessionVersion: 0 },
    });
  });

  it("gives one generic message for a wrong password and an unknown account", async () => {
    const ws = await createTestWorkspace();
    const wrong = await authenticate(ws.agent.email, "wrong password", ip());
    const unknown = await authenticate(`nobody-${uniqueSuffix()}@test.earshot.dev`, TEST_PASSWORD, ip());
    expect(wrong).toEqual({ ok: false, error: GENERIC_SIGN_IN_ERROR });
    expect(unknown).toEqual({ ok: false, error: GENERIC_SIGN_IN_ERROR });
  });

  it("signs a multi-workspace user into their last workspace and switches only to workspaces they belong to", async () => {
    const a = await createTestWorkspace();
    const b = await createTestWorkspace();
    const other = await createTestWorkspace();
    await db().membership.create({ data: { workspaceId: b.id, userId: a.agent.userId, role: "ADMIN" } });
    const switched = await claimsForWorkspace(a.agent.userId, b.id);
    expect(switched).toMatchObject({ workspaceId: b.id, role: "ADMIN" });
    expect(await claimsForWorkspace(a.agent.userId, other.id)).toBeNull();
    const session = await loadSessionUser(switched!);
    expect(session).toMatchObject({ role: "ADMIN", workspace: { id: b.id } });
    const again = await authenticate(a.agent.email, TEST_PASSWORD, ip());
    expect(again).toMatchObject({ ok: true, claims: { workspaceId: b.id, role: "ADMIN" } });
  });

  it("rejects a session whose claims name a workspace the user is not in", async () => {
    const a = await createTestWorkspace();
    const b = await createTestWorkspace();
    expect(await loadSessionUser({ ...a.agent.claims, workspaceId: b.id })).toBeNull();
    const lone = await createMember(b.id, "AGENT");
    expect(await loadSessionUser({ ...lone.claims, sessionVersion: 1 })).toBeNull();
  });
});

describe("sign-in throttling that an attacker cannot turn against the user", () => {
  const fail = (email: string, from: string, device: string | null = null) =>
    authenticate(email, "a wrong guess", from, device);

  it("slows an attacker's guesses on one account from one address, even with the right password, while the user signs in from elsewhere", async () => {
    const ws = await createTestWorkspace();
    const attacker = ip();
    for (let i = 0; i < FREE_FAILURES; i++)
      expect(await fail(ws.agent.email, attacker)).toEqual({ ok: false, error: GENERIC_SIGN_IN_ERROR });
    // The next guess is held back without being checked, whatever it is.
    expect(await fail(ws.agent.email, attacker)).toEqual({ ok: false, error: THROTTLED_SIGN_IN_ERROR });
    expect(await authenticate(ws.agent.email, TEST_PASSWORD, attacker)).toEqual({
      ok: false,
      error: THROTTLED_SIGN_IN_ERROR,
    });
    // The user, from another address and a browser never used before, is not affected.
    expect(await authenticate(ws.agent.email, TEST_PASSWORD, ip())).toMatchObject({ ok: true });
  });

  it("lets the user in from a known device after attackers on many addresses exhausted the account's allowance; not the attackers", async () => {
    const ws = await createTestWorkspace();
    const earlier = await authenticate(ws.agent.email, TEST_PASSWORD, ip());
    if (!earlier.ok) throw new Error("setup: first sign-in failed");
    // Attackers spread their guesses over addresses, staying under the per-address delays.
    let guesses = 0;
    while (guesses < MAX_FAILURES_PER_ACCOUNT) {
      const address = ip();
      for (let i = 0; i < FREE_FAILURES && guesses < MAX_FAILURES_PER_ACCOUNT; i++, guesses++) {
        expect(await fail(ws.agent.email, address)).toEqual({ ok: false, error: GENERIC_SIGN_IN_ERROR });
      }
    }
    // Any new browser is now held back on this account (attacker or not)...
    expect(await authenticate(ws.agent.email, TEST_PASSWORD, ip())).toEqual({
      ok: false,
      error: THROTTLED_SIGN_IN_ERROR,
    });
    expect(await fail(ws.agent.email, ip())).toEqual({ ok: false, error: THROTTLED_SIGN_IN_ERROR });
    // ...but the browser the user signed in from before gets in, from any address.
    const user = await authenticate(ws.agent.email, TEST_PASSWORD, ip(), earlier.knownDeviceToken);
    expect(user).toMatchObject({ ok: true, claims: { userId: ws.agent.userId } });
    // Another user's device token, or a forged one, is worth nothing on this account.
    const other = await authenticate(ws.manager.email, TEST_PASSWORD, ip());
    expect(await authenticate(ws.agent.email, TEST_PASSWORD, ip(), other.ok ? other.knownDeviceToken : null)).toEqual({
      ok: false,
      error: THROTTLED_SIGN_IN_ERROR,
    });
    expect(
      await authenticate(ws.agent.email, TEST_PASSWORD, ip(), `${earlier.knownDeviceToken!.slice(0, -2)}AA`),
    ).toEqual({ ok: false, error: THROTTLED_SIGN_IN_ERROR });
  });

  it("still slows a known device that keeps failing, and forgets devices when the sessions are revoked", async () => {
    const ws = await createTestWorkspace();
    const first = await authenticate(ws.agent.email, TEST_PASSWORD, ip());
    const device = first.ok ? first.knownDeviceToken : null;
    for (let i = 0; i < FREE_FAILURES; i++) await fail(ws.agent.email, ip(), device);
    expect(await authenticate(ws.agent.email, TEST_PASSWORD, ip(), device)).toEqual({
      ok: false,
      error: THROTTLED_SIGN_IN_ERROR,
    });
    await db().user.update({ where: { id: ws.agent.userId }, data: { sessionVersion: { increment: 1 } } });
    // The revoked device counts as unknown again: its own delays no longer apply, the address's do.
    expect(await authenticate(ws.agent.email, TEST_PASSWORD, ip(), device)).toMatchObject({ ok: true });
  });

  it("throttles an address that sprays many accounts", async () => {
    const ws = await createTestWorkspace();
    const address = ip();
    for (let i = 0; i < MAX_FAILURES_PER_IP; i++) await fail(`spray-${i}-${uniqueSuffix()}@test.earshot.dev`, address);
    expect(await authenticate(ws.admin.email, TEST_PASSWORD, address)).toEqual({
      ok: false,
      error: THROTTLED_SIGN_IN_ERROR,
    });
    expect((await authenticate(ws.admin.email, TEST_PASSWORD, ip())).ok).toBe(true);
  });
});

/** The request headers a route handler receives after proxy.ts, as Next hands them on. */
function headersAfterProxy(response: NextResponse, socketPeer: string): Headers {
  const names = (response.headers.get("x-middleware-override-headers") ?? "").split(",").filter(Boolean);
  const headers = new Headers();
  for (const name of names) headers.set(name, response.headers.get(`x-middleware-request-${name}`) ?? "");
  // Next fills X-Forwarded-For from the socket when the request has none (base-server.js, Next 16.4).
  if (!headers.has("x-forwarded-for")) headers.set("x-forwarded-for", socketPeer);
  return headers;
}

describe("the per-address limit behind proxy.ts", () => {
  it("cannot be bypassed with a forged X-Forwarded-For from an untrusted peer", async () => {
    delete process.env.EARSHOT_TRUSTED_PROXIES;
    const ws = await createTestWorkspace();
    const peer = `::ffff:198.18.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    const seen = new Set<string>();
    for (let i = 0; i <= MAX_FAILURES_PER_IP; i++) {
      const forged = `203.0.113.${i}, 10.9.8.${i}`;
      const response = await proxy(
        new NextRequest("http://localhost:3000/api/auth/callback/credentials", {
          method: "POST",
          headers: { "x-forwarded-for": forged },
        }),
      );
      const address = clientIpFromHeaders(headersAfterProxy(response, peer), SECRET);
      seen.add(address);
      const result = await authenticate(`spray-${i}-${uniqueSuffix()}@test.earshot.dev`, "guess", address);
      expect(result.ok).toBe(false);
    }
    expect([...seen]).toEqual([peer.replace("::ffff:", "")]);
    expect(await authenticate(ws.admin.email, TEST_PASSWORD, [...seen][0])).toEqual({
      ok: false,
      error: THROTTLED_SIGN_IN_ERROR,
    });
  });

  it("reads the client from X-Forwarded-For when the peer is a trusted proxy", async () => {
    const response = await proxy(
      new NextRequest("http://localhost:3000/api/auth/callback/credentials", {
        method: "POST",
        headers: { "x-forwarded-for": "6.6.6.6, 203.0.113.50" },
      }),
    );
    const headers = headersAfterProxy(response, "10.0.0.2");
    expect(clientIpFromHeaders(headers, SECRET, parseTrustedProxies("10.0.0.0/8"))).toBe("203.0.113.50");
    expect(clientIpFromHeaders(headers, SECRET, parseTrustedProxies(""))).toBe("10.0.0.2");
  });
});

describe("the proxy and a role change while signed in", () => {
  async function tokenCookie(member: TestMember, roleCheckedAt = Math.floor(Date.now() / 1000)) {
    const token = await encode({ token: { sub: member.userId, ...member.claims, roleCheckedAt }, secret: SECRET });
    return `next-auth.session-token=${token}`;
  }
  const visit = (path: string, cookie: string, init: { method?: string; headers?: Record<string, string> } = {}) =>
    proxy(
      new NextRequest(`http://localhost:3000${path}`, {
        method: init.method ?? "GET",
        headers: { cookie, ...init.headers },
      }),
    );
  const allowed = (r: NextResponse) => r.headers.get("x-middleware-next") === "1";

  it("lets a promoted agent into a manager page at once, and refuses the pages again after demotion", async () => {
    const ws = await createTestWorkspace();
    const cookie = await tokenCookie(ws.agent);
    const before = await visit("/mentions", cookie);
    expect(before.status).toBe(403);
    expect(before.headers.get("x-middleware-rewrite")).toContain("/forbidden");

    const promoted = await runAsSession(ws.admin.claims, () =>
      changeMemberRoleAction({ membershipId: ws.agent.membershipId, role: "MANAGER" }),
    );
    expect(promoted.ok).toBe(true);
    const after = await visit("/mentions", cookie);
    expect(allowed(after)).toBe(true);
    // The refreshed token goes back to the browser and on to the page.
    const refreshed = after.cookies.get("next-auth.session-token");
    expect(refreshed?.value).toBeTruthy();
    expect(after.headers.get("x-middleware-request-cookie")).toContain(refreshed!.value);

    const demoted = await runAsSession(ws.admin.claims, () =>
      changeMemberRoleAction({ membershipId: ws.agent.membershipId, role: "AGENT" }),
    );
    expect(demoted.ok).toBe(true);
    const promotedCookie = `next-auth.session-token=${refreshed!.value}`;
    expect((await visit("/mentions", promotedCookie)).status).toBe(403);
    expect((await visit("/mentions", promotedCookie, { method: "POST", headers: { "next-action": "x" } })).status).toBe(
      403,
    );
    expect(allowed(await visit("/inbox", promotedCookie))).toBe(true);
  });

  it("applies an admin demotion to the admin area and ends a deactivated member's session", async () => {
    const ws = await createTestWorkspace();
    const second = await createMember(ws.id, "ADMIN", "second-admin");
    const cookie = await tokenCookie(second);
    expect(allowed(await visit("/admin/users", cookie))).toBe(true);
    await runAsSession(ws.admin.claims, () =>
      changeMemberRoleAction({ membershipId: second.membershipId, role: "AGENT" }),
    );
    expect((await visit("/admin/users", cookie)).status).toBe(403);

    await db().membership.update({ where: { id: second.membershipId }, data: { active: false } });
    // An old token is checked at the latest a minute after its last check, even on agent pages.
    const stale = await tokenCookie(second, Math.floor(Date.now() / 1000) - 120);
    const ended = await visit("/inbox", stale);
    expect(ended.status).toBe(307);
    expect(ended.headers.get("location")).toContain("/signin?error=SessionEnded");
    expect(ended.cookies.get("next-auth.session-token")?.value).toBe("");
  });
});
