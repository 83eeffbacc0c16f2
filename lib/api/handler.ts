import "server-only";
import { NextResponse } from "next/server";
import { getSessionUser, type SessionUser } from "@/lib/auth/session";
import { roleAtLeast, type RoleName } from "@/lib/auth/roles";
import { ExpectedError } from "@/lib/actions/errors";

// Route handlers go through this: it checks the session and the role a second time (the
// proxy checked first) and turns expected errors into JSON error responses.

export type ApiError = { error: string };

const STATUS = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, INVALID: 400, CONFLICT: 409, INTERNAL: 500 };

export function apiRoute<T, P = Record<string, string>>(
  required: RoleName,
  handler: (ctx: { user: SessionUser; workspaceId: string; request: Request; params: P }) => Promise<T>,
) {
  return async (request: Request, context: { params: Promise<P> }): Promise<NextResponse<T | ApiError>> => {
    try {
      const user = await getSessionUser();
      if (!user) return NextResponse.json({ error: "Sign in first." }, { status: 401 });
      if (!roleAtLeast(user.role, required)) {
        return NextResponse.json({ error: "You don't have permission to do that." }, { status: 403 });
      }
      const params = context?.params ? await context.params : ({} as P);
      const body = await handler({ user, workspaceId: user.workspace.id, request, params });
      // Downloads and streams are built by the handler itself.
      if (body instanceof Response) return body as unknown as NextResponse<T>;
      return NextResponse.json(body as T, { headers: { "cache-control": "no-store" } });
    } catch (error) {
      if (error instanceof ExpectedError) {
        return NextResponse.json({ error: error.message }, { status: STATUS[error.code] });
      }
      console.error("[api] unexpected error", error);
      return NextResponse.json({ error: "Internal error." }, { status: 500 });
    }
  };
}
