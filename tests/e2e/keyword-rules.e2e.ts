import { describe, expect, it } from "vitest";
import { signIn, sharedBrowser } from "./browser";

const browser = sharedBrowser();

describe("the keyword-rule editor", () => {
  it("validates as the admin types, previews matches with highlights, and saves, disables and deletes rules", async () => {
    const { context, page } = await signIn(browser(), "admin@demo.earshot.dev");
    await page.goto("/admin/brands");
    const brand = page.getByRole("region", { name: "Northwind Air" });
    await brand.getByRole("button", { name: "Add rule" }).click();
    const form = page.getByRole("form", { name: "New rule" });
    await form.getByLabel("Name").fill("Bag complaints");
    const query = form.getByLabel("Query");

    await query.fill("northwind AND (lost OR missing");
    await expect(form.getByTestId("query-status").innerText()).resolves.toMatch(/never closed.*character 15/s);
    expect(await form.getByRole("button", { name: "Create rule" }).isDisabled()).toBe(true);

    await query.fill("northwind AND (lost OR missing) AND bag*");
    await form.getByText("Valid query.").waitFor();
    await form.getByRole("button", { name: "Preview matches" }).click();
    const preview = form.getByTestId("rule-preview");
    await preview.waitFor();
    expect(await preview.innerText()).toMatch(/Would have matched [1-9]\d* of the last \d+ mentions/);
    expect(await preview.locator("mark").count()).toBeGreaterThan(0);
    expect((await preview.locator("mark").allInnerTexts()).map((t) => t.toLowerCase())).toContain("northwind");

    await form.getByRole("button", { name: "Create rule" }).click();
    const row = brand.locator('[data-rule="Bag complaints"]');
    await row.waitFor();
    await row.getByRole("button", { name: "Disable" }).click();
    await row.getByText("(disabled)").waitFor();
    page.once("dialog", (d) => void d.accept());
    await row.getByRole("button", { name: "Delete" }).click();
    await row.waitFor({ state: "detached" });
    await context.close();
  });
});
