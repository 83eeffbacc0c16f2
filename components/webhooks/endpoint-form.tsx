"use client";

import { useId, useState } from "react";
import type { FieldErrors } from "@/lib/actions/result";
import { EVENT_DESCRIPTIONS, WEBHOOK_EVENTS, type WebhookEvent } from "@/lib/webhooks/schemas";
import { primaryButton, secondaryButton, textInput } from "@/components/ui/buttons";

export interface EndpointFields {
  url: string;
  events: WebhookEvent[];
}

/** The URL and event checkboxes, for a new endpoint and for editing one. */
export function EndpointForm({
  initial = { url: "", events: [] },
  submitLabel,
  pending,
  error,
  fieldErrors,
  onSubmit,
  onCancel,
}: {
  initial?: EndpointFields;
  submitLabel: string;
  pending: boolean;
  error: string | null;
  fieldErrors: FieldErrors<"url" | "events">;
  onSubmit: (fields: EndpointFields) => void;
  onCancel?: () => void;
}) {
  const [url, setUrl] = useState(initial.url);
  const [events, setEvents] = useState<WebhookEvent[]>(initial.events);
  const id = useId();

  const toggle = (event: WebhookEvent, on: boolean) =>
    setEvents((current) => (on ? [...current, event] : current.filter((e) => e !== event)));

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit({ url, events });
      }}
      className="space-y-3"
    >
      <div>
        <label htmlFor={`${id}-url`} className="block text-sm font-medium">
          Endpoint URL
        </label>
        <input
          id={`${id}-url`}
          type="url"
          required
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          placeholder="https://crm.example.com/hooks/earshot"
          aria-invalid={fieldErrors.url ? true : undefined}
          aria-describedby={fieldErrors.url ? `${id}-url-error` : undefined}
          className={textInput}
        />
        {fieldErrors.url && (
          <p id={`${id}-url-error`} className="mt-1 text-xs text-red-700">
            {fieldErrors.url[0]}
          </p>
        )}
      </div>
      <fieldset>
        <legend className="text-sm font-medium">Events</legend>
        <div className="mt-1 space-y-1">
          {WEBHOOK_EVENTS.map((event) => (
            <label key={event} className="flex items-start gap-2 text-sm">
              <input
                type="checkbox"
                checked={events.includes(event)}
                onChange={(e) => toggle(event, e.target.checked)}
                className="mt-0.5"
              />
              <span>
                <code className="text-xs">{event}</code>{" "}
                <span className="text-xs text-slate-500">{EVENT_DESCRIPTIONS[event]}</span>
              </span>
            </label>
          ))}
        </div>
        {fieldErrors.events && <p className="mt-1 text-xs text-red-700">{fieldErrors.events[0]}</p>}
      </fieldset>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      <div className="flex gap-2">
        <button type="submit" disabled={pending || !url.trim() || events.length === 0} className={primaryButton}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel} className={secondaryButton}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
