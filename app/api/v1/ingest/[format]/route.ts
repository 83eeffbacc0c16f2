import { NextResponse } from "next/server";
import { authenticateApiKey } from "@/lib/api-keys/keys";
import { BodyTooLargeError, MAX_INGEST_BYTES, readBodyLimited } from "@/lib/api/read-body";
import { FORMATS, isFormat } from "@/lib/ingest/formats";
import { ingestHttpBody, type IngestHttpResult } from "@/lib/ingest/http";

export type IngestResponse = IngestHttpResult["body"];

// POST /api/v1/ingest/<format> with `Authorization: Bearer <workspace API key>`.
export async function POST(request: Request, context: { params: Promise<{ format: string }> }) {
  const key = await authenticateApiKey(request.headers.get("authorization"));
  if (!key) return NextResponse.json({ error: "A valid workspace API key is required (Authorization: Bearer esk_…)." }, { status: 401 });
  const { format } = await context.params;
  if (!isFormat(format)) return NextResponse.json({ error: `Unknown format "${format}". Formats: ${FORMATS.join(", ")}.` }, { status: 404 });
  let body: Uint8Array;
  try {
    body = await readBodyLimited(request);
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      return NextResponse.json({ error: `The body is larger than ${MAX_INGEST_BYTES / 1024 / 1024} MB; split it into several requests.` }, { status: 413 });
    }
    throw error;
  }
  const result = await ingestHttpBody(key.workspaceId, format, body);
  return NextResponse.json(result.body, { status: result.status });
}
