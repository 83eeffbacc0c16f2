"use client";

import { useState } from "react";
import {
  createQueueAction,
  createRoutingRuleAction,
  deleteQueueAction,
  deleteRoutingRuleAction,
  moveRoutingRuleAction,
  renameQueueAction,
  saveRoutingSettingsAction,
  saveSlaPolicyAction,
  updateRoutingRuleAction,
} from "@/lib/routing/actions";
import type { RoutingActions, RoutingConditions, RoutingSettings } from "@/lib/routing/rules";
import { NETWORKS } from "@/lib/domain/vocabulary";
import { useAction } from "@/components/ui/use-action";
import { dangerButton, primaryButton, secondaryButton, textInput } from "@/components/ui/buttons";
import { PRIORITIES, SENTIMENTS, type PriorityName } from "@/lib/domain/vocabulary";

interface Named {
  id: string;
  name: string;
}
export interface RuleView {
  id: string;
  name: string;
  active: boolean;
  valid: boolean;
  conditions?: RoutingConditions;
  actions?: RoutingActions;
}
export interface PolicyView {
  id: string;
  name: string;
  targets: unknown;
  businessHours: { timeZone: string; weeklyHours: unknown; holidays: string[] } | null;
}
interface Props {
  rules: RuleView[];
  queues: Array<Named & { description: string | null; cases: number }>;
  policies: PolicyView[];
  brands: Named[];
  keywordRules: Named[];
  settings: RoutingSettings;
}

const Err = ({ error }: { error: string | null }) =>
  error ? (
    <p role="alert" className="text-sm text-red-700">
      {error}
    </p>
  ) : null;
const split = (s: string) =>
  s
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean);

