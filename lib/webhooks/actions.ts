"use server";

import { adminAction } from "@/lib/actions/clients";
import { createEndpoint, deleteEndpoint, redeliver, rotateSecret, sendTestEvent, updateEndpoint } from "./endpoints";
import { createEndpointSchema, deliveryIdSchema, endpointIdSchema, updateEndpointSchema } from "./schemas";

const WEBHOOKS_PAGE = ["/admin/webhooks"];

/** Returns the new endpoint and its secret: the only time the secret is shown. */
export const createWebhookAction = adminAction(
  "webhooks.create",
  createEndpointSchema,
  (input, { user, workspaceId }) => createEndpoint(workspaceId, user.id, input),
  { revalidate: WEBHOOKS_PAGE },
);

export const updateWebhookAction = adminAction(
  "webhooks.update",
  updateEndpointSchema,
  (input, { user, workspaceId }) => updateEndpoint(workspaceId, user.id, input),
  { revalidate: WEBHOOKS_PAGE },
);

/** Returns the new secret, shown once. */
export const rotateWebhookSecretAction = adminAction(
  "webhooks.rotateSecret",
  endpointIdSchema,
  (input, { user, workspaceId }) => rotateSecret(workspaceId, user.id, input.endpointId),
  { revalidate: WEBHOOKS_PAGE },
);

export const deleteWebhookAction = adminAction(
  "webhooks.delete",
  endpointIdSchema,
  async (input, { user, workspaceId }) => {
    await deleteEndpoint(workspaceId, user.id, input.endpointId);
    return null;
  },
  { revalidate: WEBHOOKS_PAGE },
);

export const testWebhookAction = adminAction(
  "webhooks.test",
  endpointIdSchema,
  (input, { user, workspaceId }) => sendTestEvent(workspaceId, user.id, input.endpointId),
  { revalidate: WEBHOOKS_PAGE },
);

export const redeliverWebhookAction = adminAction(
  "webhooks.redeliver",
  deliveryIdSchema,
  async (input, { user, workspaceId }) => {
    await redeliver(workspaceId, user.id, input.deliveryId);
    return null;
  },
  { revalidate: WEBHOOKS_PAGE },
);
