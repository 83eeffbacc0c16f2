import { settingsWithSecrets } from "./secrets";
import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { db } from "@/lib/db/client";
import { parseFormat } from "@/lib/ingest/formats";
import { ingestEvents, type IngestSummary } from "@/lib/ingest/pipeline";

// Facebook and Instagram page webhooks. Each Source has its own URL
// (/api/v1/webhooks/<network>/<sourceId>) and settings {verifyToken, appSecret, brandId}.

export type WebhookNetwork = "facebook" | "instagram";

interface WebhookSettings {
  verifyToken?: string;
  appSecret?: string;
  brandId?: string;
}

async function loadSource(network: WebhookNetwork, sourceId: string) {
  const source = await db().source.findFirst({ where: { id: sourceId, network, enabled: true } });
  if (!source) return null;
  return { source, settings: settingsWithSecrets(source) as WebhookSettings };
}

const safeEqual = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** The subscription handshake: echo hub.challenge when hub.verify_token matches. */
export async function verifySubscription(
  network: WebhookNetwork,
  sourceId: string,
  params: URLSearchParams,
): Promise<string | null> {
  const found = await loadSource(network, sourceId);
  const token = found?.settings.verifyToken;
  if (!token || params.get("hub.mode") !== "subscribe") return null;
  const given = params.get("hub.verify_token") ?? "";
  const challenge = params.get("hub.challenge");
  return safeEqual(given, token) && challenge ? challenge : null;
}

export function signatureFor(appSecret: string, body: Uint8Array): string {
  return `sha256=${createHmac("sha256", appSecret).update(body).digest("hex")}`;
}

export type WebhookResult = { status: 200; summary: IngestSummary } | { status: 401 | 404; error: string };

/** Verifies X-Hub-Signature-256 over the raw body, then ingests the delivery. */
export async function receiveDelivery(
  network: WebhookNetwork,
  sourceId: string,
  signature: string | null,
  body: Uint8Array,
): Promise<WebhookResult> {
  const found = await loadSource(network, sourceId);
  if (!found) return { status: 404, error: "Unknown webhook." };
  const { source, settings } = found;
  if (!settings.appSecret || !signature || !safeEqual(signature, signatureFor(settings.appSecret, body))) {
    await db().source.update({
      where: { id: source.id },
      data: {
        lastError: "Webhook delivery with a missing or wrong X-Hub-Signature-256",
        lastErrorAt: new Date(),
        errorCount: { increment: 1 },
      },
    });
    return { status: 401, error: "Invalid signature." };
  }
  // parseFormat never throws: a delivery it cannot read is reported, not a 500 that Meta retries.
  const parsed = parseFormat(network, body);
  const summary = await ingestEvents(source.workspaceId, parsed, {
    sourceId: source.id,
    brandId: settings.brandId ?? null,
  });
  return { status: 200, summary };
}
