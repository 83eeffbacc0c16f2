import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { closeBus, connectBus, type Bus } from "@/lib/bus/connection";
import {
  BusUnavailableError,
  consumeDeliveries,
  ensureDeliveryStreams,
  publishDelivery,
  type PublishDeliveryInput,
  type PublishedDelivery,
} from "@/lib/bus/deliveries";
import { HEADER } from "@/lib/bus/headers";
import { freePort, reachable } from "../support/ports";

// NATS goes away while deliveries arrive: publishing fails at once with BusUnavailableError
// (the HTTP API's 503 + Retry-After), nothing stored is lost, and both publishing and
// consuming resume when the server is back. Runs its own nats-server on a free port, with its
// own store directory, and kills it.

const serverBinary = spawnSync("nats-server", ["--version"]).status === 0 ? "nats-server" : null;
if (!serverBinary) console.warn("[bus-outage] skipped: no nats-server binary on PATH");

const text = (s: string) => new TextEncoder().encode(s);

describe.skipIf(!serverBinary)("NATS killed while deliveries arrive", () => {
  const storeDirs: string[] = [];
  const running = new Set<ChildProcess>();
  const buses: Bus[] = [];

  /** A NATS server of the test's own; `storeDir` is kept across a kill and restart. */
  async function startServer(port: number, storeDir: string): Promise<ChildProcess> {
    const child = spawn("nats-server", ["-js", "-a", "127.0.0.1", "-p", String(port), "-sd", storeDir], {
      stdio: "ignore",
    });
    running.add(child);
    child.once("exit", () => running.delete(child));
    await vi.waitFor(
      async () => {
        expect(child.exitCode).toBeNull();
        expect(await reachable("127.0.0.1", port)).toBe(true);
      },
      { timeout: 10_000, interval: 100 },
    );
    return child;
  }

  async function killServer(child: ChildProcess): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGKILL");
    await exited;
  }

  function newStoreDir(): string {
    const dir = mkdtempSync(path.join(os.tmpdir(), "earshot-nats-"));
    storeDirs.push(dir);
    return dir;
  }

  afterEach(async () => {
    for (const bus of buses.splice(0)) await closeBus(bus).catch(() => undefined);
    await Promise.all([...running].map(killServer));
  });

  afterAll(() => {
    for (const dir of storeDirs) rmSync(dir, { recursive: true, force: true });
  });

  it(
    "answers BusUnavailableError promptly while it is down, loses nothing acknowledged, and resumes when it is back",
    { timeout: 90_000 },
    async () => {
      const port = await freePort();
      const storeDir = newStoreDir();
      const first = await startServer(port, storeDir);
      const bus = await connectBus({ servers: `127.0.0.1:${port}`, reconnectTimeWaitMs: 200, requestTimeoutMs: 2_000 });
      buses.push(bus);
      await ensureDeliveryStreams(bus, { ackWaitMs: 5_000 });
      const delivery = (i: number): PublishDeliveryInput => ({
        workspaceId: `wsout${i % 3}`,
        format: "jsonl",
        body: text(`{"n":${i}}`),
        externalIds: [{ network: "x", externalId: String(i) }],
      });

      // Deliveries keep arriving, one after another; the server is killed after the tenth is
      // stored, while the next ones are in flight. Publishing goes on until three are refused.
      const acked: Array<{ i: number; ack: PublishedDelivery }> = [];
      const refused: Array<{ i: number; error: unknown; ms: number }> = [];
      let killing: Promise<void> | null = null;
      for (let i = 0; refused.length < 3; i++) {
        const started = Date.now();
        const outcome = await Promise.race([
          publishDelivery(delivery(i), { bus }).then(
            (ack) => ({ ack }),
            (error: unknown) => ({ error }),
          ),
          new Promise<{ error: string }>((resolve) =>
            setTimeout(() => resolve({ error: "no answer within 10 s" }), 10_000),
          ),
        ]);
        if ("ack" in outcome) acked.push({ i, ack: outcome.ack });
        else refused.push({ i, error: outcome.error, ms: Date.now() - started });
        if (acked.length === 10 && !killing) killing = killServer(first); // not awaited: publishing goes on
      }
      await killing;
      console.info(
        `[bus-outage] refused while down: ${refused.map((r) => `${(r.error as BusUnavailableError).reason ?? r.error} in ${r.ms} ms`).join(", ")}`,
      );
      for (const { error } of refused) {
        expect(error).toBeInstanceOf(BusUnavailableError); // never another error, never a hang
        expect((error as BusUnavailableError).retryAfterSeconds).toBeGreaterThan(0);
      }

      await startServer(port, storeDir); // same port, same store directory
      // The client reconnects by itself; the refused deliveries are published again, as their
      // senders would after Retry-After.
      await vi.waitFor(() => expect(bus.isConnected()).toBe(true), { timeout: 20_000, interval: 100 });
      for (const { i } of refused)
        await vi.waitFor(() => publishDelivery(delivery(i), { bus }), { timeout: 20_000, interval: 250 });

      // Nothing acknowledged before the outage was lost, and its bytes are intact.
      for (const { i, ack } of acked) {
        const message = await bus.jsm.streams.getMessage(bus.names.deliveriesStream, { seq: ack.seq });
        expect(message?.header.get(HEADER.deliveryId)).toBe(ack.deliveryId);
        expect(new TextDecoder().decode(message!.data)).toBe(`{"n":${i}}`);
      }
      // The duplicate window survived the restart.
      expect(await publishDelivery(delivery(acked[3].i), { bus })).toEqual({ ...acked[3].ack, duplicate: true });

      // A consumer handles every delivery exactly once: the acknowledged ones and the retried ones.
      const handled: string[] = [];
      const consumer = await consumeDeliveries({
        bus,
        pullExpiresMs: 1_000,
        onEvent: () => undefined,
        handler: async (d) => void handled.push(new TextDecoder().decode(d.body)),
      });
      try {
        await vi.waitFor(() => expect(handled).toHaveLength(acked.length + refused.length), {
          timeout: 20_000,
          interval: 50,
        });
      } finally {
        await consumer.stop();
      }
      const expected = [...acked.map((a) => a.i), ...refused.map((r) => r.i)].map((i) => `{"n":${i}}`);
      expect([...handled].sort()).toEqual(expected.sort());
      expect((await bus.jsm.streams.info(bus.names.deliveriesStream)).state.messages).toBe(0);
    },
  );

  it("a consumer that was running through the outage resumes by itself", { timeout: 90_000 }, async () => {
    const port = await freePort();
    const storeDir = newStoreDir();
    const first = await startServer(port, storeDir);
    const own = await connectBus({ servers: `127.0.0.1:${port}`, reconnectTimeWaitMs: 200, requestTimeoutMs: 2_000 });
    buses.push(own);
    await ensureDeliveryStreams(own, { ackWaitMs: 5_000 });
    const handled: string[] = [];
    const consumer = await consumeDeliveries({
      bus: own,
      pullExpiresMs: 1_000,
      onEvent: () => undefined,
      handler: async (d) => void handled.push(new TextDecoder().decode(d.body)),
    });
    try {
      await publishDelivery({ workspaceId: "wsresume", format: "jsonl", body: text("before") }, { bus: own });
      await vi.waitFor(() => expect(handled).toEqual(["before"]), { timeout: 15_000, interval: 50 });
      await killServer(first);
      await new Promise((r) => setTimeout(r, 1_500)); // the consumer's pulls fail meanwhile
      await startServer(port, storeDir);
      await vi.waitFor(
        () => publishDelivery({ workspaceId: "wsresume", format: "jsonl", body: text("after") }, { bus: own }),
        { timeout: 20_000, interval: 250 },
      );
      await vi.waitFor(() => expect(handled).toEqual(["before", "after"]), { timeout: 20_000, interval: 100 });
    } finally {
      await consumer.stop();
    }
  });

  it("connecting while NATS is down is a BusUnavailableError too", async () => {
    const port = await freePort(); // nothing listens there
    await expect(connectBus({ servers: `127.0.0.1:${port}` })).rejects.toThrow(BusUnavailableError);
  });
});
