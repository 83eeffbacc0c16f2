// The action clients: named actions, revalidation after success only, the name in the log line,
// and field errors named after the schema's fields.
import { afterEach, describe, expect, expectTypeOf, it, vi } from "vitest";
import { z } from "zod";
import { runAsSession } from "@/lib/auth/session";
import { adminAction, agentAction } from "@/lib/actions/clients";
import { ExpectedError } from "@/lib/actions/errors";
import type { FieldErrors } from "@/lib/actions/result";
import { bulkUpdateCasesAction } from "@/lib/cases/actions";
import { createQueueAction } from "@/lib/routing/actions";
import { db } from "@/lib/db/client";
import { revalidated } from "../support/next-cache";
import { createTestWorkspace, uniqueSuffix } from "../support/factory";

/** What the call revalidated, in order. */
async function revalidatedBy(call: () => Promise<unknown>): Promise<string[]> {
  const before = revalidated.length;
  await call();
  return revalidated.slice(before);
}

const outcomeSchema = z.object({ outcome: z.enum(["ok", "expected", "unexpected"]) });
const outcomeAction = agentAction(
  "test.outcome",
  outcomeSchema,
  async ({ outcome }) => {
    if (outcome === "expected") throw new ExpectedError("Refused on purpose.");
    if (outcome === "unexpected") throw new Error("database fell over");
    return { done: true };
  },
  { revalidate: ["/inbox", { path: "/cases", type: "layout" }, { tag: "case-counts" }] },
);

afterEach(() => {
  vi.restoreAllMocks();
});

describe("action clients", () => {
  it("revalidate the listed paths and tags after the handler succeeds, and nothing when it fails", async () => {
    const ws = await createTestWorkspace();
    const as = <T>(call: () => Promise<T>) => runAsSession(ws.agent.claims, call);

    expect(await revalidatedBy(() => as(() => outcomeAction({ outcome: "ok" })))).toEqual(["/inbox", "/cases", "tag:case-counts"]);
    vi.spyOn(console, "error").mockImplementation(() => {});
    expect(await revalidatedBy(() => as(() => outcomeAction({ outcome: "expected" })))).toEqual([]);
    expect(await revalidatedBy(() => as(() => outcomeAction({ outcome: "unexpected" })))).toEqual([]);
    // Refused before the handler runs: signed out, or invalid input.
    expect(await revalidatedBy(() => runAsSession(null, () => outcomeAction({ outcome: "ok" })))).toEqual([]);
    expect(await revalidatedBy(() => as(() => outcomeAction({ outcome: "maybe" as "ok" })))).toEqual([]);
  });

  it("compute the revalidation from the input and the result when given a function", async () => {
    const ws = await createTestWorkspace();
    const seen: unknown[] = [];
    const action = agentAction("test.dynamic", z.object({ dryRun: z.boolean() }), async (input) => ({ rows: input.dryRun ? 0 : 3 }), {
      revalidate: (input, data) => {
        seen.push([input, data]);
        return input.dryRun ? [] : ["/contacts"];
      },
    });
    expect(await revalidatedBy(() => runAsSession(ws.agent.claims, () => action({ dryRun: true })))).toEqual([]);
    expect(await revalidatedBy(() => runAsSession(ws.agent.claims, () => action({ dryRun: false })))).toEqual(["/contacts"]);
    expect(seen).toEqual([[{ dryRun: true }, { rows: 0 }], [{ dryRun: false }, { rows: 3 }]]);
  });

  it("log an unexpected error under the action's name and report it generically", async () => {
    const ws = await createTestWorkspace();
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const result = await runAsSession(ws.agent.claims, () => outcomeAction({ outcome: "unexpected" }));
    expect(result).toEqual({ ok: false, code: "INTERNAL", error: "Something went wrong. It has been logged; try again." });
    expect(logged).toHaveBeenCalledTimes(1);
    expect(logged.mock.calls[0][0]).toBe("[action test.outcome] unexpected error");
    expect((logged.mock.calls[0][1] as Error).message).toBe("database fell over");
  });

  it("report field errors under the schema's field names, typed by them", async () => {
    const ws = await createTestWorkspace();
    const action = adminAction("test.fields", z.object({ email: z.email("Enter an e-mail address."), name: z.string().min(1, "Enter a name.") }), async () => null);
    const result = await runAsSession(ws.admin.claims, () => action({ email: "nope", name: "" }));
    expect(result).toEqual({
      ok: false,
      code: "INVALID",
      error: "Please correct the highlighted fields.",
      fieldErrors: { email: ["Enter an e-mail address."], name: ["Enter a name."] },
    });
    if (result.ok) return;
    expectTypeOf(result.fieldErrors).toEqualTypeOf<FieldErrors<"email" | "name"> | undefined>();
    expectTypeOf(result.fieldErrors!.email).toEqualTypeOf<string[] | undefined>();
  });

  it("still accept an unnamed action while the last callers move to names", async () => {
    const ws = await createTestWorkspace();
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const legacy = agentAction(z.object({ n: z.number() }), async ({ n }) => {
      if (n < 0) throw new Error("negative");
      return n * 2;
    });
    expect(await runAsSession(ws.agent.claims, () => legacy({ n: 2 }))).toEqual({ ok: true, data: 4 });
    expect(await runAsSession(ws.agent.claims, () => legacy({ n: -1 }))).toMatchObject({ ok: false, code: "INTERNAL" });
    expect(logged.mock.calls[0][0]).toBe("[action unnamed] unexpected error");
  });
});

describe("the converted actions", () => {
  it("revalidate the inbox and case views after a case change", async () => {
    const ws = await createTestWorkspace();
    const kase = await db().case.create({ data: { workspaceId: ws.id, number: 1, subject: "revalidation" } });
    const paths = await revalidatedBy(async () => {
      expect(await runAsSession(ws.agent.claims, () => bulkUpdateCasesAction({ caseIds: [kase.id], status: "PENDING" }))).toMatchObject({ ok: true });
    });
    expect(paths).toEqual(["/inbox", "/cases"]);
  });

  it("revalidate the routing page and the inbox after a routing change", async () => {
    const ws = await createTestWorkspace();
    const paths = await revalidatedBy(async () => {
      expect(await runAsSession(ws.admin.claims, () => createQueueAction({ name: `Queue ${uniqueSuffix()}` }))).toMatchObject({ ok: true });
    });
    expect(paths).toEqual(["/admin/routing", "/inbox"]);
  });
});
