import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// lib/cases/denormalized.ts is the only writer of a case's latest inbound columns; the others
// call it. (That its values match the messages is tested in tests/integration/case-latest-inbound.test.ts.)
describe("the latest inbound columns", () => {
  const root = path.resolve(__dirname, "../..");
  const files = (rel: string): string[] =>
    statSync(path.join(root, rel)).isDirectory()
      ? readdirSync(path.join(root, rel)).flatMap((name) => (name === "generated" ? [] : files(`${rel}/${name}`)))
      : /\.tsx?$/.test(rel) && !/\.test\.tsx?$/.test(rel)
        ? [rel]
        : [];

  it("are written in SQL or through Prisma only by lib/cases/denormalized.ts", () => {
    const all = ["lib", "app"].flatMap(files);
    expect(all.length).toBeGreaterThan(50);
    const writes = (text: string) =>
      /"lastInboundAt"\s*=|[(,]\s*"lastInboundAt"\s*[,)]/.test(text) ||
      (/\.case\.(create|createMany|update|updateMany|upsert)\(/.test(text) && /\blastInboundAt\s*:/.test(text));
    const offenders = all.filter(
      (f) => f !== "lib/cases/denormalized.ts" && writes(readFileSync(path.join(root, f), "utf8")),
    );
    expect(offenders).toEqual([]);
  });
});
