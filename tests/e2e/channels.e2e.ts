import { request } from "playwright-core";
import { describe, expect, it } from "vitest";
import { baseUrl, signIn, sharedBrowser } from "./browser";

const browser = sharedBrowser();

describe("channels", () => {
  it("adds pasted mentions and shows the pipeline's summary", async () => {
    const { context, page } = await signIn(browser(), "admin@demo.earshot.dev");
    await page.goto("/admin/channels");
    const form = page.getByRole("form", { name: "Add mentions" });
    const lines = [
      {
        network: "x",
        externalId: "e2e-1",
        createdAt: "2026-11-27T09:00:00Z",
        text: "@northwindair my bag is lost, please help",
        author: { accountId: "e2e-u1", handle: "ella" },
      },
      { network: "x", externalId: "e2e-2", createdAt: "2026-11-27T09:05:00Z", text: "unrelated chatter" },
    ].map((l) => JSON.stringify(l));
    await form.getByLabel("…or paste").fill([...lines, "{broken"].join("\n"));
    await form.getByRole("button", { name: "Add" }).click();
    const summary = form.getByTestId("ingest-summary");
    await summary.waitFor();
    expect(await summary.locator('[data-field="received"]').innerText()).toBe("3");
    expect(await summary.locator('[data-field="accepted"]').innerText()).toBe("1");
    expect(await summary.locator('[data-field="ignored"]').innerText()).toBe("1");
    expect(await summary.innerText()).toContain("line 3");
    await context.close();
  });

  it("creates an API key that the HTTP ingest API accepts, and revokes it", async () => {
    const { context, page } = await signIn(browser(), "admin@demo.earshot.dev");
    await page.goto("/admin/channels");
    const keys = page.getByRole("region", { name: "API keys" });
    const keyName = `channels-${Date.now().toString(36)}`;
    await keys.getByLabel("Key name").fill(keyName);
    await keys.getByRole("button", { name: "Create key" }).click();
    const key = await keys.getByTestId("new-api-key").innerText();
    const api = await request.newContext({ baseURL: baseUrl() });
    const body = JSON.stringify({
      network: "x",
      externalId: `api-${Date.now()}`,
      createdAt: "2026-11-27T10:00:00Z",
      text: "northwind lost my bags",
    });
    const ok = await api.post("/api/v1/ingest/jsonl", { headers: { authorization: `Bearer ${key}` }, data: body });
    expect(ok.status()).toBe(200);
    expect(await ok.json()).toMatchObject({ accepted: 1 });
    expect((await api.post("/api/v1/ingest/jsonl", { data: body })).status()).toBe(401);
    await keys.locator("li", { hasText: keyName }).getByRole("button", { name: "Revoke" }).click();
    await keys.locator("li", { hasText: keyName }).getByText("revoked").waitFor();
    expect(
      (await api.post("/api/v1/ingest/jsonl", { headers: { authorization: `Bearer ${key}` }, data: body })).status(),
    ).toBe(401);
    await api.dispose();
    await context.close();
  });

  it("lists sources with their health", async () => {
    const { context, page } = await signIn(browser(), "admin@demo.earshot.dev");
    await page.goto("/admin/channels");
    const table = page.getByTestId("sources-table");
    expect(await table.locator("tbody tr").count()).toBeGreaterThanOrEqual(8);
    expect(await table.innerText()).toContain("Healthy");
    await context.close();
  });
});
