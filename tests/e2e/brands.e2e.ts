import { describe, expect, it } from "vitest";
import { signIn, sharedBrowser } from "./browser";

const browser = sharedBrowser();

describe("brand administration", () => {
  it("creates a brand, gives it handles (refusing an invalid one), flags, renames and deletes it", async () => {
    const { context, page } = await signIn(browser(), "admin@demo.earshot.dev");
    await page.goto("/admin/brands");

    const newBrand = page.getByRole("form", { name: "New brand" });
    await newBrand.getByLabel("Brand name").fill("Orbit E2E");
    await newBrand.getByRole("button", { name: "Create brand" }).click();
    await newBrand.getByRole("status").getByText("Created Orbit E2E.").waitFor();
    const card = page.getByRole("article", { name: "Orbit E2E", exact: true });
    await card.waitFor();
    expect(await card.getByRole("switch", { name: "Competitor" }).getAttribute("aria-checked")).toBe("false");
    // Its keyword rules sit under it, empty for now.
    await card.getByRole("region", { name: "Orbit E2E" }).getByText("No keyword rules yet.").waitFor();

    const addHandle = card.getByRole("form", { name: "Add a handle to Orbit E2E" });
    await addHandle.getByLabel("Network").selectOption("x");
    await addHandle.getByLabel("Handle").fill("@OrbitAir");
    await addHandle.getByRole("button", { name: "Add handle" }).click();
    await card.locator('[data-handle="x:orbitair"]').waitFor();
    expect(await addHandle.getByLabel("Handle").inputValue()).toBe("");

    await addHandle.getByLabel("Network").selectOption("mastodon");
    await addHandle.getByLabel("Handle").fill("orbit");
    await addHandle.getByRole("button", { name: "Add handle" }).click();
    const refusal = addHandle.getByRole("alert");
    expect(await refusal.innerText()).toBe("'orbit' is not a Mastodon handle: write it as name@instance.");
    expect(await addHandle.getByLabel("Handle").getAttribute("aria-invalid")).toBe("true");

    await addHandle.getByLabel("Handle").fill("@Orbit@Mastodon.Social");
    await refusal.waitFor({ state: "detached" });
    await addHandle.getByRole("button", { name: "Add handle" }).click();
    await card.locator('[data-handle="mastodon:orbit@mastodon.social"]').waitFor();
    expect(await card.locator("[data-handle]").allInnerTexts()).toEqual([
      expect.stringContaining("@orbitair"),
      expect.stringContaining("@orbit@mastodon.social"),
    ]);

    await card.getByRole("button", { name: "Remove X handle @orbitair" }).click();
    await card.locator('[data-handle="x:orbitair"]').waitFor({ state: "detached" });

    await card.getByRole("switch", { name: "Competitor" }).click();
    await card.locator('[role="switch"][aria-checked="true"]').waitFor();

    await card.getByRole("button", { name: "Rename Orbit E2E" }).click();
    const renameForm = card.getByRole("form", { name: "Rename Orbit E2E" });
    await renameForm.getByLabel("Brand name").fill("Orbit Air E2E");
    await renameForm.getByRole("button", { name: "Save name" }).click();
    const renamed = page.getByRole("article", { name: "Orbit Air E2E", exact: true });
    await renamed.getByRole("heading", { name: "Orbit Air E2E" }).first().waitFor();
    // The flag and the handle survived the rename.
    expect(await renamed.getByRole("switch", { name: "Competitor" }).getAttribute("aria-checked")).toBe("true");
    await renamed.locator('[data-handle="mastodon:orbit@mastodon.social"]').waitFor();

    await renamed.getByRole("button", { name: "Delete brand" }).click();
    const dialog = page.getByRole("dialog", { name: "Delete the brand Orbit Air E2E?" });
    await dialog.waitFor();
    const consequences = await dialog.getByRole("listitem").allInnerTexts();
    expect(consequences).toEqual([
      "Its 0 keyword rules will be deleted with it.",
      "0 mentions and 0 cases stay, without a brand.",
    ]);
    const confirm = dialog.getByRole("button", { name: "Delete brand" });
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByLabel("Type Orbit Air E2E to confirm").fill("Orbit");
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByLabel("Type Orbit Air E2E to confirm").fill("Orbit Air E2E");
    await confirm.click();
    await renamed.waitFor({ state: "detached" });
    await dialog.waitFor({ state: "hidden" });
    await page.waitForURL((url) => url.pathname === "/admin/brands" && url.search === "");
    // The demo's brands are untouched.
    await page.getByRole("region", { name: "Northwind Air" }).waitFor();
    await context.close();
  });

  it("cancels a deletion with Escape, keeping the brand", async () => {
    const { context, page } = await signIn(browser(), "admin@demo.earshot.dev");
    await page.goto("/admin/brands");
    const northwind = page.getByRole("article", { name: "Northwind Air", exact: true });
    await northwind.getByRole("button", { name: "Delete brand" }).click();
    const dialog = page.getByRole("dialog", { name: "Delete the brand Northwind Air?" });
    await dialog.waitFor();
    // The demo brand has rules, mentions and cases: the counts say so.
    expect(await dialog.getByRole("listitem").first().innerText()).toMatch(/^Its [1-9]\d* keyword rules? will be/);
    expect(await dialog.getByRole("listitem").nth(1).innerText()).toMatch(
      /^[1-9][\d,]* mentions and [1-9][\d,]* cases/,
    );
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    // Closing returns to the plain address, so a reload does not reopen the dialog.
    await page.waitForURL((url) => url.pathname === "/admin/brands" && url.search === "");
    await northwind.waitFor();
    await context.close();
  });
});
