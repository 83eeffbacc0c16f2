import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { fnv1a32, shardOf } from "./shards";
import { SHARD_COUNT } from "./names";

describe("shardOf", () => {
  it("is FNV-1a: fixed values never change (moving a workspace to another shard breaks its order)", () => {
    expect(fnv1a32("")).toBe(0x811c9dc5);
    expect(fnv1a32("a")).toBe(0xe40c292c);
    expect(fnv1a32("foobar")).toBe(0xbf9cf968);
    expect(shardOf("cmabc123workspace")).toBe(fnv1a32("cmabc123workspace") % 16);
    expect(["ws_1", "ws_2", "clx0r8k2a0000abcd"].map((w) => shardOf(w))).toEqual([3, 6, 12]);
  });

  it("puts every id in a shard, the same one each time", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 64 }), (id) => {
        const shard = shardOf(id);
        expect(Number.isInteger(shard) && shard >= 0 && shard < SHARD_COUNT).toBe(true);
        expect(shardOf(id)).toBe(shard);
      }),
      { seed: 19, numRuns: 300 },
    );
  });

  it("spreads cuid-like workspace ids over all shards", () => {
    const ids = fc.sample(fc.stringMatching(/^c[a-z0-9]{24}$/), { seed: 7, numRuns: 1600 });
    const counts = new Array(SHARD_COUNT).fill(0);
    for (const id of ids) counts[shardOf(id)] += 1;
    // 100 expected per shard; every shard gets a real share.
    expect(Math.min(...counts)).toBeGreaterThan(50);
    expect(Math.max(...counts)).toBeLessThan(150);
  });
});
