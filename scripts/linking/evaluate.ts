import { db } from "../../lib/db/client";
import { ingestEvents } from "../../lib/ingest/pipeline";
import { normalizedMentionSchema, type IngestEvent } from "../../lib/ingest/mention";
import { refreshContactKeys } from "../../lib/contacts/key-store";
import { contactFieldsSchema } from "../../lib/contacts/fields";
import { toData } from "../../lib/contacts/contacts";

// Measures contact linking on a labelled set through the real path: contacts validated and
// normalised as a save or an import does, stored with their keys, every identity arriving as
// the author of a mention through the ingestion pipeline, then the links and suggestions read
// back from the database. Categories starting with "strong" should link automatically,
// "negative" ones must never link; every other linkable identity is left to agents.
// It drives the ingestion pipeline, so it lives with the scripts (npm run eval:linking) and
// not in lib/contacts, which the pipeline itself uses.

/** A contact of a labelled set, as the dataset scripts write it. */
export interface EvalContact {
  key: string;
  name: string;
  emails: string[];
  websites: string[];
  handles: Record<string, string[]>;
  location: string | null;
  company: string | null;
  linked?: Array<{ network: string; handle: string }>;
}

/** An author of a labelled set with its truth: the contact key it belongs to, or null. */
export interface EvalIdentity {
  network: string;
  accountId: string;
  handle: string;
  displayName: string | null;
  email: string | null;
  website: string | null;
  location: string | null;
  bio: string | null;
  expected: string | null;
  category: string;
  note?: string;
}

export interface EvalSet {
  contacts: EvalContact[];
  identities: EvalIdentity[];
}

export interface CategoryResult {
  category: string;
  identities: number;
  autoLinked: number;
  wrongLinks: number;
  top1: number;
  top3: number;
  withSuggestions: number;
}

export interface LinkingEvaluation {
  identities: number;
  linkable: number;
  negatives: number;
  autoLinks: number;
  wrongAutoLinks: number;
  autoLinkPrecision: number;
  autoLinkRecall: number;
  /** Identities labelled "strong" (personal evidence), and how many of them were linked to the right contact. */
  strongCases: number;
  strongLinked: number;
  strongRecall: number;
  /** Linkable identities left to agents (not linked automatically). */
  suggestionCases: number;
  top1: number;
  top3: number;
  top1Rate: number;
  top3Rate: number;
  /** Of all suggestions shown for those cases, the share that name the right contact. */
  suggestionPrecision: number;
  negativesWithSuggestions: number;
  negativesLinked: number;
  /** Identities that did not get what their label says, for reading (category, note, outcome). */
  misses: Array<{ accountId: string; category: string; note?: string; outcome: string }>;
  byCategory: CategoryResult[];
}

