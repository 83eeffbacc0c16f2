import "server-only";
import { NextResponse } from "next/server";
import { z } from "zod";
import { authenticateApiKey } from "@/lib/api-keys/keys";
import { consumeApiRequest } from "@/lib/api-keys/rate-limit";
import { rateLimitHeaders } from "@/lib/api-keys/rate-limit-policy";
import { ExpectedError } from "@/lib/actions/errors";
import { checkParams, describeIssues } from "@/lib/util/params";

// The automation API's route handlers (/api/v1/…) go through this: a workspace API key
// (Authorization: Bearer esk_…), its rate limit (RateLimit-* headers on every answer), checked
// path parameters, JSON errors. Only expected errors say what went wrong.

const STATUS = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, INVALID: 400, CONFLICT: 409, INTERNAL: 500 };

export interface KeyContext<P> {
  workspaceId: string;
  keyId: string;
  request: Request;
  params: P;
}

export function apiKeyRoute<T, P>(
  handler: (ctx: KeyContext<P>) => Promise<{ status?: number; body: T }>,
  options: { params: z.ZodType<P> },
) {
  return async (request: Request, context: { params: Promise<unknown> }): Promise<NextResponse> => {
    const key = await authenticateApiKey(request.headers.get("authorization"));
    if (!key)
      return NextResponse.json(
        { error: "A valid workspace API key is required (Authorization: Bearer esk_…)." },
        { status: 401 },
      );
    const limited = await consumeApiRequest(key.keyId);
    const headers = { ...rateLimitHeaders(limited), "cache-control": "no-store" };
    const reply = (body: unknown, status: number) => NextResponse.json(body, { status, headers });
    if (!limited.allowed)
      return reply(
        {
          error: `Rate limit exceeded: ${limited.limit} requests per minute for this API key. Retry in ${limited.resetSeconds} s.`,
        },
        429,
      );
    const checked = checkParams(options.params, await context.params);
    if (!checked.ok) return reply({ error: `Bad address: ${checked.message}.` }, 400);
    try {
      const result = await handler({ workspaceId: key.workspaceId, keyId: key.keyId, request, params: checked.value });
      return reply(result.body, result.status ?? 200);
    } catch (error) {
      if (error instanceof ExpectedError) return reply({ error: error.message }, STATUS[error.code]);
      if (error instanceof z.ZodError) return reply({ error: `Bad request: ${describeIssues(error.issues)}.` }, 400);
      console.error("[api v1] unexpected error", error);
      return reply({ error: "Internal error." }, 500);
    }
  };
}

/** The request's JSON body, or a 400 that says why not. */
export async function jsonBody(request: Request, maxBytes = 64 * 1024): Promise<unknown> {
  const text = await request.text();
  if (Buffer.byteLength(text) > maxBytes) throw new ExpectedError(`The body is larger than ${maxBytes / 1024} KB.`);
  try {
    return JSON.parse(text);
  } catch {
    throw new ExpectedError("The body is not JSON.");
  }
}
