// How many shards a worker should hold, and in which order it tries free ones. Pure.

export function fairShare(shardCount: number, liveWorkers: number): number {
  return Math.ceil(shardCount / Math.max(1, liveWorkers));
}

/**
 * The shards to try, starting at a point that depends on the owner, so that workers starting
 * together do not all race for shard 0 first.
 */
export function tryOrder(shards: number[], owner: string): number[] {
  if (shards.length === 0) return [];
  let hash = 0;
  for (const ch of owner) hash = (Math.imul(hash, 31) + ch.charCodeAt(0)) >>> 0;
  const start = hash % shards.length;
  return [...shards.slice(start), ...shards.slice(0, start)];
}

/** The shards to hand back when holding more than the fair share: the last ones taken. */
export function surplus(held: number[], target: number): number[] {
  return held.length > target ? held.slice(target) : [];
}
