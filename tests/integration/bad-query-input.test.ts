// Bad bytes and absurd values in URLs (issue 14): NUL, broken UTF-8 and lone surrogates in
// query strings and path parameters, and dates outside any sane range, through the real route
// handlers and page loaders on the test database. Route handlers answer 400 with a message;
// pages load with the bad parameter reported and ignored (or refused: an empty result). Never a
// 500, never an exception.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { runAsSession } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { ingestDocument } from "@/lib/ingest/ingest";
import { inboxPage } from "@/lib/inbox/list";
import { compileWhere, parseInboxQueryWithProblems } from "@/lib/inbox/query";
import { decodeCursor, encodeCursor } from "@/lib/util/cursor";
import { mentionsPage } from "@/lib/mentions/page-data";
import { compileMentionWhere, parseMentionQueryWithProblems } from "@/lib/mentions/query";
import { loadDashboard } from "@/lib/metrics/dashboard";
import { parseDashboardFilter } from "@/lib/metrics/filters";
import { MAX_RANGE_DAYS, makePeriod } from "@/lib/metrics/period";
import { daysBetween, isLocalDate } from "@/lib/time/dates";
import { ID_PATTERN, checkParams, idRouteParams, isSafeText } from "@/lib/util/params";
import { GET as caseVersionRoute } from "@/app/api/cases/[id]/version/route";
import { GET as casePresenceRoute } from "@/app/api/cases/[id]/presence/route";
import { GET as dashboardExportRoute } from "@/app/api/dashboard/export/route";
import { GET as inboxVersionRoute } from "@/app/api/inbox/version/route";
import { GET as inboxSummaryRoute } from "@/app/api/inbox/summary/route";
import CasePage from "@/app/(console)/cases/[number]/page";
import { createTestWorkspace, uniqueSuffix, type TestWorkspace } from "../support/factory";

type Route = (request: Request, context: { params: Promise<unknown> }) => Promise<Response>;

// What the outside testing sent, as Next hands it over: decoded. Invalid UTF-8 (%ED%A0%80)
// arrives as replacement characters from URLSearchParams; a lone surrogate can still come from
// JavaScript-built URLs and JSON.
const BAD_TEXT = [
  "\u0000",
  "a\u0000b",
  "\uD800",
  "x\uDC00y",
  "\uFFFD\uFFFD\uFFFD",
  "%ED%A0%80",
  "%00",
  "x".repeat(10_000),
];
const BAD_DATES = [
  "9999-12-31",
  "0000-01-01",
  "2026-02-30",
  "-1",
  "1999-12-31",
  "2101-01-01",
  "2026-1-1",
  "2026-01-01\u0000",
  "x".repeat(10_000),
];

let ws: TestWorkspace;
let caseId: string;
let caseNumber: number;

beforeAll(async () => {
  ws = await createTestWorkspace();
  const brand = await db().brand.create({ data: { workspaceId: ws.id, name: "Northwind" } });
  await db().keywordRule.create({ data: { workspaceId: ws.id, brandId: brand.id, name: "nw", query: "northwind" } });
  const lines = Array.from({ length: 6 }, (_, i) =>
    JSON.stringify({
      network: "x",
      externalId: `bad-${i}-${uniqueSuffix()}`,
      createdAt: new Date(Date.now() - (i + 1) * 3_600_000).toISOString(),
      text: `Northwind, where is my refund number ${i}?`,
      author: { accountId: `acct${i}`, handle: `author${i}` },
    }),
  );
  await ingestDocument(ws.id, "jsonl", lines.join("\n"));
  const kase = await db().case.findFirstOrThrow({ where: { workspaceId: ws.id }, orderBy: { number: "asc" } });
  caseId = kase.id;
  caseNumber = kase.number;
});

const call = (route: Route, url: string, params: Record<string, string> = {}, role: "agent" | "manager" = "manager") =>
  runAsSession(ws[role].claims, () => route(new Request(url), { params: Promise.resolve(params) }));

async function expect400(response: Response, message: RegExp) {
  expect(response.status).toBe(400);
  const body = (await response.json()) as { error: string };
  expect(body.error).toMatch(message);
  expect(body.error).not.toMatch(/ignored|showing the last/); // refused, not silently narrowed
  expect(body.error.length).toBeLessThan(1_000);
}

