// Names of the bus's streams, subjects, consumers and buckets. Pure.
//
// A prefix keeps several installations (or parallel test runs) apart on one NATS server:
// stream and bucket names get `<PREFIX>_`, subjects get `<prefix>.`. The default is no prefix.

export const SHARD_COUNT = 16;

const PREFIX_PATTERN = /^[A-Za-z0-9_-]{0,40}$/;

export type BusNames = {
  deliveriesStream: string;
  deadLetterStream: string;
  /** Deliveries of shard n are published to `<deliveriesSubject>.<n>`. */
  deliveriesSubject: string;
  /** Dead letters of workspace w are stored under `<deadLetterSubject>.<w>`. */
  deadLetterSubject: string;
  /** Lease buckets are `<leaseBucket>_<ttlMs>` (a KV bucket has one TTL for all its keys). */
  leaseBucket: string;
};

export function busNames(prefix = ""): BusNames {
  if (!PREFIX_PATTERN.test(prefix))
    throw new Error(`Bus prefix must be letters, digits, "_" or "-" (at most 40), got ${JSON.stringify(prefix)}`);
  const streamPrefix = prefix ? `${prefix}_` : "";
  const subjectPrefix = prefix ? `${prefix}.` : "";
  return {
    deliveriesStream: `${streamPrefix}EARSHOT_DELIVERIES`,
    deadLetterStream: `${streamPrefix}EARSHOT_DEADLETTER`,
    deliveriesSubject: `${subjectPrefix}earshot.deliveries`,
    deadLetterSubject: `${subjectPrefix}earshot.deadletter`,
    leaseBucket: `${streamPrefix}EARSHOT_LEASES`,
  };
}

export function shardSubject(names: BusNames, shard: number): string {
  return `${names.deliveriesSubject}.${shard}`;
}

export function deadLetterSubject(names: BusNames, workspaceId: string): string {
  return `${names.deadLetterSubject}.${workspaceId}`;
}

/** One durable pull consumer per shard; consumer names are scoped to their stream. */
export function shardConsumerName(shard: number): string {
  return `shard-${shard}`;
}

export function shardLeaseName(shard: number): string {
  return `deliveries.shard.${shard}`;
}

export function allShards(): number[] {
  return Array.from({ length: SHARD_COUNT }, (_, shard) => shard);
}
