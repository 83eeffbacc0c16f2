// Which approval rule, if any, a reply falls under. Pure. A rule's conditions all must hold;
// a condition left out matches everything, so a rule with none sends every reply for approval.

export interface ApprovalConditions {
  brandIds?: string[];
  networks?: string[];
  /** The customer's audience: followers at least this many, or influence (0–100) at least this. */
  minFollowers?: number;
  minInfluence?: number;
  /** Replies by these agents, or by members with these roles. */
  agentIds?: string[];
  roles?: string[];
  /** Any of these words or phrases in the reply (case-insensitive, whole words). */
  words?: string[];
}

export interface ApprovalRuleLike {
  id: string;
  name: string;
  enabled: boolean;
  conditions: ApprovalConditions;
}

export interface ReplyFacts {
  brandId: string | null;
  network: string | null;
  followers: number | null;
  influence: number | null;
  agentId: string;
  role: string;
  body: string;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The words of `words` that occur in `text` as whole words or phrases. */
export function wordsIn(text: string, words: readonly string[]): string[] {
  return words.filter((word) => {
    const w = word.trim();
    return w && new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(w)}($|[^\\p{L}\\p{N}])`, "iu").test(text);
  });
}

function holds(c: ApprovalConditions, r: ReplyFacts): boolean {
  if (c.brandIds?.length && !(r.brandId && c.brandIds.includes(r.brandId))) return false;
  if (c.networks?.length && !(r.network && c.networks.includes(r.network))) return false;
  const audience = [
    c.minFollowers != null ? (r.followers ?? 0) >= c.minFollowers : null,
    c.minInfluence != null ? (r.influence ?? 0) >= c.minInfluence : null,
  ].filter((v): v is boolean => v !== null);
  // Followers or influence: either threshold reached is a large enough audience.
  if (audience.length && !audience.some(Boolean)) return false;
  const who = [
    c.agentIds?.length ? c.agentIds.includes(r.agentId) : null,
    c.roles?.length ? c.roles.includes(r.role) : null,
  ].filter((v): v is boolean => v !== null);
  if (who.length && !who.some(Boolean)) return false;
  if (c.words?.length && !wordsIn(r.body, c.words).length) return false;
  return true;
}

/** The first enabled rule (in the given order) the reply falls under, or null. */
export function approvalRuleFor<R extends ApprovalRuleLike>(rules: readonly R[], reply: ReplyFacts): R | null {
  return rules.find((rule) => rule.enabled && holds(rule.conditions ?? {}, reply)) ?? null;
}

/** Why a reply waits, for the agent and the approver. */
export function approvalReason(rule: ApprovalRuleLike, reply: ReplyFacts): string {
  const words = rule.conditions.words?.length ? wordsIn(reply.body, rule.conditions.words) : [];
  return words.length ? `${rule.name} (mentions ${words.map((w) => `“${w}”`).join(", ")})` : rule.name;
}
