import { SHARD_COUNT } from "./names";

// The shard of a workspace: FNV-1a (32 bit) of its id's UTF-8 bytes, modulo the shard count.
// Pure and stable across processes and releases: all deliveries of one workspace go to one
// shard, whose consumer handles one message at a time, so case joining and threading see a
// workspace's earlier posts first. Changing the hash or SHARD_COUNT moves workspaces between
// shards; do it only with the deliveries stream drained.

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

export function fnv1a32(text: string): number {
  let hash = FNV_OFFSET;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, FNV_PRIME) >>> 0;
  }
  return hash >>> 0;
}

export function shardOf(workspaceId: string, shardCount = SHARD_COUNT): number {
  return fnv1a32(workspaceId) % shardCount;
}
