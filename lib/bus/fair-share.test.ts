import { describe, expect, it } from "vitest";
import { fairShare, surplus, tryOrder } from "./fair-share";

describe("fair share of shards", () => {
  it("divides the shards among the live workers, rounding up so none is left over", () => {
    expect([0, 1, 2, 3, 5, 16, 20].map((workers) => fairShare(16, workers))).toEqual([16, 16, 8, 6, 4, 1, 1]);
  });

  it("tries every shard once, starting at a point that depends on the owner", () => {
    const shards = [0, 1, 2, 3, 4, 5];
    for (const owner of ["a", "worker-1", "worker-2"]) expect([...tryOrder(shards, owner)].sort()).toEqual(shards);
    expect(tryOrder(shards, "worker-1")).toEqual(tryOrder(shards, "worker-1"));
    expect(new Set(["w1", "w2", "w3", "w4"].map((owner) => tryOrder(shards, owner)[0])).size).toBeGreaterThan(1);
    expect(tryOrder([], "a")).toEqual([]);
  });

  it("hands back what is above the share", () => {
    expect(surplus([3, 1, 7, 9], 2)).toEqual([7, 9]);
    expect(surplus([3], 2)).toEqual([]);
  });
});
