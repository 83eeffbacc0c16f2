// The crash issue #17 names: the worker process is killed after Mastodon accepted the post but
// before the outcome was written. On restart nothing is posted twice.
//
// A real child process (tests/support/outbox-child.ts) runs an outbox pass against the test
// database (PGlite is served over a loopback socket, PostgreSQL is a server: both are shared).
// Between it and the fake Mastodon (tests/fakes/mastodon-api.ts) sits a small proxy that passes
// the POST on (the fake creates the status) and then holds the answer back; the test kills the
// child with SIGKILL at that moment. After the claim lapses a pass in the test process recovers
// the reply ("unknown outcome") and finishes it. Three servers are played:
// - a plain Mastodon: the reply is found among the account's statuses, not posted again;
// - one whose account listing lags: the retry posts with the same Idempotency-Key and Mastodon
//   answers with the first status;
// - one without idempotency keys (the proxy drops the header): the lookup alone prevents a repeat.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { replyToCase } from "@/lib/cases/update";
import { runOutboxOnce } from "@/lib/delivery/run";
import { parseMastodon } from "@/lib/ingest/formats/mastodon";
import { ingestEvents } from "@/lib/ingest/pipeline";
import { saveAccount } from "@/lib/outbox/accounts";
import { PROJECT_ROOT } from "@/lib/db/schema-engine";
import { BRAND_ACCOUNT, startFakeMastodon, type FakeMastodon } from "../fakes/mastodon-api";
import { createTestWorkspace } from "../support/factory";

const TSX = path.join(PROJECT_ROOT, "node_modules/.bin/tsx");
const CHILD = path.join(PROJECT_ROOT, "tests/support/outbox-child.ts");
const CAN_SPAWN = existsSync(TSX) && existsSync(CHILD);
if (!CAN_SPAWN) console.warn(`[outbox-crash] skipped: cannot spawn a TypeScript child (${TSX} missing).`);

const TOKEN = "mastodon-token";
const STATUSES = "/api/v1/statuses";
const OWN_STATUSES = `/api/v1/accounts/${BRAND_ACCOUNT.id}/statuses`;

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface ProxyOptions {
  /** Drop the Idempotency-Key header: a server that does not dedupe. */
  stripIdempotencyKey?: boolean;
  /** Answer the account's status listing with none: a listing that has not caught up yet. */
  hideOwnStatuses?: boolean;
}

/**
 * A pass-through to the fake Mastodon whose first POST /api/v1/statuses reaches the fake (the
 * status is created) but gets no answer: `postAccepted` resolves then, so the test can kill the
 * worker while it waits.
 */
async function startHoldingProxy(fake: FakeMastodon, options: ProxyOptions) {
  const held: http.ServerResponse[] = [];
  let accepted!: () => void;
  const postAccepted = new Promise<void>((resolve) => (accepted = resolve));
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers: Record<string, string> = {};
    for (const name of ["authorization", "accept", "content-type", "idempotency-key"]) {
      const value = req.headers[name];
      if (typeof value === "string" && !(name === "idempotency-key" && options.stripIdempotencyKey))
        headers[name] = value;
    }
    const upstream = await fetch(`${fake.url}${req.url}`, {
      method: req.method,
      headers,
      body: chunks.length ? Buffer.concat(chunks) : undefined,
    });
    const pathname = new URL(req.url ?? "/", "http://proxy").pathname;
    const body = options.hideOwnStatuses && pathname === OWN_STATUSES ? "[]" : await upstream.text();
    if (req.method === "POST" && pathname === STATUSES && !held.length) {
      held.push(res);
      return accepted();
    }
    res.writeHead(upstream.status, { "content-type": upstream.headers.get("content-type") ?? "application/json" });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        for (const res of held) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return { url: `http://localhost:${(server.address() as AddressInfo).port}`, postAccepted };
}

/** A workspace whose brand replies on Mastodon through `instanceUrl`, with a case from Amy's status 1001. */
async function caseWithQueuedReply(fake: FakeMastodon, instanceUrl: string) {
  const ws = await createTestWorkspace();
  await db().workspace.update({
    where: { id: ws.id },
    data: { settings: { fetchAllowlist: ["localhost", "127.0.0.1"] } },
  });
  const brand = await db().brand.create({ data: { workspaceId: ws.id, name: "Northwind" } });
  await db().keywordRule.create({ data: { workspaceId: ws.id, brandId: brand.id, name: "nw", query: "northwind" } });
  await saveAccount(ws.id, null, {
    brandId: brand.id,
    network: "mastodon",
    settings: { instanceUrl },
    secrets: { accessToken: TOKEN },
  });
  fake.addStatus({ id: "1001", acct: "amy", text: "Northwind, where is my parcel?" });
  // Read from the brand's own instance (the proxy's address), so its id is the instance's own.
  const status = {
    id: "1001",
    created_at: new Date().toISOString(),
    in_reply_to_id: null,
    visibility: "public",
    url: `${instanceUrl}/@amy/1001`,
    content: "<p>Northwind, where is my parcel?</p>",
    account: { id: "1", username: "amy", acct: "amy", display_name: "Amy" },
  };
  await ingestEvents(ws.id, parseMastodon(JSON.stringify(status)));
  const kase = await db().case.findFirstOrThrow({ where: { workspaceId: ws.id } });
  const sent = await replyToCase(ws.id, ws.agent.userId, {
    caseId: kase.id,
    version: kase.version,
    body: "It ships today.",
    confirmStale: false,
  });
  const item = await db().outboxItem.findUniqueOrThrow({ where: { caseMessageId: sent.messageId } });
  expect(item.state).toBe("queued");
  return { ws, kase, item };
}

