import "server-only";
import { JetStreamApiError, type ConsumerConfig } from "@nats-io/jetstream";
import type { Bus } from "./connection";
import { toBusError } from "./errors";
import {
  allShardConsumerConfigs,
  deadLetterStreamConfig,
  deliveriesStreamConfig,
  DEFAULT_STREAM_OPTIONS,
  type StreamOptions,
} from "./stream-config";

// Creates the streams and the shard consumers, or brings them to the configuration in
// stream-config.ts. Idempotent and safe to run from several processes at once.

const STREAM_NAME_IN_USE = 10058;

async function createOrUpdateStream(bus: Bus, config: ReturnType<typeof deliveriesStreamConfig>): Promise<void> {
  try {
    await bus.jsm.streams.add(config);
  } catch (error) {
    if (!(error instanceof JetStreamApiError) || error.code !== STREAM_NAME_IN_USE) throw error;
    const existing = await bus.jsm.streams.info(config.name);
    if (existing.config.retention !== config.retention) {
      throw new Error(
        `Stream ${config.name} exists with ${existing.config.retention} retention, expected ${config.retention}: remove it (after draining) to recreate`,
      );
    }
    await bus.jsm.streams.update(config.name, { ...existing.config, ...config });
  }
}

async function createOrUpdateConsumer(
  bus: Bus,
  stream: string,
  config: Partial<ConsumerConfig> & { durable_name: string },
): Promise<void> {
  try {
    await bus.jsm.consumers.add(stream, config);
  } catch (error) {
    if (!(error instanceof JetStreamApiError)) throw error;
    // Exists with another configuration: change what may change.
    await bus.jsm.consumers.update(stream, config.durable_name, {
      description: config.description,
      ack_wait: config.ack_wait,
      max_ack_pending: config.max_ack_pending,
      max_deliver: config.max_deliver,
    });
  }
}

async function applyStreamConfig(bus: Bus, options: Partial<StreamOptions>): Promise<void> {
  const settings = { ...DEFAULT_STREAM_OPTIONS, ...options };
  try {
    await createOrUpdateStream(bus, deliveriesStreamConfig(bus.names, settings));
    await createOrUpdateStream(bus, deadLetterStreamConfig(bus.names, settings));
    for (const consumer of allShardConsumerConfigs(bus.names, settings)) {
      await createOrUpdateConsumer(bus, bus.names.deliveriesStream, consumer);
    }
  } catch (error) {
    throw toBusError(error);
  }
}

const ensured = new WeakMap<Bus, Promise<void>>();

export function ensureDeliveryStreams(bus: Bus, options: Partial<StreamOptions> = {}): Promise<void> {
  const pending = applyStreamConfig(bus, options);
  ensured.set(bus, pending);
  pending.catch(() => ensured.delete(bus));
  return pending;
}

/** ensureDeliveryStreams with the default options, unless it already ran on this connection. */
export function ensureDeliveryStreamsOnce(bus: Bus): Promise<void> {
  return ensured.get(bus) ?? ensureDeliveryStreams(bus);
}

/** Removes the bus's streams (tests, and a deliberate reset). */
export async function deleteDeliveryStreams(bus: Bus): Promise<void> {
  for (const stream of [bus.names.deliveriesStream, bus.names.deadLetterStream]) {
    await bus.jsm.streams.delete(stream).catch(() => false);
  }
  ensured.delete(bus);
}
