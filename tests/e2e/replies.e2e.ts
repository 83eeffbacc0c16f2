// Replies that reach customers: an admin connects the demo brand's Mastodon account (a fake
// Mastodon server this test starts, reached as localhost), an agent replies to a Mastodon mention
// and the fake server receives exactly that reply; a reply that needs approval waits until a
// manager, in a second browser, approves it, and then it is delivered.
import { request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeMastodon } from "../fakes/mastodon-api";
import { baseUrl, signIn, sharedBrowser } from "./browser";

const browser = sharedBrowser();
let fake: Awaited<ReturnType<typeof startFakeMastodon>>;

beforeAll(async () => {
  fake = await startFakeMastodon({ token: "e2e-mastodon-token" });
});
afterAll(async () => {
  await fake?.close();
});

/** A Mastodon post mentioning the brand, on the fake instance and through the ingestion API. */
async function mastodonMention(key: string, run: string, text: string): Promise<string> {
  const id = `${Date.now()}${Math.floor(Math.random() * 1000)}`;
  fake.addStatus({ id, acct: `sam${run}`, text });
  const api = await request.newContext({ baseURL: baseUrl() });
  const ingested = await api.post("/api/v1/ingest/jsonl", {
    headers: { authorization: `Bearer ${key}` },
    data: JSON.stringify({
      network: "mastodon",
      externalId: id,
      url: `${fake.url}/@sam${run}/${id}`,
      createdAt: new Date().toISOString(),
      text,
      author: { accountId: `m-${run}-${id}`, handle: `sam${run}`, displayName: "Sam Sailor", followers: 40 },
    }),
  });
  expect(await ingested.json()).toMatchObject({ accepted: 1, cases: { created: 1 } });
  await api.dispose();
  return id;
}

