import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { randomBytes } from "node:crypto";
import { ZodError } from "zod";
import { closeBus, connectBus, type Bus } from "@/lib/bus/connection";
import {
  consumeDeliveries,
  DeadLetterNotFoundError,
  deleteDeliveryStreams,
  DeliveryTooLargeError,
  discardDeadLetter,
  ensureDeliveryStreams,
  listDeadLetters,
  publishDelivery,
  retryDeadLetter,
  shardOf,
  type Delivery,
} from "@/lib/bus/deliveries";
import { busNames } from "@/lib/bus/names";
import { reachable } from "../support/ports";

// Against the NATS server every machine runs (127.0.0.1:4222, JetStream on). Each test gets
// its own streams under a random prefix and removes them afterwards.

const natsUp = await reachable("127.0.0.1", 4222);
if (!natsUp) console.warn("[bus-deliveries] skipped: no NATS server with JetStream on 127.0.0.1:4222");

const text = (s: string) => new TextEncoder().encode(s);
const bodyOf = (d: Delivery) => new TextDecoder().decode(d.body);
const quick = { maxDeliver: 3, baseDelayMs: 50, maxDelayMs: 200 };

describe.skipIf(!natsUp)("deliveries on JetStream", () => {
  let connection: Bus;
  const created: Bus[] = [];

  /** A bus with its own streams, on the shared connection. */
  async function freshBus(): Promise<Bus> {
    const bus = { ...connection, names: busNames(`t${randomBytes(4).toString("hex")}`) };
    created.push(bus);
    await ensureDeliveryStreams(bus, { ackWaitMs: 5_000 });
    return bus;
  }

  beforeAll(async () => {
    // Through the hostname, as a deployment's NATS_URL would name it.
    connection = await connectBus({ servers: "localhost:4222", requestTimeoutMs: 5_000 });
  });

  afterAll(async () => {
    for (const bus of created) await deleteDeliveryStreams(bus);
    if (connection) await closeBus(connection);
  });

  it("stores a delivery published twice with the same message id once, and answers with the same delivery id", async () => {
    const bus = await freshBus();
    const delivery = {
      workspaceId: "wsdup",
      format: "x",
      body: text('{"data":{"id":"1"}}'),
      externalIds: [{ network: "x", externalId: "1" }],
    };
    const first = await publishDelivery(delivery, { bus });
    const again = await publishDelivery({ ...delivery, body: text('{"data":{"id":"1"},"again":true}') }, { bus });
    expect(first.duplicate).toBe(false);
    expect(again).toEqual({ ...first, duplicate: true });

    // Without external ids the content decides: the same bytes are a duplicate, others are not.
    const anonymous = { workspaceId: "wsdup", format: "jsonl", body: text('{"network":"x","externalId":"2"}\n') };
    expect((await publishDelivery(anonymous, { bus })).duplicate).toBe(false);
    expect((await publishDelivery(anonymous, { bus })).duplicate).toBe(true);
    expect(
      (await publishDelivery({ ...anonymous, body: text('{"network":"x","externalId":"3"}\n') }, { bus })).duplicate,
    ).toBe(false);

    const state = (await bus.jsm.streams.info(bus.names.deliveriesStream)).state;
    expect(state.messages).toBe(3);
  });

  it("redelivers a failed delivery and, after the last attempt, keeps it as a dead letter with its error; retry and discard work", async () => {
    const bus = await freshBus();
    const attempts: number[] = [];
    let healthy = false;
    const handled: Delivery[] = [];
    const consumer = await consumeDeliveries({
      bus,
      retry: quick,
      pullExpiresMs: 1_000,
      onEvent: () => undefined,
      handler: async (delivery) => {
        if (!healthy) {
          attempts.push(delivery.attempt);
          throw new Error(`cannot read entry 3 of ${delivery.deliveryId}`);
        }
        handled.push(delivery);
      },
    });
    try {
      const published = await publishDelivery(
        { workspaceId: "wspoison", format: "facebook", sourceId: "src1", body: text('{"entry":[]}') },
        { bus },
      );
      const dead = await vi.waitFor(
        async () => {
          const page = await listDeadLetters({ bus, workspaceId: "wspoison" });
          expect(page.items).toHaveLength(1);
          return page.items[0];
        },
        { timeout: 15_000, interval: 100 },
      );
      expect(attempts).toEqual([1, 2, 3]);
      expect(dead).toMatchObject({
        deliveryId: published.deliveryId,
        workspaceId: "wspoison",
        format: "facebook",
        sourceId: "src1",
        attempts: 3,
        error: `Error: cannot read entry 3 of ${published.deliveryId}`,
        bodyBytes: 12,
      });
      // Not stuck in the shard: terminated once it was stored as a dead letter.
      await vi.waitFor(
        async () => expect((await bus.jsm.streams.info(bus.names.deliveriesStream)).state.messages).toBe(0),
        { timeout: 5_000, interval: 50 },
      );

      // Another workspace's admin neither sees nor retries it.
      expect((await listDeadLetters({ bus, workspaceId: "wsother" })).items).toEqual([]);
      await expect(retryDeadLetter(dead.id, { bus, workspaceId: "wsother" })).rejects.toThrow(DeadLetterNotFoundError);

      healthy = true;
      const retried = await retryDeadLetter(dead.id, { bus, workspaceId: "wspoison" });
      expect(retried.deliveryId).toBe(published.deliveryId);
      await vi.waitFor(() => expect(handled).toHaveLength(1), { timeout: 10_000, interval: 50 });
      expect(handled[0]).toMatchObject({
        deliveryId: published.deliveryId,
        workspaceId: "wspoison",
        sourceId: "src1",
        attempt: 1,
      });
      expect(bodyOf(handled[0])).toBe('{"entry":[]}');
      expect((await listDeadLetters({ bus })).items).toEqual([]);
      await expect(retryDeadLetter(dead.id, { bus })).rejects.toThrow(DeadLetterNotFoundError); // gone after the retry

      // Discard: a second poison delivery is dropped for good.
      healthy = false;
      await publishDelivery({ workspaceId: "wspoison", format: "facebook", body: text("not json") }, { bus });
      const second = await vi.waitFor(
        async () => {
          const { items } = await listDeadLetters({ bus, workspaceId: "wspoison" });
          expect(items).toHaveLength(1);
          return items[0];
        },
        { timeout: 15_000, interval: 100 },
      );
      expect(await discardDeadLetter(second.id, { bus, workspaceId: "wspoison" })).toBe(true);
      expect(await discardDeadLetter(second.id, { bus, workspaceId: "wspoison" })).toBe(false);
      expect((await listDeadLetters({ bus })).items).toEqual([]);
    } finally {
      await consumer.stop();
    }
  });

  it("lists dead letters page by page, oldest first", async () => {
    const bus = await freshBus();
    const consumer = await consumeDeliveries({
      bus,
      retry: { ...quick, maxDeliver: 1 },
      pullExpiresMs: 1_000,
      onEvent: () => undefined,
      handler: async () => Promise.reject(new Error("no")),
    });
    try {
      for (let i = 0; i < 5; i++)
        await publishDelivery({ workspaceId: "wspages", format: "jsonl", body: text(`line ${i}`) }, { bus });
      await vi.waitFor(
        async () => expect((await listDeadLetters({ bus, workspaceId: "wspages" })).items).toHaveLength(5),
        { timeout: 15_000, interval: 100 },
      );
      const first = await listDeadLetters({ bus, workspaceId: "wspages", limit: 3 });
      const rest = await listDeadLetters({ bus, workspaceId: "wspages", limit: 3, afterId: first.nextAfterId! });
      expect(first.items).toHaveLength(3);
      expect(rest.items).toHaveLength(2);
      expect(rest.nextAfterId).toBeNull();
      const ids = [...first.items, ...rest.items].map((d) => d.id);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      expect(new Set(ids).size).toBe(5);
    } finally {
      await consumer.stop();
    }
  });

  it("handles a shard strictly in order, even when a delivery fails once in the middle", async () => {
    const bus = await freshBus();
    // Two workspaces that share a shard, and one on another shard.
    const a = "wsordera";
    let b = "wsorderb0";
    for (let i = 1; shardOf(b) !== shardOf(a); i++) b = `wsorderb${i}`;
    let c = "wsorderc0";
    for (let i = 1; shardOf(c) === shardOf(a); i++) c = `wsorderc${i}`;

    const expected: string[] = [];
    for (let i = 0; i < 12; i++) {
      for (const ws of [a, b, c]) {
        await publishDelivery({ workspaceId: ws, format: "jsonl", body: text(`${ws}#${i}`) }, { bus });
        if (ws !== c) expected.push(`${ws}#${i}`);
      }
    }
    const attempted: string[] = [];
    const committed: string[] = [];
    let failedOnce = false;
    const consumer = await consumeDeliveries({
      bus,
      retry: { maxDeliver: 5, baseDelayMs: 300, maxDelayMs: 300 },
      pullExpiresMs: 1_000,
      onEvent: () => undefined,
      handler: async (delivery) => {
        const body = bodyOf(delivery);
        attempted.push(body);
        if (body === `${a}#5` && !failedOnce) {
          failedOnce = true;
          throw new Error("database went away");
        }
        await new Promise((r) => setTimeout(r, 2)); // some work, so a second in flight would show
        committed.push(body);
      },
    });
    try {
      await vi.waitFor(() => expect(committed).toHaveLength(36), { timeout: 20_000, interval: 50 });
    } finally {
      await consumer.stop();
    }
    const inShard = (list: string[]) => list.filter((body) => !body.startsWith(c));
    expect(inShard(committed)).toEqual(expected);
    // Nothing after the failed delivery was attempted before its retry.
    const shardAttempts = inShard(attempted);
    const failedAt = shardAttempts.indexOf(`${a}#5`);
    expect(shardAttempts[failedAt + 1]).toBe(`${a}#5`);
    expect(committed.filter((body) => body.startsWith(c))).toEqual(Array.from({ length: 12 }, (_, i) => `${c}#${i}`));
  });

  it("refuses bad input and bodies larger than the server takes, with typed errors", async () => {
    const bus = await freshBus();
    await expect(publishDelivery({ workspaceId: "ws.1", format: "x", body: text("{}") }, { bus })).rejects.toThrow(
      ZodError,
    );
    await expect(publishDelivery({ workspaceId: "ws1", format: "X Y", body: text("{}") }, { bus })).rejects.toThrow(
      ZodError,
    );
    const tooBig = new Uint8Array(bus.nc.info!.max_payload + 1);
    await expect(publishDelivery({ workspaceId: "ws1", format: "x", body: tooBig }, { bus })).rejects.toThrow(
      DeliveryTooLargeError,
    );
    expect((await bus.jsm.streams.info(bus.names.deliveriesStream)).state.messages).toBe(0);
  });
});
