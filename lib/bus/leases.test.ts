import { afterEach, describe, expect, it, vi } from "vitest";
import { LeaseKeeper } from "./lease-keeper";
import { acquireLease, FencedOutError, fencedWrite, LeaseLostError, withLease } from "./leases";
import { LocalLeaseStore } from "./local-leases";
import type { Lease } from "./lease-types";

afterEach(() => {
  vi.useRealTimers();
});

describe("LeaseKeeper", () => {
  it("renews every third of the TTL, so the lease outlives its TTL many times over", async () => {
    vi.useFakeTimers();
    const store = new LocalLeaseStore({ ttlMs: 3_000 });
    const lease = (await store.acquire("job.outbox", "a"))!;
    const lost = vi.fn();
    const keeper = new LeaseKeeper(lease, { onLost: lost }).start();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(lease.isHeld()).toBe(true);
    expect(await store.acquire("job.outbox", "b")).toBeNull();
    expect(lost).not.toHaveBeenCalled();
    await keeper.stop();
    expect(await store.acquire("job.outbox", "b")).not.toBeNull(); // stop released it
  });

  it("reports the loss once, and aborts its signal, when another owner has the lease", async () => {
    vi.useFakeTimers();
    const store = new LocalLeaseStore({ ttlMs: 3_000 });
    const lease = (await store.acquire("job.outbox", "a"))!;
    const lost = vi.fn();
    const keeper = new LeaseKeeper(lease, { onLost: lost, intervalMs: 5_000 }).start(); // too slow on purpose
    await vi.advanceTimersByTimeAsync(3_500);
    expect(await store.acquire("job.outbox", "b")).not.toBeNull();
    await vi.advanceTimersByTimeAsync(2_000); // the keeper's first renewal, at 5 s, finds b's lease
    expect(lost).toHaveBeenCalledTimes(1);
    expect(keeper.signal.aborted).toBe(true);
    await keeper.stop();
    expect((await store.holder("job.outbox"))?.owner).toBe("b"); // stopping did not release b's lease
  });

  it("keeps a lease through a failed renewal while its time lasts, and gives it up after", async () => {
    vi.useFakeTimers();
    const store = new LocalLeaseStore({ ttlMs: 3_000 });
    const lease = (await store.acquire("job.outbox", "a"))!;
    // The store is unreachable: every renewal throws, as the JetStream store does then.
    const unreachable: Lease = {
      name: lease.name,
      owner: lease.owner,
      token: lease.token,
      ttlMs: lease.ttlMs,
      isHeld: () => lease.isHeld(),
      renew: () => Promise.reject(new Error("NATS down")),
      release: () => lease.release(),
    };
    const lost = vi.fn();
    new LeaseKeeper(unreachable, { onLost: lost }).start();
    await vi.advanceTimersByTimeAsync(2_100); // two failed renewals, still within the TTL
    expect(lost).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(lost).toHaveBeenCalledTimes(1);
  });
});

describe("fencedWrite", () => {
  it("hands the token to the write and refuses when the storage saw a newer one", async () => {
    const store = new LocalLeaseStore({ ttlMs: 60_000 });
    const row = { cursor: "c0", fence: 0 };
    // What `UPDATE … WHERE fence <= $token` does.
    const writeCursor = (cursor: string) => async (token: number) => {
      if (row.fence > token) return 0;
      Object.assign(row, { cursor, fence: token });
      return 1;
    };
    const old = (await store.acquire("connector.s1", "a"))!;
    await fencedWrite(old, writeCursor("c1"));
    expect(row).toEqual({ cursor: "c1", fence: old.token });

    row.fence = old.token + 1; // a newer owner claimed the row
    await expect(fencedWrite(old, writeCursor("stale"))).rejects.toThrow(FencedOutError);
    expect(row.cursor).toBe("c1");
  });

  it("does not write at all under a lease it knows it lost", async () => {
    const store = new LocalLeaseStore({ ttlMs: 60_000 });
    const lease = (await store.acquire("connector.s1", "a"))!;
    await lease.release();
    const write = vi.fn(async () => true);
    await expect(fencedWrite(lease, write)).rejects.toThrow(LeaseLostError);
    expect(write).not.toHaveBeenCalled();
  });
});

describe("withLease and acquireLease", () => {
  it("runs a leased job on one owner only and releases the lease afterwards", async () => {
    const store = new LocalLeaseStore({ ttlMs: 60_000 });
    let release!: () => void;
    const first = withLease(
      store,
      "job.metrics-refresh",
      "a",
      () => new Promise<string>((r) => (release = () => r("done"))),
    );
    await vi.waitFor(() => expect(release).toBeDefined());
    expect(await withLease(store, "job.metrics-refresh", "b", async () => "ran twice")).toEqual({ ran: false });
    release();
    expect(await first).toEqual({ ran: true, value: "done" });
    expect(await withLease(store, "job.metrics-refresh", "b", async () => "b ran")).toEqual({
      ran: true,
      value: "b ran",
    });
  });

  it("without NATS_URL, uses the in-process store", async () => {
    const saved = process.env.NATS_URL;
    delete process.env.NATS_URL;
    try {
      const a = await acquireLease("job.retention", "a", 5_000);
      expect(a).not.toBeNull();
      expect(await acquireLease("job.retention", "b", 5_000)).toBeNull();
      await a!.release();
    } finally {
      if (saved !== undefined) process.env.NATS_URL = saved;
    }
  });
});
