import type { Lease } from "./lease-types";

// Keeps a lease: renews it every third of its TTL and reports, once, when it is lost. Pure
// (timers only). A renewal that fails because the store can't be reached is tried again at
// the next tick; the lease counts as lost when its time runs out before one succeeds, since
// from then on another worker may hold it.

export type LeaseKeeperOptions = {
  intervalMs?: number;
  onLost?: (reason: string) => void;
};

export class LeaseKeeper {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly controller = new AbortController();
  private stopped = false;
  private renewing: Promise<void> = Promise.resolve();
  private readonly intervalMs: number;

  constructor(
    readonly lease: Lease,
    private readonly options: LeaseKeeperOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? Math.max(100, Math.floor(lease.ttlMs / 3));
  }

  /** Aborted when the lease is lost: work done under the lease listens to it. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get lost(): boolean {
    return this.controller.signal.aborted;
  }

  start(): this {
    this.schedule();
    return this;
  }

  private schedule(): void {
    if (this.stopped || this.lost) return;
    this.timer = setTimeout(() => {
      this.renewing = this.tick().finally(() => this.schedule());
    }, this.intervalMs);
    this.timer.unref?.();
  }

  private lose(reason: string): void {
    if (this.lost) return;
    this.controller.abort(new Error(`Lease ${this.lease.name} lost: ${reason}`));
    this.options.onLost?.(reason);
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    if (!this.lease.isHeld()) return this.lose("its time ran out before it could be renewed");
    try {
      if (!(await this.lease.renew())) this.lose("it expired or was taken over");
    } catch (error) {
      if (!this.lease.isHeld()) this.lose(`it could not be renewed in time (${(error as Error).message})`);
    }
  }

  /** Stops renewing; releases the lease unless told not to (a handover keeps it to expire). */
  async stop(options: { release?: boolean } = {}): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.renewing;
    if (options.release !== false && !this.lost) await this.lease.release().catch(() => undefined);
  }
}
