import "server-only";
import { db } from "@/lib/db/client";
import { keyIdOf } from "./envelope";
import { currentKeyId, openText, sealText } from "./store";

// Key rotation: set the new key as EARSHOT_SECRET_KEY and the old one in
// EARSHOT_SECRET_KEY_PREVIOUS, restart, then run `earshot secrets rotate`: every sealed value
// still under an old key is opened and sealed again under the new one. Afterwards the old key
// can be dropped. Each value is re-sealed in its own short update; a rerun finds nothing to do.

export interface RotationSummary {
  keyId: string;
  resealed: { accounts: number; sources: number; webhooks: number };
  alreadyCurrent: number;
}

// Only sealed values under another key are re-sealed; anything else (current, or not a sealed
// value at all) is left as it is.
const stale = (sealed: string | null): sealed is string => {
  const id = sealed ? keyIdOf(sealed) : null;
  return id !== null && id !== currentKeyId();
};

export async function rotateSecrets(): Promise<RotationSummary> {
  const summary: RotationSummary = {
    keyId: currentKeyId(),
    resealed: { accounts: 0, sources: 0, webhooks: 0 },
    alreadyCurrent: 0,
  };
  for (const a of await db().connectedAccount.findMany({ select: { id: true, secrets: true } })) {
    if (!stale(a.secrets)) {
      summary.alreadyCurrent++;
      continue;
    }
    await db().connectedAccount.update({ where: { id: a.id }, data: { secrets: sealText(openText(a.secrets)) } });
    summary.resealed.accounts++;
  }
  for (const s of await db().source.findMany({
    where: { secrets: { not: null } },
    select: { id: true, secrets: true },
  })) {
    if (!stale(s.secrets)) {
      summary.alreadyCurrent++;
      continue;
    }
    await db().source.update({ where: { id: s.id }, data: { secrets: sealText(openText(s.secrets)) } });
    summary.resealed.sources++;
  }
  for (const w of await db().webhookEndpoint.findMany({ select: { id: true, secret: true } })) {
    if (!stale(w.secret)) {
      summary.alreadyCurrent++;
      continue;
    }
    await db().webhookEndpoint.update({ where: { id: w.id }, data: { secret: sealText(openText(w.secret)) } });
    summary.resealed.webhooks++;
  }
  return summary;
}
