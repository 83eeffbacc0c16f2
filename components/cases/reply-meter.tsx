"use client";

import { Fragment } from "react";
import { countReply, overLimitReason, previewParts, REPLY_NETWORK_NAME } from "@/lib/outbox/limits";
import type { ReplyNetwork } from "@/lib/outbox/transport";

// The meter turns amber from this share of the limit, so the agent sees the end coming.
const NEAR_LIMIT = 0.9;

interface MeterProps {
  network: ReplyNetwork;
  text: string;
  /** A Mastodon instance's own limit, from the connected account. */
  instanceLimit?: number;
  /** The connected account the reply goes out as; null when none (sandbox). */
  accountLabel: string | null;
}

/** "used / max unit", counted the way the network counts, and which account will post. */
export function ReplyMeter({ network, text, instanceLimit, accountLabel }: MeterProps) {
  const count = countReply(network, text, { instanceLimit });
  const reason = overLimitReason(count);
  const tone = count.over
    ? "font-medium text-red-700"
    : count.used >= count.max * NEAR_LIMIT
      ? "font-medium text-amber-700"
      : "text-slate-500";
  const name = REPLY_NETWORK_NAME[network];
  return (
    <div className="space-y-0.5 text-xs" data-testid="reply-meter">
      <p className={tone} data-over={count.over ? "true" : "false"}>
        {count.used.toLocaleString("en-US")} / {count.max.toLocaleString("en-US")} {count.unit}
      </p>
      {/* Always rendered, so screen readers announce the message when it appears. */}
      <p aria-live="polite" className="text-red-700">
        {reason ? `Over the limit: ${reason}.` : ""}
      </p>
      <p className="text-slate-500">
        {accountLabel ? (
          <>
            Posting as <span className="font-medium text-slate-700">{accountLabel}</span> on {name}
          </>
        ) : (
          "No connected account: the reply is recorded in the sandbox and not posted."
        )}
      </p>
    </div>
  );
}

interface PreviewProps {
  network: ReplyNetwork;
  text: string;
  /** The handle the reply is posted as, when an account is connected. */
  authorHandle: string | null;
}

/**
 * The reply as the network will show it: the text as written (React escapes it; whitespace and
 * line breaks kept), @mentions and http(s) links styled. Links are spans, not anchors: a preview
 * is no place to follow a link the agent has not sent yet.
 */
export function ReplyPreview({ network, text, authorHandle }: PreviewProps) {
  return (
    <figure
      aria-label={`Preview on ${REPLY_NETWORK_NAME[network]}`}
      className="rounded-lg border border-slate-200 bg-white p-3 text-sm"
    >
      <figcaption className="mb-1 flex items-center gap-2 text-xs text-slate-500">
        <span className="rounded border border-slate-200 px-1.5 py-0.5 text-slate-600">
          {REPLY_NETWORK_NAME[network]}
        </span>
        <span className="font-medium text-slate-700">{authorHandle ?? "Your account"}</span>
      </figcaption>
      {text.trim() ? (
        <p className="whitespace-pre-wrap break-words">
          {previewParts(text).map((part, i) =>
            part.kind === "text" ? (
              <Fragment key={i}>{part.text}</Fragment>
            ) : (
              <span
                key={i}
                className={part.kind === "link" ? "text-sky-700 underline" : "font-medium text-sky-700"}
                data-kind={part.kind}
              >
                {part.text}
              </span>
            ),
          )}
        </p>
      ) : (
        <p className="text-slate-400">Nothing to preview yet.</p>
      )}
    </figure>
  );
}