describe("route handlers refuse bad path and query parameters with a 400", () => {
  it("/api/cases/<id>/version and /presence: a malformed id is a 400 before any query; a good one still works", async () => {
    for (const route of [caseVersionRoute, casePresenceRoute] as Route[]) {
      for (const id of [...BAD_TEXT, "../etc", "a b", ""]) {
        await expect400(
          await call(route, `http://t/api/cases/x/version`, { id }),
          /Bad address: "id" is not a valid id/,
        );
      }
      expect((await call(route, "http://t/api/cases/x/version", { id: caseId })).status).toBe(200);
      expect((await call(route, "http://t/api/cases/x/version", { id: "no-such-case" })).status).toBe(404);
    }
  });

  it("/api/dashboard/export: absurd dates, bad tables and bad filters are 400s naming the problem", async () => {
    for (const table of ["volume", "cases", "mentions"]) {
      for (const date of BAD_DATES) {
        for (const key of ["from", "to"]) {
          const url = `http://t/api/dashboard/export?${new URLSearchParams({ table, [key]: date })}`;
          await expect400(
            await call(dashboardExportRoute, url),
            new RegExp(`"${key}" must be a real date from 2000-01-01 to 2100-12-31`),
          );
        }
      }
      await expect400(
        await call(dashboardExportRoute, `http://t/api/dashboard/export?table=${table}&from=2026-11-20&to=2026-11-01`),
        /starts .* after it ends/,
      );
      await expect400(
        await call(dashboardExportRoute, `http://t/api/dashboard/export?table=${table}&from=2000-01-01&to=2100-12-31`),
        /at most 731 days/,
      );
      await expect400(
        await call(dashboardExportRoute, `http://t/api/dashboard/export?table=${table}&brand=%00`),
        /"brand" is not a valid id/,
      );
    }
    await expect400(
      await call(dashboardExportRoute, "http://t/api/dashboard/export?table=mentions&author=%00"),
      /"author" is not a valid id/,
    );
    await expect400(
      await call(dashboardExportRoute, `http://t/api/dashboard/export?table=${"%00".repeat(5_000)}`),
      /There is no export called/,
    );
    await expect400(
      await call(dashboardExportRoute, "http://t/api/dashboard/export?table=%ED%A0%80"),
      /There is no export called "\uFFFD\uFFFD\uFFFD"/,
    );
    // The same routes with sane values still answer.
    for (const table of ["volume", "cases", "mentions"]) {
      const ok = await call(
        dashboardExportRoute,
        `http://t/api/dashboard/export?table=${table}&from=2026-01-01&to=2026-01-31`,
      );
      expect(ok.status).toBe(200);
      await ok.text();
    }
  });

  it("/api/inbox/*: routes without parameters ignore a junk query string", async () => {
    for (const route of [inboxVersionRoute, inboxSummaryRoute] as Route[]) {
      expect((await call(route, "http://t/api/inbox/version?tag=%00&q=%ED%A0%80", {}, "agent")).status).toBe(200);
    }
  });
});

