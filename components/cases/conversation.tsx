import type { ConversationItem } from "@/lib/cases/detail";
import { HighlightedText } from "@/components/listening/highlighted-text";
import { NetworkBadge } from "@/components/ui/badges";
import { ExternalLink } from "@/components/ui/external-link";
import { SentimentControl } from "@/components/enrich/sentiment-control";
import { DeliveryBadge, DeliveryDetails } from "@/components/cases/delivery-status";

const when = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;

function describe(item: Extract<ConversationItem, { kind: "event" }>): string {
  const after = (item.after ?? {}) as Record<string, unknown>;
  const before = (item.before ?? {}) as Record<string, unknown>;
  switch (item.event) {
    case "created":
      return `Case created${Array.isArray(after.reasons) ? `: ${(after.reasons as string[]).join("; ")}` : ""}`;
    case "assigned":
      return after.assigneeId ? "Assigned" : "Unassigned";
    case "status_changed":
      return `Status ${String(before.status ?? "").toLowerCase()} → ${String(after.status ?? "").toLowerCase()}${after.reason ? ` (${after.reason})` : ""}`;
    case "reopened":
      return "Reopened by a new message from the customer";
    case "updated":
      return `Changed ${Object.keys(after).join(", ")}`;
    case "merged_into":
      return `Merged into case #${after.number}`;
    case "merged_from":
      return `Case #${after.number} merged in (${after.messages} messages)`;
    case "split":
      return `Split: messages moved to new case #${after.into}`;
    case "message_moved_out":
      return `A message moved to case #${after.to}`;
    case "message_moved_in":
      return "A message moved in from another case";
    case "reply.sent":
      return "Reply posted on the network";
    case "reply.failed":
      return `Reply failed: ${String(after.error ?? "")}`;
    case "reply.approved":
      return after.edited ? "Reply approved with edits" : "Reply approved";
    case "reply.rejected":
      return `Reply rejected: ${String(after.note ?? "")}`;
    case "reply.expired":
      return "Reply not approved in time: not sent";
    case "reply.retried":
      return "Reply sent again";
    case "reply.resent":
      return "Reply edited and sent again";
    case "reply.cancelled":
      return "Reply withdrawn";
    default:
      return item.event;
  }
}

/** The case's conversation in time order: inbound mentions, replies, notes and events. */
export function Conversation({ items }: { items: ConversationItem[] }) {
  return (
    <ol className="space-y-2" aria-label="Conversation">
      {items.map((item) => {
        if (item.kind === "event") {
          return (
            <li key={item.id} className="px-2 text-xs text-slate-500">
              <time dateTime={item.at}>{when(item.at)}</time> · {describe(item)}
              {item.actor ? ` · ${item.actor}` : ""}
            </li>
          );
        }
        if (item.kind === "inbound") {
          return (
            <li key={item.id} className="rounded-lg border border-slate-200 bg-white p-3 text-sm" data-kind="inbound">
              <div className="mb-1 flex flex-wrap items-center gap-2 text-xs text-slate-500">
                <NetworkBadge network={item.network} />
                {item.handle && <span className="font-medium text-slate-700">@{item.handle}</span>}
                <time dateTime={item.at}>{when(item.at)}</time>
                {item.mentionId && (
                  <SentimentControl mentionId={item.mentionId} sentiment={item.sentiment} reasons={[]} />
                )}
                {item.deleted && <span className="text-red-600">deleted by the author</span>}
                <ExternalLink href={item.url}>open on the network</ExternalLink>
              </div>
              {item.title && <p className="font-medium">{item.title}</p>}
              <HighlightedText text={item.text} spans={item.spans} />
            </li>
          );
        }
        const note = item.kind === "note";
        return (
          <li
            key={item.id}
            className={`ml-8 rounded-lg border p-3 text-sm ${note ? "border-amber-200 bg-amber-50" : "border-indigo-200 bg-indigo-50"}`}
            data-kind={item.kind}
          >
            <div className="mb-1 flex items-center gap-2 text-xs text-slate-500">
              <span className="font-medium text-slate-700">{item.author ?? "Agent"}</span>
              <span>{note ? "internal note" : "reply"}</span>
              <time dateTime={item.at}>{when(item.at)}</time>
              {!note && item.delivery && <DeliveryBadge delivery={item.delivery} />}
            </div>
            <p className="whitespace-pre-wrap break-words">{item.text}</p>
            {item.kind === "outbound" && item.outbox && item.delivery !== "sent (sandbox)" && (
              <DeliveryDetails outbox={item.outbox} body={item.text} />
            )}
          </li>
        );
      })}
    </ol>
  );
}
