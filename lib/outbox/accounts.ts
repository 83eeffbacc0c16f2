import "server-only";
import { db } from "@/lib/db/client";
import { query, sql } from "@/lib/db/sql";
import { writeAudit } from "@/lib/audit/log";
import { ExpectedError, notFound } from "@/lib/actions/errors";
import { hintsOf, openFields, sealFields } from "@/lib/secrets/store";
import { safeFetch } from "@/lib/net/safe-fetch";
import { isReplyNetwork, transportOf } from "./registry";
import type { AccountCredentials, ReplyNetwork, TransportContext } from "./transport";

// Connected accounts: the credentials that post as a brand on one network. Secrets are sealed
// (lib/secrets) the moment they arrive and opened only here, for a transport; what leaves this
// module for pages is the hints ("•••• 1234").

export interface AccountView {
  id: string;
  brandId: string;
  brandName: string;
  network: ReplyNetwork;
  label: string;
  settings: Record<string, string>;
  secretHints: Record<string, string>;
  status: string;
  lastError: string | null;
  lastTestedAt: string | null;
  textLimit: number | null;
  pausedUntil: string | null;
}

const asStrings = (value: unknown): Record<string, string> =>
  Object.fromEntries(
    Object.entries((value ?? {}) as Record<string, unknown>).filter(([, v]) => typeof v === "string"),
  ) as Record<string, string>;

export async function listAccounts(workspaceId: string): Promise<AccountView[]> {
  const rows = await db().connectedAccount.findMany({
    where: { workspaceId },
    include: { brand: { select: { name: true } } },
    orderBy: [{ brand: { name: "asc" } }, { network: "asc" }],
  });
  return rows.filter((r) => isReplyNetwork(r.network)).map(viewOf);
}

function viewOf(r: {
  id: string;
  brandId: string;
  brand: { name: string };
  network: string;
  label: string;
  settings: unknown;
  secretHints: unknown;
  status: string;
  lastError: string | null;
  lastTestedAt: Date | null;
  textLimit: number | null;
  pausedUntil: Date | null;
}): AccountView {
  return {
    id: r.id,
    brandId: r.brandId,
    brandName: r.brand.name,
    network: r.network as ReplyNetwork,
    label: r.label,
    settings: asStrings(r.settings),
    secretHints: asStrings(r.secretHints),
    status: r.status,
    lastError: r.lastError,
    lastTestedAt: r.lastTestedAt?.toISOString() ?? null,
    textLimit: r.textLimit,
    pausedUntil: r.pausedUntil?.toISOString() ?? null,
  };
}

export interface SaveAccountInput {
  brandId: string;
  network: ReplyNetwork;
  label?: string;
  /** Non-secret fields; unknown names are dropped. */
  settings: Record<string, string>;
  /** Secret fields; an empty or missing one keeps the stored value. */
  secrets: Record<string, string>;
}

/** Splits the form's values by the network's field list and checks the required ones. */
function fieldsFor(network: ReplyNetwork, input: SaveAccountInput, storedSecrets: Record<string, string>) {
  const fields = transportOf(network).fields;
  const settings: Record<string, string> = {};
  // Tokens a transport cached (sessions, access tokens) belong to the old credentials: new ones drop them.
  const formSecrets = new Set(fields.filter((f) => f.secret).map((f) => f.name));
  const changed = fields.some((f) => f.secret && input.secrets[f.name]?.trim());
  const secrets: Record<string, string> = Object.fromEntries(
    Object.entries(storedSecrets).filter(([name]) => !changed || formSecrets.has(name)),
  );
  for (const field of fields) {
    const value = (field.secret ? input.secrets[field.name] : input.settings[field.name])?.trim() ?? "";
    if (field.secret) {
      if (value) secrets[field.name] = value;
    } else if (value) settings[field.name] = value;
    const present = field.secret ? !!secrets[field.name] : !!settings[field.name];
    if (field.required && !present) throw new ExpectedError(`${field.label} is required for ${network}.`);
  }
  for (const [name, value] of Object.entries(settings)) {
    if (/url|base|service/i.test(name) && !/^https?:\/\/[^\s/]+/i.test(value))
      throw new ExpectedError(`${name} must be an http(s) URL.`);
  }
  return { settings, secrets };
}

/** Creates the brand's account on a network, or replaces its fields (blank secrets keep the stored ones). */
export async function saveAccount(workspaceId: string, actorUserId: string | null, input: SaveAccountInput) {
  const brand = await db().brand.findFirst({ where: { id: input.brandId, workspaceId }, select: { id: true } });
  if (!brand) throw notFound("That brand");
  const existing = await db().connectedAccount.findUnique({
    where: { workspaceId_brandId_network: { workspaceId, brandId: brand.id, network: input.network } },
  });
  const { settings, secrets } = fieldsFor(input.network, input, existing ? openFields(existing.secrets) : {});
  const label =
    input.label?.trim() ||
    settings.handle ||
    settings.username ||
    settings.pageName ||
    existing?.label ||
    input.network;
  const data = {
    label,
    settings,
    secrets: sealFields(secrets),
    secretHints: hintsOf(secrets),
    status: "untested",
    lastError: null,
  };
  return db().$transaction(async (tx) => {
    const row = existing
      ? await tx.connectedAccount.update({ where: { id: existing.id }, data })
      : await tx.connectedAccount.create({ data: { ...data, workspaceId, brandId: brand.id, network: input.network } });
    await writeAudit(tx, {
      workspaceId,
      actorUserId,
      action: existing ? "account.updated" : "account.connected",
      targetType: "ConnectedAccount",
      targetId: row.id,
      // Which fields changed, never their values.
      details: {
        network: input.network,
        brandId: brand.id,
        settings: Object.keys(settings),
        secretsChanged: Object.keys(input.secrets).filter((k) => input.secrets[k]?.trim()),
      },
    });
    return { id: row.id };
  });
}

