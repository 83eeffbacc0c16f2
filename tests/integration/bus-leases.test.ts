import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { closeBus, connectBus, type Bus } from "@/lib/bus/connection";
import {
  deleteDeliveryStreams,
  ensureDeliveryStreams,
  publishDelivery,
  shardOf,
  startDeliveryWorker,
  type DeliveryWorker,
} from "@/lib/bus/deliveries";
import { FencedOutError, fencedWrite, JetStreamLeaseStore, LeaseKeeper, type Lease } from "@/lib/bus/leases";
import { busNames, shardLeaseName } from "@/lib/bus/names";
import { reachable } from "../support/ports";

// Leases in JetStream KV on the shared NATS server (127.0.0.1:4222), and ingestion workers
// that divide the shards through them. Buckets and streams carry a random prefix and are
// removed afterwards.

const natsUp = await reachable("127.0.0.1", 4222);
if (!natsUp) console.warn("[bus-leases] skipped: no NATS server with JetStream on 127.0.0.1:4222");

const TTL = 1_500;
const text = (s: string) => new TextEncoder().encode(s);

/** Polls acquire until it succeeds or `deadlineMs` passes. */
async function acquireWithin(
  store: JetStreamLeaseStore,
  name: string,
  owner: string,
  deadlineMs: number,
): Promise<Lease | null> {
  const until = Date.now() + deadlineMs;
  while (Date.now() < until) {
    const lease = await store.acquire(name, owner);
    if (lease) return lease;
    await new Promise((r) => setTimeout(r, 100));
  }
  return null;
}

describe.skipIf(!natsUp)("leases in JetStream KV", () => {
  const names = busNames(`t${randomBytes(4).toString("hex")}`);
  let bus: Bus;
  let store: JetStreamLeaseStore;

  beforeAll(async () => {
    bus = await connectBus({ servers: "127.0.0.1:4222", names });
    store = await JetStreamLeaseStore.open(bus, TTL);
  });

  afterAll(async () => {
    if (!bus) return;
    await JetStreamLeaseStore.destroy(bus, TTL);
    await closeBus(bus);
  });

  it("gives a name to one owner at a time; release frees it; each owner's token is larger", async () => {
    const a = (await store.acquire("connector.src1", "worker-a"))!;
    expect(a).not.toBeNull();
    expect(await store.acquire("connector.src1", "worker-b")).toBeNull();
    expect(await a.renew()).toBe(true);
    expect(await store.holder("connector.src1")).toEqual({ name: "connector.src1", owner: "worker-a", token: a.token });
    await a.release();
    expect(await store.holder("connector.src1")).toBeNull();
    const b = (await store.acquire("connector.src1", "worker-b"))!;
    expect(b.token).toBeGreaterThan(a.token);
    expect(await a.renew()).toBe(false); // released is released
    await b.release();
  });

  it("keeps a renewed lease for many TTLs, and a worker that stops renewing loses it within the TTL", async () => {
    const a = (await store.acquire("feed.src2", "worker-a"))!;
    const keeper = new LeaseKeeper(a).start();
    // Three TTLs of trying: the renewed lease holds.
    expect(await acquireWithin(store, "feed.src2", "worker-b", 3 * TTL)).toBeNull();
    expect(a.isHeld()).toBe(true);

    // worker-a stops renewing (as if it hung or died): the server lets the key expire.
    await keeper.stop({ release: false });
    const stoppedAt = Date.now();
    const b = await acquireWithin(store, "feed.src2", "worker-b", 2 * TTL);
    expect(b).not.toBeNull();
    console.info(`[bus-leases] taken over ${Date.now() - stoppedAt} ms after renewals stopped (TTL ${TTL} ms)`);
    expect(b!.token).toBeGreaterThan(a.token);
    expect(a.isHeld()).toBe(false);
    expect(await a.renew()).toBe(false);
    await a.release(); // does not take b's lease away
    expect((await store.holder("feed.src2"))?.owner).toBe("worker-b");
    await b!.release();
  });

  it("fences the cursor: an old owner that paused between checking its lease and writing is refused", async () => {
    const databaseUrl = process.env.DATABASE_URL;
    if (!databaseUrl) return console.warn("[bus-leases] fencing in SQL skipped: no DATABASE_URL");
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      // The column a source needs: a bigint fence beside its cursor.
      await client.query(
        `CREATE TEMP TABLE fenced_source (id text PRIMARY KEY, cursor text, "cursorFence" bigint NOT NULL DEFAULT 0)`,
      );
      await client.query(`INSERT INTO fenced_source (id, cursor) VALUES ('src3', 'c0')`);
      const writeCursor = (cursor: string) => async (token: number) =>
        (
          await client.query(
            `UPDATE fenced_source SET cursor = $1, "cursorFence" = $2 WHERE id = 'src3' AND "cursorFence" <= $2`,
            [cursor, token],
          )
        ).rowCount ?? 0;
      const claim = async (token: number) =>
        (
          await client.query(
            `UPDATE fenced_source SET "cursorFence" = $1 WHERE id = 'src3' AND "cursorFence" <= $1 RETURNING cursor`,
            [token],
          )
        ).rows[0]?.cursor as string | undefined;

      const a = (await store.acquire("connector.src3", "worker-a"))!;
      expect(await claim(a.token)).toBe("c0");
      await fencedWrite(a, writeCursor("a-1"));

      let takeover!: Promise<void>;
      const stale = fencedWrite(a, async (token) => {
        // worker-a checked its lease and now stalls (GC, a slow network) past its TTL, while
        // worker-b takes over, claims the row and writes its own cursor.
        takeover = (async () => {
          const b = await acquireWithin(store, "connector.src3", "worker-b", 3 * TTL);
          expect(b).not.toBeNull();
          expect(await claim(b!.token)).toBe("a-1");
          await fencedWrite(b!, writeCursor("b-1"));
          await b!.release();
        })();
        await takeover;
        return writeCursor("a-2 (stale)")(token);
      });
      await expect(stale).rejects.toThrow(FencedOutError);
      await takeover;
      expect((await client.query(`SELECT cursor FROM fenced_source WHERE id = 'src3'`)).rows[0].cursor).toBe("b-1");
    } finally {
      await client.end();
    }
  });
});

