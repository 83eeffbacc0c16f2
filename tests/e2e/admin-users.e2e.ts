import { describe, expect, it } from "vitest";
import { signIn, sharedBrowser } from "./browser";

const browser = sharedBrowser();

describe("admin manages users", () => {
  it("creates a user who signs in, changes their role, and deactivating them ends their session", async () => {
    const admin = await signIn(browser(), "admin@demo.earshot.dev");
    await admin.page.goto("/admin/users");
    const email = `new-agent-${Date.now()}@demo.earshot.dev`;
    await admin.page.getByLabel("Name").fill("Nia Newcomer");
    await admin.page.getByLabel("E-mail").fill(email);
    await admin.page.getByLabel("Initial password").fill("first-day-password");
    await admin.page.getByRole("button", { name: "Add user" }).click();
    await expect(admin.page.getByRole("status").innerText()).resolves.toBe(`Added ${email}.`);
    const row = admin.page.locator(`tr[data-email="${email}"]`);
    await row.waitFor();

    const newcomer = await signIn(browser(), email, "first-day-password");
    expect(await newcomer.page.getByTestId("current-role").innerText()).toBe("Agent");

    await row.getByLabel(`Role of ${email}`).selectOption("MANAGER");
    await admin.page.waitForFunction(
      (e) => (document.querySelector(`tr[data-email="${e}"] select`) as HTMLSelectElement)?.value === "MANAGER",
      email,
    );
    await newcomer.page.reload();
    expect(await newcomer.page.getByTestId("current-role").innerText()).toBe("Manager");

    await row.getByRole("button", { name: "Deactivate" }).click();
    await row.getByText("Deactivated").waitFor();
    await newcomer.page.goto("/inbox");
    expect(new URL(newcomer.page.url()).pathname).toBe("/signin");
    await admin.context.close();
    await newcomer.context.close();
  });

  it("shows field errors for invalid input", async () => {
    const admin = await signIn(browser(), "admin@demo.earshot.dev");
    await admin.page.goto("/admin/users");
    await admin.page.getByLabel("Name").fill("X");
    await admin.page.getByLabel("E-mail").fill("not-an-email");
    await admin.page.getByLabel("Initial password").fill("short");
    await admin.page.getByRole("button", { name: "Add user" }).click();
    await admin.page.getByText("Enter a valid e-mail address.").waitFor();
    await admin.page.getByText("Use at least 10 characters.").waitFor();
    await admin.context.close();
  });

  it("lets a user in several workspaces switch between them", async () => {
    const admin = await signIn(browser(), "admin@demo.earshot.dev");
    const switcher = admin.page.getByTestId("workspace-switcher");
    expect(await switcher.locator("option:checked").innerText()).toContain("Northwind Air");
    const sandbox = await switcher.locator("option", { hasText: "Northwind Sandbox" }).getAttribute("value");
    await switcher.selectOption(sandbox!);
    await admin.page.getByText("No cases here.").waitFor();
    expect(await admin.page.getByTestId("workspace-switcher").locator("option:checked").innerText()).toContain(
      "Northwind Sandbox",
    );
    // Switch back: sign-in remembers the last workspace, and other tests expect Northwind Air.
    const northwind = await admin.page
      .getByTestId("workspace-switcher")
      .locator("option", { hasText: "Northwind Air" })
      .getAttribute("value");
    await admin.page.getByTestId("workspace-switcher").selectOption(northwind!);
    await admin.page.getByTestId("case-table").waitFor();
    expect(await admin.page.getByTestId("workspace-switcher").locator("option:checked").innerText()).toContain(
      "Northwind Air",
    );
    await admin.context.close();
  });
});
