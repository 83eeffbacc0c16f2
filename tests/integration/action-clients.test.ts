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
import {
  createContactAction,
  importContactsAction,
  searchContactsAction,
  setContactSettingsAction,
} from "@/lib/contacts/actions";
import { ingestUploadAction } from "@/lib/ingest/actions";
import { createApiKeyAction, revokeApiKeyAction } from "@/lib/api-keys/actions";
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

    expect(await revalidatedBy(() => as(() => outcomeAction({ outcome: "ok" })))).toEqual([
      "/inbox",
      "/cases",
      "tag:case-counts",
    ]);
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
    const action = agentAction(
      "test.dynamic",
      z.object({ dryRun: z.boolean() }),
      async (input) => ({ rows: input.dryRun ? 0 : 3 }),
      {
        revalidate: (input, data) => {
          seen.push([input, data]);
          return input.dryRun ? [] : ["/contacts"];
        },
      },
    );
    expect(await revalidatedBy(() => runAsSession(ws.agent.claims, () => action({ dryRun: true })))).toEqual([]);
    expect(await revalidatedBy(() => runAsSession(ws.agent.claims, () => action({ dryRun: false })))).toEqual([
      "/contacts",
    ]);
    expect(seen).toEqual([
      [{ dryRun: true }, { rows: 0 }],
      [{ dryRun: false }, { rows: 3 }],
    ]);
  });

  it("log an unexpected error under the action's name and report it generically", async () => {
    const ws = await createTestWorkspace();
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const result = await runAsSession(ws.agent.claims, () => outcomeAction({ outcome: "unexpected" }));
    expect(result).toEqual({
      ok: false,
      code: "INTERNAL",
      error: "Something went wrong. It has been logged; try again.",
    });
    expect(logged).toHaveBeenCalledTimes(1);
    expect(logged.mock.calls[0][0]).toBe("[action test.outcome] unexpected error");
    expect((logged.mock.calls[0][1] as Error).message).toBe("database fell over");
  });

  it("report field errors under the schema's field names, typed by them", async () => {
    const ws = await createTestWorkspace();
    const action = adminAction(
      "test.fields",
      z.object({ email: z.email("Enter an e-mail address."), name: z.string().min(1, "Enter a name.") }),
      async () => null,
    );
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

  it("take a name first: the unnamed (schema, handler) form no longer type-checks", () => {
    // A type-level check (npx tsc --noEmit): unused while the deprecated overload still existed.
    // @ts-expect-error a schema where the action's name belongs
    expectTypeOf(agentAction).toBeCallableWith(z.object({ n: z.number() }), async () => null);
    expectTypeOf(agentAction).toBeCallableWith("test.named", z.object({ n: z.number() }), async () => null);
  });
});

describe("the converted actions", () => {
  it("revalidate the inbox and case views after a case change", async () => {
    const ws = await createTestWorkspace();
    const kase = await db().case.create({ data: { workspaceId: ws.id, number: 1, subject: "revalidation" } });
    const paths = await revalidatedBy(async () => {
      expect(
        await runAsSession(ws.agent.claims, () => bulkUpdateCasesAction({ caseIds: [kase.id], status: "PENDING" })),
      ).toMatchObject({ ok: true });
    });
    expect(paths).toEqual(["/inbox", "/cases"]);
  });

  it("revalidate the routing page and the inbox after a routing change", async () => {
    const ws = await createTestWorkspace();
    const paths = await revalidatedBy(async () => {
      expect(
        await runAsSession(ws.admin.claims, () => createQueueAction({ name: `Queue ${uniqueSuffix()}` })),
      ).toMatchObject({ ok: true });
    });
    expect(paths).toEqual(["/admin/routing", "/inbox"]);
  });

  it("revalidate the contact views after a contact change, and nothing after a search or a dry-run import", async () => {
    const ws = await createTestWorkspace();
    const asAgent = <T>(call: () => Promise<T>) => runAsSession(ws.agent.claims, call);
    const asManager = <T>(call: () => Promise<T>) => runAsSession(ws.manager.claims, call);
    const asAdmin = <T>(call: () => Promise<T>) => runAsSession(ws.admin.claims, call);
    const rows = [{ line: 2, record: { Name: `Imported ${uniqueSuffix()}` } }];

    expect(
      await revalidatedBy(async () =>
        expect(await asAgent(() => createContactAction({ name: "Revalidation Person" }))).toMatchObject({ ok: true }),
      ),
    ).toEqual(["/contacts"]);
    expect(
      await revalidatedBy(async () =>
        expect(await asAgent(() => searchContactsAction({ query: "Revalidation" }))).toMatchObject({ ok: true }),
      ),
    ).toEqual([]);
    expect(
      await revalidatedBy(async () =>
        expect(
          await asManager(() => importContactsAction({ rows, mapping: { Name: "name" }, dryRun: true })),
        ).toMatchObject({ ok: true }),
      ),
    ).toEqual([]);
    expect(
      await revalidatedBy(async () =>
        expect(
          await asManager(() => importContactsAction({ rows, mapping: { Name: "name" }, dryRun: false })),
        ).toMatchObject({ ok: true }),
      ),
    ).toEqual(["/contacts"]);
    expect(
      await revalidatedBy(async () =>
        expect(await asAdmin(() => setContactSettingsAction({ autoCreate: false }))).toMatchObject({ ok: true }),
      ),
    ).toEqual(["/admin/contacts"]);
  });

  it("revalidate the inbox after an upload and the channels page after an API key change", async () => {
    const ws = await createTestWorkspace();
    const asAdmin = <T>(call: () => Promise<T>) => runAsSession(ws.admin.claims, call);
    const content = JSON.stringify({
      network: "x",
      externalId: uniqueSuffix(),
      createdAt: "2026-11-01T00:00:00Z",
      text: "revalidation",
    });

    expect(
      await revalidatedBy(async () =>
        expect(await asAdmin(() => ingestUploadAction({ format: "jsonl", content }))).toMatchObject({ ok: true }),
      ),
    ).toEqual(["/inbox"]);
    // A refused upload changes nothing, so nothing is revalidated.
    expect(
      await revalidatedBy(async () =>
        expect(await asAdmin(() => ingestUploadAction({ format: "jsonl", content: "{not json" }))).toMatchObject({
          ok: false,
        }),
      ),
    ).toEqual([]);
    let keyId = "";
    expect(
      await revalidatedBy(async () => {
        const created = await asAdmin(() => createApiKeyAction({ name: "revalidation" }));
        expect(created).toMatchObject({ ok: true });
        if (created.ok) keyId = created.data.id;
      }),
    ).toEqual(["/admin/channels"]);
    expect(
      await revalidatedBy(async () =>
        expect(await asAdmin(() => revokeApiKeyAction({ keyId }))).toMatchObject({ ok: true }),
      ),
    ).toEqual(["/admin/channels"]);
  });
});
