import "server-only";
import { z } from "zod";
import { getSessionUser, type SessionUser } from "@/lib/auth/session";
import { roleAtLeast, type RoleName } from "@/lib/auth/roles";
import { ExpectedError } from "./errors";
import type { ActionResult } from "./result";

// The action clients: one per access level. Each validates the input with zod, checks the
// session, the role and the workspace, and returns a typed ActionResult. Only ExpectedError
// messages reach the user; anything else is logged and reported generically.

export interface ActionContext {
  user: SessionUser;
  workspaceId: string;
}

function makeClient(required: RoleName) {
  return function action<S extends z.ZodType, R>(
    schema: S,
    handler: (input: z.output<S>, ctx: ActionContext) => Promise<R>,
  ): (input: z.input<S>) => Promise<ActionResult<R>> {
    return async (input) => {
      try {
        const user = await getSessionUser();
        if (!user) return { ok: false, code: "UNAUTHENTICATED", error: "Your session has ended. Sign in again." };
        if (!roleAtLeast(user.role, required)) {
          return { ok: false, code: "FORBIDDEN", error: "You don't have permission to do that." };
        }
        const parsed = schema.safeParse(input);
        if (!parsed.success) {
          const flat = z.flattenError(parsed.error);
          return {
            ok: false,
            code: "INVALID",
            error: flat.formErrors[0] ?? "Please correct the highlighted fields.",
            fieldErrors: flat.fieldErrors as Record<string, string[]>,
          };
        }
        return { ok: true, data: await handler(parsed.data, { user, workspaceId: user.workspace.id }) };
      } catch (error) {
        if (error instanceof ExpectedError) return { ok: false, code: error.code, error: error.message, ...(error.details === undefined ? {} : { details: error.details }) };
        console.error("[action] unexpected error", error);
        return { ok: false, code: "INTERNAL", error: "Something went wrong. It has been logged; try again." };
      }
    };
  };
}

export const agentAction = makeClient("AGENT");
export const managerAction = makeClient("MANAGER");
export const adminAction = makeClient("ADMIN");
