import "server-only";
import { db } from "@/lib/db/client";
import { ExpectedError } from "@/lib/actions/errors";
import { saveAccount, testAccount } from "./accounts";
import { isReplyNetwork, transportOf } from "./registry";

// The CLI's account commands: flags in, the same data layer as Admin → Channels.

async function brandByName(workspaceId: string, name: string) {
  return db().brand.findFirst({
    where: { workspaceId, name: { equals: name, mode: "insensitive" } },
    select: { id: true },
  });
}

export async function addAccountFromCli(
  workspaceId: string,
  input: { brand: string; network: string; fields: Record<string, string> },
): Promise<{ ok: true; id: string } | { ok: false; error: string }> {
  if (!isReplyNetwork(input.network)) return { ok: false, error: `Replies are not supported on "${input.network}".` };
  const brand = await brandByName(workspaceId, input.brand);
  if (!brand) return { ok: false, error: `No brand named "${input.brand}".` };
  const fields = transportOf(input.network).fields;
  const known = new Set(fields.map((f) => f.name));
  const unknown = Object.keys(input.fields).filter((k) => !known.has(k) && k !== "label");
  if (unknown.length)
    return {
      ok: false,
      error: `Unknown field(s) for ${input.network}: ${unknown.join(", ")}. Fields: ${fields.map((f) => f.name).join(", ")}.`,
    };
  const settings: Record<string, string> = {};
  const secrets: Record<string, string> = {};
  for (const f of fields)
    if (input.fields[f.name] !== undefined) (f.secret ? secrets : settings)[f.name] = input.fields[f.name];
  try {
    const saved = await saveAccount(workspaceId, null, {
      brandId: brand.id,
      network: input.network,
      label: input.fields.label,
      settings,
      secrets,
    });
    return { ok: true, id: saved.id };
  } catch (error) {
    if (error instanceof ExpectedError) return { ok: false, error: error.message };
    throw error;
  }
}

export async function testAccountFromCli(
  workspaceId: string,
  by: { id?: string; brand?: string; network?: string },
): Promise<{ ok: true; name: string } | { ok: false; reason: string }> {
  let id = by.id;
  if (!id) {
    const brand = by.brand ? await brandByName(workspaceId, by.brand) : null;
    const account =
      brand && isReplyNetwork(by.network)
        ? await db().connectedAccount.findFirst({ where: { workspaceId, brandId: brand.id, network: by.network } })
        : null;
    if (!account) return { ok: false, reason: "No such connected account." };
    id = account.id;
  }
  try {
    return await testAccount(workspaceId, null, id);
  } catch (error) {
    if (error instanceof ExpectedError) return { ok: false, reason: error.message };
    throw error;
  }
}
