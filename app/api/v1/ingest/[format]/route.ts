import { NextResponse } from "next/server";
import { authenticateApiKey } from "@/lib/api-keys/keys";
import { consumeApiRequest } from "@/lib/api-keys/rate-limit";
import { rateLimitHeaders, RateLimitConfigError } from "@/lib/api-keys/rate-limit-policy";
import { BodyAbortedError, BodyTooLargeError, MAX_INGEST_BYTES, readBodyLimited } from "@/lib/api/read-body";
import { FORMATS, isFormat } from "@/lib/ingest/formats";
import { ingestHttpBody, type IngestHttpResult } from "@/lib/ingest/http";

export type IngestResponse = IngestHttpResult["body"];

// POST /api/v1/ingest/<format> with `Authorization: Bearer <workspace API key>`. Every answer to
// a valid key carries its rate limit (RateLimit-* headers); over the limit the answer is 429.
export async function POST(request: Request, context: { params: Promise<{ format: string }> }) {
  const key = await authenticateApiKey(request.headers.get("authorization"));
  if (!key)
    return NextResponse.json(
      { error: "A valid workspace API key is required (Authorization: Bearer esk_…)." },
      { status: 401 },
    );
  let limited;
  try {
    limited = await consumeApiRequest(key.keyId);
  } catch (error) {
    if (error instanceof RateLimitConfigError) return NextResponse.json({ error: error.message }, { status: 500 });
    throw error;
  }
  const headers = rateLimitHeaders(limited);
  const reply = (body: unknown, status: number) => NextResponse.json(body, { status, headers });
  if (!limited.allowed) {
    return reply(
      {
        error: `Rate limit exceeded: ${limited.limit} requests per minute for this API key. Retry in ${limited.resetSeconds} s.`,
      },
      429,
    );
  }
  const { format } = await context.params;
  if (!isFormat(format)) return reply({ error: `Unknown format "${format}". Formats: ${FORMATS.join(", ")}.` }, 404);
  let body: Uint8Array;
  try {
    body = await readBodyLimited(request);
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      return reply(
        { error: `The body is larger than ${MAX_INGEST_BYTES / 1024 / 1024} MB; split it into several requests.` },
        413,
      );
    }
    if (error instanceof BodyAbortedError) return reply({ error: "The request body was cut off before its end." }, 400);
    throw error;
  }
  const result = await ingestHttpBody(key.workspaceId, format, body);
  return reply(result.body, result.status);
}
