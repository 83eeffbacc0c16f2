"use client";

import { useState } from "react";
import {
  createApprovalRuleAction,
  deleteApprovalRuleAction,
  setApprovalExpiryAction,
  updateApprovalRuleAction,
} from "@/lib/outbox/approval-actions";
import type { ApprovalConditions } from "@/lib/outbox/approval-match";
import { APPROVAL_EXPIRY_HOURS, APPROVAL_RULE_ROLES } from "@/lib/outbox/approval-schemas";
import { REPLY_NETWORKS } from "@/lib/outbox/transport";
import type { ActionFields } from "@/lib/actions/result";
import { NETWORK_LABEL } from "@/components/ui/badges";
import { useAction } from "@/components/ui/use-action";
import { dangerButton, primaryButton, secondaryButton, textInput } from "@/components/ui/buttons";

// Approval rules in Admin → Routing & SLAs: which replies wait for a manager before they go out,
// who approves them, and how long they may wait.

interface Named {
  id: string;
  name: string;
}
export interface ApprovalRuleRow {
  id: string;
  name: string;
  enabled: boolean;
  conditions: ApprovalConditions;
  approverIds: string[];
}
export interface MemberOption {
  userId: string;
  name: string;
  role: string;
  active: boolean;
}
interface Props {
  rules: ApprovalRuleRow[];
  expiryHours: number;
  brands: Named[];
  members: MemberOption[];
}

const Err = ({ error }: { error: string | null | undefined }) =>
  error ? (
    <p role="alert" className="text-sm text-red-700">
      {error}
    </p>
  ) : null;

const splitWords = (s: string) =>
  s
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean);

const ROLE_LABEL: Record<string, string> = { AGENT: "agents", MANAGER: "managers" };

function Checks({
  label,
  options,
  value,
  onChange,
  empty,
}: {
  label: string;
  options: Named[];
  value: string[];
  onChange: (v: string[]) => void;
  empty?: string;
}) {
  return (
    <fieldset className="text-sm">
      <legend className="text-slate-600">{label}</legend>
      {options.length ? (
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
      ) : (
        <p className="text-xs text-slate-500">{empty ?? "None yet."}</p>
      )}
    </fieldset>
  );
}

const nameOf = (list: Named[], id: string) => list.find((x) => x.id === id)?.name ?? "(removed)";
const memberNamed = (members: MemberOption[]): Named[] => members.map((m) => ({ id: m.userId, name: m.name }));

/** "When brand Northwind, on X, by agents, mentions “refund”" — every condition that is set. */
export function describeConditions(c: ApprovalConditions, p: Pick<Props, "brands" | "members">): string {
  const people = memberNamed(p.members);
  const audience = [
    c.minFollowers != null && `${c.minFollowers.toLocaleString("en")}+ followers`,
    c.minInfluence != null && `influence ${c.minInfluence}+`,
  ].filter(Boolean);
  const who = [
    c.agentIds?.length && c.agentIds.map((id) => nameOf(people, id)).join(" or "),
    c.roles?.length && c.roles.map((r) => ROLE_LABEL[r] ?? r).join(" or "),
  ].filter(Boolean);
  const when = [
    c.brandIds?.length && `brand ${c.brandIds.map((id) => nameOf(p.brands, id)).join(" or ")}`,
    c.networks?.length && `on ${c.networks.map((n) => NETWORK_LABEL[n] ?? n).join(" or ")}`,
    audience.length && `customer with ${audience.join(" or ")}`,
    who.length && `by ${who.join(" or ")}`,
    c.words?.length && `mentions ${c.words.map((w) => `“${w}”`).join(" or ")}`,
  ].filter(Boolean);
  return when.length ? `When ${when.join(", ")}` : "Every reply";
}

function describeApprovers(ids: string[], members: MemberOption[]): string {
  return ids.length
    ? `Approvers: ${ids.map((id) => nameOf(memberNamed(members), id)).join(", ")} (or an admin)`
    : "Approvers: any manager or admin";
}

const numberOrNull = (s: string) => (s.trim() === "" ? null : Number(s));