function Checks<T extends string>({
  label,
  options,
  value,
  onChange,
}: {
  label: string;
  options: Array<{ id: T; name: string }>;
  value: T[];
  onChange: (v: T[]) => void;
}) {
  return (
    <fieldset className="text-sm">
      <legend className="text-slate-600">{label}</legend>
      <div className="flex flex-wrap gap-x-3">
        {options.map((o) => (
          <label key={o.id} className="flex items-center gap-1">
            <input
              type="checkbox"
              checked={value.includes(o.id)}
              onChange={(e) => onChange(e.target.checked ? [...value, o.id] : value.filter((x) => x !== o.id))}
            />
            {o.name}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function describeRule(r: RuleView, p: Props): string {
  const c = r.conditions ?? {};
  const a = r.actions;
  const name = (list: Named[], ids?: string[]) =>
    ids?.map((id) => list.find((x) => x.id === id)?.name ?? "?").join(" or ");
  const when = [
    c.brandIds?.length && `brand ${name(p.brands, c.brandIds)}`,
    c.keywordRuleIds?.length && `rule ${name(p.keywordRules, c.keywordRuleIds)}`,
    c.networks?.length && `on ${c.networks.join("/")}`,
    c.sentiments?.length && `sentiment ${c.sentiments.join("/").toLowerCase()}`,
    c.intents?.length && `intent ${c.intents.join("/").toLowerCase()}`,
    c.minFollowers !== undefined && `≥ ${c.minFollowers} followers`,
    c.minInfluence !== undefined && `influence ≥ ${c.minInfluence}`,
    c.contactTiers?.length && `tier ${c.contactTiers.join("/")}`,
    c.directOnly && "direct only",
  ].filter(Boolean);
  const then = !a
    ? []
    : a.createCase
      ? [
          "create a case",
          a.queueId && `queue ${p.queues.find((q) => q.id === a.queueId)?.name ?? "?"}`,
          a.priority && `priority ${a.priority.toLowerCase()}`,
          a.tags.length && `tags ${a.tags.join(", ")}`,
          a.slaPolicyId && `SLA ${p.policies.find((x) => x.id === a.slaPolicyId)?.name ?? "?"}`,
        ].filter(Boolean)
      : ["log only (no case)"];
  return `When ${when.length ? when.join(", ") : "any mention"}: ${then.join(", ")}`;
}

function RuleForm({ p, rule, onDone }: { p: Props; rule?: RuleView; onDone?: () => void }) {
  const { pending, error, run } = useAction();
  const [name, setName] = useState(rule?.name ?? "");
  const [c, setC] = useState<RoutingConditions>(rule?.conditions ?? {});
  const [a, setA] = useState<RoutingActions>(rule?.actions ?? { createCase: true, tags: [] });
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const done = () => {
      onDone?.();
      if (!rule) {
        setName("");
        setC({});
        setA({ createCase: true, tags: [] });
      }
    };
    run(
      () =>
        rule
          ? updateRoutingRuleAction({ ruleId: rule.id, active: rule.active, name, conditions: c, actions: a })
          : createRoutingRuleAction({ name, conditions: c, actions: a }),
      () => {
        done();
        location.reload();
      },
    );
  };
  return (
    <form
      onSubmit={submit}
      aria-label={rule ? `Edit rule ${rule.name}` : "New routing rule"}
      className="space-y-2 rounded-lg border border-slate-200 bg-white p-3"
    >
      <label className="block text-sm">
        Name
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          className={`mt-1 ${textInput}`}
          aria-label="Rule name"
        />
      </label>
      <p className="text-xs font-medium uppercase text-slate-500">When (all that are set must hold)</p>
      <Checks label="Brand" options={p.brands} value={c.brandIds ?? []} onChange={(v) => setC({ ...c, brandIds: v })} />
      <Checks
        label="Keyword rule"
        options={p.keywordRules}
        value={c.keywordRuleIds ?? []}
        onChange={(v) => setC({ ...c, keywordRuleIds: v })}
      />
      <Checks
        label="Network"
        options={NETWORKS.map((n) => ({ id: n, name: n }))}
        value={c.networks ?? []}
        onChange={(v) => setC({ ...c, networks: v })}
      />
      <Checks
        label="Sentiment"
        options={[...SENTIMENTS].reverse().map((s) => ({ id: s, name: s.toLowerCase() }))}
        value={c.sentiments ?? []}
        onChange={(v) => setC({ ...c, sentiments: v })}
      />
      <Checks
        label="Intent"
        options={(["COMPLAINT", "QUESTION", "PRAISE", "OTHER"] as const).map((s) => ({ id: s, name: s.toLowerCase() }))}
        value={c.intents ?? []}
        onChange={(v) => setC({ ...c, intents: v })}
      />
      <div className="flex flex-wrap gap-3 text-sm">
        <label>
          Followers at least{" "}
          <input
            type="number"
            min={0}
            value={c.minFollowers ?? ""}
            onChange={(e) => setC({ ...c, minFollowers: e.target.value === "" ? undefined : Number(e.target.value) })}
            className="w-28 rounded border border-slate-300 px-1"
            aria-label="Followers at least"
          />
        </label>
        <label>
          Influence at least{" "}
          <input
            type="number"
            min={0}
            max={100}
            value={c.minInfluence ?? ""}
            onChange={(e) => setC({ ...c, minInfluence: e.target.value === "" ? undefined : Number(e.target.value) })}
            className="w-20 rounded border border-slate-300 px-1"
            aria-label="Influence at least"
          />
        </label>
        <label>
          Contact tier{" "}
          <input
            value={(c.contactTiers ?? []).join(", ")}
            onChange={(e) => setC({ ...c, contactTiers: split(e.target.value) })}
            className="w-32 rounded border border-slate-300 px-1"
            aria-label="Contact tiers"
          />
        </label>
        <label className="flex items-center gap-1">
          <input
            type="checkbox"
            checked={!!c.directOnly}
            onChange={(e) => setC({ ...c, directOnly: e.target.checked || undefined })}
          />{" "}
          reached the brand directly
        </label>
      </div>
      <p className="text-xs font-medium uppercase text-slate-500">Then</p>
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <label className="flex items-center gap-1">
          <input
            type="checkbox"
            checked={a.createCase}
            onChange={(e) => setA({ ...a, createCase: e.target.checked })}
            aria-label="Create a case"
          />{" "}
          create a case (off: log only)
        </label>
        <label>
          Queue{" "}
          <select
            value={a.queueId ?? ""}
            onChange={(e) => setA({ ...a, queueId: e.target.value || null })}
            className="rounded border border-slate-300"
            aria-label="Rule queue"
          >
            <option value="">—</option>
            {p.queues.map((q) => (
              <option key={q.id} value={q.id}>
                {q.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Priority{" "}
          <select
            value={a.priority ?? ""}
            onChange={(e) => setA({ ...a, priority: (e.target.value || null) as RoutingActions["priority"] })}
            className="rounded border border-slate-300"
            aria-label="Rule priority"
          >
            <option value="">default</option>
            {PRIORITIES.map((x) => (
              <option key={x} value={x}>
                {x.toLowerCase()}
              </option>
            ))}
          </select>
        </label>
        <label>
          Tags{" "}
          <input
            value={a.tags.join(", ")}
            onChange={(e) => setA({ ...a, tags: split(e.target.value) })}
            className="w-32 rounded border border-slate-300 px-1"
            aria-label="Rule tags"
          />
        </label>
        <label>
          SLA{" "}
          <select
            value={a.slaPolicyId ?? ""}
            onChange={(e) => setA({ ...a, slaPolicyId: e.target.value || null })}
            className="rounded border border-slate-300"
            aria-label="Rule SLA policy"
          >
            <option value="">default</option>
            {p.policies.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="flex gap-2">
        <button className={primaryButton} disabled={pending}>
          {rule ? "Save rule" : "Add rule"}
        </button>
        {onDone && (
          <button type="button" className={secondaryButton} onClick={onDone}>
            Cancel
          </button>
        )}
      </div>
      <Err error={error} />
    </form>
  );
}

function RuleRow({ rule, p, index }: { rule: RuleView; p: Props; index: number }) {
  const { pending, error, run } = useAction();
  const [editing, setEditing] = useState(false);
  if (editing)
    return (
      <li>
        <RuleForm p={p} rule={rule} onDone={() => setEditing(false)} />
      </li>
    );
  return (
    <li className="flex items-start justify-between gap-3 py-2 text-sm">
      <div>
        <span className="mr-2 font-mono text-xs text-slate-400">{index + 1}</span>
        <strong className={rule.active ? "" : "text-slate-400 line-through"}>{rule.name}</strong>
        {!rule.valid && <span className="ml-2 text-xs text-red-700">invalid: skipped</span>}
        <p className="text-slate-600">{describeRule(rule, p)}</p>
        <Err error={error} />
      </div>
      <div className="flex shrink-0 gap-1">
        <button
          className={secondaryButton}
          disabled={pending}
          aria-label={`Move ${rule.name} up`}
          onClick={() => run(() => moveRoutingRuleAction({ ruleId: rule.id, direction: "up" }))}
        >
          ↑
        </button>
        <button
          className={secondaryButton}
          disabled={pending}
          aria-label={`Move ${rule.name} down`}
          onClick={() => run(() => moveRoutingRuleAction({ ruleId: rule.id, direction: "down" }))}
        >
          ↓
        </button>
        {rule.valid && (
          <button
            className={secondaryButton}
            disabled={pending}
            onClick={() =>
              run(() =>
                updateRoutingRuleAction({
                  ruleId: rule.id,
                  name: rule.name,
                  active: !rule.active,
                  conditions: rule.conditions!,
                  actions: rule.actions!,
                }),
              )
            }
          >
            {rule.active ? "Disable" : "Enable"}
          </button>
        )}
        {rule.valid && (
          <button className={secondaryButton} onClick={() => setEditing(true)}>
            Edit
          </button>
        )}
        <button
          className={dangerButton}
          disabled={pending}
          aria-label={`Delete ${rule.name}`}
          onClick={() => run(() => deleteRoutingRuleAction({ ruleId: rule.id }))}
        >
          Delete
        </button>
      </div>
    </li>
  );
}

function Queues({ p }: { p: Props }) {
  const { pending, error, run } = useAction();
  const [name, setName] = useState("");
  return (
    <section aria-label="Queues" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="font-medium">Queues</h2>
      <ul className="divide-y divide-slate-100 text-sm">
        {p.queues.map((q) => (
          <li key={q.id} className="flex items-center justify-between gap-2 py-1.5">
            <span>
              {q.name} <span className="text-xs text-slate-500">({q.cases} cases)</span>
            </span>
            <span className="flex gap-1">
              <button
                className={secondaryButton}
                disabled={pending}
                onClick={() => {
                  const next = prompt("New name", q.name);
                  if (next) run(() => renameQueueAction({ queueId: q.id, name: next }));
                }}
              >
                Rename
              </button>
              <button
                className={dangerButton}
                disabled={pending}
                aria-label={`Delete queue ${q.name}`}
                onClick={() => run(() => deleteQueueAction({ queueId: q.id }))}
              >
                Delete
              </button>
            </span>
          </li>
        ))}
      </ul>
      <form
        className="flex gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          run(
            () => createQueueAction({ name }),
            () => {
              setName("");
              location.reload();
            },
          );
        }}
      >
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="New queue name"
          aria-label="New queue name"
          className={textInput}
        />
        <button className={primaryButton} disabled={pending || !name.trim()}>
          Add queue
        </button>
      </form>
      <Err error={error} />
    </section>
  );
}

const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
type Targets = Partial<Record<PriorityName, { firstResponse?: number; nextResponse?: number; resolution?: number }>>;

function PolicyForm({ policy, onDone }: { policy?: PolicyView; onDone?: () => void }) {
  const { pending, error, run } = useAction();
  const [name, setName] = useState(policy?.name ?? "");
  const [targets, setTargets] = useState<Targets>((policy?.targets as Targets) ?? {});
  const weekly = (policy?.businessHours?.weeklyHours ?? {}) as Record<string, Array<[string, string]>>;
  const [useHours, setUseHours] = useState(!!policy?.businessHours || !policy);
  const [tz, setTz] = useState(policy?.businessHours?.timeZone ?? "Europe/Lisbon");
  const [days, setDays] = useState<Record<string, string>>(
    Object.fromEntries(
      DAYS.map((d) => [
        d,
        (weekly[d] ?? (policy ? [] : d === "sat" || d === "sun" ? [] : [["09:00", "18:00"]]))
          .map(([a, b]) => `${a}-${b}`)
          .join(", "),
      ]),
    ),
  );
  const [holidays, setHolidays] = useState((policy?.businessHours?.holidays ?? []).join(", "));
  const setTarget = (prio: keyof Targets, key: "firstResponse" | "nextResponse" | "resolution", value: string) =>
    setTargets({ ...targets, [prio]: { ...targets[prio], [key]: value === "" ? undefined : Number(value) } });
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const weeklyHours = Object.fromEntries(
      DAYS.map((d) => [
        d,
        days[d]
          .split(",")
          .map((x) => x.trim())
          .filter(Boolean)
          .map((x) => x.split("-").map((y) => y.trim()) as [string, string]),
      ]),
    );
    run(
      () =>
        saveSlaPolicyAction({
          policyId: policy?.id ?? null,
          name,
          targets,
          businessHours: useHours ? { timeZone: tz, weekly: weeklyHours, holidays: split(holidays) } : null,
        }),
      () => {
        onDone?.();
        location.reload();
      },
    );
  };
  return (
    <form
      onSubmit={submit}
      aria-label={policy ? `Edit SLA policy ${policy.name}` : "New SLA policy"}
      className="space-y-2 rounded-lg border border-slate-200 bg-white p-3 text-sm"
    >
      <label className="block">
        Name
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          className={`mt-1 ${textInput}`}
          aria-label="Policy name"
        />
      </label>
      <table className="text-sm">
        <thead>
          <tr>
            <th className="pr-2 text-left">Minutes</th>
            <th className="pr-2">First response</th>
            <th className="pr-2">Next response</th>
            <th>Resolution</th>
          </tr>
        </thead>
        <tbody>
          {[...PRIORITIES].reverse().map((prio) => (
            <tr key={prio}>
              <td className="pr-2">{prio.toLowerCase()}</td>
              {(["firstResponse", "nextResponse", "resolution"] as const).map((k) => (
                <td key={k} className="pr-2">
                  <input
                    type="number"
                    min={1}
                    value={targets[prio]?.[k] ?? ""}
                    onChange={(e) => setTarget(prio, k, e.target.value)}
                    className="w-24 rounded border border-slate-300 px-1"
                    aria-label={`${prio} ${k}`}
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <label className="flex items-center gap-1">
        <input type="checkbox" checked={useHours} onChange={(e) => setUseHours(e.target.checked)} /> count business
        hours only (off: around the clock)
      </label>
      {useHours && (
        <div className="space-y-1">
          <label className="block">
            Time zone{" "}
            <input
              value={tz}
              onChange={(e) => setTz(e.target.value)}
              className="rounded border border-slate-300 px-1"
              aria-label="Time zone"
            />
          </label>
          {DAYS.map((d) => (
            <label key={d} className="block">
              {d}{" "}
              <input
                value={days[d]}
                onChange={(e) => setDays({ ...days, [d]: e.target.value })}
                placeholder="closed, or 09:00-13:00, 14:00-18:00"
                className="w-72 rounded border border-slate-300 px-1"
                aria-label={`Hours ${d}`}
              />
            </label>
          ))}
          <label className="block">
            Holidays{" "}
            <input
              value={holidays}
              onChange={(e) => setHolidays(e.target.value)}
              placeholder="2026-12-25, 2027-01-01"
              className="w-72 rounded border border-slate-300 px-1"
              aria-label="Holidays"
            />
          </label>
        </div>
      )}
      <div className="flex gap-2">
        <button className={primaryButton} disabled={pending}>
          {policy ? "Save policy" : "Add policy"}
        </button>
        {onDone && (
          <button type="button" className={secondaryButton} onClick={onDone}>
            Cancel
          </button>
        )}
      </div>
      <Err error={error} />
    </form>
  );
}

function Policies({ p }: { p: Props }) {
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <section aria-label="SLA policies" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="font-medium">SLA policies and business hours</h2>
      <ul className="space-y-2 text-sm">
        {p.policies.map((x) =>
          editing === x.id ? (
            <li key={x.id}>
              <PolicyForm policy={x} onDone={() => setEditing(null)} />
            </li>
          ) : (
            <li key={x.id} className="flex items-center justify-between">
              <span>
                <strong>{x.name}</strong>{" "}
                <span className="text-slate-500">
                  {x.businessHours ? `business hours, ${x.businessHours.timeZone}` : "around the clock"}
                </span>
              </span>
              <button className={secondaryButton} onClick={() => setEditing(x.id)}>
                Edit
              </button>
            </li>
          ),
        )}
      </ul>
      <details>
        <summary className="cursor-pointer text-sm text-indigo-700">Add an SLA policy</summary>
        <PolicyForm />
      </details>
    </section>
  );
}

function Settings({ p }: { p: Props }) {
  const { pending, error, run } = useAction();
  const [s, setS] = useState(p.settings);
  return (
    <form
      aria-label="Threading"
      className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm"
      onSubmit={(e) => {
        e.preventDefault();
        run(() => saveRoutingSettingsAction(s));
      }}
    >
      <h2 className="font-medium">Threading</h2>
      <label className="block">
        A new mention by the same author about the same brand joins their open case within{" "}
        <input
          type="number"
          min={0}
          value={s.joinWindowHours}
          onChange={(e) => setS({ ...s, joinWindowHours: Number(e.target.value) })}
          className="w-20 rounded border border-slate-300 px-1"
          aria-label="Join window hours"
        />{" "}
        hours
      </label>
      <label className="block">
        A new mention reopens a solved case within{" "}
        <input
          type="number"
          min={0}
          value={s.reopenWindowHours}
          onChange={(e) => setS({ ...s, reopenWindowHours: Number(e.target.value) })}
          className="w-20 rounded border border-slate-300 px-1"
          aria-label="Reopen window hours"
        />{" "}
        hours
      </label>
      <label className="block">
        Default SLA policy{" "}
        <select
          value={s.defaultSlaPolicyId ?? ""}
          onChange={(e) => setS({ ...s, defaultSlaPolicyId: e.target.value || null })}
          className="rounded border border-slate-300"
          aria-label="Default SLA policy"
        >
          <option value="">none</option>
          {p.policies.map((x) => (
            <option key={x.id} value={x.id}>
              {x.name}
            </option>
          ))}
        </select>
      </label>
      <button className={primaryButton} disabled={pending}>
        Save
      </button>
      <Err error={error} />
    </form>
  );
}

export function RoutingAdmin(p: Props) {
  return (
    <div className="grid gap-4 xl:grid-cols-[minmax(0,1.4fr)_minmax(0,1fr)]">
      <div className="space-y-4">
        <section aria-label="Routing rules" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
          <h2 className="font-medium">Routing rules</h2>
          <p className="text-sm text-slate-600">
            For every new mention that needs no thread or open case, the first active rule that matches decides. Then
            the defaults: praise is logged without a case; questions, complaints and direct mentions get one; negative
            sentiment from an author with more than 10,000 followers is at least HIGH; a VIP contact is URGENT.
          </p>
          <ul className="divide-y divide-slate-100" aria-label="Rules in order">
            {p.rules.map((r, i) => (
              <RuleRow key={r.id} rule={r} p={p} index={i} />
            ))}
          </ul>
          <details>
            <summary className="cursor-pointer text-sm text-indigo-700">Add a routing rule</summary>
            <RuleForm p={p} />
          </details>
        </section>
      </div>
      <div className="space-y-4">
        <Settings p={p} />
        <Queues p={p} />
        <Policies p={p} />
      </div>
    </div>
  );
}
