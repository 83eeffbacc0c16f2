// Webhook endpoints' inputs and the events they may subscribe to. Pure (zod only): the forms
// use the event list and the server actions validate with these schemas.
import { z } from "zod";
import { idParam } from "@/lib/util/params";

export const WEBHOOK_EVENTS = [
  "mention.created",
  "case.created",
  "case.updated",
  "reply.sent",
  "reply.failed",
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** Sent only by "Send test" to one endpoint; never subscribed to. */
export const TEST_EVENT = "webhook.test";

export const EVENT_DESCRIPTIONS: Record<WebhookEvent, string> = {
  "mention.created": "A new mention was ingested",
  "case.created": "A mention opened a new case",
  "case.updated": "A case's status, priority, assignee or subject changed",
  "reply.sent": "A reply was posted on the network",
  "reply.failed": "A reply could not be posted",
};

export const MAX_URL_LENGTH = 2_000;

const url = z
  .string()
  .trim()
  .min(1, "Enter the endpoint's URL.")
  .max(MAX_URL_LENGTH, `The URL is longer than ${MAX_URL_LENGTH} characters.`);

/** A non-empty set of known events, in the list's order, each once. */
const events = z
  .array(z.enum(WEBHOOK_EVENTS, { error: "is not an event Earshot sends" }))
  .min(1, "Choose at least one event.")
  .transform((chosen) => WEBHOOK_EVENTS.filter((e) => chosen.includes(e)));

export const createEndpointSchema = z.object({ url, events });
export type CreateEndpointInput = z.output<typeof createEndpointSchema>;

export const endpointIdSchema = z.object({ endpointId: idParam });

export const updateEndpointSchema = endpointIdSchema.extend({
  url: url.optional(),
  events: events.optional(),
  enabled: z.boolean().optional(),
});
export type UpdateEndpointInput = z.output<typeof updateEndpointSchema>;

export const deliveryIdSchema = z.object({ deliveryId: idParam });