function RuleForm({ p, rule, onDone }: { p: Props; rule?: ApprovalRuleRow; onDone?: () => void }) {
  const { pending, error, fieldErrors, run, router } =
    useAction<ActionFields<typeof createApprovalRuleAction | typeof updateApprovalRuleAction>>();
  const c = rule?.conditions ?? {};
  const [name, setName] = useState(rule?.name ?? "");
  const [brandIds, setBrandIds] = useState(c.brandIds ?? []);
  const [networks, setNetworks] = useState(c.networks ?? []);
  const [minFollowers, setMinFollowers] = useState(c.minFollowers?.toString() ?? "");
  const [minInfluence, setMinInfluence] = useState(c.minInfluence?.toString() ?? "");
  const [agentIds, setAgentIds] = useState(c.agentIds ?? []);
  const [roles, setRoles] = useState(c.roles ?? []);
  const [words, setWords] = useState((c.words ?? []).join(", "));
  const [approverIds, setApproverIds] = useState(rule?.approverIds ?? []);
  const formId = rule ? `approval-rule-${rule.id}` : "approval-rule-new";

  // Members who left stay listed while a rule still names them, so unticking them is possible.
  const agents = p.members.filter((m) => m.active || agentIds.includes(m.userId));
  const approvers = p.members.filter(
    (m) => (m.role === "MANAGER" || m.role === "ADMIN") && (m.active || approverIds.includes(m.userId)),
  );

  const reset = () => {
    setName("");
    setBrandIds([]);
    setNetworks([]);
    setMinFollowers("");
    setMinInfluence("");
    setAgentIds([]);
    setRoles([]);
    setWords("");
    setApproverIds([]);
  };
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const conditions = {
      brandIds,
      networks: networks as (typeof REPLY_NETWORKS)[number][],
      minFollowers: numberOrNull(minFollowers),
      minInfluence: numberOrNull(minInfluence),
      agentIds,
      roles: roles as (typeof APPROVAL_RULE_ROLES)[number][],
      words: splitWords(words),
    };
    run(
      () =>
        rule
          ? updateApprovalRuleAction({ ruleId: rule.id, enabled: rule.enabled, name, conditions, approverIds })
          : createApprovalRuleAction({ name, conditions, approverIds }),
      () => {
        if (!rule) reset();
        onDone?.();
        router.refresh();
      },
    );
  };

  return (
    <form
      onSubmit={submit}
      aria-label={rule ? `Edit approval rule ${rule.name}` : "New approval rule"}
      className="space-y-2 rounded-lg border border-slate-200 bg-white p-3"
    >
      <label className="block text-sm" htmlFor={`${formId}-name`}>
        Name of the approval rule
      </label>
      <input
        id={`${formId}-name`}
        value={name}
        onChange={(e) => setName(e.target.value)}
        maxLength={120}
        className={textInput}
        aria-invalid={!!fieldErrors.name}
      />
      <Err error={fieldErrors.name?.[0]} />
      <p className="text-xs font-medium uppercase text-slate-500">Replies wait when (all that are set hold)</p>
      <Checks label="Brand" options={p.brands} value={brandIds} onChange={setBrandIds} empty="No brands yet." />
      <Checks
        label="Network"
        options={REPLY_NETWORKS.map((n) => ({ id: n, name: NETWORK_LABEL[n] ?? n }))}
        value={networks}
        onChange={setNetworks}
      />
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <label htmlFor={`${formId}-followers`}>Customer has at least</label>
        <input
          id={`${formId}-followers`}
          type="number"
          min={0}
          value={minFollowers}
          onChange={(e) => setMinFollowers(e.target.value)}
          className="w-28 rounded border border-slate-300 px-1"
        />
        <span>followers,</span>
        <label htmlFor={`${formId}-influence`}>or influence of at least</label>
        <input
          id={`${formId}-influence`}
          type="number"
          min={0}
          max={100}
          value={minInfluence}
          onChange={(e) => setMinInfluence(e.target.value)}
          className="w-20 rounded border border-slate-300 px-1"
        />
      </div>
      <Checks label="Written by" options={memberNamed(agents)} value={agentIds} onChange={setAgentIds} />
      <Checks
        label="or by role"
        options={APPROVAL_RULE_ROLES.map((r) => ({ id: r, name: ROLE_LABEL[r] }))}
        value={roles}
        onChange={setRoles}
      />
      <label className="block text-sm">
        The reply mentions any of (comma-separated words or phrases)
        <input
          value={words}
          onChange={(e) => setWords(e.target.value)}
          placeholder="refund, lawyer, compensation"
          className={`mt-1 ${textInput}`}
        />
      </label>
      <p className="text-xs font-medium uppercase text-slate-500">Who approves</p>
      <Checks
        label="Approvers (none ticked: any manager or admin)"
        options={memberNamed(approvers)}
        value={approverIds}
        onChange={setApproverIds}
        empty="No managers or admins yet."
      />
      <Err error={fieldErrors.approverIds?.[0] ?? fieldErrors.conditions?.[0]} />
      <div className="flex gap-2">
        <button className={primaryButton} disabled={pending}>
          {rule ? "Save approval rule" : "Add approval rule"}
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

function RuleRow({ rule, p, index }: { rule: ApprovalRuleRow; p: Props; index: number }) {
  const { pending, error, run } = useAction();
  const [editing, setEditing] = useState(false);
  if (editing)
    return (
      <li>
        <RuleForm p={p} rule={rule} onDone={() => setEditing(false)} />
      </li>
    );
  const toggle = (enabled: boolean) =>
    run(() =>
      updateApprovalRuleAction({
        ruleId: rule.id,
        name: rule.name,
        enabled,
        conditions: rule.conditions as Parameters<typeof updateApprovalRuleAction>[0]["conditions"],
        approverIds: rule.approverIds,
      }),
    );
  return (
    <li className="flex items-start justify-between gap-3 py-2 text-sm">
      <div>
        <span className="mr-2 font-mono text-xs text-slate-400">{index + 1}</span>
        <strong className={rule.enabled ? "" : "text-slate-400 line-through"}>{rule.name}</strong>
        <p className="text-slate-600">{describeConditions(rule.conditions, p)}</p>
        <p className="text-xs text-slate-500">{describeApprovers(rule.approverIds, p.members)}</p>
        <Err error={error} />
      </div>
      <div className="flex shrink-0 items-center gap-2">
        <label className="flex items-center gap-1">
          <input
            type="checkbox"
            checked={rule.enabled}
            disabled={pending}
            onChange={(e) => toggle(e.target.checked)}
            aria-label={`${rule.name} enabled`}
          />
          Enabled
        </label>
        <button className={secondaryButton} onClick={() => setEditing(true)} aria-label={`Edit ${rule.name}`}>
          Edit
        </button>
        <button
          className={dangerButton}
          disabled={pending}
          aria-label={`Delete approval rule ${rule.name}`}
          onClick={() => run(() => deleteApprovalRuleAction({ ruleId: rule.id }))}
        >
          Delete
        </button>
      </div>
    </li>
  );
}

function ExpirySetting({ hours }: { hours: number }) {
  const { pending, error, fieldErrors, run } = useAction<ActionFields<typeof setApprovalExpiryAction>>();
  const [value, setValue] = useState(String(hours));
  const [saved, setSaved] = useState("");
  return (
    <form
      aria-label="Approval expiry"
      className="flex flex-wrap items-center gap-2 text-sm"
      onSubmit={(e) => {
        e.preventDefault();
        setSaved("");
        run(
          () => setApprovalExpiryAction({ hours: Number(value) }),
          (data) => setSaved(`Saved: pending replies expire after ${data.hours} hours.`),
        );
      }}
    >
      <label>
        Pending replies expire after{" "}
        <input
          type="number"
          min={APPROVAL_EXPIRY_HOURS.min}
          max={APPROVAL_EXPIRY_HOURS.max}
          step={1}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          className="w-20 rounded border border-slate-300 px-1"
          aria-invalid={!!fieldErrors.hours}
        />{" "}
        hours
      </label>
      <button className={secondaryButton} disabled={pending}>
        Save
      </button>
      <span role="status" aria-live="polite" className="text-emerald-800">
        {saved}
      </span>
      <Err error={fieldErrors.hours?.[0] ?? error} />
    </form>
  );
}

export function ApprovalRulesAdmin(p: Props) {
  return (
    <section aria-label="Approval rules" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="font-medium">Approval rules</h2>
      <p className="text-sm text-slate-600">
        A reply that matches an enabled rule waits in Needs approval until a manager or admin approves it (as written or
        edited) or rejects it with a note for the agent. The first rule that matches decides who approves. Nobody
        approves their own reply; a reply nobody decides on in time is not sent.
      </p>
      <ExpirySetting hours={p.expiryHours} />
      {p.rules.length ? (
        <ul className="divide-y divide-slate-100" aria-label="Approval rules in order">
          {p.rules.map((r, i) => (
            <RuleRow key={r.id} rule={r} p={p} index={i} />
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-500">No approval rules: every reply goes out as the agent sends it.</p>
      )}
      <details>
        <summary className="cursor-pointer text-sm text-indigo-700">Add an approval rule</summary>
        <RuleForm p={p} />
      </details>
    </section>
  );
}
