import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { parseCsvRecords } from "@/lib/util/csv";
import { createTestWorkspace } from "../support/factory";
import { earshot } from "../support/cli";

describe("earshot export cases", () => {
  it("writes one row per case created in the local-date range, with its metrics", async () => {
    const ws = await createTestWorkspace();
    const make = async (number: number, at: string, reply?: string) => {
      const c = await db().case.create({
        data: { workspaceId: ws.id, number, subject: `c${number}`, status: "OPEN", createdAt: new Date(at) },
      });
      await db().caseMessage.create({
        data: { workspaceId: ws.id, caseId: c.id, kind: "INBOUND", body: "?", createdAt: new Date(at) },
      });
      if (reply)
        await db().caseMessage.create({
          data: {
            workspaceId: ws.id,
            caseId: c.id,
            kind: "OUTBOUND",
            body: "!",
            authorUserId: ws.agent.userId,
            createdAt: new Date(reply),
          },
        });
    };
    await make(1, "2026-11-01T10:00:00Z", "2026-11-01T10:45:00Z");
    await make(2, "2026-11-02T23:30:00Z"); // 2026-11-02 in UTC
    await make(3, "2026-10-31T12:00:00Z");
    const result = await earshot([
      "export",
      "cases",
      "--workspace",
      ws.slug,
      "--since",
      "2026-11-01",
      "--until",
      "2026-11-30",
    ]);
    expect(result.code).toBe(0);
    const rows = parseCsvRecords(result.stdout).map((r) => r.record);
    expect(rows.map((r) => r.case_number)).toEqual(["1", "2"]);
    expect(rows[0]).toMatchObject({
      cycle: "0",
      first_reply_by: "Test agent",
      frt_minutes: "45",
      frt_business_minutes: "45",
      solved_at_utc: "",
    });
    expect(result.stderr).toMatch(/2 rows \(created, 2026-11-01 to 2026-11-30, UTC\)/);
  });

  it("refuses bad options with a clear message", async () => {
    expect(await earshot(["export", "cases", "--workspace", "nope-none"])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/No workspace/),
    });
    expect(await earshot(["export", "cases", "--workspace", "x", "--since", "01/11/2026"])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(
        /"01\/11\/2026" must be a real date from 2000-01-01 to 2100-12-31, written YYYY-MM-DD/,
      ),
    });
    expect(await earshot(["export", "cases", "--workspace", "x", "--metric", "happiness"])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/--metric must be one of/),
    });
  });
});
