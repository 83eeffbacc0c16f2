import "server-only";
import { NETWORKS, type DemoContext, type Tx } from "./seed-context";
import type { DemoBrand } from "./seed-workspace";

/** [brand index in BRAND_DEFS, rule name, query] */
const RULE_DEFS = [
  [0, "Brand name", '"northwind air" OR northwindair OR #northwind'],
  [0, "Lost baggage", "northwind AND (lost OR missing OR delayed) AND bag*"],
  [0, "Refunds", "northwind NEAR/5 refund*"],
  [1, "Rewards program", '"northwind rewards" OR nwrewards OR (northwind AND (miles OR points))'],
  [2, "Competitor mentions", '"skyline airways" OR skylineair -job*'],
] as const;

export type DemoRuleName = (typeof RULE_DEFS)[number][1];

export interface DemoRules {
  /** In RULE_DEFS order. */
  all: Array<{ id: string; brandId: string }>;
  idOf: (name: DemoRuleName) => string;
}

export async function seedKeywordRules(tx: Tx, workspaceId: string, brands: DemoBrand[]): Promise<DemoRules> {
  const all: DemoRules["all"] = [];
  for (const [brandIndex, name, query] of RULE_DEFS) {
    all.push(await tx.keywordRule.create({ data: { workspaceId, brandId: brands[brandIndex].id, name, query } }));
  }
  return { all, idOf: (name) => all[RULE_DEFS.findIndex((r) => r[1] === name)].id };
}

/** One listener per network, each heard from within the last hour and a half. */
export async function seedSources({ tx, workspaceId, anchor, rnd }: DemoContext): Promise<void> {
  await tx.source.createMany({
    data: NETWORKS.map((network) => ({
      workspaceId,
      network,
      name: `${network} listener`,
      lastEventAt: new Date(anchor.getTime() - rnd.int(1, 90) * 60_000),
    })),
  });
}
