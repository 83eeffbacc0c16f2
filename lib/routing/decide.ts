// What happens to a matched mention: a case or only a log entry, with which queue, priority,
// tags and SLA policy. Pure: the pipeline and the rule editor's preview call it alike.
import type { IntentName, PriorityName, SentimentName } from "@/lib/domain/vocabulary";
import type { RoutingRuleDef } from "./rules";

export interface RoutedMention {
  brandId: string | null;
  keywordRuleIds: string[];
  network: string;
  sentiment: SentimentName | null;
  intent: IntentName | null;
  influence: number | null;
  followers: number | null;
  direct: boolean;
  contactTier: string | null;
}

export interface RoutingDecision {
  createCase: boolean;
  priority: PriorityName;
  queueId: string | null;
  tags: string[];
  slaPolicyId: string | null;
  ruleId: string | null;
  /** Why, in words, for the case's history. */
  reasons: string[];
}

const RANK: Record<PriorityName, number> = { LOW: 0, NORMAL: 1, HIGH: 2, URGENT: 3 };
const higher = (a: PriorityName, b: PriorityName) => (RANK[b] > RANK[a] ? b : a);
const VIP = /^vip$/i;

export function ruleMatches(rule: RoutingRuleDef, m: RoutedMention): boolean {
  const c = rule.conditions;
  const any = <T>(list: T[] | undefined, value: T | null) => !list?.length || (value !== null && list.includes(value));
  return (
    any(c.brandIds, m.brandId) &&
    (!c.keywordRuleIds?.length || m.keywordRuleIds.some((id) => c.keywordRuleIds!.includes(id))) &&
    any(c.networks as string[] | undefined, m.network) &&
    any(c.sentiments, m.sentiment) &&
    any(c.intents, m.intent) &&
    (c.minInfluence === undefined || (m.influence ?? 0) >= c.minInfluence) &&
    (c.minFollowers === undefined || (m.followers ?? 0) >= c.minFollowers) &&
    (!c.contactTiers?.length ||
      (m.contactTier !== null && c.contactTiers.some((t) => t.toLowerCase() === m.contactTier!.toLowerCase()))) &&
    (!c.directOnly || m.direct)
  );
}

/**
 * The first active rule that matches decides what it sets; the defaults fill the rest:
 * praise is logged without a case, a question, complaint or direct mention gets one, negative
 * sentiment from an author with more than 10,000 followers is at least HIGH, a VIP contact is
 * URGENT. Defaults never lower what a rule set.
 */
export function decideRouting(
  m: RoutedMention,
  rules: RoutingRuleDef[],
  defaultSlaPolicyId: string | null = null,
): RoutingDecision {
  const rule = rules.find((r) => ruleMatches(r, m)) ?? null;
  const reasons: string[] = [];
  let createCase: boolean;
  if (rule) {
    createCase = rule.actions.createCase;
    reasons.push(`rule “${rule.name}”${createCase ? "" : ": log only"}`);
  } else if (
    m.intent === "PRAISE" ||
    (m.sentiment === "POSITIVE" && m.intent !== "QUESTION" && m.intent !== "COMPLAINT")
  ) {
    createCase = false;
    reasons.push("praise is logged without a case");
  } else if (m.intent === "QUESTION" || m.intent === "COMPLAINT" || m.sentiment === "NEGATIVE" || m.direct) {
    createCase = true;
    reasons.push(m.direct ? "reached the brand directly" : m.intent === "QUESTION" ? "a question" : "a complaint");
  } else {
    createCase = false;
    reasons.push("nothing to answer");
  }
  let priority: PriorityName = rule?.actions.priority ?? "NORMAL";
  if (m.sentiment === "NEGATIVE" && (m.followers ?? 0) > 10_000 && RANK[priority] < RANK.HIGH) {
    priority = higher(priority, "HIGH");
    reasons.push("negative, from an author with more than 10,000 followers: HIGH");
  }
  if (m.contactTier && VIP.test(m.contactTier) && priority !== "URGENT") {
    priority = "URGENT";
    reasons.push("VIP contact: URGENT");
  }
  return {
    createCase,
    priority,
    queueId: rule?.actions.queueId ?? null,
    tags: rule?.actions.tags ?? [],
    slaPolicyId: rule?.actions.slaPolicyId ?? defaultSlaPolicyId,
    ruleId: rule?.id ?? null,
    reasons,
  };
}
