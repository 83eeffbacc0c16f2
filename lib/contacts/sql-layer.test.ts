import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lockStatement, type LockableTable } from "./locks";
import { contactSearchStatement } from "./search";

// The contacts feature on lib/db/sql.ts (issue 16): statements are fragments run through
// $queryRaw/$executeRaw, and the texts that matter for locking and for search speed are the
// ones they were as hand-numbered strings.

describe("the contacts modules on the SQL layer", () => {
  const root = path.resolve(__dirname, "../..");
  const files = (rel: string): string[] =>
    statSync(path.join(root, rel)).isDirectory()
      ? readdirSync(path.join(root, rel)).flatMap((name) => files(`${rel}/${name}`))
      : /\.tsx?$/.test(rel)
        ? [rel]
        : [];
  const converted = ["lib/contacts", "scripts/bench-contacts.ts", "tests/integration/api-rate-limit.test.ts"]
    .flatMap(files)
    .filter((f) => f !== "lib/contacts/sql-layer.test.ts");

  it("call no $queryRawUnsafe or $executeRawUnsafe and no longer use lib/ingest/sql's string builders", () => {
    expect(converted.length).toBeGreaterThan(20);
    const offenders = converted.filter((f) =>
      /\$(query|execute)RawUnsafe|lib\/ingest\/sql"/.test(readFileSync(path.join(root, f), "utf8")),
    );
    expect(offenders).toEqual([]);
  });
});

describe("lockStatement", () => {
  it("locks distinct ids in byte order with the statement text it always had", () => {
    const update = lockStatement("SocialIdentity", ["b", "a", "B", "b", "a-1"], "update")!;
    expect(update.text).toBe(
      `SELECT 1 FROM "SocialIdentity" WHERE "id" = ANY($1::text[]) ORDER BY "id" COLLATE "C" FOR NO KEY UPDATE`,
    );
    expect(update.values).toEqual([["B", "a", "a-1", "b"]]);
    const remove = lockStatement("LinkSuggestion", ["z", "y"], "delete")!;
    expect(remove.text).toBe(
      `SELECT 1 FROM "LinkSuggestion" WHERE "id" = ANY($1::text[]) ORDER BY "id" COLLATE "C" FOR UPDATE`,
    );
    expect(remove.values).toEqual([["y", "z"]]);
  });

  it("has nothing to lock for no ids, and refuses a table it does not lock even when the type is cast around", () => {
    expect(lockStatement("Case", [], "update")).toBeNull();
    expect(() => lockStatement(`Case" ; DROP TABLE "Case` as LockableTable, ["a"], "update")).toThrow(
      /unexpected table/,
    );
    expect(() => lockStatement("Workspace" as LockableTable, [], "update")).toThrow(/unexpected table/);
  });
});

describe("contactSearchStatement", () => {
  it("keeps the prefix-scan text, with every term and the workspace as parameters", () => {
    const hostile = `o'brien'); DROP TABLE "Contact"; --`;
    const s = contactSearchStatement("ws1", ["maria", hostile], 200);
    expect(s.text.replace(/\s+/g, " ")).toBe(
      `SELECT k."contactId" FROM unnest($1::text[]) WITH ORDINALITY AS t("term", "n") CROSS JOIN LATERAL ( SELECT DISTINCT ck."contactId" FROM "ContactKey" ck` +
        ` WHERE ck."workspaceId" = $2 AND ck."value" ~>=~ t."term" AND ck."value" ~<~ (t."term" || chr(1114111))` +
        ` AND ck."kind" IN ('token', 'email', 'phone', 'handle', 'website', 'name') LIMIT 5000) k GROUP BY k."contactId" HAVING count(*) = $3 LIMIT $4`,
    );
    expect(s.values).toEqual([["maria", hostile], "ws1", 2, 200]);
  });
});
