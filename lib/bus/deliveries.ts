import "server-only";

// The deliveries bus, in one place: stream setup, publishing, consuming by shard, dead letters.
// See docs/scale-out.md.

export { ensureDeliveryStreams, ensureDeliveryStreamsOnce, deleteDeliveryStreams } from "./streams";
export { publishDelivery, type PublishDeliveryInput, type PublishedDelivery } from "./publish";
export {
  consumeDeliveries,
  startShardConsumer,
  type ConsumeOptions,
  type ConsumerEvent,
  type Delivery,
  type DeliveryConsumer,
  type DeliveryHandler,
} from "./consumer";
export {
  listDeadLetters,
  getDeadLetter,
  retryDeadLetter,
  discardDeadLetter,
  DeadLetterNotFoundError,
  type DeadLetter,
} from "./dead-letters";
export { startDeliveryWorker, workerId, type DeliveryWorker, type DeliveryWorkerOptions } from "./shard-worker";
export { BusUnavailableError, DeliveryTooLargeError, isBusUnavailable } from "./errors";
export { shardOf } from "./shards";
export { SHARD_COUNT } from "./names";
