import { execFile } from "node:child_process";
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { once } from "node:events";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "@/lib/db/schema-engine";

const run = promisify(execFile);
const dir = mkdtempSync(path.join(tmpdir(), "earshot-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function earshot(args: string[], nodeOptions = "") {
  return run(
    path.join(PROJECT_ROOT, "node_modules/.bin/tsx"),
    ["--conditions=react-server", path.join(PROJECT_ROOT, "scripts/earshot.ts"), ...args],
    {
      cwd: PROJECT_ROOT,
      env: { ...process.env, NODE_OPTIONS: nodeOptions },
      maxBuffer: 64 * 1024 * 1024,
    },
  ).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

const file = (name: string, content: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
};

describe("earshot match", () => {
  const rules = file(
    "rules.json",
    JSON.stringify([
      { id: "r1", query: "delta AND (lost OR missing) AND bag*" },
      { id: "r2", query: "#jetblue" },
      { id: "r3", query: "united lang:en followers:[1000 TO *]" },
      { id: "r4", query: "refund*" },
    ]),
  );

  it("prints one line per mention in input order with rule ids in rules order, and reports bad lines", async () => {
    const mentions = file(
      "mentions.jsonl",
      [
        JSON.stringify({ id: "m1", text: "@Delta lost my bags again, want a refund" }),
        JSON.stringify({ id: "m2", text: "loving #JetBlue" }),
        "{not json",
        JSON.stringify({
          id: "m3",
          text: "United lost it",
          lang: "en",
          source: "x",
          author: { handle: "big", followers: 52000 },
        }),
        JSON.stringify({ id: "m4", text: 42 }),
        "",
        JSON.stringify({ id: 5, text: "nothing here" }),
      ].join("\n"),
    );
    const result = await earshot(["match", "--rules", rules, "--mentions", mentions]);
    expect(result.code).toBe(0);
    expect(
      result.stdout
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l)),
    ).toEqual([
      { id: "m1", matches: ["r1", "r4"] },
      { id: "m2", matches: ["r2"] },
      { id: "m3", matches: ["r3"] },
      { id: "5", matches: [] },
    ]);
    const errors = result.stderr
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(errors.map((e) => e.line)).toEqual([3, 5]);
  }, 60_000);

  it("exits 2 with one JSON line per invalid rule", async () => {
    const bad = file(
      "bad.json",
      JSON.stringify([
        { id: "ok", query: "delta" },
        { id: "b1", query: "re*" },
        { id: "b2", query: "delta AND" },
      ]),
    );
    const mentions = file("one.jsonl", JSON.stringify({ id: "m", text: "delta" }));
    const result = await earshot(["match", "--rules", bad, "--mentions", mentions]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(
      result.stderr
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l)),
    ).toEqual([
      { ruleId: "b1", error: expect.any(String), offset: 2 },
      { ruleId: "b2", error: expect.any(String), offset: 6 },
    ]);
  }, 60_000);

  it("streams: a file several times larger than the heap limit goes through", async () => {
    const big = path.join(dir, "big.jsonl");
    const out = createWriteStream(big);
    const line = (i: number) =>
      `${JSON.stringify({ id: `m${i}`, text: `Delta lost my bag number ${i} ${"padding ".repeat(12)}` })}\n`;
    for (let i = 0; i < 400_000; i++) if (!out.write(line(i))) await once(out, "drain");
    out.end();
    await once(out, "finish");
    // ~50 MB of input against a 32 MB heap: only possible when the file is streamed (reading it
    // whole would need more than the file's size). The loaded code alone takes ~16 MB, so a
    // tighter limit only measures how fast the collector keeps up on a busy machine.
    const result = await earshot(["match", "--rules", rules, "--mentions", big], "--max-old-space-size=32");
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(400_000);
    expect(JSON.parse(lines[399_999])).toEqual({ id: "m399999", matches: ["r1"] });
  }, 180_000);
});
