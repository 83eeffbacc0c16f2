import "server-only";
import { hashPassword } from "@/lib/auth/password";
import type { Db } from "@/lib/db/client";
import { execute, sql } from "@/lib/db/sql";
import type { CaseStatus, MessageKind, Network, Priority, Sentiment, Intent, Prisma } from "@/lib/generated/prisma/client";
import { createRandom } from "./random";
import * as C from "./content";
import { refreshContactKeys } from "@/lib/contacts/key-store";
import { toCalendar } from "@/lib/cases/routing-context";
import { onAgentReply, pause, startClocks, stop, summarize, targetsFor, type PolicyTargets } from "@/lib/sla/clock";
import { linkIdentities } from "@/lib/contacts/linking/link-identities";

export const DEMO_PASSWORD = "earshot-demo";
export const DEMO_USERS = [
  { email: "agent@demo.earshot.dev", name: "Alex Agent", role: "AGENT" },
  { email: "manager@demo.earshot.dev", name: "Morgan Manager", role: "MANAGER" },
  { email: "admin@demo.earshot.dev", name: "Ada Admin", role: "ADMIN" },
] as const;
export const DEMO_WORKSPACE_SLUG = "northwind";

const NETWORKS: Network[] = ["x", "mastodon", "bluesky", "reddit", "facebook", "instagram", "youtube", "rss"];
const STATUSES: CaseStatus[] = ["NEW", "OPEN", "PENDING", "ON_HOLD", "SOLVED", "CLOSED"];
const HOUR = 3600_000;

function profileUrl(network: Network, handle: string): string {
  switch (network) {
    case "x": return `https://x.com/${handle}`;
    case "mastodon": return `https://mastodon.social/@${handle}`;
    case "bluesky": return `https://bsky.app/profile/${handle}.bsky.social`;
    case "reddit": return `https://www.reddit.com/user/${handle}`;
    case "facebook": return `https://www.facebook.com/${handle}`;
    case "instagram": return `https://www.instagram.com/${handle}`;
    case "youtube": return `https://www.youtube.com/@${handle}`;
    default: return `https://blog.example.com/${handle}`;
  }
}

function postUrl(network: Network, handle: string, id: string): string {
  switch (network) {
    case "x": return `https://x.com/${handle}/status/${id}`;
    case "mastodon": return `https://mastodon.social/@${handle}/${id}`;
    case "bluesky": return `https://bsky.app/profile/${handle}.bsky.social/post/${id}`;
    case "reddit": return `https://www.reddit.com/r/travel/comments/${id}`;
    case "youtube": return `https://www.youtube.com/watch?v=demo&lc=${id}`;
    default: return `https://www.${network === "rss" ? "travelblog.example.com/posts" : network + ".com/posts"}/${id}`;
  }
}

function fill(template: string, values: Record<string, string>) {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? "");
}

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
  await client.$transaction([client.workspace.deleteMany(), client.user.deleteMany(), client.loginAttempt.deleteMany()]);
}

