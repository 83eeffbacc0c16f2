import "server-only";
import { db } from "@/lib/db/client";
import { roleAtLeast, type RoleName } from "@/lib/auth/roles";
import { parseDashboardFilter, type DashboardFilter } from "./filters";
import { listeningMetrics, topAuthors, type ListeningMetrics } from "./listening";
import { makePeriod, type Period } from "./period";
import { refreshCaseMetrics } from "./refresh";
import { serviceMetrics, teamMedians, withTeamMedians } from "./service-queries";
import type { ServiceMetrics } from "./service";

// What the dashboard page shows, for one viewer: agents get their own numbers only (the agent
// filter is forced to themselves and the listening figures are left out).

export interface Viewer {
  id: string;
  role: RoleName;
  workspaceId: string;
}

export interface DashboardNames {
  brands: Array<{ id: string; name: string; isCompetitor: boolean; color: string }>;
  queues: Array<{ id: string; name: string }>;
  agents: Array<{ id: string; name: string }>;
  rules: Array<{ id: string; name: string }>;
  policies: Array<{ id: string; name: string }>;
  authors: Array<{ id: string; handle: string; displayName: string | null; network: string; followers: number | null }>;
}

export interface DashboardData {
  timeZone: string;
  filter: DashboardFilter;
  errors: string[];
  period: Period;
  ownOnly: boolean;
  listening: ListeningMetrics | null;
  service: ServiceMetrics;
  names: DashboardNames;
  generatedAt: Date;
}

/** The workspace's time zone and the viewer's effective filter (agents: themselves). */
export async function resolveDashboardFilter(
  viewer: Viewer,
  params: Record<string, string | string[] | undefined>,
  now = new Date(),
) {
  const ws = await db().workspace.findUniqueOrThrow({ where: { id: viewer.workspaceId }, select: { timeZone: true } });
  const { filter, errors } = parseDashboardFilter(params, ws.timeZone, now);
  const ownOnly = !roleAtLeast(viewer.role, "MANAGER");
  if (ownOnly) filter.agentId = viewer.id;
  return { timeZone: ws.timeZone, filter, errors, ownOnly, period: makePeriod(filter.range, ws.timeZone) };
}

/** Everything the dashboard shows; `authors: false` leaves the top authors for loadTopAuthors (streamed). */
export async function loadDashboard(
  viewer: Viewer,
  params: Record<string, string | string[] | undefined>,
  now = new Date(),
  options: { authors?: boolean; medians?: boolean } = {},
): Promise<DashboardData> {
  const { timeZone, filter, errors, ownOnly, period } = await resolveDashboardFilter(viewer, params, now);
  await refreshCaseMetrics(viewer.workspaceId);
  const [listening, service, names] = await Promise.all([
    ownOnly ? null : listeningMetrics(viewer.workspaceId, period, listeningFilter(filter), "rollup", options),
    serviceMetrics(viewer.workspaceId, period, serviceFilter(filter), now, options),
    loadNames(viewer.workspaceId),
  ]);
  if (listening)
    names.authors = await authorNames(viewer.workspaceId, [
      ...listening.topAuthorsByVolume,
      ...listening.topAuthorsByInfluence,
    ]);
  return { timeZone, filter, errors, period, ownOnly, listening, service, names, generatedAt: now };
}

export async function loadNames(workspaceId: string): Promise<DashboardNames> {
  const [brands, queues, members, rules, policies] = await Promise.all([
    db().brand.findMany({
      where: { workspaceId },
      orderBy: { name: "asc" },
      select: { id: true, name: true, isCompetitor: true, color: true },
    }),
    db().queue.findMany({ where: { workspaceId }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db().membership.findMany({
      where: { workspaceId },
      orderBy: { user: { name: "asc" } },
      select: { user: { select: { id: true, name: true } } },
    }),
    db().keywordRule.findMany({ where: { workspaceId }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db().slaPolicy.findMany({ where: { workspaceId }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  return { brands, queues, agents: members.map((m) => m.user), rules, policies, authors: [] };
}

/** Before the inbox lists the cases behind a figure: current cycles, and the zone of the dates. */
export async function prepareCaseDrillDown(workspaceId: string): Promise<string> {
  await refreshCaseMetrics(workspaceId);
  const ws = await db().workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { timeZone: true } });
  return ws.timeZone;
}

function authorNames(workspaceId: string, authors: Array<{ authorId: string }>) {
  const ids = [...new Set(authors.map((a) => a.authorId))];
  return db().socialIdentity.findMany({
    where: { workspaceId, id: { in: ids } },
    select: { id: true, handle: true, displayName: true, network: true, followers: true },
  });
}

/** The top-authors panel (managers): streamed after the rest of the dashboard. */
export async function loadTopAuthors(viewer: Viewer, filter: DashboardFilter, period: Period) {
  if (!roleAtLeast(viewer.role, "MANAGER")) return null;
  const top = await topAuthors(viewer.workspaceId, period, listeningFilter(filter));
  return { ...top, authors: await authorNames(viewer.workspaceId, [...top.byVolume, ...top.byInfluence]) };
}

const serviceFilter = (f: DashboardFilter) => ({
  brandId: f.brandId,
  network: f.network,
  queueId: f.queueId,
  agentId: f.agentId,
});
const listeningFilter = (f: DashboardFilter) => ({ brandId: f.brandId, network: f.network });

/**
 * The per-agent and per-queue rows (the page's counts) with their median first responses filled
 * in: streamed after the rest of the page.
 */
export async function loadTeamTables(
  viewer: Viewer,
  filter: DashboardFilter,
  period: Period,
  counts: Pick<ServiceMetrics, "agents" | "queues">,
): Promise<Pick<ServiceMetrics, "agents" | "queues">> {
  const medians = await teamMedians(viewer.workspaceId, period, serviceFilter(filter));
  return withTeamMedians(counts.agents, counts.queues, medians, { agentId: filter.agentId });
}
