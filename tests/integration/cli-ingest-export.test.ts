import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { earshot } from "../support/cli";
import { createTestWorkspace } from "../support/factory";

const dir = mkdtempSync(path.join(tmpdir(), "earshot-cli-ingest-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
describe("earshot ingest / export mentions", () => {
  it("ingests files and prints the summary, then exports the mentions as JSON lines", async () => {
    const ws = await createTestWorkspace();
    const brand = await db().brand.create({ data: { workspaceId: ws.id, name: "Northwind" } });
    const rule = await db().keywordRule.create({
      data: { workspaceId: ws.id, brandId: brand.id, name: "n", query: "northwind" },
    });
    const file = path.join(dir, "in.jsonl");
    writeFileSync(
      file,
      [
        JSON.stringify({
          network: "x",
          externalId: "e1",
          createdAt: "2026-11-01T10:00:00Z",
          text: "Northwind lost my bag",
          lang: "en",
          author: { accountId: "a1", handle: "amy" },
        }),
        JSON.stringify({
          network: "x",
          externalId: "e2",
          createdAt: "2026-11-03T10:00:00Z",
          text: "Northwind thanks for the great crew on my flight!",
          author: { accountId: "a2", handle: "ben" },
        }),
        JSON.stringify({ network: "x", externalId: "e3", createdAt: "2026-11-03T11:00:00Z", text: "unrelated" }),
        "oops",
      ].join("\n"),
    );
    const ingest = await earshot(["ingest", "--workspace", ws.slug, "--format", "jsonl", file]);
    expect(ingest.code).toBe(0);
    expect(JSON.parse(ingest.stdout)).toEqual({
      received: 4,
      accepted: 2,
      duplicates: 0,
      ignored: 1,
      matched: 2,
      updated: 0,
      deleted: 0,
      deferredDeletes: 0,
      cases: { created: 1, joined: 0, reopened: 0, logged: 1 },
      rejected: [{ where: "line 4", reason: expect.stringMatching(/Malformed JSON/) }],
    });
    const again = await earshot(["ingest", "--workspace", ws.slug, "--format", "jsonl", file]);
    expect(JSON.parse(again.stdout)).toMatchObject({ accepted: 0, duplicates: 2 });

    const exported = await earshot(["export", "mentions", "--workspace", ws.slug, "--since", "2026-11-02T00:00:00Z"]);
    expect(exported.code).toBe(0);
    const lines = exported.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toEqual([
      {
        id: expect.any(String),
        network: "x",
        externalId: "e2",
        url: null,
        createdAt: "2026-11-03T10:00:00.000Z",
        text: "Northwind thanks for the great crew on my flight!",
        lang: "en",
        authorHandle: "ben",
        sentiment: { label: "positive", score: expect.any(Number) },
        intent: "praise",
        rules: [rule.id],
        brand: "Northwind",
        caseId: null,
        contactId: null,
      },
    ]);
  }, 60_000);

  it("fails (exit 1) when a file cannot be read, still ingesting the others, and says so in the summary", async () => {
    const ws = await createTestWorkspace();
    const good = path.join(dir, "good.jsonl");
    writeFileSync(
      good,
      JSON.stringify({ network: "x", externalId: "g1", createdAt: "2026-11-01T10:00:00Z", text: "hello" }),
    );
    const missing = path.join(dir, "no-such-file.jsonl");
    const result = await earshot(["ingest", "--workspace", ws.slug, "--format", "jsonl", good, missing]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${missing}: Cannot read the file`);
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({
      received: 2,
      ignored: 1,
      rejected: [{ where: missing, reason: expect.stringMatching(/^Cannot read the file: ENOENT/) }],
    });
  }, 60_000);

  it("treats an unreadable document as one rejection and fails (exit 1); a partly readable one succeeds", async () => {
    const ws = await createTestWorkspace();
    const garbage = path.join(dir, "garbage.jsonl");
    writeFileSync(garbage, Buffer.concat(Array.from({ length: 200 }, (_, i) => Buffer.from([0xff, 0xfe, i, 0x0a]))));
    const unreadable = await earshot(["ingest", "--workspace", ws.slug, "--format", "jsonl", garbage]);
    expect(unreadable.code).toBe(1);
    const summary = JSON.parse(unreadable.stdout);
    expect(summary).toMatchObject({
      received: 1,
      accepted: 0,
      rejected: [
        {
          where: garbage,
          reason: expect.stringMatching(/^Nothing in it could be read as jsonl: line 1: .*; and \d+ more$/),
        },
      ],
    });
    expect(summary.rejected).toHaveLength(1);

    const mixed = path.join(dir, "mixed.jsonl");
    writeFileSync(
      mixed,
      [
        "not json",
        JSON.stringify({ network: "x", externalId: "m1", createdAt: "2026-11-01T10:00:00Z", text: "hello" }),
      ].join("\n"),
    );
    const partly = await earshot(["ingest", "--workspace", ws.slug, "--format", "jsonl", mixed]);
    expect(partly.code).toBe(0);
    expect(JSON.parse(partly.stdout)).toMatchObject({ received: 2, ignored: 1, rejected: [{ where: "line 1" }] });
  }, 60_000);

  it("explains bad arguments with exit code 2", async () => {
    expect(await earshot(["ingest", "--workspace", "no-such-workspace", "--format", "x", "f"])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/No workspace/),
    });
    expect(await earshot(["ingest", "--workspace", "w", "--format", "myspace", "f"])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/Unknown format/),
    });
    expect(await earshot(["export", "mentions", "--workspace", "w", "--since", "yesterday"])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/not an ISO time/),
    });
  }, 60_000);
});

describe("earshot sentiment learn", () => {
  it("teaches the workspace's model from a labelled CSV, reporting bad rows by line", async () => {
    const ws = await createTestWorkspace();
    const file = path.join(dir, "labels.csv");
    writeFileSync(
      file,
      [
        "text,label",
        ...Array.from({ length: 30 }, (_, i) => `"sent to gate 7 (${i})",negative`),
        "oops,happy",
        ",neutral",
      ].join("\n"),
    );
    const result = await earshot(["sentiment", "learn", "--workspace", ws.slug, "--labels", file]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ learned: 30, rejected: 2, modelVersion: 1 });
    expect(result.stderr).toContain('"line":32');
    expect(await db().sentimentModel.count({ where: { workspaceId: ws.id } })).toBe(1);
  }, 60_000);
});
