import { request } from "playwright-core";
import { describe, expect, it } from "vitest";
import { baseUrl, signIn, sharedBrowser } from "./browser";

const browser = sharedBrowser();

describe("the case inbox", () => {
  it("a mention ingested through the HTTP API appears live; an agent claims it, replies with a macro and solves it while a colleague watches", async () => {
    // An API key, made the way an admin makes one.
    const admin = await signIn(browser(), "admin@demo.earshot.dev");
    await admin.page.goto("/admin/channels");
    const keys = admin.page.getByRole("region", { name: "API keys" });
    await keys.getByLabel("Key name").fill(`inbox-${Date.now().toString(36)}`);
    await keys.getByRole("button", { name: "Create key" }).click();
    const key = await keys.getByTestId("new-api-key").innerText();
    await admin.context.close();

    const agent = await signIn(browser(), "agent@demo.earshot.dev");
    await agent.page.goto("/inbox?view=unassigned");
    await agent.page.getByTestId("live-status").filter({ hasText: "Live" }).waitFor();
    const colleague = await signIn(browser(), "manager@demo.earshot.dev");
    await colleague.page.goto("/inbox?view=all");

    // The mention arrives while both look at their inbox.
    const run = Date.now().toString(36);
    const text = `Northwind Air lost my bag on flight NW${run}, nobody answers!`;
    const api = await request.newContext({ baseURL: baseUrl() });
    const body = JSON.stringify({
      network: "x",
      externalId: `inbox-${run}`,
      createdAt: new Date().toISOString(),
      text,
      author: { accountId: `acct-${run}`, handle: `traveller${run}`, displayName: "Tess Traveller", followers: 120 },
    });
    const ingested = await api.post("/api/v1/ingest/jsonl", {
      headers: { authorization: `Bearer ${key}` },
      data: body,
    });
    expect(await ingested.json()).toMatchObject({ accepted: 1, cases: { created: 1 } });
    const row = agent.page.getByTestId("case-table").locator("tbody tr", { hasText: `NW${run}` });
    await row.waitFor({ timeout: 5000 }); // live: no reload
    expect(await row.innerText()).toContain(`@traveller${run}`);
    await colleague.page
      .getByTestId("case-table")
      .locator("tbody tr", { hasText: `NW${run}` })
      .waitFor({ timeout: 5000 });

    // The agent opens it and claims it.
    await row.getByRole("link", { name: /^#\d+$/ }).click();
    await agent.page.waitForURL(/\/cases\/\d+$/);
    const caseUrl = new URL(agent.page.url()).pathname;
    await colleague.page.goto(caseUrl);
    // Each sees the other on the case.
    await colleague.page
      .getByRole("status", { name: "Presence" })
      .filter({ hasText: "Alex Agent is viewing" })
      .waitFor({ timeout: 10_000 });
    await agent.page
      .getByRole("status", { name: "Presence" })
      .filter({ hasText: "Morgan Manager is viewing" })
      .waitFor({ timeout: 10_000 });
    await agent.page.getByRole("button", { name: "Assign to me (a)" }).click();
    await agent.page.getByTestId("assignee").filter({ hasText: "Alex Agent" }).waitFor();
    await colleague.page.getByTestId("assignee").filter({ hasText: "Alex Agent" }).waitFor({ timeout: 5000 }); // seen live

    // Reply with a macro (variables filled) and solve.
    await agent.page.getByLabel("Insert macro").selectOption({ label: "Ask for booking reference" });
    const reply = await agent.page.getByLabel("Reply").inputValue();
    expect(reply.length).toBeGreaterThan(10);
    await colleague.page
      .getByRole("status", { name: "Presence" })
      .filter({ hasText: "Alex Agent is replying" })
      .waitFor({ timeout: 10_000 });
    await agent.page.getByText("and solve").click();
    await agent.page.getByRole("button", { name: "Send reply" }).click();
    await agent.page.getByRole("status").filter({ hasText: "Reply sent (sandbox)." }).waitFor();
    await agent.page.getByTestId("delivery").filter({ hasText: "sent (sandbox)" }).waitFor();
    await colleague.page.getByRole("banner").getByText("Solved").waitFor({ timeout: 5000 }); // the state change, live
    expect(await colleague.page.getByRole("list", { name: "Conversation" }).innerText()).toContain(reply.slice(0, 20));

    // The outbox shows the reply and its state.
    await agent.page.goto("/outbox");
    const sent = agent.page.getByTestId("outbox-table").locator("tbody tr").first();
    expect(await sent.innerText()).toContain("sent (sandbox)");
    await agent.context.close();
    await colleague.context.close();
  });
});
