import "server-only";
import { z } from "zod";
import { getBus, type Bus } from "./connection";
import { BusUnavailableError, DeliveryTooLargeError, toBusError } from "./errors";
import { deliveryHeaders } from "./headers";
import { deliveryIdFor, deliveryMessageId } from "./message-ids";
import { shardSubject } from "./names";
import { shardOf } from "./shards";
import { ensureDeliveryStreamsOnce } from "./streams";

// Publishing a raw delivery: the answer comes once JetStream has stored it (or recognised it
// as a duplicate), so the HTTP API can answer 202 with the delivery id.

// Ids go into subjects and headers: letters, digits, "_" and "-" (cuids are).
const id = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, "must be 1–128 letters, digits, _ or -");

const publishInput = z.object({
  workspaceId: id,
  format: z.string().regex(/^[a-z0-9_-]{1,40}$/, "must be a format name"),
  body: z.instanceof(Uint8Array),
  sourceId: id.nullish(),
  brandId: id.nullish(),
  externalIds: z
    .array(
      z.object({
        network: z.string().min(1).max(40),
        externalId: z.string().min(1).max(1_000),
        version: z.string().min(1).max(200).optional(),
      }),
    )
    .max(100_000)
    .optional(),
  receivedAt: z.date().optional(),
});

export type PublishDeliveryInput = z.input<typeof publishInput>;

export type PublishedDelivery = { deliveryId: string; shard: number; seq: number; duplicate: boolean };

/** Room for the headers within the server's max_payload (which counts headers and body). */
const HEADER_ALLOWANCE = 4 * 1024;

export async function publishDelivery(
  input: PublishDeliveryInput,
  options: { bus?: Bus } = {},
): Promise<PublishedDelivery> {
  const delivery = publishInput.parse(input);
  const bus = options.bus ?? (await getBus());
  if (!bus.isConnected()) throw new BusUnavailableError("disconnected", "NATS is not connected");
  const limit = (bus.nc.info?.max_payload ?? 1024 * 1024) - HEADER_ALLOWANCE;
  if (delivery.body.byteLength > limit) throw new DeliveryTooLargeError(delivery.body.byteLength, limit);

  const messageId = deliveryMessageId(delivery);
  const deliveryId = deliveryIdFor(messageId);
  const shard = shardOf(delivery.workspaceId);
  const headers = deliveryHeaders({
    deliveryId,
    workspaceId: delivery.workspaceId,
    format: delivery.format,
    sourceId: delivery.sourceId ?? null,
    brandId: delivery.brandId ?? null,
    receivedAt: delivery.receivedAt ?? new Date(),
  });
  try {
    await ensureDeliveryStreamsOnce(bus);
    const ack = await bus.js.publish(shardSubject(bus.names, shard), delivery.body, {
      msgID: messageId,
      headers,
      timeout: bus.requestTimeoutMs,
      expect: { streamName: bus.names.deliveriesStream },
    });
    return { deliveryId, shard, seq: ack.seq, duplicate: ack.duplicate };
  } catch (error) {
    const mapped = toBusError(error, limit);
    if (mapped instanceof DeliveryTooLargeError) throw new DeliveryTooLargeError(delivery.body.byteLength, limit);
    throw mapped;
  }
}