export async function evaluateLinking(workspaceId: string, set: EvalSet): Promise<LinkingEvaluation> {
  const ids = new Map<string, string>();
  for (const c of set.contacts) {
    const fields = contactFieldsSchema.parse({
      name: c.name,
      emails: c.emails,
      websites: c.websites,
      handles: c.handles,
      location: c.location,
      company: c.company,
    });
    const row = await db().contact.create({ data: { workspaceId, ...toData(fields) }, select: { id: true } });
    ids.set(c.key, row.id);
    for (const [i, l] of (c.linked ?? []).entries()) {
      await db().socialIdentity.create({
        data: {
          workspaceId,
          network: l.network as never,
          accountId: `anchor-${c.key}-${i}`,
          handle: l.handle,
          displayName: c.name,
          contactId: row.id,
        },
      });
    }
  }
  await db().$transaction((tx) => refreshContactKeys(tx, workspaceId, ids.values()), { timeout: 60_000 });
  const brand = await db().brand.create({ data: { workspaceId, name: "Northwind" } });
  await db().keywordRule.create({ data: { workspaceId, brandId: brand.id, name: "eval", query: "northwind" } });
  const events: IngestEvent[] = set.identities.map((i, n) => ({
    kind: "upsert",
    mention: normalizedMentionSchema.parse({
      network: i.network,
      externalId: `eval-${n}`,
      createdAt: "2026-11-20T10:00:00Z",
      text: "northwind changed my flight again",
      author: {
        accountId: i.accountId,
        handle: i.handle,
        displayName: i.displayName,
        email: i.email,
        website: i.website,
        location: i.location,
        bio: i.bio,
        followers: 100,
      },
    }),
  }));
  await ingestEvents(workspaceId, { events, rejected: [], ignored: 0 });

  const stored = await db().socialIdentity.findMany({
    where: { workspaceId, accountId: { in: set.identities.map((i) => i.accountId) } },
    select: {
      accountId: true,
      contactId: true,
      suggestions: {
        where: { status: "OPEN" },
        orderBy: [{ score: "desc" }, { contactId: "asc" }],
        select: { contactId: true },
      },
    },
  });
  const byAccount = new Map(stored.map((s) => [s.accountId, s]));
  const categories = new Map<string, CategoryResult>();
  const totals = {
    autoLinks: 0,
    wrong: 0,
    correctAuto: 0,
    suggestionCases: 0,
    top1: 0,
    top3: 0,
    shown: 0,
    shownRight: 0,
    negWithSug: 0,
    negLinked: 0,
    strong: 0,
    strongLinked: 0,
  };
  const misses: LinkingEvaluation["misses"] = [];
  const keyOf = new Map([...ids].map(([k, id]) => [id, k]));
  for (const i of set.identities) {
    const s = byAccount.get(i.accountId);
    const expected = i.expected ? ids.get(i.expected)! : null;
    const cat = categories.get(i.category) ?? {
      category: i.category,
      identities: 0,
      autoLinked: 0,
      wrongLinks: 0,
      top1: 0,
      top3: 0,
      withSuggestions: 0,
    };
    categories.set(i.category, cat);
    cat.identities++;
    const suggested = s?.suggestions.map((x) => x.contactId) ?? [];
    if (suggested.length) cat.withSuggestions++;
    const strong = i.category.startsWith("strong");
    if (strong) totals.strong++;
    const miss = (outcome: string) =>
      misses.push({ accountId: i.accountId, category: i.category, note: i.note, outcome });
    if (s?.contactId) {
      totals.autoLinks++;
      cat.autoLinked++;
      if (!expected) totals.negLinked++;
      if (s.contactId === expected) {
        totals.correctAuto++;
        if (strong) totals.strongLinked++;
      } else {
        totals.wrong++;
        cat.wrongLinks++;
        miss(`WRONG automatic link to ${keyOf.get(s.contactId) ?? s.contactId}`);
      }
      continue;
    }
    if (!expected) {
      if (suggested.length) totals.negWithSug++;
      continue;
    }
    if (strong)
      miss(`not linked automatically; suggestions: ${suggested.map((id) => keyOf.get(id)).join(", ") || "none"}`);
    else if (suggested[0] !== expected)
      miss(
        `right contact ${suggested.includes(expected) ? `ranked ${suggested.indexOf(expected) + 1}` : "not suggested"}; suggestions: ${suggested.map((id) => keyOf.get(id)).join(", ") || "none"}`,
      );
    totals.suggestionCases++;
    totals.shown += suggested.length;
    totals.shownRight += suggested.includes(expected) ? 1 : 0;
    if (suggested[0] === expected) {
      totals.top1++;
      cat.top1++;
    }
    if (suggested.slice(0, 3).includes(expected)) {
      totals.top3++;
      cat.top3++;
    }
  }
  const linkable = set.identities.filter((i) => i.expected).length;
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    identities: set.identities.length,
    linkable,
    negatives: set.identities.length - linkable,
    autoLinks: totals.autoLinks,
    wrongAutoLinks: totals.wrong,
    autoLinkPrecision: totals.autoLinks ? round(totals.correctAuto / totals.autoLinks) : 1,
    autoLinkRecall: round(totals.correctAuto / linkable),
    strongCases: totals.strong,
    strongLinked: totals.strongLinked,
    strongRecall: totals.strong ? round(totals.strongLinked / totals.strong) : 1,
    suggestionCases: totals.suggestionCases,
    top1: totals.top1,
    top3: totals.top3,
    top1Rate: totals.suggestionCases ? round(totals.top1 / totals.suggestionCases) : 1,
    top3Rate: totals.suggestionCases ? round(totals.top3 / totals.suggestionCases) : 1,
    suggestionPrecision: totals.shown ? round(totals.shownRight / totals.shown) : 1,
    negativesWithSuggestions: totals.negWithSug,
    negativesLinked: totals.negLinked,
    misses,
    byCategory: [...categories.values()],
  };
}
