import { describe, expect, it } from "vitest";
import { signIn, sharedBrowser } from "./browser";

const browser = sharedBrowser();

// A past week, so cases and mentions the other e2e files create today cannot move the figures.
function pastWeek() {
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  return { from: day(-8), to: day(-2) };
}
const number = (text: string) => Number(text.replace(/[^\d]/g, ""));

describe("dashboard", () => {
  it("a manager's figures lead to the cases and mentions behind them, with tables and CSV that agree", async () => {
    const { page, context } = await signIn(browser(), "manager@demo.earshot.dev");
    const { from, to } = pastWeek();
    await page.goto(`/dashboard?from=${from}&to=${to}`);
    await page.getByRole("heading", { name: "Service" }).waitFor();
    await page.getByRole("heading", { name: "Listening" }).waitFor();
    // The panels streamed after the rest of the page arrive: per agent, per queue, top authors.
    await page.getByTestId("table-agents").waitFor();
    await page.getByTestId("table-queues").waitFor();
    await page.getByTestId("table-authors_volume").waitFor();
    expect(await page.getByTestId("table-authors_volume").locator("tbody tr").count()).toBeGreaterThan(0);
    const created = number(await page.getByTestId("kpi-created").innerText());
    expect(created).toBeGreaterThan(0);
    expect(created).toBeLessThanOrEqual(50); // one inbox page

    // The chart's table alternative: a row per day, whose Created column adds up to the figure.
    const service = page.getByRole("region", { name: "Cases created, solved and backlog" });
    await service.getByText("Show as table").click();
    const rows = service.getByTestId("table-service").locator("tbody tr");
    expect(await rows.count()).toBe(7);
    const perDay = await rows.evaluateAll((trs) =>
      trs.map((tr) => Number(tr.querySelectorAll("td")[0]?.textContent ?? 0)),
    );
    expect(perDay.reduce((a, b) => a + b, 0)).toBe(created);

    // The per-case CSV has one row per case created.
    const csvHref = await service.getByRole("link", { name: "Per-case CSV" }).getAttribute("href");
    const csv = await page.request.get(csvHref!);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    expect((await csv.text()).trim().split("\r\n").length - 1).toBe(created);

    // The figure itself leads to the inbox, filtered to exactly those cases.
    await page.getByTestId("kpi-created").click();
    await page.waitForURL(/\/inbox\?.*metric=created/);
    await page.getByTestId("drill-banner").waitFor();
    expect(await page.locator("tbody tr").count()).toBe(created);

    // Listening: the mentions figure leads to the list of those mentions.
    await page.goto(`/dashboard?from=${from}&to=${to}`);
    const mentions = number(await page.getByTestId("kpi-mentions").innerText());
    expect(mentions).toBeGreaterThan(0);
    expect(await page.getByTestId("heatmap").locator("a").count()).toBe(7 * 24);
    await page.getByTestId("kpi-mentions").click();
    await page.waitForURL(/\/mentions\?/);
    expect(number(await page.getByTestId("mentions-total").innerText())).toBe(mentions);
    await context.close();
  });

  it("an agent sees only their own numbers", async () => {
    const { page, context } = await signIn(browser(), "agent@demo.earshot.dev");
    await page.goto("/dashboard");
    await page.getByRole("heading", { name: "Service" }).waitFor();
    expect(await page.getByRole("heading", { name: "Dashboard" }).isVisible()).toBe(true);
    expect(await page.locator("header").innerText()).toContain("Your numbers");
    expect(await page.getByRole("heading", { name: "Listening" }).count()).toBe(0);
    expect(await page.getByRole("combobox", { name: "Agent", exact: true }).count()).toBe(0);
    expect(await page.getByRole("combobox", { name: "Queue", exact: true }).count()).toBe(1);
    const response = await page.request.get("/api/dashboard/export?table=volume");
    expect(response.status()).toBe(403);
    await context.close();
  });
});
