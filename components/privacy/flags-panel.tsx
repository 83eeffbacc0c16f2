"use client";

import { useState } from "react";
import { setPrivacyFlagAction } from "@/lib/privacy/flag-actions";
import type { PrivacyFlag } from "@/lib/privacy/flag-schemas";
import type { PrivacyPanelData } from "@/lib/privacy/flags";
import { dangerButton, primaryButton, secondaryButton, textInput } from "@/components/ui/buttons";
import { useAction } from "@/components/ui/use-action";

// The contact page's privacy panel: the two flags, each changed with the reason for the change,
// and every privacy request recorded for the person (date, kind, reason, by whom).

const FLAGS: Array<{ flag: PrivacyFlag; label: string; effect: string }> = [
  {
    flag: "doNotProfile",
    label: "Do not profile",
    effect: "Their posts never train the sentiment model, and they are left out of top-author lists.",
  },
  {
    flag: "restrictProcessing",
    label: "Restrict processing",
    effect: "Their new posts are stored, but not routed into cases nor scored, until this is lifted.",
  },
];

const KIND_LABEL: Record<string, string> = {
  export: "Export",
  erasure: "Erasure",
  do_not_profile: "Do not profile: set",
  lift_do_not_profile: "Do not profile: lifted",
  restrict_processing: "Restrict processing: set",
  lift_restrict_processing: "Restrict processing: lifted",
};

const day = (iso: string) => iso.slice(0, 16).replace("T", " ");

function FlagRow({
  contactId,
  flag,
  label,
  effect,
  on,
  canChange,
}: {
  contactId: string;
  flag: PrivacyFlag;
  label: string;
  effect: string;
  on: boolean;
  canChange: boolean;
}) {
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState("");
  const { pending, error, fieldErrors, run, router } = useAction<"reason">();
  const submit = () =>
    run(
      () => setPrivacyFlagAction({ contactId, flag, on: !on, reason }),
      () => {
        setAsking(false);
        setReason("");
        router.refresh();
      },
    );
  return (
    <li className="space-y-2" data-flag={flag}>
      <div className="flex items-start justify-between gap-3">
        <div>
          <p className="text-sm font-medium">
            {label}:{" "}
            <span className={on ? "text-red-700" : "text-slate-500"} aria-label={`${label} is ${on ? "on" : "off"}`}>
              {on ? "on" : "off"}
            </span>
          </p>
          <p className="text-xs text-slate-500">{effect}</p>
        </div>
        {canChange && !asking && (
          <button
            className={on ? secondaryButton : dangerButton}
            onClick={() => setAsking(true)}
            aria-label={`${on ? "Lift" : "Turn on"} ${label}`}
          >
            {on ? "Lift" : "Turn on"}
          </button>
        )}
      </div>
      {asking && (
        <form
          className="space-y-2"
          aria-label={`${on ? "Lift" : "Turn on"} ${label}`}
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <textarea
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            rows={2}
            maxLength={1000}
            placeholder="Reason: the person's request, when and how it came"
            aria-label="Reason"
            className={textInput}
          />
          {fieldErrors?.reason && <p className="text-xs text-red-700">{fieldErrors.reason[0]}</p>}
          <div className="flex gap-2">
            <button className={primaryButton} disabled={pending || !reason.trim()}>
              {pending ? "Saving…" : on ? "Lift the flag" : "Turn the flag on"}
            </button>
            <button type="button" className={secondaryButton} onClick={() => setAsking(false)} disabled={pending}>
              Cancel
            </button>
          </div>
          {error && (
            <p role="alert" className="text-xs text-red-700">
              {error}
            </p>
          )}
        </form>
      )}
    </li>
  );
}

/** Placed on the contact page; `canChange`: the viewer is a manager or an admin. */
export function PrivacyFlagsPanel({ data, canChange }: { data: PrivacyPanelData; canChange: boolean }) {
  return (
    <div className="space-y-4">
      <ul className="space-y-3" aria-label="Privacy flags">
        {FLAGS.map((f) => (
          <FlagRow
            key={f.flag}
            contactId={data.contactId}
            flag={f.flag}
            label={f.label}
            effect={f.effect}
            on={data[f.flag]}
            canChange={canChange}
          />
        ))}
      </ul>
      <div>
        <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Privacy requests</h3>
        {data.requests.length === 0 ? (
          <p className="text-sm text-slate-500">None recorded.</p>
        ) : (
          <table className="w-full text-left text-sm" aria-label="Privacy requests">
            <thead className="text-xs text-slate-500">
              <tr>
                <th className="py-1 pr-2 font-medium">Date (UTC)</th>
                <th className="py-1 pr-2 font-medium">Request</th>
                <th className="py-1 pr-2 font-medium">Reason</th>
                <th className="py-1 font-medium">By</th>
              </tr>
            </thead>
            <tbody>
              {data.requests.map((r) => (
                <tr key={r.id} className="border-t border-slate-100 align-top">
                  <td className="whitespace-nowrap py-1 pr-2">
                    <time dateTime={r.at}>{day(r.at)}</time>
                  </td>
                  <td className="py-1 pr-2">{KIND_LABEL[r.kind] ?? r.kind}</td>
                  <td className="whitespace-pre-wrap break-words py-1 pr-2">{r.reason || "—"}</td>
                  <td className="py-1">{r.by ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}
