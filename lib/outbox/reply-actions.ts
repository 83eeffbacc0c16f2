"use server";

import { z } from "zod";
import { agentAction, type Revalidation } from "@/lib/actions/clients";
import { idParam } from "@/lib/util/params";
import { cancelReply, editAndResendReply, retryReply } from "./reply-review";

// An agent's hand on a reply after sending: retry a failed one, edit and resend one that did not
// go out, withdraw one still waiting. The conversation, the outbox and the approvals list show it.
const REPLY_VIEWS: Revalidation[] = [
  "/outbox",
  "/approvals",
  { path: "/cases", type: "layout" },
  { path: "/inbox", type: "layout" },
];

const outboxIdSchema = z.object({ outboxId: idParam });
const resendSchema = z.object({
  outboxId: idParam,
  body: z.string().trim().min(1, "A reply needs some text.").max(20_000),
});

export const retryReplyAction = agentAction(
  "replies.retry",
  outboxIdSchema,
  (input, { user, workspaceId }) => retryReply(workspaceId, { id: user.id, role: user.role }, input),
  { revalidate: REPLY_VIEWS },
);

export const editAndResendReplyAction = agentAction(
  "replies.editAndResend",
  resendSchema,
  (input, { user, workspaceId }) => editAndResendReply(workspaceId, { id: user.id, role: user.role }, input),
  { revalidate: REPLY_VIEWS },
);

export const cancelReplyAction = agentAction(
  "replies.cancel",
  outboxIdSchema,
  (input, { user, workspaceId }) => cancelReply(workspaceId, { id: user.id, role: user.role }, input),
  { revalidate: REPLY_VIEWS },
);
