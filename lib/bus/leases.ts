import "server-only";
import { busEnabled, getBus } from "./connection";
import { JetStreamLeaseStore } from "./kv-leases";
import { LeaseKeeper } from "./lease-keeper";
import type { Lease, LeaseStore } from "./lease-types";
import { LocalLeaseStore } from "./local-leases";

// One owner per source, per job: leases with expiry and fencing.
//
// Why JetStream KV and not PostgreSQL advisory locks:
// - Expiry is what we need, and KV has it: the bucket's max_age removes a key not renewed
//   within the TTL, so a worker that died, hung or was cut off loses its leases after the TTL,
//   measured by the server. An advisory lock lives as long as its database session: a hung
//   worker keeps it indefinitely, a half-open connection keeps it until TCP keepalive gives up,
//   and a connection pooler in transaction mode breaks session locks outright.
// - Fencing comes for free: the revision of the acquiring write is a token that grows with
//   each new owner. Advisory locks carry no token; we would need a separate counter table.
// - No pinned connection: advisory locks need one dedicated database session per worker held
//   for its whole life, outside Prisma's pool; KV uses the NATS connection the worker already
//   has for the deliveries.
// - Scale-out already depends on NATS; leases add no new dependency and take no database
//   connections from the ingestion and the web.
// Without NATS_URL (in-process mode) the same interface is served by LocalLeaseStore.

export type { Lease, LeaseHolder, LeaseStore } from "./lease-types";
export { LeaseKeeper } from "./lease-keeper";
export { JetStreamLeaseStore } from "./kv-leases";
export { LocalLeaseStore } from "./local-leases";

/** Renewed every third of this; a dead worker's leases are free again within it (< 30 s). */
export const DEFAULT_LEASE_TTL_MS = 15_000;

const stores = new Map<number, Promise<LeaseStore>>();

/** The process-wide store for this TTL: JetStream KV when NATS_URL is set, in-process otherwise. */
export function openLeaseStore(ttlMs = DEFAULT_LEASE_TTL_MS): Promise<LeaseStore> {
  let store = stores.get(ttlMs);
  if (!store) {
    store = busEnabled()
      ? getBus().then((bus) => JetStreamLeaseStore.open(bus, ttlMs))
      : Promise.resolve(new LocalLeaseStore({ ttlMs }));
    stores.set(ttlMs, store);
    store.catch(() => stores.delete(ttlMs));
  }
  return store;
}

/** A lease on `name` for `owner`, or null while another owner holds it. Use one TTL per name. */
export async function acquireLease(name: string, owner: string, ttlMs = DEFAULT_LEASE_TTL_MS): Promise<Lease | null> {
  return (await openLeaseStore(ttlMs)).acquire(name, owner);
}

export class LeaseLostError extends Error {
  constructor(lease: Pick<Lease, "name" | "token">) {
    super(`Lease ${lease.name} (token ${lease.token}) is no longer held`);
    this.name = "LeaseLostError";
  }
}

export class FencedOutError extends Error {
  constructor(lease: Pick<Lease, "name" | "token">) {
    super(`Write under lease ${lease.name} refused: a newer owner than token ${lease.token} has written`);
    this.name = "FencedOutError";
  }
}

/**
 * A write guarded by a lease. `write` gets the lease's fencing token and must make the storage
 * itself refuse an older token, answering whether it wrote (or how many rows). For a cursor in
 * PostgreSQL, with a bigint column `cursorFence` (default 0) beside the cursor:
 *
 *   UPDATE "Source" SET cursor = $cursor, "cursorFence" = $token
 *    WHERE id = $id AND "cursorFence" <= $token
 *
 * (Prisma: `updateMany({ where: { id, cursorFence: { lte: token } }, data: { cursor,
 * cursorFence: token } })`, then `count`). A new owner claims the row when it takes over,
 * before reading the cursor: `UPDATE … SET "cursorFence" = $token WHERE id = $id AND
 * "cursorFence" <= $token RETURNING cursor`. From then on the old owner's writes match no row,
 * even one that paused between checking its lease and writing.
 */
export async function fencedWrite(lease: Lease, write: (token: number) => Promise<boolean | number>): Promise<void> {
  if (!lease.isHeld()) throw new LeaseLostError(lease);
  const result = await write(lease.token);
  const wrote = typeof result === "number" ? result > 0 : result;
  if (!wrote) throw new FencedOutError(lease);
}

/**
 * Runs `work` under a lease, kept renewed, if no one else holds it (a leased job: metrics
 * refresh, retention, outbox). `signal` is aborted when the lease is lost; work should stop
 * then. The lease is released afterwards.
 */
export async function withLease<T>(
  store: LeaseStore,
  name: string,
  owner: string,
  work: (lease: Lease, signal: AbortSignal) => Promise<T>,
): Promise<{ ran: false } | { ran: true; value: T }> {
  const lease = await store.acquire(name, owner);
  if (!lease) return { ran: false };
  const keeper = new LeaseKeeper(lease).start();
  try {
    return { ran: true, value: await work(lease, keeper.signal) };
  } finally {
    await keeper.stop();
  }
}