describe("pages load with bad parameters reported and ignored", () => {
  it("the inbox: NUL and broken text in tag and q, absurd drill-down dates, forged cursors", async () => {
    const all = await inboxPage(ws.id, ws.manager.userId, { view: "all" });
    expect(all.problems).toEqual([]);
    expect(all.page.rows.length).toBe(6);
    for (const bad of BAD_TEXT) {
      const tagged = await inboxPage(ws.id, ws.manager.userId, { view: "all", tag: bad });
      // A tag no stored tag can equal is refused (and said so), not searched for.
      if (bad.length <= 60 && isSafeText(bad)) expect(tagged.page.rows).toEqual([]);
      else expect(tagged.problems.join(" ")).toMatch(/"tag"/);
      const searched = await inboxPage(ws.id, ws.manager.userId, { view: "all", q: bad });
      expect(searched.query.q.length).toBeLessThanOrEqual(200);
      expect(isSafeText(searched.query.q)).toBe(true);
    }
    for (const date of BAD_DATES) {
      const drill = await inboxPage(ws.id, ws.manager.userId, {
        view: "all",
        metric: "created",
        from: "2026-01-01",
        to: date,
      });
      expect(drill.problems.join(" ")).toMatch(/"to" must be a real date from 2000-01-01 to 2100-12-31/);
      expect(drill.drill).toBe(false);
    }
    for (const at of [
      "-271821-04-20",
      "1",
      "2026-02-30T00:00:00.000Z",
      "2026-01-01T24:00:00.000Z",
      "9999-12-31T00:00:00.000Z",
      "\u0000",
    ]) {
      const forged = await inboxPage(ws.id, ws.manager.userId, { view: "all", after: encodeCursor({ at, id: "a" }) });
      expect(forged.problems.join(" ")).toMatch(/"after" is not a page of this list/);
      expect(forged.page.rows.length).toBe(6);
    }
    expect(
      (await inboxPage(ws.id, ws.manager.userId, { view: "\u0000", status: ["OPEN", "\uD800"], assignee: "%00" }))
        .problems,
    ).toHaveLength(3);
  });

  it("the mentions list: NUL ids, absurd dates, forged cursors and out-of-range numbers", async () => {
    expect((await mentionsPage(ws.id, {})).total).toBe(6);
    for (const bad of BAD_TEXT) {
      for (const key of ["author", "brand", "rule", "term"]) {
        const page = await mentionsPage(ws.id, { [key]: bad });
        expect(page.problems.join(" ")).toMatch(new RegExp(`"${key}"`));
        expect(page.total).toBe(6);
      }
    }
    for (const date of BAD_DATES) {
      for (const key of ["from", "to"]) {
        const page = await mentionsPage(ws.id, { [key]: date });
        expect(page.problems.join(" ")).toMatch(
          new RegExp(`"${key}" must be a real date from 2000-01-01 to 2100-12-31`),
        );
      }
    }
    for (const at of ["1", "-271821-04-20T00:00:00.000", "2026-02-30T00:00:00.000"]) {
      expect((await mentionsPage(ws.id, { after: encodeCursor({ at, id: "a" }) })).problems.join(" ")).toMatch(
        /"after"/,
      );
    }
    for (const [key, value] of [
      ["dow", "-1"],
      ["dow", "7"],
      ["hour", "24"],
      ["hour", " "],
      ["hour", "1e3"],
      ["dow", "0x1"],
    ]) {
      expect((await mentionsPage(ws.id, { [key]: value })).problems.join(" ")).toMatch(
        new RegExp(`"${key}" must be a whole number`),
      );
    }
  });

  it("the dashboard: absurd dates show a notice and the default period", async () => {
    const viewer = { id: ws.manager.userId, role: "MANAGER" as const, workspaceId: ws.id };
    const sane = await loadDashboard(viewer, {});
    for (const date of BAD_DATES) {
      for (const key of ["from", "to"]) {
        const data = await loadDashboard(viewer, { [key]: date });
        expect(data.errors.join(" ")).toMatch(new RegExp(`"${key}" must be a real date from 2000-01-01 to 2100-12-31`));
        expect(data.filter.range).toEqual(sane.filter.range);
      }
    }
    const long = await loadDashboard(viewer, { from: "2000-01-01", to: "2100-12-31" });
    expect(long.errors.join(" ")).toMatch(/at most 731 days/);
    expect(long.filter.range).toEqual(sane.filter.range);
    const ids = await loadDashboard(viewer, { brand: "\u0000", queue: "\uD800", agent: "%ED%A0%80" });
    expect(ids.errors).toHaveLength(3);
  });

  it("the case page: a malformed or absurd number is a 404, not a 500", async () => {
    for (const number of [
      "\u0000",
      "\uD800",
      "\uFFFD\uFFFD\uFFFD",
      "%ED%A0%80",
      "-1",
      "0",
      "99999999999999999999",
      "1e3",
    ]) {
      const attempt = runAsSession(ws.agent.claims, () => CasePage({ params: Promise.resolve({ number }) }));
      await expect(attempt).rejects.toMatchObject({ digest: expect.stringMatching(/404/) });
    }
    await expect(
      runAsSession(ws.agent.claims, () => CasePage({ params: Promise.resolve({ number: String(caseNumber) }) })),
    ).resolves.toBeTruthy();
  });
});

