import "server-only";
import { revalidatePath, revalidateTag } from "next/cache";
import { z } from "zod";
import { getSessionUser, type SessionUser } from "@/lib/auth/session";
import { roleAtLeast, type RoleName } from "@/lib/auth/roles";
import { ExpectedError } from "./errors";
import type { ActionResult, FieldErrors, FieldNames } from "./result";

// The action clients: one per access level. Each validates the input with zod, checks the
// session, the role and the workspace, runs the handler, revalidates what the action changed
// and returns a typed ActionResult. Only ExpectedError messages reach the user; anything else
// is logged under the action's name and reported generically.

export interface ActionContext {
  user: SessionUser;
  workspaceId: string;
}

/**
 * Something a successful action makes stale: a path as a string (that page), a path with
 * `type: "layout"` (the layout and every page beneath it), or a cache tag.
 */
export type Revalidation = string | { path: string; type: "layout" | "page" } | { tag: string };

export interface ActionOptions<S extends z.ZodType, R> {
  /** Revalidated after the handler succeeds; a function when it depends on the input or result. */
  revalidate?: readonly Revalidation[] | ((input: z.output<S>, data: R) => readonly Revalidation[]);
}

type Handler<S extends z.ZodType, R> = (input: z.output<S>, ctx: ActionContext) => Promise<R>;

/** A server action as client components call it: typed input, and field errors named after the schema's fields. */
export type ServerAction<S extends z.ZodType, R> = (
  input: z.input<S>,
) => Promise<ActionResult<R, FieldNames<z.input<S>>>>;

function revalidate(items: readonly Revalidation[]): void {
  for (const item of items) {
    if (typeof item === "string") revalidatePath(item);
    else if ("tag" in item)
      revalidateTag(item.tag, { expire: 0 }); // expire now: the actor must read their own write
    else revalidatePath(item.path, item.type);
  }
}

function makeClient(required: RoleName) {
  function action<S extends z.ZodType, R>(
    name: string,
    schema: S,
    handler: Handler<S, R>,
    options?: ActionOptions<S, R>,
  ): ServerAction<S, R> {
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
            fieldErrors: flat.fieldErrors as FieldErrors<FieldNames<z.input<S>>>,
          };
        }
        const data = await handler(parsed.data, { user, workspaceId: user.workspace.id });
        const stale =
          typeof options?.revalidate === "function" ? options.revalidate(parsed.data, data) : options?.revalidate;
        if (stale) revalidate(stale);
        return { ok: true, data };
      } catch (error) {
        if (error instanceof ExpectedError)
          return {
            ok: false,
            code: error.code,
            error: error.message,
            ...(error.details === undefined ? {} : { details: error.details }),
          };
        console.error(`[action ${name}] unexpected error`, error);
        return { ok: false, code: "INTERNAL", error: "Something went wrong. It has been logged; try again." };
      }
    };
  }
  return action;
}

export const agentAction = makeClient("AGENT");
export const managerAction = makeClient("MANAGER");
export const adminAction = makeClient("ADMIN");