export async function deleteAccount(workspaceId: string, actorUserId: string | null, accountId: string) {
  return db().$transaction(async (tx) => {
    const row = await tx.connectedAccount.findFirst({ where: { id: accountId, workspaceId } });
    if (!row) throw notFound("That account");
    await tx.connectedAccount.delete({ where: { id: row.id } });
    await writeAudit(tx, {
      workspaceId,
      actorUserId,
      action: "account.disconnected",
      targetType: "ConnectedAccount",
      targetId: row.id,
      details: { network: row.network, brandId: row.brandId },
    });
    return null;
  });
}

/** The workspace's fetch allowlist (intranet hosts an admin allowed; test servers). */
async function allowlistOf(workspaceId: string): Promise<string[]> {
  const ws = await db().workspace.findUnique({ where: { id: workspaceId }, select: { settings: true } });
  return ((ws?.settings ?? {}) as { fetchAllowlist?: string[] }).fetchAllowlist ?? [];
}

/** A transport's context for one account: the safe HTTP client, and refreshed tokens sealed back. */
export async function contextFor(
  workspaceId: string,
  accountId: string,
  options: { timeoutMs?: number } = {},
): Promise<TransportContext> {
  const allowlist = await allowlistOf(workspaceId);
  return {
    fetch: (url, fetchOptions) =>
      safeFetch(url, {
        timeoutMs: options.timeoutMs ?? 20_000,
        ...fetchOptions,
        allowlist: [...allowlist, ...(fetchOptions?.allowlist ?? [])],
      }),
    now: () => new Date(),
    saveSecrets: async (changed) => {
      // Read, merge and seal in one transaction: two refreshes never drop each other's token.
      await db().$transaction(async (tx) => {
        const [row] = await query<{ secrets: string }>(
          tx,
          sql`SELECT "secrets" FROM "ConnectedAccount" WHERE "id" = ${accountId} FOR UPDATE`,
        );
        if (!row) return;
        const merged = { ...openFields(row.secrets), ...changed };
        await tx.connectedAccount.update({
          where: { id: accountId },
          data: { secrets: sealFields(merged), secretHints: hintsOf(merged) },
        });
      });
    },
  };
}

export interface LoadedAccount {
  id: string;
  label: string;
  network: ReplyNetwork;
  status: string;
  pausedUntil: Date | null;
  credentials: AccountCredentials;
}

export async function loadAccount(workspaceId: string, accountId: string): Promise<LoadedAccount | null> {
  const row = await db().connectedAccount.findFirst({ where: { id: accountId, workspaceId } });
  if (!row || !isReplyNetwork(row.network)) return null;
  return {
    id: row.id,
    label: row.label,
    network: row.network,
    status: row.status,
    pausedUntil: row.pausedUntil,
    credentials: { network: row.network, settings: asStrings(row.settings), secrets: openFields(row.secrets) },
  };
}

/** "Test connection": asks the network who the credentials are, and stores the answer. */
export async function testAccount(workspaceId: string, actorUserId: string | null, accountId: string) {
  const account = await loadAccount(workspaceId, accountId);
  if (!account) throw notFound("That account");
  const ctx = await contextFor(workspaceId, account.id, { timeoutMs: 15_000 });
  // Outside any transaction: the network may take seconds.
  const answer = await transportOf(account.network)
    .whoAmI(account.credentials, ctx)
    .catch((error: unknown) => ({ ok: false as const, reason: (error as Error).message, reauth: false }));
  await db().$transaction(async (tx) => {
    await tx.connectedAccount.update({
      where: { id: account.id },
      data: answer.ok
        ? {
            status: "ok",
            label: answer.name,
            lastError: null,
            lastTestedAt: new Date(),
            textLimit: answer.limit ?? null,
          }
        : { status: answer.reauth ? "reauth" : "error", lastError: answer.reason, lastTestedAt: new Date() },
    });
    await writeAudit(tx, {
      workspaceId,
      actorUserId,
      action: "account.tested",
      targetType: "ConnectedAccount",
      targetId: account.id,
      details: answer.ok ? { ok: true, name: answer.name } : { ok: false, reason: answer.reason },
    });
  });
  return answer.ok
    ? { ok: true as const, name: answer.name }
    : { ok: false as const, reason: answer.reason, reauth: answer.reauth };
}

/** The account a brand replies from on a network (null: the reply stays in the sandbox). */
export async function accountForReply(workspaceId: string, brandId: string | null, network: string | null) {
  if (!isReplyNetwork(network)) return null;
  return db().connectedAccount.findFirst({
    where: { workspaceId, network, ...(brandId ? { brandId } : {}) },
    orderBy: { createdAt: "asc" },
    select: { id: true, label: true, status: true, textLimit: true, brandId: true },
  });
}
