import "server-only";
import { NextResponse } from "next/server";
import { z } from "zod";
import { getSessionUser, type SessionUser } from "@/lib/auth/session";
import { roleAtLeast, type RoleName } from "@/lib/auth/roles";
import { ExpectedError } from "@/lib/actions/errors";
import { checkParams, describeIssues } from "@/lib/util/params";

// Route handlers go through this: it checks the session and the role a second time (the
// proxy checked first), checks the path parameters against the route's schema (a malformed id
// is a 400 before any query is made) and turns expected errors into JSON error responses.

export type ApiError = { error: string };

const STATUS = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, INVALID: 400, CONFLICT: 409, INTERNAL: 500 };

export function apiRoute<T, P = Record<string, string>>(
  required: RoleName,
  handler: (ctx: { user: SessionUser; workspaceId: string; request: Request; params: P }) => Promise<T>,
  options: { params?: z.ZodType<P> } = {},
) {
  return async (request: Request, context: { params: Promise<unknown> }): Promise<NextResponse<T | ApiError>> => {
    try {
      const user = await getSessionUser();
      if (!user) return NextResponse.json({ error: "Sign in first." }, { status: 401 });
      if (!roleAtLeast(user.role, required)) {
        return NextResponse.json({ error: "You don't have permission to do that." }, { status: 403 });
      }
      const raw = context?.params ? await context.params : {};
      let params = raw as P;
      if (options.params) {
        const checked = checkParams(options.params, raw);
        if (!checked.ok) return NextResponse.json({ error: `Bad address: ${checked.message}.` }, { status: 400 });
        params = checked.value;
      }
      const body = await handler({ user, workspaceId: user.workspace.id, request, params });
      // Downloads and streams are built by the handler itself.
      if (body instanceof Response) return body as unknown as NextResponse<T>;
      return NextResponse.json(body as T, { headers: { "cache-control": "no-store" } });
    } catch (error) {
      if (error instanceof ExpectedError) {
        return NextResponse.json({ error: error.message }, { status: STATUS[error.code] });
      }
      // A handler that parses its input with zod's parse(): bad input, not a fault.
      if (error instanceof z.ZodError) {
        return NextResponse.json({ error: `Bad request: ${describeIssues(error.issues)}.` }, { status: 400 });
      }
      console.error("[api] unexpected error", error);
      return NextResponse.json({ error: "Internal error." }, { status: 500 });
    }
  };
}
