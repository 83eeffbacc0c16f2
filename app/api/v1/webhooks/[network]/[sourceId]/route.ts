import { NextResponse } from "next/server";
import { BodyAbortedError, BodyTooLargeError, readBodyLimited } from "@/lib/api/read-body";
import { receiveDelivery, verifySubscription, type WebhookNetwork } from "@/lib/sources/webhooks";
import type { IngestSummary } from "@/lib/ingest/pipeline";

export type WebhookResponse = IngestSummary | { error: string };

type Params = { params: Promise<{ network: string; sourceId: string }> };
const isWebhookNetwork = (n: string): n is WebhookNetwork => n === "facebook" || n === "instagram";

// Authenticated by the per-source verify token (GET) and the app secret's signature (POST).
// Not rate-limited: there is no API key to count against, the sender is the network itself
// (which retries with back-off, so a 429 would only delay mentions), and an unsigned delivery
// costs one HMAC over at most 1 MB before it is refused (docs/security.md).
export async function GET(request: Request, { params }: Params) {
  const { network, sourceId } = await params;
  if (!isWebhookNetwork(network)) return NextResponse.json({ error: "Unknown webhook." }, { status: 404 });
  const challenge = await verifySubscription(network, sourceId, new URL(request.url).searchParams);
  if (challenge === null) return NextResponse.json({ error: "Verification failed." }, { status: 403 });
  return new NextResponse(challenge, { status: 200, headers: { "content-type": "text/plain" } });
}

export async function POST(request: Request, { params }: Params) {
  const { network, sourceId } = await params;
  if (!isWebhookNetwork(network)) return NextResponse.json({ error: "Unknown webhook." }, { status: 404 });
  let body: Uint8Array;
  try {
    body = await readBodyLimited(request, 1024 * 1024);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return NextResponse.json({ error: "Delivery too large." }, { status: 413 });
    if (error instanceof BodyAbortedError)
      return NextResponse.json({ error: "The delivery was cut off before its end." }, { status: 400 });
    throw error;
  }
  const result = await receiveDelivery(network, sourceId, request.headers.get("x-hub-signature-256"), body);
  if (result.status !== 200) return NextResponse.json({ error: result.error }, { status: result.status });
  return NextResponse.json(result.summary);
}