describe.skipIf(!natsUp)("ingestion workers dividing the shards", () => {
  const names = busNames(`t${randomBytes(4).toString("hex")}`);
  const shards = [0, 1, 2, 3];
  const buses: Bus[] = [];
  const stores: JetStreamLeaseStore[] = [];
  const workers: DeliveryWorker[] = [];
  let releaseStuck: () => void = () => undefined;

  async function worker(owner: string, handler: Parameters<typeof startDeliveryWorker>[0]["handler"]) {
    // Each worker has its own connection, as separate processes would.
    const bus = await connectBus({ servers: "127.0.0.1:4222", names, requestTimeoutMs: 2_000 });
    buses.push(bus);
    const leases = await JetStreamLeaseStore.open(bus, TTL);
    stores.push(leases);
    const started = await startDeliveryWorker({
      bus,
      leases,
      owner,
      shards,
      handler,
      pullExpiresMs: 1_000,
      onLog: () => undefined,
      onEvent: () => undefined,
    });
    workers.push(started);
    return { bus, worker: started };
  }

  beforeAll(async () => {
    const bus = await connectBus({ servers: "127.0.0.1:4222", names });
    buses.push(bus);
    await ensureDeliveryStreams(bus, { ackWaitMs: 3_000 });
  });

  afterAll(async () => {
    releaseStuck();
    await Promise.all(workers.map((w) => w.stop()));
    await JetStreamLeaseStore.destroy(buses[0], TTL);
    await deleteDeliveryStreams(buses[0]);
    for (const bus of buses) await closeBus(bus);
  });

  it("never lets two workers handle one shard at once, splits the shards, and takes over a dead worker's shards", async () => {
    // Workspaces, one per shard under test.
    const workspaceOf = new Map<number, string>();
    for (let i = 0; workspaceOf.size < shards.length; i++) {
      const shard = shardOf(`wsw${i}`);
      if (shards.includes(shard) && !workspaceOf.has(shard)) workspaceOf.set(shard, `wsw${i}`);
    }
    const publisher = buses[0];
    const active = new Map<number, string>();
    const violations: string[] = [];
    const handledBy = new Map<string, string>();
    let stuck: Promise<void> | null = null;
    const handlerFor =
      (owner: string, getWorker: () => DeliveryWorker) => async (delivery: { shard: number; body: Uint8Array }) => {
        const body = new TextDecoder().decode(delivery.body);
        if (active.has(delivery.shard))
          violations.push(`${owner} and ${active.get(delivery.shard)} both in shard ${delivery.shard}`);
        if (!getWorker().heldShards().includes(delivery.shard))
          violations.push(`${owner} handled shard ${delivery.shard} without its lease`);
        active.set(delivery.shard, owner);
        try {
          if (body === "stuck" && owner === "worker-a") {
            // worker-a dies while handling this one: its process stops answering.
            stuck = new Promise<void>((resolve) => (releaseStuck = resolve));
            await stuck;
            return;
          }
          await new Promise((r) => setTimeout(r, 5));
          handledBy.set(body, owner);
        } finally {
          if (active.get(delivery.shard) === owner) active.delete(delivery.shard);
        }
      };

    const a = await worker("worker-a", (d) => handlerFor("worker-a", () => a.worker)(d));
    await vi.waitFor(() => expect(a.worker.heldShards()).toEqual(shards), { timeout: 10_000, interval: 100 });
    const b = await worker("worker-b", (d) => handlerFor("worker-b", () => b.worker)(d));
    // worker-a hands back its surplus; each ends with two.
    await vi.waitFor(
      () => {
        expect(a.worker.heldShards()).toHaveLength(2);
        expect(b.worker.heldShards()).toHaveLength(2);
      },
      { timeout: 15_000, interval: 100 },
    );
    expect([...a.worker.heldShards(), ...b.worker.heldShards()].sort()).toEqual(shards);
    for (const shard of shards) {
      expect((await stores[0].holder(shardLeaseName(shard)))?.owner).toBe(
        a.worker.heldShards().includes(shard) ? "worker-a" : "worker-b",
      );
    }

    for (let i = 0; i < 10; i++) {
      for (const shard of shards)
        await publishDelivery(
          { workspaceId: workspaceOf.get(shard)!, format: "jsonl", body: text(`${shard}/${i}`) },
          { bus: publisher },
        );
    }
    await vi.waitFor(() => expect(handledBy.size).toBe(40), { timeout: 20_000, interval: 100 });
    for (const shard of shards) {
      const owners = new Set([...handledBy].filter(([body]) => body.startsWith(`${shard}/`)).map(([, owner]) => owner));
      expect(owners).toEqual(new Set([a.worker.heldShards().includes(shard) ? "worker-a" : "worker-b"]));
    }

    // worker-a dies in the middle of a delivery: its connection goes, its leases are not released.
    const aShard = a.worker.heldShards()[0];
    await publishDelivery(
      { workspaceId: workspaceOf.get(aShard)!, format: "jsonl", body: text("stuck") },
      { bus: publisher },
    );
    await vi.waitFor(() => expect(stuck).not.toBeNull(), { timeout: 10_000, interval: 50 });
    await publishDelivery(
      { workspaceId: workspaceOf.get(aShard)!, format: "jsonl", body: text("after stuck") },
      { bus: publisher },
    );
    await a.bus.nc.close();
    // A dead process handles nothing any more (this one's handler stays parked until cleanup).
    active.delete(aShard);

    // worker-b takes all four shards once the leases expire, and handles the delivery that was
    // in flight (redelivered after the ack wait) before the one published after it.
    await vi.waitFor(() => expect(b.worker.heldShards()).toEqual(shards), { timeout: 15_000, interval: 100 });
    await vi.waitFor(() => expect(handledBy.get("after stuck")).toBe("worker-b"), { timeout: 15_000, interval: 100 });
    expect(handledBy.get("stuck")).toBe("worker-b");
    expect(violations).toEqual([]);
  });
});
