import { checkLeaseName, checkOwner, checkPrefix, type Lease, type LeaseHolder, type LeaseStore } from "./lease-types";

// Leases within one process, for the in-process mode (no NATS_URL): same interface and
// semantics as the JetStream store, a counter for fencing tokens, and an injectable clock for
// tests. Pure (no I/O).

type Entry = { owner: string; token: number; expiresAt: number };

export class LocalLeaseStore implements LeaseStore {
  readonly kind = "local" as const;
  readonly ttlMs: number;
  private readonly now: () => number;
  private readonly entries = new Map<string, Entry>();
  private lastToken = 0;

  constructor(options: { ttlMs: number; now?: () => number }) {
    if (!(options.ttlMs > 0)) throw new Error("A lease TTL is a positive number of milliseconds");
    this.ttlMs = options.ttlMs;
    this.now = options.now ?? Date.now;
  }

  private live(name: string): Entry | null {
    const entry = this.entries.get(name);
    if (!entry) return null;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(name);
      return null;
    }
    return entry;
  }

  async acquire(name: string, owner: string): Promise<Lease | null> {
    checkLeaseName(name);
    checkOwner(owner);
    if (this.live(name)) return null;
    const entry = { owner, token: ++this.lastToken, expiresAt: this.now() + this.ttlMs };
    this.entries.set(name, entry);
    return new LocalLease(this, name, entry);
  }

  async holder(name: string): Promise<LeaseHolder | null> {
    const entry = this.live(checkLeaseName(name));
    return entry ? { name, owner: entry.owner, token: entry.token } : null;
  }

  async holders(prefix: string): Promise<LeaseHolder[]> {
    checkPrefix(prefix);
    const found: LeaseHolder[] = [];
    for (const name of [...this.entries.keys()].sort()) {
      if (!name.startsWith(prefix)) continue;
      const entry = this.live(name);
      if (entry) found.push({ name, owner: entry.owner, token: entry.token });
    }
    return found;
  }

  /** @internal */
  extend(name: string, token: number): number | null {
    const entry = this.live(name);
    if (!entry || entry.token !== token) return null;
    entry.expiresAt = this.now() + this.ttlMs;
    return entry.expiresAt;
  }

  /** @internal */
  drop(name: string, token: number): void {
    if (this.entries.get(name)?.token === token) this.entries.delete(name);
  }

  /** @internal */
  clock(): number {
    return this.now();
  }
}

class LocalLease implements Lease {
  readonly owner: string;
  readonly token: number;
  readonly ttlMs: number;
  private expiresAt: number;
  private lost = false;

  constructor(
    private readonly store: LocalLeaseStore,
    readonly name: string,
    entry: Entry,
  ) {
    this.owner = entry.owner;
    this.token = entry.token;
    this.ttlMs = store.ttlMs;
    this.expiresAt = entry.expiresAt;
  }

  isHeld(): boolean {
    return !this.lost && this.store.clock() < this.expiresAt;
  }

  async renew(): Promise<boolean> {
    if (this.lost) return false;
    const expiresAt = this.store.extend(this.name, this.token);
    if (expiresAt === null) {
      this.lost = true;
      return false;
    }
    this.expiresAt = expiresAt;
    return true;
  }

  async release(): Promise<void> {
    if (this.lost) return;
    this.lost = true;
    this.store.drop(this.name, this.token);
  }
}
