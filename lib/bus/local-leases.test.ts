import { describe, expect, it } from "vitest";
import { LocalLeaseStore } from "./local-leases";

function clock(start = 1_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe("LocalLeaseStore", () => {
  it("gives a name to one owner at a time, with a token that grows with each owner", async () => {
    const time = clock();
    const store = new LocalLeaseStore({ ttlMs: 1_000, now: time.now });
    const a = await store.acquire("connector.src1", "worker-a");
    expect(a).not.toBeNull();
    expect(await store.acquire("connector.src1", "worker-b")).toBeNull();
    expect(await store.holder("connector.src1")).toEqual({
      name: "connector.src1",
      owner: "worker-a",
      token: a!.token,
    });

    await a!.release();
    expect(a!.isHeld()).toBe(false);
    const b = await store.acquire("connector.src1", "worker-b");
    expect(b!.token).toBeGreaterThan(a!.token);
  });

  it("lets a lease lapse when it is not renewed, and then another owner takes it", async () => {
    const time = clock();
    const store = new LocalLeaseStore({ ttlMs: 1_000, now: time.now });
    const a = (await store.acquire("job.metrics-refresh", "a"))!;
    time.advance(600);
    expect(await a.renew()).toBe(true);
    time.advance(600);
    expect(a.isHeld()).toBe(true); // renewed at 600, good until 1600
    expect(await store.acquire("job.metrics-refresh", "b")).toBeNull();
    time.advance(500);
    expect(a.isHeld()).toBe(false);
    const b = (await store.acquire("job.metrics-refresh", "b"))!;
    expect(b.token).toBeGreaterThan(a.token);
    expect(await a.renew()).toBe(false); // the old owner learns it lost the lease
    await a.release(); // and releasing does not take it from the new owner
    expect((await store.holder("job.metrics-refresh"))?.owner).toBe("b");
  });

  it("a lapsed lease is lost even when no one took it", async () => {
    const time = clock();
    const store = new LocalLeaseStore({ ttlMs: 1_000, now: time.now });
    const a = (await store.acquire("feed.1", "a"))!;
    time.advance(1_000);
    expect(await a.renew()).toBe(false);
  });

  it("lists the live holders under a prefix", async () => {
    const time = clock();
    const store = new LocalLeaseStore({ ttlMs: 1_000, now: time.now });
    await store.acquire("workers.a", "a");
    time.advance(500);
    await store.acquire("workers.b", "b");
    await store.acquire("other.c", "c");
    expect((await store.holders("workers.")).map((h) => h.owner)).toEqual(["a", "b"]);
    time.advance(600);
    expect((await store.holders("workers.")).map((h) => h.owner)).toEqual(["b"]);
  });

  it("refuses names that are not dot-separated tokens", async () => {
    const store = new LocalLeaseStore({ ttlMs: 1_000 });
    await expect(store.acquire("a b", "x")).rejects.toThrow(/Invalid lease name/);
    await expect(store.acquire("a..b", "x")).rejects.toThrow(/Invalid lease name/);
    await expect(store.acquire("a.*", "x")).rejects.toThrow(/Invalid lease name/);
    await expect(store.acquire("ok", "")).rejects.toThrow(/owner/);
    await expect(store.holders("workers")).rejects.toThrow(/ends with/);
  });
});
