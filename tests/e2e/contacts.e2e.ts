import { describe, expect, it } from "vitest";
import { signIn, sharedBrowser } from "./browser";

const browser = sharedBrowser();
const run = Date.now().toString(36);

describe("contacts", () => {
  it("an agent creates two contacts, merges them choosing fields, sees everything on the survivor, and undoes the merge", async () => {
    const { page, context } = await signIn(browser(), "agent@demo.earshot.dev");
    for (const [name, email, company] of [
      [`Merge A ${run}`, `a-${run}@e2e.example`, ""],
      [`Merge B ${run}`, `b-${run}@e2e.example`, "B Corp"],
    ]) {
      await page.goto("/contacts/new");
      const form = page.getByRole("form", { name: "New contact" });
      await form.getByLabel("Name").fill(name);
      await form.getByLabel("E-mails").fill(email);
      await form.getByLabel("Company").fill(company);
      await form.getByRole("button", { name: "Create contact" }).click();
      await page.getByRole("heading", { name }).waitFor();
    }
    await page.goto(`/contacts?q=${encodeURIComponent(`merge ${run}`)}`);
    await page.getByLabel(`Select Merge A ${run}`).check();
    await page.getByLabel(`Select Merge B ${run}`).check();
    await page.getByRole("link", { name: "Merge selected" }).click();
    await page.getByRole("heading", { name: "Merge contacts" }).waitFor();
    await page.getByRole("radio", { name: new RegExp(`^Merge A ${run} \\(`) }).check(); // A survives
    await page.getByRole("radio", { name: `Company: Merge B ${run}` }).check();
    await page.getByRole("button", { name: `Merge into Merge A ${run}` }).click();
    await page
      .getByRole("status")
      .filter({ hasText: `Merged Merge B ${run} into Merge A ${run}` })
      .waitFor();
    const profile = page.getByRole("region", { name: "Profile" });
    expect(await profile.innerText()).toContain(`a-${run}@e2e.example, b-${run}@e2e.example`);
    expect(await profile.innerText()).toContain("B Corp");

    await page
      .getByRole("button", { name: `Undo merge of Merge B ${run}` })
      .first()
      .click();
    await page.getByRole("status").filter({ hasText: "Merge undone" }).waitFor();
    expect(await page.getByRole("region", { name: "Profile" }).innerText()).not.toContain(`b-${run}@e2e.example`);
    await page.getByRole("link", { name: "the other contact" }).click();
    await page.getByRole("heading", { name: `Merge B ${run}` }).waitFor();
    await context.close();
  });

  it("the second of two agents editing the same contact is told what the first changed", async () => {
    const a = await signIn(browser(), "agent@demo.earshot.dev");
    await a.page.goto("/contacts/new");
    await a.page.getByRole("form", { name: "New contact" }).getByLabel("Name").fill(`Edit Race ${run}`);
    await a.page.getByRole("button", { name: "Create contact" }).click();
    await a.page.getByRole("heading", { name: `Edit Race ${run}` }).waitFor();
    const url = a.page.url();
    const b = await signIn(browser(), "manager@demo.earshot.dev");
    await b.page.goto(url);
    for (const p of [a.page, b.page]) await p.getByRole("button", { name: "Edit contact" }).click();
    await b.page.getByRole("form", { name: "Edit contact" }).getByLabel("Company").fill("Their Company");
    await b.page.getByRole("button", { name: "Save contact" }).click();
    await b.page.getByRole("button", { name: "Edit contact" }).waitFor();
    await a.page.getByRole("form", { name: "Edit contact" }).getByLabel("Tier").fill("VIP");
    await a.page.getByRole("button", { name: "Save contact" }).click();
    const conflict = a.page.getByRole("alert", { name: "Edit conflict" });
    await conflict.waitFor();
    expect(await conflict.innerText()).toMatch(/Morgan Manager saved this contact[\s\S]*Company is now Their Company/);
    // Keeping the edits and saving again goes through.
    await conflict.getByRole("button", { name: "Keep my edits" }).click();
    await a.page.getByRole("alert").filter({ hasText: "Their version is now the base" }).waitFor();
    await a.page.getByRole("button", { name: "Save contact" }).click();
    await a.page.getByRole("button", { name: "Edit contact" }).waitFor();
    expect(await a.page.getByLabel("Tier").innerText()).toBe("VIP");
    await a.context.close();
    await b.context.close();
  });

  it("an agent links an unlinked author by accepting a suggestion, with its reasons shown", async () => {
    const { page, context } = await signIn(browser(), "agent@demo.earshot.dev");
    await page.goto("/contacts/profiles");
    const row = page.getByTestId("profile-table").getByRole("row").filter({ hasText: "%" }).first();
    const handle = (await row.getByRole("link").innerText()).trim();
    await row.getByRole("link").click();
    const suggestion = page.getByRole("region", { name: "Suggested contacts" }).getByRole("listitem").first();
    expect(await suggestion.innerText()).toMatch(/same name|similar name|same handle|name plus location/);
    const contactName = (await suggestion.getByRole("link").first().innerText()).trim();
    await suggestion.getByRole("button", { name: `Accept: ${contactName}` }).click();
    await page.getByRole("link", { name: `Linked to ${contactName}` }).click();
    await page
      .getByRole("region", { name: /^Identities/ })
      .getByText(handle)
      .waitFor();
    await context.close();
  });

  it("a manager imports a CSV: dry run per row with progress, import, and a re-import that changes nothing", async () => {
    const { page, context } = await signIn(browser(), "manager@demo.earshot.dev");
    await page.goto("/contacts/import");
    const csv = `Customer ID,Full name,Email,Tier\nE2E-${run}-1,Imported One ${run},one-${run}@e2e.example,VIP\nE2E-${run}-2,Imported Two ${run},two-${run}@e2e.example,\nE2E-${run}-3,,bad-email,\n`;
    await page
      .getByLabel("CSV file")
      .setInputFiles({ name: "crm.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    expect(await page.getByLabel("Column Customer ID").inputValue()).toBe("externalId");
    expect(await page.getByLabel("Column Full name").inputValue()).toBe("name");
    await page.getByRole("button", { name: "Dry run" }).click();
    const report = page.getByRole("region", { name: "Import report" });
    await report
      .getByText("Dry run: nothing was written. 2 would be created, 0 would be updated, 0 unchanged, 1 rejected.")
      .waitFor();
    expect(await page.getByLabel("Dry run progress").getAttribute("value")).toBe("3");
    expect(await page.getByTestId("import-report").innerText()).toContain("“bad-email” is not an e-mail address.");
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await report.getByText("Imported. 2 created, 0 updated, 0 unchanged, 1 rejected.").waitFor();
    await page.getByRole("button", { name: "Dry run" }).click();
    await report
      .getByText("Dry run: nothing was written. 0 would be created, 0 would be updated, 2 unchanged, 1 rejected.")
      .waitFor();
    await page.goto(`/contacts?q=${encodeURIComponent(`imported ${run}`)}`);
    expect(await page.getByTestId("contact-table").getByRole("link").allInnerTexts()).toEqual([
      `Imported One ${run}`,
      `Imported Two ${run}`,
    ]);
    await context.close();
  });
});
