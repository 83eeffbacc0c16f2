// Connected accounts (Admin → Channels): secrets sealed at rest and never listed, blank secrets
// kept on edit, each network's required fields checked, workspace scoping, audited deletion, and
// "Test connection" against a local fake Mastodon server reached as http://localhost:<port>.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { query, sql } from "@/lib/db/sql";
import { runAsSession } from "@/lib/auth/session";
import { ExpectedError } from "@/lib/actions/errors";
import { deleteAccountAction, saveAccountAction, testAccountAction } from "@/lib/outbox/account-actions";
import { listAccounts, loadAccount, saveAccount } from "@/lib/outbox/accounts";
import { createTestWorkspace, type TestWorkspace } from "../support/factory";

const TOKEN = "mastodon-token-abcd1234";
const NEW_TOKEN = "mastodon-token-wxyz9876";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function workspaceWithBrand() {
  const ws = await createTestWorkspace();
  // Loopback fake servers are allowlisted as an admin would an intranet host.
  await db().workspace.update({
    where: { id: ws.id },
    data: { settings: { fetchAllowlist: ["localhost", "127.0.0.1"] } },
  });
  const brand = await db().brand.create({ data: { workspaceId: ws.id, name: "Northwind" } });
  return { ws, brand, as: <T>(fn: () => Promise<T>) => runAsSession(ws.admin.claims, fn) };
}

const mastodonInput = (brandId: string, instanceUrl: string, accessToken: string) => ({
  brandId,
  network: "mastodon" as const,
  settings: { instanceUrl, handle: "brand@localhost" },
  secrets: { accessToken },
});

async function sealedColumn(accountId: string): Promise<string> {
  const [row] = await query<{ secrets: string }>(
    db(),
    sql`SELECT "secrets" FROM "ConnectedAccount" WHERE "id" = ${accountId}`,
  );
  return row.secrets;
}

const auditOf = (ws: TestWorkspace) =>
  db().auditLog.findMany({
    where: { workspaceId: ws.id, targetType: "ConnectedAccount" },
    orderBy: { createdAt: "asc" },
  });

interface FakeRequest {
  method: string;
  path: string;
  authorization: string | undefined;
}

