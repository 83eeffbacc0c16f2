import "server-only";
import type { Tx } from "./seed-context";

export const DEMO_PASSWORD = "earshot-demo";
export const DEMO_USERS = [
  { email: "agent@demo.earshot.dev", name: "Alex Agent", role: "AGENT" },
  { email: "manager@demo.earshot.dev", name: "Morgan Manager", role: "MANAGER" },
  { email: "admin@demo.earshot.dev", name: "Ada Admin", role: "ADMIN" },
] as const;
export const DEMO_WORKSPACE_SLUG = "northwind";

const EXTRA_AGENTS = ["Sam Rivera", "Jo Whitfield"];

export const BRAND_DEFS = [
  {
    name: "Northwind Air",
    isCompetitor: false,
    color: "#2563eb",
    ownHandles: { x: ["northwindair"], instagram: ["northwind.air"] },
  },
  { name: "Northwind Rewards", isCompetitor: false, color: "#16a34a", ownHandles: { x: ["nwrewards"] } },
  { name: "Skyline Airways", isCompetitor: true, color: "#dc2626", ownHandles: { x: ["skylineair"] } },
];

export interface DemoUser {
  id: string;
}
export interface DemoBrand {
  id: string;
  name: string;
}

async function createMember(
  tx: Tx,
  workspaceId: string,
  user: { email: string; name: string; role: "AGENT" | "MANAGER" | "ADMIN" },
  passwordHash: string,
) {
  const created = await tx.user.create({ data: { email: user.email, name: user.name, passwordHash } });
  await tx.membership.create({ data: { workspaceId, userId: created.id, role: user.role } });
  return created;
}

/** The demo workspace, a sandbox the admin can switch to, the demo logins and the agents. */
export async function seedWorkspaceAndUsers(
  tx: Tx,
  passwordHash: string,
): Promise<{ workspaceId: string; agents: DemoUser[] }> {
  const workspace = await tx.workspace.create({
    data: { slug: DEMO_WORKSPACE_SLUG, name: "Northwind Air", timeZone: "Europe/Lisbon" },
  });
  const sandbox = await tx.workspace.create({ data: { slug: "northwind-sandbox", name: "Northwind Sandbox" } });
  const users = [];
  for (const u of DEMO_USERS) users.push(await createMember(tx, workspace.id, u, passwordHash));
  // The admin also belongs to a sandbox workspace, to show workspace switching.
  await tx.membership.create({ data: { workspaceId: sandbox.id, userId: users[2].id, role: "ADMIN" } });
  const agents: DemoUser[] = [users[0]];
  for (const [i, name] of EXTRA_AGENTS.entries()) {
    agents.push(
      await createMember(
        tx,
        workspace.id,
        { email: `agent${i + 2}@demo.earshot.dev`, name, role: "AGENT" },
        passwordHash,
      ),
    );
  }
  return { workspaceId: workspace.id, agents };
}

/** The two own brands and one competitor, in BRAND_DEFS order. */
export async function seedBrands(tx: Tx, workspaceId: string): Promise<DemoBrand[]> {
  const brands = [];
  for (const b of BRAND_DEFS) brands.push(await tx.brand.create({ data: { workspaceId, ...b } }));
  return brands;
}
