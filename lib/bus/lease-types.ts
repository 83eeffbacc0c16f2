// The lease interface shared by the JetStream KV store and the in-process store. Pure.

export type LeaseHolder = { name: string; owner: string; token: number };

export interface Lease {
  readonly name: string;
  readonly owner: string;
  /**
   * Fencing token: every later owner of the same name gets a larger one. Writes guarded by
   * the lease carry it, and the storage refuses a write whose token is older than the newest
   * it has seen (see fencedWrite).
   */
  readonly token: number;
  readonly ttlMs: number;
  /** True until the lease is lost or released, or its time ran out without a renewal. */
  isHeld(): boolean;
  /** Extends the lease by its TTL. False when it is lost; throws BusUnavailableError when the store can't be reached. */
  renew(): Promise<boolean>;
  /** Gives the lease up at once (only if still ours). */
  release(): Promise<void>;
}

export interface LeaseStore {
  readonly kind: "jetstream" | "local";
  readonly ttlMs: number;
  /** The lease, or null while someone else holds it. */
  acquire(name: string, owner: string): Promise<Lease | null>;
  holder(name: string): Promise<LeaseHolder | null>;
  /** Live holders of the names under `prefix` ("workers." lists "workers.*"). */
  holders(prefix: string): Promise<LeaseHolder[]>;
}

const LEASE_NAME = /^[A-Za-z0-9_=-]+(\.[A-Za-z0-9_=-]+)*$/;

/** Lease names are dot-separated tokens (they are KV keys): "connector.<sourceId>", "job.metrics-refresh". */
export function checkLeaseName(name: string): string {
  if (name.length > 200 || !LEASE_NAME.test(name))
    throw new Error(`Invalid lease name ${JSON.stringify(name)}: use dot-separated letters, digits, "_", "-" or "="`);
  return name;
}

export function checkOwner(owner: string): string {
  if (!owner || owner.length > 200) throw new Error("A lease owner is a non-empty name of at most 200 characters");
  return owner;
}

export function checkPrefix(prefix: string): string {
  if (!prefix.endsWith(".")) throw new Error(`A lease prefix ends with ".", got ${JSON.stringify(prefix)}`);
  checkLeaseName(prefix.slice(0, -1));
  return prefix;
}