/** Just enough of Mastodon for "Test connection": who the token is, and the instance's limit. */
async function startFakeMastodon(): Promise<{ url: string; requests: FakeRequest[] }> {
  const requests: FakeRequest[] = [];
  const server = http.createServer((req, res) => {
    requests.push({ method: req.method ?? "", path: req.url ?? "", authorization: req.headers.authorization });
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (req.method === "GET" && req.url === "/api/v2/instance")
      return reply(200, { configuration: { statuses: { max_characters: 1000 } } });
    if (req.method === "GET" && req.url === "/api/v1/accounts/verify_credentials") {
      if (req.headers.authorization === "Bearer good-token")
        return reply(200, { id: "1", username: "brand", acct: "brand", display_name: "Brand" });
      return reply(401, { error: "The access token is invalid" });
    }
    reply(404, { error: "Record not found" });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return { url: `http://localhost:${(server.address() as AddressInfo).port}`, requests };
}

describe("connected accounts", () => {
  it("seal the secrets, list only their hints, and keep a secret left blank on edit", async () => {
    const { ws, brand, as } = await workspaceWithBrand();
    const saved = await as(() => saveAccountAction(mastodonInput(brand.id, "https://social.example", TOKEN)));
    expect(saved).toEqual({ ok: true, data: { id: expect.any(String) } });
    const id = saved.ok ? saved.data.id : "";

    const sealed = await sealedColumn(id);
    expect(sealed.startsWith("v1.")).toBe(true);
    expect(sealed).not.toContain(TOKEN);

    const listed = await listAccounts(ws.id);
    expect(listed).toEqual([
      expect.objectContaining({
        id,
        brandName: "Northwind",
        network: "mastodon",
        label: "brand@localhost",
        settings: { instanceUrl: "https://social.example", handle: "brand@localhost" },
        secretHints: { accessToken: "•••• 1234" },
        status: "untested",
      }),
    ]);
    expect(JSON.stringify(listed)).not.toContain(TOKEN);

    // Edit: a new instance URL, the token left blank — the stored one stays, still sealed.
    const edited = await as(() =>
      saveAccountAction({ ...mastodonInput(brand.id, "https://other.example", ""), label: "Northwind support" }),
    );
    expect(edited).toEqual({ ok: true, data: { id } });
    const loaded = await loadAccount(ws.id, id);
    expect(loaded?.label).toBe("Northwind support");
    expect(loaded?.credentials.settings.instanceUrl).toBe("https://other.example");
    expect(loaded?.credentials.secrets.accessToken).toBe(TOKEN);
    expect(await db().connectedAccount.count({ where: { workspaceId: ws.id } })).toBe(1);

    // A new token replaces it; the hint follows.
    await as(() => saveAccountAction(mastodonInput(brand.id, "https://other.example", NEW_TOKEN)));
    expect((await loadAccount(ws.id, id))?.credentials.secrets.accessToken).toBe(NEW_TOKEN);
    expect((await listAccounts(ws.id))[0].secretHints).toEqual({ accessToken: "•••• 9876" });
    expect(await sealedColumn(id)).not.toContain(NEW_TOKEN);

    // The audit trail names what changed, never the values.
    const audit = await auditOf(ws);
    expect(audit.map((a) => a.action)).toEqual(["account.connected", "account.updated", "account.updated"]);
    expect(audit[1].details).toMatchObject({ secretsChanged: [] });
    expect(audit[2].details).toMatchObject({ secretsChanged: ["accessToken"] });
    expect(JSON.stringify(audit)).not.toContain(TOKEN);
    expect(JSON.stringify(audit)).not.toContain(NEW_TOKEN);
  });

  it("refuse a missing required field, a non-http URL, bad input and another workspace's brand", async () => {
    const { ws, brand, as } = await workspaceWithBrand();

    // The data layer names the missing field.
    const missing = saveAccount(ws.id, ws.admin.userId, mastodonInput(brand.id, "https://social.example", ""));
    await expect(missing).rejects.toThrow(ExpectedError);
    await expect(missing).rejects.toThrow("Access token is required for mastodon.");
    expect(await as(() => saveAccountAction(mastodonInput(brand.id, "", TOKEN)))).toEqual({
      ok: false,
      code: "INVALID",
      error: "Instance URL is required for mastodon.",
    });

    expect(await as(() => saveAccountAction(mastodonInput(brand.id, "ftp://social.example", TOKEN)))).toEqual({
      ok: false,
      code: "INVALID",
      error: "instanceUrl must be an http(s) URL.",
    });

    // The schema: a NUL in a setting, an oversized secret, a network replies cannot go to.
    const nul = await as(() => saveAccountAction(mastodonInput(brand.id, "https://social.example\u0000", TOKEN)));
    expect(nul).toMatchObject({
      ok: false,
      code: "INVALID",
      fieldErrors: { settings: [expect.stringContaining("instanceUrl")] },
    });
    const huge = await as(() =>
      saveAccountAction(mastodonInput(brand.id, "https://social.example", "x".repeat(4_001))),
    );
    expect(huge).toMatchObject({
      ok: false,
      code: "INVALID",
      fieldErrors: { secrets: ["accessToken is longer than 4,000 characters."] },
    });
    const rss = await as(() =>
      saveAccountAction({ ...mastodonInput(brand.id, "https://s.example", TOKEN), network: "rss" as never }),
    );
    expect(rss).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { network: [expect.any(String)] } });

    // Another workspace's brand and account are not found.
    const other = await workspaceWithBrand();
    expect(await as(() => saveAccountAction(mastodonInput(other.brand.id, "https://social.example", TOKEN)))).toEqual({
      ok: false,
      code: "NOT_FOUND",
      error: "That brand was not found.",
    });
    const theirs = await other.as(() =>
      saveAccountAction(mastodonInput(other.brand.id, "https://social.example", TOKEN)),
    );
    const theirId = theirs.ok ? theirs.data.id : "";
    expect(await as(() => testAccountAction({ accountId: theirId }))).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await as(() => deleteAccountAction({ accountId: theirId }))).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await db().connectedAccount.count({ where: { workspaceId: ws.id } })).toBe(0);
    expect(await db().connectedAccount.count({ where: { id: theirId } })).toBe(1);

    // Agents and managers cannot manage accounts.
    expect(
      await runAsSession(ws.manager.claims, () =>
        saveAccountAction(mastodonInput(brand.id, "https://social.example", TOKEN)),
      ),
    ).toMatchObject({ ok: false, code: "FORBIDDEN" });
  });

  it("disconnect deletes the account and audits it without the token", async () => {
    const { ws, brand, as } = await workspaceWithBrand();
    const saved = await as(() => saveAccountAction(mastodonInput(brand.id, "https://social.example", TOKEN)));
    const id = saved.ok ? saved.data.id : "";
    expect(await as(() => deleteAccountAction({ accountId: id }))).toEqual({ ok: true, data: null });
    expect(await listAccounts(ws.id)).toEqual([]);
    expect(await db().connectedAccount.count({ where: { id } })).toBe(0);

    const audit = await auditOf(ws);
    const disconnected = audit.find((a) => a.action === "account.disconnected");
    expect(disconnected).toMatchObject({
      actorUserId: ws.admin.userId,
      targetId: id,
      details: { network: "mastodon", brandId: brand.id },
    });
    expect(JSON.stringify(audit)).not.toContain(TOKEN);
    expect(await as(() => deleteAccountAction({ accountId: id }))).toMatchObject({ ok: false, code: "NOT_FOUND" });
  });

  it("test the connection against the network: who the token posts as, or why it was refused", async () => {
    const { ws, brand, as } = await workspaceWithBrand();
    const fake = await startFakeMastodon();
    const saved = await as(() => saveAccountAction(mastodonInput(brand.id, fake.url, "good-token")));
    const id = saved.ok ? saved.data.id : "";

    expect(await as(() => testAccountAction({ accountId: id }))).toEqual({
      ok: true,
      data: { ok: true, name: "Brand @brand@localhost" },
    });
    expect(fake.requests).toEqual([
      { method: "GET", path: "/api/v1/accounts/verify_credentials", authorization: "Bearer good-token" },
      { method: "GET", path: "/api/v2/instance", authorization: "Bearer good-token" },
    ]);
    const [ok] = await listAccounts(ws.id);
    expect(ok).toMatchObject({
      status: "ok",
      label: "Brand @brand@localhost",
      textLimit: 1000,
      lastError: null,
      lastTestedAt: expect.any(String),
    });

    // A bad token: the action succeeds and carries the network's refusal; the account needs reconnecting.
    await as(() => saveAccountAction(mastodonInput(brand.id, fake.url, "bad-token")));
    fake.requests.length = 0;
    expect(await as(() => testAccountAction({ accountId: id }))).toEqual({
      ok: true,
      data: { ok: false, reason: "The access token is invalid", reauth: true },
    });
    expect(fake.requests).toEqual([
      { method: "GET", path: "/api/v1/accounts/verify_credentials", authorization: "Bearer bad-token" },
    ]);
    const [refused] = await listAccounts(ws.id);
    expect(refused.status).toBe("reauth");
    expect(refused.lastError).toContain("The access token is invalid");

    const tested = (await auditOf(ws)).filter((a) => a.action === "account.tested");
    expect(tested.map((a) => a.details)).toEqual([
      { ok: true, name: "Brand @brand@localhost" },
      { ok: false, reason: "The access token is invalid" },
    ]);
    expect(JSON.stringify(await auditOf(ws))).not.toMatch(/good-token|bad-token/);
  });
});
