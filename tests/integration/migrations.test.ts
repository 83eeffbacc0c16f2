import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { inject } from "vitest";
import { db } from "@/lib/db/client";
import { applyMigrations, MIGRATIONS_DIR } from "@/lib/db/schema-engine";

describe("migrations", () => {
  it("are all recorded in _prisma_migrations as Prisma Migrate records them, and re-applying is a no-op", async () => {
    const folders = readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    const rows = await db().$queryRaw<
      Array<{ migration_name: string; finished_at: Date | null; rolled_back_at: Date | null; checksum: string }>
    >`
      SELECT migration_name, finished_at, rolled_back_at, checksum FROM _prisma_migrations ORDER BY migration_name`;
    expect(rows.map((r) => r.migration_name)).toEqual(folders);
    for (const row of rows) {
      expect(row.finished_at).not.toBeNull();
      expect(row.rolled_back_at).toBeNull();
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(await applyMigrations(inject("databaseUrl"))).toEqual([]);
  });

  it("created the inbox hot-path indexes", async () => {
    const indexes = await db().$queryRaw<Array<{ indexname: string }>>`
      SELECT indexname FROM pg_indexes WHERE tablename = 'Case'`;
    const names = indexes.map((i) => i.indexname);
    for (const name of [
      "Case_inbox_open_idx",
      "Case_inbox_all_idx",
      "Case_inbox_queue_idx",
      "Case_inbox_assignee_idx",
      "Case_sla_idx",
      "Case_search_idx",
      "Case_workspace_updated_idx",
      "Case_workspaceId_contactId_idx",
      "Case_workspaceId_authorId_idx",
    ]) {
      expect(names).toContain(name);
    }
    // Dropped: each index is paid on every case write, and these served no query.
    expect(names).not.toContain("Case_workspaceId_status_queueId_updatedAt_idx");
  });
});