/** The outbox worker as a process of its own, in its own process group (killed whole afterwards). */
function startChild(workspaceId: string, workerId: string, claimMs: number) {
  const child: ChildProcess = spawn(TSX, ["--conditions=react-server", CHILD, workspaceId, workerId, String(claimMs)], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.once("exit", (code, signal) => resolve(signal ?? code)),
  );
  cleanups.push(() => {
    if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, "SIGKILL");
  });
  return { child, exited, output: () => output };
}

const VARIANTS: Array<{ name: string; proxy: ProxyOptions; posts: number }> = [
  { name: "Mastodon finds the first post among the account's statuses: not posted again", proxy: {}, posts: 1 },
  {
    name: "the listing lags: the retry carries the same Idempotency-Key and Mastodon answers with the first status",
    proxy: { hideOwnStatuses: true },
    posts: 2,
  },
  {
    name: "a server without idempotency keys: the lookup alone keeps it from being posted twice",
    proxy: { stripIdempotencyKey: true },
    posts: 1,
  },
];

describe.skipIf(!CAN_SPAWN)("a worker killed after the network accepted the post", () => {
  it.each(VARIANTS)("$name", { timeout: 120_000 }, async ({ proxy: proxyOptions, posts: expectedPosts }) => {
    const fake = await startFakeMastodon({ token: TOKEN });
    cleanups.push(() => fake.close());
    const proxy = await startHoldingProxy(fake, proxyOptions);
    const { ws, item } = await caseWithQueuedReply(fake, proxy.url);

    const worker = startChild(ws.id, "crashing-worker", 1_000);
    const died = worker.exited.then((how) => {
      throw new Error(`The worker exited (${how}) before posting:\n${worker.output()}`);
    });
    died.catch(() => undefined);
    await Promise.race([proxy.postAccepted, died]);
    // The status exists on the server; the answer never reaches the worker.
    process.kill(-worker.child.pid!, "SIGKILL");
    expect(await worker.exited).toBe("SIGKILL");

    const posts = () => fake.requests.filter((r) => r.method === "POST" && r.path === STATUSES);
    const brandStatuses = () => [...fake.statuses.values()].filter((s) => s.acct === "brand");
    expect(posts()).toHaveLength(1);
    expect(posts()[0].headers["idempotency-key"]).toBe(
      proxyOptions.stripIdempotencyKey ? undefined : item.idempotencyKey,
    );
    expect(brandStatuses()).toHaveLength(1);
    const [status] = brandStatuses();

    // The dead worker's claim: nothing recorded, the reply still "sending" until its claim lapses.
    const stranded = await db().outboxItem.findUniqueOrThrow({ where: { id: item.id } });
    expect(stranded).toMatchObject({ state: "sending", claimedBy: "crashing-worker", attempts: 1, externalId: null });
    const before = new Date(stranded.claimedUntil!.getTime() - 1);
    expect(await runOutboxOnce({ workspaceId: ws.id, now: () => before })).toMatchObject({ recovered: 0, claimed: 0 });

    // The restarted worker, once the claim lapsed.
    const lapsed = new Date(stranded.claimedUntil!.getTime() + 1);
    const restarted = await runOutboxOnce({ workspaceId: ws.id, workerId: "restarted-worker", now: () => lapsed });
    expect(restarted).toMatchObject({ recovered: 1, claimed: 1, sent: 1, failed: 0 });

    // It looked before posting (the outcome was unknown), and posted again only when it found nothing.
    const after = fake.requests.slice(fake.requests.indexOf(posts()[0]) + 1).map((r) => `${r.method} ${r.path}`);
    expect(after.slice(0, 2)).toEqual(["GET /api/v1/accounts/verify_credentials", `GET ${OWN_STATUSES}`]);
    expect(posts()).toHaveLength(expectedPosts);
    for (const post of posts()) expect(post.headers["idempotency-key"]).toBe(posts()[0].headers["idempotency-key"]);
    expect(brandStatuses()).toHaveLength(1);

    const sent = await db().outboxItem.findUniqueOrThrow({ where: { id: item.id } });
    expect(sent).toMatchObject({
      state: "sent",
      externalId: status.id,
      attempts: 2,
      claimedBy: null,
      lastError: null,
    });
    expect(sent.payload).not.toHaveProperty("unknownOutcome");
    expect(await db().caseEvent.count({ where: { workspaceId: ws.id, kind: "reply.sent" } })).toBe(1);
    expect((await db().caseMessage.findUniqueOrThrow({ where: { id: item.caseMessageId! } })).deliveryStatus).toBe(
      "sent",
    );
  });
});
