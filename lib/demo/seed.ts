import "server-only";
import { hashPassword } from "@/lib/auth/password";
import type { Db } from "@/lib/db/client";
import { createRandom } from "./random";
import { HOUR, type DemoContext, type Tx } from "./seed-context";
import { seedCases } from "./seed-cases";
import { linkDemoContacts, seedContacts } from "./seed-contacts";
import { seedKeywordRules, seedSources } from "./seed-listening";
import { seedMentions } from "./seed-mentions";
import { seedMacros, seedService } from "./seed-service";
import { DEMO_PASSWORD, seedBrands, seedWorkspaceAndUsers } from "./seed-workspace";

export { DEMO_PASSWORD, DEMO_USERS, DEMO_WORKSPACE_SLUG } from "./seed-workspace";

interface Options {
  seed?: number;
  /** The demo's "now"; defaults to the start of the current hour so the console looks current. */
  anchor?: Date;
}

export async function isDatabaseEmpty(client: Db): Promise<boolean> {
  return (await client.workspace.count()) === 0;
}

/** Deletes every workspace and user (the demo owns the whole database in demo mode). */
export async function resetDatabase(client: Db): Promise<void> {
  await client.$transaction([
    // Audit rows are append-only except when a whole workspace goes (see the privacy migration).
    client.$executeRaw`SELECT set_config('earshot.audit_write', 'workspace', true)`,
    client.workspace.deleteMany(),
    client.user.deleteMany(),
    client.loginAttempt.deleteMany(),
  ]);
}

// The seeders draw from one random sequence: their order here is what makes the demo the same
// for the same seed number. Add new random draws after the existing ones.
async function seedWorkspace(tx: Tx, seed: number, anchor: Date, passwordHash: string) {
  const { workspaceId, agents } = await seedWorkspaceAndUsers(tx, passwordHash);
  const ctx: DemoContext = { tx, workspaceId, seed, anchor, rnd: createRandom(seed) };
  const brands = await seedBrands(tx, workspaceId);
  const rules = await seedKeywordRules(tx, workspaceId, brands);
  const service = await seedService(tx, workspaceId, rules);
  await seedMacros(tx, workspaceId);
  await seedSources(ctx);
  const people = await seedContacts(ctx);
  const mentions = await seedMentions(ctx, people.identities, brands, rules);
  const cases = await seedCases(ctx, mentions.cases, people.identities, agents, service);
  await linkDemoContacts(ctx, people);
  return { workspaceId, cases, mentions: mentions.mentions, contacts: people.contactIds.length };
}

export async function seedDemo(client: Db, options: Options = {}) {
  const seed = options.seed ?? 42;
  const anchor = options.anchor ?? new Date(Math.floor(Date.now() / HOUR) * HOUR);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return client.$transaction((tx) => seedWorkspace(tx, seed, anchor, passwordHash), {
    timeout: 120_000,
    maxWait: 30_000,
  });
}

export type DemoSeedResult = Awaited<ReturnType<typeof seedDemo>>;
