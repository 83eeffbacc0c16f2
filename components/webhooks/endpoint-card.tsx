"use client";

import Link from "next/link";
import { useState } from "react";
import type { ActionFields } from "@/lib/actions/result";
import {
  deleteWebhookAction,
  rotateWebhookSecretAction,
  testWebhookAction,
  updateWebhookAction,
} from "@/lib/webhooks/actions";
import type { WebhookDeliveryRow, WebhookEndpointRow } from "@/lib/webhooks/endpoints";
import { useAction } from "@/components/ui/use-action";
import { DeliveryLog, utcMinute } from "./delivery-log";
import { EndpointForm } from "./endpoint-form";
import { SecretOnce } from "./secret-once";

const small = "rounded border px-2 py-1 text-xs disabled:opacity-60";

export interface OpenLog {
  deliveries: WebhookDeliveryRow[];
  next: string | null;
  paged: boolean;
}

/** One endpoint: its URL and events, its controls, and (when open) its delivery log. */
export function EndpointCard({ endpoint, log }: { endpoint: WebhookEndpointRow; log: OpenLog | null }) {
  const [editing, setEditing] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const { pending, error, run, router } = useAction();
  const edit = useAction<ActionFields<typeof updateWebhookAction>>();
  const logId = `webhook-log-${endpoint.id}`;
  const last = endpoint.lastDelivery;

  const rotate = () => {
    if (!window.confirm("Rotate the signing secret? The current secret stops working immediately.")) return;
    run(
      () => rotateWebhookSecretAction({ endpointId: endpoint.id }),
      (rotated) => {
        setSecret(rotated.secret);
        router.refresh();
      },
    );
  };

  const sendTest = () =>
    run(
      () => testWebhookAction({ endpointId: endpoint.id }),
      () => {
        setNotice("Test delivery queued: it appears in the delivery log once sent.");
        router.refresh();
      },
    );

  const remove = () => {
    if (window.confirm(`Delete the endpoint ${endpoint.url} and its delivery log?`))
      run(() => deleteWebhookAction({ endpointId: endpoint.id }));
  };

  return (
    <li
      aria-label={endpoint.url}
      data-endpoint={endpoint.id}
      className={`space-y-3 rounded-lg border border-slate-200 bg-white p-4 ${endpoint.enabled ? "" : "bg-slate-50"}`}
    >
      {editing ? (
        <EndpointForm
          initial={{ url: endpoint.url, events: endpoint.events }}
          submitLabel="Save"
          pending={edit.pending}
          error={edit.error}
          fieldErrors={edit.fieldErrors}
          onCancel={() => setEditing(false)}
          onSubmit={(fields) =>
            edit.run(
              () => updateWebhookAction({ endpointId: endpoint.id, ...fields }),
              () => {
                setEditing(false);
                edit.router.refresh();
              },
            )
          }
        />
      ) : (
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div className="min-w-0 space-y-1">
            <p className="break-all font-mono text-sm">{endpoint.url}</p>
            <p className="flex flex-wrap gap-1">
              {endpoint.events.map((e) => (
                <code key={e} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs">
                  {e}
                </code>
              ))}
            </p>
            <p className="text-xs text-slate-500">
              Secret <code>{endpoint.secretHint}</code>
              {last && (
                <>
                  {" · "}last delivery {last.state}
                  {last.responseStatus !== null && ` (HTTP ${last.responseStatus})`} at {utcMinute(last.at)}
                </>
              )}
              {!endpoint.enabled && <span className="ml-1 font-medium text-slate-700">· Disabled</span>}
            </p>
          </div>
          <div className="flex shrink-0 flex-wrap items-center gap-1">
            <label className="mr-2 flex items-center gap-1 text-xs">
              <input
                type="checkbox"
                checked={endpoint.enabled}
                disabled={pending}
                onChange={(e) => run(() => updateWebhookAction({ endpointId: endpoint.id, enabled: e.target.checked }))}
              />
              Enabled
            </label>
            <button
              type="button"
              onClick={() => setEditing(true)}
              className={`${small} border-slate-300 hover:bg-slate-50`}
            >
              Edit
            </button>
            <button
              type="button"
              disabled={pending || !endpoint.enabled}
              onClick={sendTest}
              className={`${small} border-slate-300 hover:bg-slate-50`}
            >
              Send test
            </button>
            <button
              type="button"
              disabled={pending}
              onClick={rotate}
              className={`${small} border-slate-300 hover:bg-slate-50`}
            >
              Rotate secret
            </button>
            <button
              type="button"
              disabled={pending}
              onClick={remove}
              className={`${small} border-red-200 text-red-700 hover:bg-red-50`}
            >
              Delete
            </button>
          </div>
        </div>
      )}
      {secret && <SecretOnce secret={secret} onDismiss={() => setSecret(null)} />}
      {notice && (
        <p role="status" className="text-xs text-slate-600">
          {notice}
        </p>
      )}
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      <Link
        href={log ? "/admin/webhooks" : `/admin/webhooks?log=${encodeURIComponent(endpoint.id)}`}
        aria-expanded={log !== null}
        aria-controls={log ? logId : undefined}
        scroll={false}
        className="inline-block text-xs text-indigo-700 hover:underline"
      >
        {log ? "Hide delivery log" : "Show delivery log"}
      </Link>
      {log && (
        <DeliveryLog
          id={logId}
          endpointId={endpoint.id}
          deliveries={log.deliveries}
          next={log.next}
          paged={log.paged}
        />
      )}
    </li>
  );
}