describe("replies through a connected account", () => {
  it("are posted on the network, and a reply that needs approval goes out once a manager approves it", async () => {
    const run = Date.now().toString(36);
    const admin = await signIn(browser(), "admin@demo.earshot.dev");

    // An API key for the mentions, and the brand's Mastodon account, made as an admin makes them.
    await admin.page.goto("/admin/channels");
    const keys = admin.page.getByRole("region", { name: "API keys" });
    await keys.getByLabel("Key name").fill(`replies-${run}`);
    await keys.getByRole("button", { name: "Create key" }).click();
    const key = await keys.getByTestId("new-api-key").innerText();
    const connect = admin.page.locator("form", { hasText: "Connect an account" });
    await connect.getByLabel("Brand", { exact: true }).selectOption({ label: "Northwind Air" });
    await connect.getByLabel("Network", { exact: true }).selectOption("mastodon");
    await connect.getByLabel(/Instance URL/).fill(fake.url);
    await connect.getByLabel(/Access token/).fill("e2e-mastodon-token");
    await connect.getByRole("button", { name: "Connect account" }).click();
    const row = admin.page.locator("tr", { hasText: "Northwind Air" }).filter({ hasText: /mastodon/i });
    await row.getByRole("button", { name: "Test connection" }).click();
    await admin.page.getByText(/Connected as/).waitFor();
    // The token went in and never comes back: only its last four characters show.
    expect(await admin.page.content()).not.toContain("e2e-mastodon-token");

    // An approval rule: replies that mention a refund wait for a manager.
    await admin.page.goto("/admin/routing");
    const rules = admin.page.getByRole("region", { name: "Approval rules" });
    await rules.getByText("Add an approval rule").click();
    await rules.getByLabel("Name of the approval rule").fill(`Refunds ${run}`);
    await rules.getByLabel(/The reply mentions any of/).fill("refund");
    await rules.getByRole("button", { name: "Add approval rule" }).click();
    await rules.getByText(`Refunds ${run}`).waitFor();
    await admin.context.close();

    // 1. A plain reply goes out at once, as the brand, to exactly that post.
    const first = await mastodonMention(key, run, `Northwind Air my seat ${run} is broken`);
    const agent = await signIn(browser(), "agent@demo.earshot.dev");
    await agent.page.goto(`/inbox?view=all&q=${run}`);
    await agent.page
      .getByTestId("case-table")
      .locator("tbody tr", { hasText: "seat" })
      .getByRole("link", { name: /^#\d+$/ })
      .click();
    await agent.page.waitForURL(/\/cases\/\d+$/);
    await agent.page.getByTestId("reply-meter").filter({ hasText: "Posting as" }).waitFor();
    const reply = agent.page.getByLabel("Reply", { exact: true });
    expect(await reply.inputValue()).toBe(`@sam${run} `); // the mention Mastodon needs, pre-filled
    await reply.fill(`@sam${run} Sorry about the seat, we are on it.`);
    await agent.page.getByRole("button", { name: "Send reply" }).click();
    await agent.page.getByRole("status").filter({ hasText: "Reply queued" }).waitFor();
    await agent.page
      .getByTestId("delivery")
      .filter({ hasText: /^sent$/ })
      .waitFor({ timeout: 20_000 });
    const posted = fake.requests.filter((r) => r.method === "POST" && r.path === "/api/v1/statuses");
    expect(posted).toHaveLength(1);
    expect(posted[0].headers.authorization).toBe("Bearer e2e-mastodon-token");
    expect(posted[0].headers["idempotency-key"]).toMatch(/\S{8,}/);
    expect(posted[0].body).toMatchObject({
      status: `@sam${run} Sorry about the seat, we are on it.`,
      in_reply_to_id: first,
      visibility: "public",
    });
    const link = agent.page.getByRole("link", { name: "View the reply on the network" });
    expect(await link.getAttribute("href")).toMatch(new RegExp(`^${fake.url}/@brand/\\d+$`));
    expect(await link.getAttribute("rel")).toBe("noopener nofollow ugc");

    // 2. A reply about a refund waits for approval.
    await mastodonMention(key, run, `Northwind Air cancelled my flight ${run}, I want my money back`);
    await agent.page.goto(`/inbox?view=all&q=${run}`);
    await agent.page
      .getByTestId("case-table")
      .locator("tbody tr", { hasText: "money back" })
      .getByRole("link", { name: /^#\d+$/ })
      .click();
    await agent.page.waitForURL(/\/cases\/\d+$/);
    await agent.page.getByLabel("Reply", { exact: true }).fill(`@sam${run} We will refund the ticket today.`);
    await agent.page.getByRole("button", { name: "Send reply" }).click();
    await agent.page.getByRole("status").filter({ hasText: "waits for a manager's approval" }).waitFor();
    await agent.page.getByTestId("delivery").filter({ hasText: "waiting for approval" }).waitFor();
    await new Promise((r) => setTimeout(r, 3_000)); // a worker pass or more: nothing may go out
    expect(fake.requests.filter((r) => r.method === "POST" && r.path === "/api/v1/statuses")).toHaveLength(1);

    // A manager, in another browser, approves it; the agent sees it delivered without reloading.
    const manager = await signIn(browser(), "manager@demo.earshot.dev");
    await manager.page.goto("/approvals");
    const card = manager.page.getByRole("article").filter({ hasText: "We will refund the ticket today." });
    await card.getByText("money back").first().waitFor(); // the customer's post beside the reply
    await card.getByRole("button", { name: "Approve", exact: true }).click();
    await manager.page
      .getByRole("status")
      .filter({ hasText: /approved/i })
      .waitFor();
    await agent.page
      .getByTestId("delivery")
      .filter({ hasText: /^sent$/ })
      .waitFor({ timeout: 20_000 });
    const all = fake.requests.filter((r) => r.method === "POST" && r.path === "/api/v1/statuses");
    expect(all).toHaveLength(2);
    expect(all[1].body).toMatchObject({ status: `@sam${run} We will refund the ticket today.` });
    expect(await agent.page.getByRole("list", { name: "Conversation" }).innerText()).toContain("Reply approved");

    // The outbox lists both as sent, with the account they went out from.
    await agent.page.goto("/outbox?network=mastodon&state=sent");
    const outbox = await agent.page.getByTestId("outbox-table").innerText();
    expect(outbox).toContain("We will refund the ticket today.");
    expect(outbox).toContain("Sorry about the seat");
    await agent.context.close();
    await manager.context.close();
  });
});
