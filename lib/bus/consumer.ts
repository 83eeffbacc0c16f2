import "server-only";
import type { Consumer, JsMsg } from "@nats-io/jetstream";
import { getBus, type Bus } from "./connection";
import { moveToDeadLetter } from "./dead-letters";
import { readDeliveryMeta, type DeliveryMeta } from "./headers";
import { allShards, shardConsumerName } from "./names";
import { decideAfterFailure, DEFAULT_RETRY_POLICY, exceededAttempts, type RetryPolicy } from "./retry-policy";

// Pulling deliveries, shard by shard. Each shard has one durable consumer with
// max_ack_pending 1 (stream-config.ts), and this loop keeps one message of a shard in flight:
// the handler runs, the message is acked only when it resolved (after the pipeline committed),
// a failure is nak'd with a growing delay, and after the last attempt the delivery goes to the
// dead-letter stream with its error and is terminated. Batches: the server hands out one
// message per shard at a time (that is what keeps a shard in order), so parallelism comes from
// the 16 shards, and a "batch" of posts is one delivery's body.

export type Delivery = DeliveryMeta & {
  body: Uint8Array;
  shard: number;
  /** Sequence in the deliveries stream. */
  seq: number;
  /** 1 for the first attempt. */
  attempt: number;
};

export type DeliveryHandler = (delivery: Delivery) => Promise<void>;

export type ConsumerEvent =
  | { kind: "failed"; shard: number; deliveryId: string; attempt: number; error: string; next: "retry" | "dead-letter" }
  | { kind: "bus-error"; shard: number; error: string };

export type ConsumeOptions = {
  handler: DeliveryHandler;
  bus?: Bus;
  shards?: number[];
  retry?: Partial<RetryPolicy>;
  /** How long one pull waits for a message; stop() waits at most this long. */
  pullExpiresMs?: number;
  onEvent?: (event: ConsumerEvent) => void;
};

export type ShardConsumer = { shard: number; stop(): Promise<void> };
export type DeliveryConsumer = { shards: number[]; stop(): Promise<void> };

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
  });

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * Acks go out as fire-and-forget publishes; on a closed connection they throw. A lost ack means
 * the server redelivers after the ack wait (at least once: the pipeline drops duplicates).
 */
function reply(context: ShardContext, what: string, send: () => void): void {
  try {
    send();
  } catch (error) {
    context.onEvent({ kind: "bus-error", shard: context.shard, error: `${what} not sent: ${errorText(error)}` });
  }
}

type ShardContext = {
  bus: Bus;
  shard: number;
  handler: DeliveryHandler;
  policy: RetryPolicy;
  ackWaitMs: number;
  onEvent: (event: ConsumerEvent) => void;
};

async function deadLetter(context: ShardContext, msg: JsMsg, error: string, attempts: number): Promise<void> {
  try {
    await moveToDeadLetter(context.bus, msg, error, attempts);
    // No reason text: nats-server 2.9 ignores a "+TERM <reason>" and would redeliver. The
    // reason is in the dead letter.
    reply(context, "term", () => msg.term());
  } catch (moveError) {
    // Not stored as a dead letter: keep the delivery and try again later.
    context.onEvent({
      kind: "bus-error",
      shard: context.shard,
      error: `moving to the dead letters failed: ${errorText(moveError)}`,
    });
    reply(context, "nak", () => msg.nak(context.policy.maxDelayMs));
  }
}

async function handleMessage(context: ShardContext, msg: JsMsg): Promise<void> {
  const attempt = msg.info.deliveryCount;
  let meta: DeliveryMeta;
  try {
    meta = readDeliveryMeta(msg.headers);
  } catch (error) {
    return deadLetter(context, msg, errorText(error), attempt); // cannot succeed on a retry
  }
  if (exceededAttempts(context.policy, attempt)) {
    const error = `gave up after ${attempt - 1} attempts; the last one did not finish (a worker stopped while handling it)`;
    context.onEvent({
      kind: "failed",
      shard: context.shard,
      deliveryId: meta.deliveryId,
      attempt,
      error,
      next: "dead-letter",
    });
    return deadLetter(context, msg, error, attempt - 1);
  }
  // Long work tells the server it is still in progress, so it is not redelivered meanwhile.
  const progress = setInterval(
    () => reply(context, "progress", () => msg.working()),
    Math.max(500, Math.floor(context.ackWaitMs / 3)),
  );
  let failure: unknown = null;
  try {
    await context.handler({ ...meta, body: msg.data, shard: context.shard, seq: msg.seq, attempt });
  } catch (error) {
    failure = error ?? new Error("handler failed");
  } finally {
    clearInterval(progress);
  }
  if (failure === null) return reply(context, "ack", () => msg.ack());
  const decision = decideAfterFailure(context.policy, attempt);
  context.onEvent({
    kind: "failed",
    shard: context.shard,
    deliveryId: meta.deliveryId,
    attempt,
    error: errorText(failure),
    next: decision.kind,
  });
  if (decision.kind === "retry") reply(context, "nak", () => msg.nak(decision.delayMs));
  else await deadLetter(context, msg, errorText(failure), attempt);
}

/** Consumes one shard until stop(); a message that arrives while stopping is handed back at once. */
export function startShardConsumer(
  bus: Bus,
  shard: number,
  options: Omit<ConsumeOptions, "bus" | "shards">,
): ShardConsumer {
  const policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const pullExpiresMs = options.pullExpiresMs ?? 5_000;
  const onEvent =
    options.onEvent ?? ((event) => console.warn(`[bus] shard ${event.shard}: ${event.kind}: ${event.error}`));
  const stopping = new AbortController();

  const loop = (async () => {
    let consumer: Consumer | null = null;
    let context: ShardContext | null = null;
    let failures = 0;
    while (!stopping.signal.aborted) {
      try {
        if (!consumer || !context) {
          consumer = await bus.js.consumers.get(bus.names.deliveriesStream, shardConsumerName(shard));
          const info = await consumer.info(true);
          context = {
            bus,
            shard,
            handler: options.handler,
            policy,
            ackWaitMs: (info.config.ack_wait ?? 30_000_000_000) / 1_000_000,
            onEvent,
          };
        }
        const msg = await consumer.next({ expires: pullExpiresMs });
        failures = 0;
        if (!msg) continue;
        if (stopping.signal.aborted) {
          // Someone else (or we, later) takes it from here, in order.
          reply(context, "nak", () => msg.nak());
          break;
        }
        await handleMessage(context, msg);
      } catch (error) {
        if (bus.nc.isClosed()) break; // closed for good (shutdown): nothing more to pull
        failures += 1;
        consumer = null;
        onEvent({ kind: "bus-error", shard, error: errorText(error) });
        await sleep(Math.min(5_000, 100 * 2 ** Math.min(failures, 6)), stopping.signal);
      }
    }
  })();

  return {
    shard,
    async stop() {
      stopping.abort();
      await loop;
      await bus.nc.flush().catch(() => undefined); // acks and naks reach the server
    },
  };
}

/** Consumes the given shards (all by default), each strictly in order. */
export async function consumeDeliveries(options: ConsumeOptions): Promise<DeliveryConsumer> {
  const bus = options.bus ?? (await getBus());
  const shards = options.shards ?? allShards();
  const consumers = shards.map((shard) => startShardConsumer(bus, shard, options));
  return {
    shards,
    async stop() {
      await Promise.all(consumers.map((c) => c.stop()));
    },
  };
}
