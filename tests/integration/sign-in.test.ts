import { describe, expect, it } from "vitest";
import { authenticate, claimsForWorkspace, GENERIC_SIGN_IN_ERROR, THROTTLED_SIGN_IN_ERROR } from "@/lib/auth/sign-in";
import { MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_IP } from "@/lib/auth/rate-limit";
import { loadSessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { createMember, createTestWorkspace, TEST_PASSWORD, uniqueSuffix } from "../support/factory";

const ip = () => `192.0.2.${Math.floor(Math.random() * 250)}-${uniqueSuffix()}`;

describe("sign-in", () => {
  it("accepts the right password (any e-mail case) and puts user, workspace and role in the claims", async () => {
    const ws = await createTestWorkspace();
    const result = await authenticate(ws.manager.email.toUpperCase(), TEST_PASSWORD, ip());
    expect(result).toEqual({
      ok: true,
      name: "Test manager",
      email: ws.manager.email,
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

  it("throttles an account after repeated failures, even from different addresses and with the right password", async () => {
    const ws = await createTestWorkspace();
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) {
      expect(await authenticate(ws.agent.email, `wrong-${i}`, ip())).toEqual({ ok: false, error: GENERIC_SIGN_IN_ERROR });
    }
    expect(await authenticate(ws.agent.email, TEST_PASSWORD, ip())).toEqual({ ok: false, error: THROTTLED_SIGN_IN_ERROR });
    // Another account is unaffected.
    expect((await authenticate(ws.admin.email, TEST_PASSWORD, ip())).ok).toBe(true);
  });

  it("throttles an address that tries many accounts", async () => {
    const ws = await createTestWorkspace();
    const address = ip();
    for (let i = 0; i < MAX_FAILURES_PER_IP; i++) {
      await authenticate(`spray-${i}-${uniqueSuffix()}@test.earshot.dev`, "guess", address);
    }
    expect(await authenticate(ws.admin.email, TEST_PASSWORD, address)).toEqual({ ok: false, error: THROTTLED_SIGN_IN_ERROR });
    expect((await authenticate(ws.admin.email, TEST_PASSWORD, ip())).ok).toBe(true);
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
