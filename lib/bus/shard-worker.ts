import "server-only";
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import { getBus, type Bus } from "./connection";
import { startShardConsumer, type ConsumeOptions, type ShardConsumer } from "./consumer";
import { fairShare, surplus, tryOrder } from "./fair-share";
import { LeaseKeeper } from "./lease-keeper";
import type { LeaseStore } from "./lease-types";
import { allShards, shardLeaseName } from "./names";

// An ingestion worker: takes leases on its fair share of the shards and consumes those.
// Workers announce themselves with a lease "workers.<owner>"; each aims at
// ceil(shards / live workers), hands back what is above that and takes free shards up to it.
// A shard is consumed only while its lease is held: on loss the consumer stops (its in-flight
// delivery finishes; the server gives the next one out only after that one is acked), and a
// crashed worker's shards are free once its leases expire.

export type DeliveryWorkerOptions = Omit<ConsumeOptions, "shards" | "bus"> & {
  leases: LeaseStore;
  bus?: Bus;
  owner?: string;
  shards?: number[];
  /** Time between rebalancing rounds (default: a third of the lease TTL). */
  rebalanceMs?: number;
  onLog?: (message: string) => void;
};

export type DeliveryWorker = {
  owner: string;
  heldShards(): number[];
  stop(): Promise<void>;
};

type Held = { keeper: LeaseKeeper; consumer: ShardConsumer; stopping?: Promise<void> };

export function workerId(): string {
  const host =
    hostname()
      .replace(/[^A-Za-z0-9_-]/g, "-")
      .slice(0, 40) || "host";
  return `${host}-${process.pid}-${randomBytes(3).toString("hex")}`;
}

export async function startDeliveryWorker(options: DeliveryWorkerOptions): Promise<DeliveryWorker> {
  const bus = options.bus ?? (await getBus());
  const owner = options.owner ?? workerId();
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(owner)) throw new Error("A worker's owner name is 1–100 letters, digits, _ or -");
  const shards = options.shards ?? allShards();
  const leases = options.leases;
  const log = options.onLog ?? ((message: string) => console.info(`[bus] ${owner}: ${message}`));
  const held = new Map<number, Held>();
  let member: LeaseKeeper | null = null;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;

  function letGo(shard: number, release: boolean): Promise<void> {
    const entry = held.get(shard);
    if (!entry) return Promise.resolve();
    entry.stopping ??= (async () => {
      // Stop consuming first, then hand the lease back: never two consumers on a shard.
      await entry.consumer.stop();
      await entry.keeper.stop({ release });
      held.delete(shard);
    })();
    return entry.stopping;
  }

  async function join(): Promise<void> {
    if (member && !member.lost) return;
    const lease = await leases.acquire(`workers.${owner}`, owner);
    if (!lease) throw new Error(`Another worker is already called ${owner}`);
    member = new LeaseKeeper(lease).start();
  }

  async function rebalance(): Promise<void> {
    await join();
    const live = (await leases.holders("workers.")).length;
    const target = fairShare(shards.length, live);
    const mine = [...held.entries()].filter(([, entry]) => !entry.stopping).map(([shard]) => shard);
    for (const shard of surplus(mine, target)) {
      log(`handing back shard ${shard} (${live} workers, ${target} each)`);
      await letGo(shard, true);
    }
    for (const shard of tryOrder(shards, owner)) {
      if (stopped || held.size >= target) break;
      if (held.has(shard)) continue;
      const lease = await leases.acquire(shardLeaseName(shard), owner);
      if (!lease) continue;
      const keeper = new LeaseKeeper(lease, {
        onLost: (reason) => {
          log(`lost shard ${shard}: ${reason}`);
          void letGo(shard, false);
        },
      }).start();
      held.set(shard, { keeper, consumer: startShardConsumer(bus, shard, options) });
      log(`took shard ${shard} (token ${lease.token})`);
    }
  }

  const every = options.rebalanceMs ?? Math.max(200, Math.floor(leases.ttlMs / 3));
  async function loop(): Promise<void> {
    try {
      await rebalance();
    } catch (error) {
      log(`rebalancing failed: ${(error as Error).message}`);
    }
    if (!stopped) timer = setTimeout(() => void (current = loop()), every);
  }
  let current = loop();

  return {
    owner,
    heldShards: () =>
      [...held.entries()]
        .filter(([, entry]) => !entry.stopping && !entry.keeper.lost)
        .map(([shard]) => shard)
        .sort((a, b) => a - b),
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current;
      await Promise.all([...held.keys()].map((shard) => letGo(shard, true)));
      await member?.stop();
    },
  };
}
