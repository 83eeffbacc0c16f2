import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { runAsSession, loadSessionUser } from "@/lib/auth/session";
import { changeMemberRoleAction, createMemberAction, setMemberActiveAction } from "@/lib/users/actions";
import { authenticate } from "@/lib/auth/sign-in";
import { createTestWorkspace, uniqueSuffix } from "../support/factory";

describe("admin user management", () => {
  it("creates a user with a role who can then sign in, and audits it", async () => {
    const ws = await createTestWorkspace();
    const email = `new-${uniqueSuffix()}@test.earshot.dev`;
    const result = await runAsSession(ws.admin.claims, () =>
      createMemberAction({
        email: email.toUpperCase(),
        name: "New Agent",
        role: "MANAGER",
        password: "a long password",
      }),
    );
    expect(result).toMatchObject({ ok: true, data: { email, role: "MANAGER", active: true } });
    const signIn = await authenticate(email, "a long password", `10.0.0.${Math.floor(Math.random() * 200)}`);
    expect(signIn).toMatchObject({ ok: true, claims: { workspaceId: ws.id, role: "MANAGER" } });
    const audit = await db().auditLog.findMany({ where: { workspaceId: ws.id, action: "member.created" } });
    expect(audit).toHaveLength(1);
    expect(audit[0].actorUserId).toBe(ws.admin.userId);
  });

  it("rejects invalid input field by field and duplicate members with a clear error", async () => {
    const ws = await createTestWorkspace();
    const bad = await runAsSession(ws.admin.claims, () =>
      createMemberAction({ email: "not-an-email", name: "", role: "AGENT", password: "short" }),
    );
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.code).toBe("INVALID");
    expect(Object.keys(bad.fieldErrors ?? {}).sort()).toEqual(["email", "name", "password"]);

    const dup = await runAsSession(ws.admin.claims, () =>
      createMemberAction({ email: ws.agent.email, name: "Again", role: "AGENT", password: "a long password" }),
    );
    expect(dup).toMatchObject({ ok: false, code: "CONFLICT" });
  });

  it("adds an existing user of another workspace without touching their password", async () => {
    const a = await createTestWorkspace();
    const b = await createTestWorkspace();
    const before = await db().user.findUniqueOrThrow({ where: { id: a.agent.userId } });
    const result = await runAsSession(b.admin.claims, () =>
      createMemberAction({ email: a.agent.email, name: "ignored", role: "AGENT", password: "another long one" }),
    );
    expect(result.ok).toBe(true);
    const after = await db().user.findUniqueOrThrow({ where: { id: a.agent.userId } });
    expect(after.passwordHash).toBe(before.passwordHash);
    const user = await loadSessionUser({ ...a.agent.claims });
    expect(user?.workspaces.map((w) => w.id).sort()).toEqual([a.id, b.id].sort());
  });

  it("changes roles, and the new role applies to the existing session at once", async () => {
    const ws = await createTestWorkspace();
    const result = await runAsSession(ws.admin.claims, () =>
      changeMemberRoleAction({ membershipId: ws.agent.membershipId, role: "ADMIN" }),
    );
    expect(result.ok).toBe(true);
    const session = await loadSessionUser(ws.agent.claims);
    expect(session?.role).toBe("ADMIN");
    const audit = await db().auditLog.findFirst({ where: { workspaceId: ws.id, action: "member.role_changed" } });
    expect(audit?.details).toEqual({ from: "AGENT", to: "ADMIN" });
  });

  it("deactivation ends the user's sessions and blocks sign-in; reactivation allows it again", async () => {
    const ws = await createTestWorkspace();
    expect(await loadSessionUser(ws.agent.claims)).not.toBeNull();
    const off = await runAsSession(ws.admin.claims, () =>
      setMemberActiveAction({ membershipId: ws.agent.membershipId, active: false }),
    );
    expect(off.ok).toBe(true);
    expect(await loadSessionUser(ws.agent.claims)).toBeNull();
    const ip = `10.1.0.${Math.floor(Math.random() * 200)}`;
    expect(await authenticate(ws.agent.email, "correct horse battery", ip)).toMatchObject({ ok: false });

    const on = await runAsSession(ws.admin.claims, () =>
      setMemberActiveAction({ membershipId: ws.agent.membershipId, active: true }),
    );
    expect(on.ok).toBe(true);
    expect(await authenticate(ws.agent.email, "correct horse battery", ip)).toMatchObject({ ok: true });
  });

  it("refuses to let admins demote or deactivate themselves", async () => {
    const ws = await createTestWorkspace();
    const demote = await runAsSession(ws.admin.claims, () =>
      changeMemberRoleAction({ membershipId: ws.admin.membershipId, role: "AGENT" }),
    );
    expect(demote).toMatchObject({ ok: false, code: "FORBIDDEN" });
    const deactivate = await runAsSession(ws.admin.claims, () =>
      setMemberActiveAction({ membershipId: ws.admin.membershipId, active: false }),
    );
    expect(deactivate).toMatchObject({ ok: false, code: "FORBIDDEN" });
  });
});
