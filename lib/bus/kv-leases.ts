import "server-only";
import { JetStreamApiCodes, JetStreamApiError, StorageType } from "@nats-io/jetstream";
import { Kvm, type KV } from "@nats-io/kv";
import type { Bus } from "./connection";
import { toBusError } from "./errors";
import { checkLeaseName, checkOwner, checkPrefix, type Lease, type LeaseHolder, type LeaseStore } from "./lease-types";

// Leases in a JetStream key-value bucket (why KV and not PostgreSQL advisory locks: see
// leases.ts). The bucket's max_age is the lease TTL, so the server itself removes a key that
// was not rewritten within the TTL: a dead worker's leases vanish without anyone's help.
// Acquire = create-if-absent; renew = update at the revision we last wrote; release = delete
// at that revision. The fencing token is the revision of the acquiring write: revisions are
// the bucket stream's sequence numbers, which only grow, so a later owner's token is larger.
// (Deleting and recreating the bucket restarts them: don't, while cursors carry tokens.)

type Stored = { owner: string; token?: number };

function isWrongRevision(error: unknown): boolean {
  return (
    error instanceof JetStreamApiError &&
    (error.code === JetStreamApiCodes.StreamWrongLastSequence ||
      error.code === JetStreamApiCodes.StreamWrongLastSequenceUnknown)
  );
}

function encode(value: Stored): string {
  return JSON.stringify(value);
}

function decode(bytes: Uint8Array): Stored | null {
  try {
    const value = JSON.parse(new TextDecoder().decode(bytes)) as Stored;
    return typeof value?.owner === "string" ? value : null;
  } catch {
    return null;
  }
}

export class JetStreamLeaseStore implements LeaseStore {
  readonly kind = "jetstream" as const;

  private constructor(
    readonly kv: KV,
    readonly bucket: string,
    readonly ttlMs: number,
    private readonly timeoutMs: number,
  ) {}

  static bucketName(bus: Pick<Bus, "names">, ttlMs: number): string {
    return `${bus.names.leaseBucket}_${ttlMs}`;
  }

  /** Opens (creating if needed) the bucket for this TTL: `<leaseBucket>_<ttlMs>`. */
  static async open(bus: Bus, ttlMs: number): Promise<JetStreamLeaseStore> {
    if (!Number.isInteger(ttlMs) || ttlMs < 1_000)
      throw new Error("A JetStream lease TTL is a whole number of milliseconds, at least 1000");
    const bucket = JetStreamLeaseStore.bucketName(bus, ttlMs);
    try {
      const kv = await new Kvm(bus.js).create(bucket, {
        ttl: ttlMs,
        history: 1,
        storage: StorageType.File,
        timeout: bus.requestTimeoutMs,
      });
      return new JetStreamLeaseStore(kv, bucket, ttlMs, bus.requestTimeoutMs);
    } catch (error) {
      throw toBusError(error);
    }
  }

  async acquire(name: string, owner: string): Promise<Lease | null> {
    checkLeaseName(name);
    checkOwner(owner);
    const sentAt = Date.now();
    try {
      const revision = await this.kv.create(name, encode({ owner }));
      return new KvLease(this.kv, name, owner, revision, this.ttlMs, sentAt, this.timeoutMs);
    } catch (error) {
      if (isWrongRevision(error)) return null; // held by someone
      throw toBusError(error);
    }
  }

  async holder(name: string): Promise<LeaseHolder | null> {
    checkLeaseName(name);
    try {
      const entry = await this.kv.get(name);
      if (!entry || entry.operation !== "PUT") return null;
      const value = decode(entry.value);
      return value ? { name, owner: value.owner, token: value.token ?? entry.revision } : null;
    } catch (error) {
      throw toBusError(error);
    }
  }

  async holders(prefix: string): Promise<LeaseHolder[]> {
    checkPrefix(prefix);
    try {
      const names: string[] = [];
      for await (const key of await this.kv.keys(`${prefix}>`)) names.push(key);
      const found = await Promise.all(names.sort().map((name) => this.holder(name)));
      return found.filter((h): h is LeaseHolder => h !== null);
    } catch (error) {
      throw toBusError(error);
    }
  }

  /** Removes the bucket for this TTL, with every lease in it (tests, a deliberate reset). */
  static async destroy(bus: Bus, ttlMs: number): Promise<boolean> {
    return bus.jsm.streams.delete(`KV_${JetStreamLeaseStore.bucketName(bus, ttlMs)}`).catch(() => false);
  }
}

class KvLease implements Lease {
  private revision: number;
  private confirmedAt: number;
  private lost = false;

  constructor(
    private readonly kv: KV,
    readonly name: string,
    readonly owner: string,
    readonly token: number,
    readonly ttlMs: number,
    sentAt: number,
    private readonly timeoutMs: number,
  ) {
    this.revision = token;
    // Counted from when the request left: the server's clock for the key starts later.
    this.confirmedAt = sentAt;
  }

  isHeld(): boolean {
    return !this.lost && Date.now() < this.confirmedAt + this.ttlMs;
  }

  async renew(): Promise<boolean> {
    if (this.lost) return false;
    const sentAt = Date.now();
    try {
      this.revision = await this.kv.update(
        this.name,
        encode({ owner: this.owner, token: this.token }),
        this.revision,
        this.timeoutMs,
      );
      this.confirmedAt = sentAt;
      return true;
    } catch (error) {
      if (isWrongRevision(error)) {
        this.lost = true; // expired (and perhaps taken), or released
        return false;
      }
      throw toBusError(error);
    }
  }

  async release(): Promise<void> {
    if (this.lost) return;
    this.lost = true;
    // At our revision only: a lease that already passed to someone else is left alone. If this
    // fails, the key expires with the TTL anyway.
    await this.kv.delete(this.name, { previousSeq: this.revision }).catch(() => undefined);
  }
}