export async function seedDemo(client: Db, options: Options = {}) {
  const seed = options.seed ?? 42;
  const anchor = options.anchor ?? new Date(Math.floor(Date.now() / HOUR) * HOUR);
  const rnd = createRandom(seed);
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  return client.$transaction(
    async (tx) => {
      const workspace = await tx.workspace.create({
        data: { slug: DEMO_WORKSPACE_SLUG, name: "Northwind Air", timeZone: "Europe/Lisbon" },
      });
      const sandbox = await tx.workspace.create({ data: { slug: "northwind-sandbox", name: "Northwind Sandbox" } });
      const users = [];
      for (const u of DEMO_USERS) {
        const user = await tx.user.create({ data: { email: u.email, name: u.name, passwordHash } });
        await tx.membership.create({ data: { workspaceId: workspace.id, userId: user.id, role: u.role } });
        users.push(user);
      }
      // The admin also belongs to a sandbox workspace, to show workspace switching.
      await tx.membership.create({ data: { workspaceId: sandbox.id, userId: users[2].id, role: "ADMIN" } });
      const agents = [users[0]];
      for (const [i, name] of ["Sam Rivera", "Jo Whitfield"].entries()) {
        const user = await tx.user.create({ data: { email: `agent${i + 2}@demo.earshot.dev`, name, passwordHash } });
        await tx.membership.create({ data: { workspaceId: workspace.id, userId: user.id, role: "AGENT" } });
        agents.push(user);
      }

      const brandDefs = [
        { name: "Northwind Air", isCompetitor: false, color: "#2563eb", ownHandles: { x: ["northwindair"], instagram: ["northwind.air"] } },
        { name: "Northwind Rewards", isCompetitor: false, color: "#16a34a", ownHandles: { x: ["nwrewards"] } },
        { name: "Skyline Airways", isCompetitor: true, color: "#dc2626", ownHandles: { x: ["skylineair"] } },
      ];
      const brands = [];
      for (const b of brandDefs) brands.push(await tx.brand.create({ data: { workspaceId: workspace.id, ...b } }));
      const ruleDefs = [
        [0, "Brand name", '"northwind air" OR northwindair OR #northwind'],
        [0, "Lost baggage", 'northwind AND (lost OR missing OR delayed) AND bag*'],
        [0, "Refunds", "northwind NEAR/5 refund*"],
        [1, "Rewards program", '"northwind rewards" OR nwrewards OR (northwind AND (miles OR points))'],
        [2, "Competitor mentions", '"skyline airways" OR skylineair -job*'],
      ] as const;
      const rules: Array<{ id: string; brandId: string }> = [];
      for (const [brandIndex, name, query] of ruleDefs) {
        rules.push(await tx.keywordRule.create({ data: { workspaceId: workspace.id, brandId: brands[brandIndex].id, name, query } }));
      }

      const hours = await tx.businessHours.create({
        data: {
          workspaceId: workspace.id,
          name: "Lisbon office",
          timeZone: "Europe/Lisbon",
          weeklyHours: Object.fromEntries(["mon", "tue", "wed", "thu", "fri"].map((d) => [d, [["08:00", "20:00"]]])),
          holidays: ["2026-12-25", "2027-01-01"],
        },
      });
      const sla = await tx.slaPolicy.create({
        data: {
          workspaceId: workspace.id,
          name: "Standard",
          businessHoursId: hours.id,
          targets: {
            URGENT: { firstResponse: 30, resolution: 240 },
            HIGH: { firstResponse: 60, resolution: 480 },
            NORMAL: { firstResponse: 240, resolution: 1440 },
            LOW: { firstResponse: 480, resolution: 2880 },
          },
        },
      });
      const queues: Array<{ id: string; name: string }> = [];
      for (const name of ["Social care", "Baggage", "Refunds", "VIP"]) {
        queues.push(await tx.queue.create({ data: { workspaceId: workspace.id, name } }));
      }
      const queueNamed = (name: string) => queues.find((q) => q.name === name)!.id;
      const ruleNamed = (name: string) => rules[ruleDefs.findIndex((r) => r[1] === name)].id;
      await tx.routingRule.createMany({
        data: [
          { workspaceId: workspace.id, name: "VIP contacts go to the VIP queue", position: 1, conditions: { contactTiers: ["VIP"] }, actions: { queueId: queueNamed("VIP"), priority: "URGENT" } },
          { workspaceId: workspace.id, name: "Praise is logged without a case", position: 2, conditions: { intents: ["PRAISE"] }, actions: { createCase: false } },
          { workspaceId: workspace.id, name: "Refund talk goes to Refunds", position: 3, conditions: { keywordRuleIds: [ruleNamed("Refunds")] }, actions: { queueId: queueNamed("Refunds"), tags: ["refund"] } },
          { workspaceId: workspace.id, name: "Lost bags go to Baggage", position: 4, conditions: { keywordRuleIds: [ruleNamed("Lost baggage")] }, actions: { queueId: queueNamed("Baggage"), tags: ["baggage"] } },
          { workspaceId: workspace.id, name: "Everything else to Social care", position: 5, conditions: { sentiments: ["NEGATIVE", "NEUTRAL"] }, actions: { queueId: queueNamed("Social care") } },
        ],
      });
      await tx.workspace.update({ where: { id: workspace.id }, data: { settings: { routing: { defaultSlaPolicyId: sla.id, joinWindowHours: 72, reopenWindowHours: 72 } } } });
      await tx.macro.createMany({
        data: [
          { workspaceId: workspace.id, name: "Ask for booking reference", body: C.AGENT_REPLIES[0] },
          { workspaceId: workspace.id, name: "Refund processed", body: C.AGENT_REPLIES[2], actions: { status: "SOLVED" } },
        ],
      });
      await tx.source.createMany({
        data: NETWORKS.map((network) => ({
          workspaceId: workspace.id,
          network,
          name: `${network} listener`,
          lastEventAt: new Date(anchor.getTime() - rnd.int(1, 90) * 60_000),
        })),
      });

      // Contacts and identities.
      const contacts = [];
      const identities: Array<{ id: string; network: Network; handle: string; displayName: string; contactId: string | null; followers: number }> = [];
      const people: Array<{ name: string; first: string; last: string; city: string }> = [];
      for (let i = 0; i < 48; i++) {
        // The last twelve authors have no contact; half of them share a name (and sometimes a
        // city) with one, so the demo shows ranked suggestions for agents to decide.
        const twin = i >= 36 && i % 2 === 0 ? people[(i - 36) * 3] : null;
        const first = twin?.first ?? rnd.pick(C.FIRST_NAMES);
        const last = twin?.last ?? rnd.pick(C.LAST_NAMES);
        const name = `${first} ${last}`;
        const city = twin && i % 4 === 0 ? twin.city : rnd.pick(C.CITIES);
        people.push({ name, first, last, city });
        const handleBase = `${first}${last}`.toLowerCase() + (i % 7 === 0 ? rnd.int(1, 99) : "");
        const linked = i < 36;
        const contact = linked
          ? await tx.contact.create({
              data: {
                workspaceId: workspace.id,
                name,
                emails: [`${first}.${last}${i}@example.com`.toLowerCase()],
                phones: rnd.chance(0.5) ? [`+351 91${rnd.int(1000000, 9999999)}`] : [],
                company: rnd.chance(0.3) ? rnd.pick(C.COMPANIES) : null,
                tier: i % 9 === 0 ? "VIP" : rnd.chance(0.3) ? "Gold" : null,
                tags: rnd.chance(0.4) ? [rnd.pick(["frequent-flyer", "press", "corporate", "complainer"])] : [],
                location: city,
                customFields: { "member since": String(2010 + (i % 15)) },
                notes: rnd.chance(0.3) ? { create: [{ workspaceId: workspace.id, body: rnd.pick(C.INTERNAL_NOTES) }] } : undefined,
              },
            })
          : null;
        if (contact) contacts.push(contact);
        const networks = new Set<Network>([rnd.pick(NETWORKS.slice(0, 7))]);
        if (rnd.chance(0.4)) networks.add(rnd.pick(NETWORKS.slice(0, 7)));
        for (const network of networks) {
          const followers = rnd.chance(0.1) ? rnd.int(10_000, 250_000) : rnd.int(3, 4_000);
          const identity = await tx.socialIdentity.create({
            data: {
              workspaceId: workspace.id,
              network,
              accountId: `${network}-${seed}-${i}`,
              handle: handleBase,
              displayName: name,
              followers,
              verified: followers > 50_000,
              bio: `${rnd.pick(["Traveller", "Designer", "Parent of two", "Engineer", "Photographer"])} based in ${city}.`,
              location: city,
              profileUrl: profileUrl(network, handleBase),
              contactId: contact?.id ?? null,
            },
          });
          identities.push({ id: identity.id, network, handle: handleBase, displayName: name, contactId: contact?.id ?? null, followers });
        }
      }

      // Mentions over the last 30 days; some become cases.
      type Kind = "complaint" | "question" | "praise" | "neutral";
      const mentionRows: Prisma.MentionCreateManyInput[] = [];
      const caseCandidates: Array<{ mentionIndex: number; kind: Kind }> = [];
      for (let i = 0; i < 420; i++) {
        const identity = rnd.pick(identities);
        const brandIndex = rnd.chance(0.7) ? 0 : rnd.chance(0.5) ? 1 : 2;
        const brand = brands[brandIndex];
        const roll = rnd.next();
        const kind: Kind = roll < 0.45 ? "complaint" : roll < 0.65 ? "question" : roll < 0.8 ? "praise" : "neutral";
        const template = rnd.pick({ complaint: C.COMPLAINTS, question: C.QUESTIONS, praise: C.PRAISE, neutral: C.NEUTRAL }[kind]);
        const text = fill(template, { brand: brand.name, handle: brandDefs[brandIndex].ownHandles.x[0], competitor: brands[2].name });
        const sentiment: Sentiment = kind === "complaint" ? "NEGATIVE" : kind === "praise" ? "POSITIVE" : "NEUTRAL";
        const intent: Intent = kind === "complaint" ? "COMPLAINT" : kind === "question" ? "QUESTION" : kind === "praise" ? "PRAISE" : "OTHER";
        const externalId = `${seed}${String(100000 + i)}`;
        const postedAt = new Date(anchor.getTime() - Math.floor(rnd.next() * 30 * 24) * HOUR - rnd.int(0, 59) * 60_000);
        mentionRows.push({
          workspaceId: workspace.id,
          network: identity.network,
          externalId,
          brandId: brand.id,
          authorId: identity.id,
          url: postUrl(identity.network, identity.handle, externalId),
          title: identity.network === "reddit" || identity.network === "rss" ? text.split(/[.?!]/)[0] : null,
          text,
          language: "en",
          postedAt,
          metrics: { likes: rnd.int(0, 40), replies: rnd.int(0, 8), shares: rnd.int(0, 5) },
          sentiment,
          sentimentScore: sentiment === "NEGATIVE" ? -0.4 - rnd.next() * 0.5 : sentiment === "POSITIVE" ? 0.4 + rnd.next() * 0.5 : 0,
          intent,
          threadKey: externalId,
        });
        if (brandIndex !== 2 && (kind === "complaint" || kind === "question") && caseCandidates.length < 90) {
          caseCandidates.push({ mentionIndex: i, kind });
        }
      }
      await tx.mention.createMany({ data: mentionRows });
      const mentions = await tx.mention.findMany({
        where: { workspaceId: workspace.id },
        select: { id: true, externalId: true, authorId: true, brandId: true, text: true, postedAt: true, sentiment: true },
      });
      const byExternal = new Map(mentions.map((m) => [m.externalId, m]));
      await tx.mentionRuleMatch.createMany({
        data: mentions.flatMap((m) => {
          const brandRules = rules.filter((r) => r.brandId === m.brandId);
          return brandRules.length ? [{ workspaceId: workspace.id, mentionId: m.id, ruleId: brandRules[0].id }] : [];
        }),
      });

      let number = 1000;
      for (const [index, candidate] of caseCandidates.entries()) {
        const row = mentionRows[candidate.mentionIndex];
        const mention = byExternal.get(row.externalId)!;
        const identity = identities.find((x) => x.id === mention.authorId)!;
        const status = STATUSES[index % STATUSES.length];
        const priority: Priority =
          identity.followers > 10_000 && mention.sentiment === "NEGATIVE" ? "HIGH" : rnd.pick(["LOW", "NORMAL", "NORMAL", "HIGH", "URGENT"] as const);
        const created = mention.postedAt;
        // Nothing in the demo happens after its "now".
        const notAfterNow = (d: Date) => new Date(Math.min(d.getTime(), anchor.getTime()));
        const assignee = status === "NEW" ? null : rnd.pick(agents);
        const responded = status !== "NEW" && status !== "OPEN" ? notAfterNow(new Date(created.getTime() + rnd.int(5, 300) * 60_000)) : null;
        const solved = status === "SOLVED" || status === "CLOSED" ? notAfterNow(new Date(created.getTime() + rnd.int(2, 72) * HOUR)) : null;
        // The SLA clocks as the real case would have them (business hours, pauses, stops).
        const calendar = toCalendar(hours);
        const targets = targetsFor(sla.targets as PolicyTargets, priority);
        let clocks = startClocks(calendar, targets, created);
        if (responded) clocks = onAgentReply(clocks);
        if (status === "PENDING" || status === "ON_HOLD") clocks = pause(clocks, responded ?? created);
        if (status === "SOLVED" || status === "CLOSED") clocks = stop();
        const summary = summarize(calendar, clocks, targets, anchor);
        const kase = await tx.case.create({
          data: {
            workspaceId: workspace.id,
            number: ++number,
            subject: mention.text.length > 80 ? `${mention.text.slice(0, 77)}...` : mention.text,
            status,
            priority,
            tags: candidate.kind === "complaint" ? [rnd.pick(["baggage", "delay", "refund", "app"])] : ["question"],
            brandId: mention.brandId,
            queueId: rnd.pick(queues).id,
            assigneeId: assignee?.id ?? null,
            contactId: identity.contactId,
            authorId: identity.id,
            slaPolicyId: sla.id,
            firstResponseDueAt: clocks.firstResponseDueAt,
            resolutionDueAt: clocks.resolutionDueAt,
            slaPausedAt: clocks.pausedAt,
            slaDueAt: summary.dueAt,
            slaAtRiskAt: summary.atRiskAt,
            lastAgentReplyAt: responded,
            firstResponseAt: responded,
            solvedAt: solved,
            reopenedAt: index % 17 === 0 && status === "OPEN" ? notAfterNow(new Date(created.getTime() + 30 * HOUR)) : null,
            lastActivityAt: solved ?? responded ?? created,
            createdAt: created,
          },
        });
        const messages: Array<{ kind: MessageKind; body: string; at: Date; authorUserId?: string; mentionId?: string }> = [
          { kind: "INBOUND", body: mention.text, at: created, mentionId: mention.id },
        ];
        if (responded && assignee) {
          messages.push({ kind: "OUTBOUND", body: fill(rnd.pick(C.AGENT_REPLIES), { name: identity.displayName.split(" ")[0] }), at: responded, authorUserId: assignee.id });
        }
        if (rnd.chance(0.3) && assignee) {
          messages.push({ kind: "NOTE", body: rnd.pick(C.INTERNAL_NOTES), at: notAfterNow(new Date(created.getTime() + 20 * 60_000)), authorUserId: assignee.id });
        }
        await tx.caseMessage.createMany({
          data: messages.map((m) => ({
            workspaceId: workspace.id,
            caseId: kase.id,
            kind: m.kind,
            body: m.body,
            createdAt: m.at,
            authorUserId: m.authorUserId ?? null,
            mentionId: m.mentionId ?? null,
          })),
        });
        await tx.caseEvent.createMany({
          data: [
            { workspaceId: workspace.id, caseId: kase.id, kind: "created", after: { status: "NEW", priority }, createdAt: created },
            ...(assignee ? [{ workspaceId: workspace.id, caseId: kase.id, kind: "assigned", after: { assigneeId: assignee.id }, createdAt: new Date(created.getTime() + 5 * 60_000) }] : []),
            ...(status !== "NEW" ? [{ workspaceId: workspace.id, caseId: kase.id, actorUserId: assignee?.id ?? null, kind: "status_changed", before: { status: "NEW" }, after: { status }, createdAt: solved ?? responded ?? created }] : []),
          ],
        });
      }
      await tx.workspace.update({ where: { id: workspace.id }, data: { caseCounter: number } });
      // Search text: the subject and the customers' messages.
      await execute(
        tx,
        sql`UPDATE "Case" c SET "searchText" = right(c."subject" || ' ' || COALESCE((SELECT string_agg(m."text", ' ' ORDER BY cm."createdAt") FROM "CaseMessage" cm
           JOIN "Mention" m ON m."id" = cm."mentionId" WHERE cm."caseId" = c."id" AND cm."kind" = 'INBOUND'), ''), 20000) WHERE c."workspaceId" = ${workspace.id}`,
      );
      // Cases carry their latest inbound mention's network and sentiment (the inbox filters on them).
      await execute(
        tx,
        sql`UPDATE "Case" c SET "network" = x."network", "sentiment" = x."sentiment"
         FROM (SELECT DISTINCT ON (cm."caseId") cm."caseId", m."network", m."sentiment" FROM "CaseMessage" cm JOIN "Mention" m ON m."id" = cm."mentionId"
               WHERE cm."workspaceId" = ${workspace.id} AND cm."kind" = 'INBOUND' ORDER BY cm."caseId", cm."createdAt" DESC) x
         WHERE x."caseId" = c."id"`,
      );
      await refreshContactKeys(tx, workspace.id, contacts.map((c) => c.id));
      await linkIdentities(tx, workspace.id, identities.filter((i) => !i.contactId).map((i) => i.id));
      return { workspaceId: workspace.id, cases: caseCandidates.length, mentions: mentionRows.length, contacts: contacts.length };
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}

export type DemoSeedResult = Awaited<ReturnType<typeof seedDemo>>;