// Arbitrary parameters: the keys the parsers know and some they don't; values of any text
// (NUL, surrogates, astral characters), near-dates, numbers, repeated values.
const KEYS = [
  "view",
  "status",
  "priority",
  "brand",
  "network",
  "sentiment",
  "assignee",
  "tag",
  "q",
  "queue",
  "metric",
  "from",
  "to",
  "target",
  "after",
  "rule",
  "author",
  "term",
  "dow",
  "hour",
  "agent",
  "zzz",
];
const nearDate = fc
  .tuple(fc.integer({ min: -1, max: 10_000 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
  .map(([y, m, d]) => `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`);
const text = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({
    unit: fc.constantFrom("\u0000", "\uD800", "\uDC00", "\uFFFD", "-", ",", "#", "a", "1", " ", ":"),
    maxLength: 12,
  }),
  nearDate,
  fc.integer().map(String),
  fc.constant("none"),
  fc.constant("x".repeat(10_000)),
);
const value = fc.oneof({ weight: 4, arbitrary: text }, { weight: 1, arbitrary: fc.array(text, { maxLength: 3 }) });
const params = fc.dictionary(fc.constantFrom(...KEYS), value, { maxKeys: 8 });

function allStrings(v: unknown): string[] {
  if (typeof v === "string") return [v];
  if (Array.isArray(v)) return v.flatMap(allStrings);
  if (v && typeof v === "object") return Object.values(v).flatMap(allStrings);
  return [];
}

describe("property: the search-param parsers never throw and yield only usable values", () => {
  it("inbox, mentions, dashboard and route-param parsers over arbitrary input", () => {
    let problems = 0;
    fc.assert(
      fc.property(params, (p) => {
        const inbox = parseInboxQueryWithProblems(p);
        const mentions = parseMentionQueryWithProblems(p);
        const dashboard = parseDashboardFilter(p, "America/New_York", new Date("2026-11-27T12:00:00Z"));
        problems += inbox.problems.length + mentions.problems.length + dashboard.errors.length;
        for (const s of allStrings([inbox.query, mentions.query, dashboard.filter])) expect(isSafeText(s)).toBe(true);
        for (const d of [inbox.query.from, inbox.query.to, mentions.query.from, mentions.query.to])
          if (d !== undefined) expect(isLocalDate(d)).toBe(true);
        for (const id of [
          ...inbox.query.brand,
          ...inbox.query.assignee,
          ...inbox.query.queue,
          mentions.query.brand,
          mentions.query.author,
          mentions.query.rule,
        ].filter((x) => x !== undefined))
          expect(id).toMatch(ID_PATTERN);
        expect(inbox.query.after === undefined || decodeCursor(inbox.query.after) !== null).toBe(true);
        const { from, to } = dashboard.filter.range;
        expect(isLocalDate(from) && isLocalDate(to) && from <= to && daysBetween(from, to) < MAX_RANGE_DAYS).toBe(true);
        // What is parsed compiles (the date arithmetic included) without throwing.
        compileWhere("ws", "u", inbox.query, new Date(), { withCursor: true, timeZone: "Pacific/Kiritimati" });
        compileMentionWhere("ws", "America/New_York", mentions.query, decodeCursor(mentions.query.after));
        makePeriod(dashboard.filter.range, "America/New_York");
        const id = checkParams(idRouteParams, { id: allStrings(p)[0] ?? "" });
        if (id.ok) expect(id.value.id).toMatch(ID_PATTERN);
        else expect(id.message).toMatch(/"id" /);
      }),
      { seed: 14_2026, numRuns: 300 },
    );
    expect(problems).toBeGreaterThan(0); // the generator does reach the error paths
  });

  it("arbitrary cursors decode to a usable cursor or to nothing", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 400 }),
          fc
            .tuple(
              fc.oneof(
                fc.string(),
                fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
              ),
              fc.string(),
            )
            .map(([at, id]) => encodeCursor({ at, id })),
        ),
        (s) => {
          const c = decodeCursor(s);
          if (c) {
            expect(c.id).toMatch(ID_PATTERN);
            expect(Number.isNaN(Date.parse(c.at.endsWith("Z") ? c.at : `${c.at}Z`))).toBe(false);
          }
        },
      ),
      { seed: 14_2027, numRuns: 300 },
    );
  });

  it("arbitrary parameters never make the database fail (inbox and mentions lists)", async () => {
    await fc.assert(
      fc.asyncProperty(params, async (p) => {
        const inbox = await inboxPage(ws.id, ws.manager.userId, p);
        expect(inbox.page.rows.length).toBeLessThanOrEqual(6);
        const mentions = await mentionsPage(ws.id, p);
        expect(mentions.total).toBeLessThanOrEqual(6);
      }),
      { seed: 14_2028, numRuns: 40 },
    );
  });
});
