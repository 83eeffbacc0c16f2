import { describe, expect, it } from "vitest";
import { signIn, sharedBrowser } from "./browser";

const browser = sharedBrowser();

describe("sentiment corrections", () => {
  it("an agent corrects a mention's sentiment in one click; the workspace's model learns from it", async () => {
    const agent = await signIn(browser(), "agent@demo.earshot.dev");
    const control = agent.page.getByTestId("case-table").getByLabel("Sentiment").first();
    expect(await control.getAttribute("title")).toMatch(/^(Why: |No strong cues)/);
    const current = await control.inputValue();
    const next = current === "POSITIVE" ? "NEGATIVE" : "POSITIVE";
    await control.selectOption(next);
    await agent.page.waitForLoadState("networkidle");
    await agent.page.reload();
    expect(await agent.page.getByTestId("case-table").getByLabel("Sentiment").first().inputValue()).toBe(next);
    await agent.context.close();

    const admin = await signIn(browser(), "admin@demo.earshot.dev");
    await admin.page.goto("/admin/sentiment");
    await expect(admin.page.getByTestId("model-summary").innerText()).resolves.toMatch(
      /Version \d+, learned from \d+ examples \([1-9]\d* corrections/,
    );
    await admin.page.getByRole("button", { name: "Re-score all mentions" }).click();
    await admin.page
      .getByTestId("rescore-progress")
      .filter({ hasText: /^(\d[\d,]*) \/ \1$/ })
      .waitFor();
    await admin.context.close();
  });
});
