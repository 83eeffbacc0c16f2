import {
  AckPolicy,
  DeliverPolicy,
  DiscardPolicy,
  RetentionPolicy,
  StorageType,
  type ConsumerConfig,
  type StreamConfig,
} from "@nats-io/jetstream";
import { nanos } from "@nats-io/transport-node";
import { allShards, shardConsumerName, shardSubject, type BusNames } from "./names";

// The configuration of the bus's streams and consumers. Pure.

export type StreamOptions = {
  /** JetStream drops a message id it has seen within this window. */
  duplicateWindowMs: number;
  /** Backlog limit; when reached, publishes are refused (503), never old deliveries dropped. */
  maxBytes: number;
  deadLetterMaxBytes: number;
  replicas: number;
  /** Time a worker has to ack (it reports progress on longer work) before redelivery. */
  ackWaitMs: number;
};

export const DEFAULT_STREAM_OPTIONS: StreamOptions = {
  duplicateWindowMs: 2 * 60_000,
  maxBytes: 1024 ** 3,
  deadLetterMaxBytes: 256 * 1024 ** 2,
  replicas: 1,
  ackWaitMs: 30_000,
};

type NamedStreamConfig = Partial<StreamConfig> & { name: string; subjects: string[] };

/**
 * Work-queue retention: a delivery is removed once acked (or moved to the dead letters), so
 * the stream holds exactly the backlog. Discard "new": when the backlog limit is reached the
 * publisher hears it (503) instead of the oldest unprocessed deliveries being dropped.
 */
export function deliveriesStreamConfig(names: BusNames, options: StreamOptions): NamedStreamConfig {
  return {
    name: names.deliveriesStream,
    description: "Earshot raw deliveries, one subject per shard",
    subjects: [`${names.deliveriesSubject}.*`],
    retention: RetentionPolicy.Workqueue,
    storage: StorageType.File,
    discard: DiscardPolicy.New,
    duplicate_window: nanos(options.duplicateWindowMs),
    max_bytes: options.maxBytes,
    num_replicas: options.replicas,
  };
}

/** Dead letters stay until retried or discarded from Admin → Channels. */
export function deadLetterStreamConfig(names: BusNames, options: StreamOptions): NamedStreamConfig {
  return {
    name: names.deadLetterStream,
    description: "Earshot deliveries that failed every attempt, one subject per workspace",
    subjects: [`${names.deadLetterSubject}.*`],
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    discard: DiscardPolicy.New,
    duplicate_window: nanos(options.duplicateWindowMs),
    max_bytes: options.deadLetterMaxBytes,
    num_replicas: options.replicas,
    allow_direct: true, // listing pages through it with direct gets (next_by_subj)
  };
}

/**
 * One durable pull consumer per shard. max_ack_pending 1: the server hands out the next message
 * of a shard only after the previous one was acked or terminated, whichever worker pulls, so
 * a shard is processed strictly in order even across a worker's crash; a nak'd message is
 * redelivered before anything after it. max_deliver is unlimited: see retry-policy.ts.
 */
export function shardConsumerConfig(
  names: BusNames,
  shard: number,
  options: StreamOptions,
): Partial<ConsumerConfig> & { durable_name: string } {
  return {
    durable_name: shardConsumerName(shard),
    description: `Earshot ingestion, shard ${shard}`,
    filter_subject: shardSubject(names, shard),
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    max_ack_pending: 1,
    ack_wait: nanos(options.ackWaitMs),
    max_deliver: -1,
  };
}

export function allShardConsumerConfigs(names: BusNames, options: StreamOptions) {
  return allShards().map((shard) => shardConsumerConfig(names, shard, options));
}
