"use client";

import { useState } from "react";
import { savePrivacySettingsAction } from "@/lib/privacy/retention-actions";
import {
  MIN_AUDIT_DAYS,
  RETENTION_SETTINGS,
  type AfterErasure,
  type PrivacySettings,
  type RetentionSetting,
} from "@/lib/privacy/settings";
import type { ActionFields } from "@/lib/actions/result";
import { useAction } from "@/components/ui/use-action";
import { primaryButton } from "@/components/ui/buttons";

const RETENTION_ROWS: Record<RetentionSetting, { title: string; what: string; suggestion: number }> = {
  unmatchedMentionsDays: {
    title: "Mentions that never became part of a case",
    what: "Anonymised after this many days (by when they were posted): text, title, link, earlier versions, raw payload and author go; the post still counts on the dashboards.",
    suggestion: 90,
  },
  closedCasesDays: {
    title: "Solved and closed cases and their messages",
    what: "After this many days without activity, the case's subject, the customer's messages, replies and notes are emptied and its posts anonymised; the case, its history and its service figures stay.",
    suggestion: 365,
  },
  rawPayloadDays: {
    title: "Raw payloads",
    what: "The network's full payload of each post (often the largest and most personal part) is removed after this many days; the normalised fields stay.",
    suggestion: 30,
  },
  inactiveContactsDays: {
    title: "Inactive contacts",
    what: "Contacts with no post, case, note or edit for this many days are deleted, and social profiles left without posts or cases with them. Contacts with a privacy flag are kept.",
    suggestion: 730,
  },
  auditDays: {
    title: "Audit log",
    what: `Audit rows older than this are deleted (at least ${MIN_AUDIT_DAYS} days).`,
    suggestion: 730,
  },
};

type Fields = ActionFields<typeof savePrivacySettingsAction>;
type Draft = Record<RetentionSetting, { forever: boolean; days: string }>;

function draftOf(settings: PrivacySettings): Draft {
  return Object.fromEntries(
    RETENTION_SETTINGS.map((key) => {
      const days = settings.retention[key];
      return [key, { forever: days === null, days: String(days ?? RETENTION_ROWS[key].suggestion) }];
    }),
  ) as Draft;
}

/** A typed number of days as the action takes it (a non-number is sent as NaN and refused beside its field). */
const daysOf = (d: { forever: boolean; days: string }) =>
  d.forever ? null : d.days.trim() === "" ? NaN : Number(d.days);

export function PrivacySettingsForm({ settings }: { settings: PrivacySettings }) {
  const { pending, error, fieldErrors, run, router } = useAction<Fields>();
  const [draft, setDraft] = useState<Draft>(() => draftOf(settings));
  const [afterErasure, setAfterErasure] = useState<AfterErasure>(settings.afterErasure);
  const [eraseEditHistory, setEraseEditHistory] = useState(settings.eraseEditHistory);
  const [saved, setSaved] = useState(false);
  const set = (key: RetentionSetting, next: Partial<Draft[RetentionSetting]>) => {
    setSaved(false);
    setDraft((d) => ({ ...d, [key]: { ...d[key], ...next } }));
  };

  return (
    <form
      aria-label="Privacy settings"
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 text-sm"
      onSubmit={(e) => {
        e.preventDefault();
        const retention = Object.fromEntries(RETENTION_SETTINGS.map((k) => [k, daysOf(draft[k])])) as Record<
          RetentionSetting,
          number | null
        >;
        run(
          () => savePrivacySettingsAction({ ...retention, afterErasure, eraseEditHistory }),
          () => {
            setSaved(true);
            // The retention panel below reads the saved settings (whether anything can be due).
            router.refresh();
          },
        );
      }}
    >
      <div>
        <h2 className="font-medium">Retention</h2>
        <p className="text-slate-500">
          How long Earshot keeps each kind of data. The retention job applies these every 6 hours; use Preview retention
          below to see what it would change first.
        </p>
      </div>
      <fieldset className="space-y-3">
        <legend className="sr-only">Retention periods</legend>
        {RETENTION_SETTINGS.map((key) => (
          <RetentionRow
            key={key}
            name={key}
            value={draft[key]}
            disabled={pending}
            errors={fieldErrors[key]}
            onChange={(next) => set(key, next)}
          />
        ))}
      </fieldset>

      <fieldset className="space-y-1">
        <legend className="font-medium">After an erasure</legend>
        <p className="text-slate-500">Later posts from a person whose data was erased:</p>
        {(
          [
            ["drop", "Drop them (they are not stored at all)"],
            ["anonymise", "Store them anonymised (counted on the dashboards, without words or author)"],
          ] as const
        ).map(([value, label]) => (
          <label key={value} className="flex items-center gap-2">
            <input
              type="radio"
              name="afterErasure"
              value={value}
              checked={afterErasure === value}
              disabled={pending}
              onChange={() => {
                setSaved(false);
                setAfterErasure(value);
              }}
            />
            {label}
          </label>
        ))}
        <FieldError errors={fieldErrors.afterErasure} />
      </fieldset>

      <label className="flex items-start gap-2">
        <input
          type="checkbox"
          checked={eraseEditHistory}
          disabled={pending}
          onChange={(e) => {
            setSaved(false);
            setEraseEditHistory(e.target.checked);
          }}
        />
        <span>
          <strong>Erase earlier versions of edited posts</strong>
          <span className="block text-slate-500">
            When an author edits a post, keep only its current text instead of the versions before it.
          </span>
        </span>
      </label>

      <div className="flex items-center gap-3">
        <button className={primaryButton} disabled={pending}>
          {pending ? "Saving…" : "Save privacy settings"}
        </button>
        {saved && (
          <span role="status" className="text-green-700">
            Saved.
          </span>
        )}
      </div>
      {error && (
        <p role="alert" className="text-red-700">
          {error}
        </p>
      )}
    </form>
  );
}

function RetentionRow({
  name,
  value,
  disabled,
  errors,
  onChange,
}: {
  name: RetentionSetting;
  value: { forever: boolean; days: string };
  disabled: boolean;
  errors?: string[];
  onChange: (next: Partial<{ forever: boolean; days: string }>) => void;
}) {
  const row = RETENTION_ROWS[name];
  return (
    <div role="group" aria-label={row.title} className="rounded-md border border-slate-100 p-3">
      <div className="font-medium">{row.title}</div>
      <p className="text-slate-500">{row.what}</p>
      <div className="mt-1 flex flex-wrap items-center gap-4">
        <label className="flex items-center gap-2">
          <input
            type="radio"
            name={`${name}-mode`}
            checked={value.forever}
            disabled={disabled}
            onChange={() => onChange({ forever: true })}
          />
          Keep forever
        </label>
        <label className="flex items-center gap-2">
          <input
            type="radio"
            name={`${name}-mode`}
            checked={!value.forever}
            disabled={disabled}
            onChange={() => onChange({ forever: false })}
          />
          Keep for
          <input
            type="number"
            min={name === "auditDays" ? MIN_AUDIT_DAYS : 1}
            step={1}
            value={value.days}
            disabled={disabled || value.forever}
            aria-label={`${row.title}: days to keep`}
            aria-invalid={errors?.length ? true : undefined}
            onChange={(e) => onChange({ days: e.target.value })}
            className="w-24 rounded border border-slate-300 px-1 disabled:bg-slate-50 disabled:text-slate-400"
          />
          days
        </label>
      </div>
      <FieldError errors={errors} />
    </div>
  );
}

function FieldError({ errors }: { errors?: string[] }) {
  if (!errors?.length) return null;
  return <p className="mt-1 text-red-700">{errors[0]}</p>;
}
