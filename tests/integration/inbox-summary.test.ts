import { describe, expect, it } from "vitest";
import { runAsSession } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { GET } from "@/app/api/inbox/summary/route";
import { createTestWorkspace } from "../support/factory";

describe("GET /api/inbox/summary", () => {
  it("counts only the caller's workspace: unassigned, assigned to them, and first-response breaches", async () => {
    const ws = await createTestWorkspace();
    const other = await createTestWorkspace();
    const past = new Date(Date.now() - 3600_000);
    await db().case.createMany({
      data: [
        { workspaceId: ws.id, number: 1, subject: "a", status: "NEW", firstResponseDueAt: past, slaDueAt: past },
        { workspaceId: ws.id, number: 2, subject: "b", status: "OPEN", assigneeId: ws.agent.userId },
        { workspaceId: ws.id, number: 3, subject: "c", status: "SOLVED" },
        { workspaceId: other.id, number: 1, subject: "x", status: "NEW" },
      ],
    });
    const response = await runAsSession(ws.agent.claims, () =>
      GET(new Request("http://t/api/inbox/summary"), { params: Promise.resolve({}) }),
    );
    expect(await response.json()).toEqual({ unassigned: 1, mine: 1, breached: 1 });
  });
});
