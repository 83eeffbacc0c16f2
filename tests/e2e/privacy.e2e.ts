// A person's rights, as staff carry them out: a manager downloads a demo contact's data, an admin
// erases them (the preview names them, the confirmation asks for their name); afterwards the
// contact page, their cases and the inbox no longer show them, and the dashboard's totals for
// the period are what they were.
import { describe, expect, it } from "vitest";
import { signIn, sharedBrowser } from "./browser";

const browser = sharedBrowser();
const number = (text: string) => Number(text.replace(/[^\d]/g, ""));
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe("privacy requests", () => {
  it("a manager exports a contact; an admin erases them; nothing shows them and the totals stay", async () => {
    // A demo contact with cases (the list's fifth row: other tests use contacts they create).
    const manager = await signIn(browser(), "manager@demo.earshot.dev");
    await manager.page.goto("/contacts");
    const link = manager.page.getByTestId("contact-table").locator("tbody tr").nth(4).getByRole("link").first();
    const name = (await link.innerText()).trim();
    await link.click();
    await manager.page.waitForURL(/\/contacts\/[\w-]+$/);
    const contactUrl = new URL(manager.page.url()).pathname;

    // The export: one JSON document with everything about them.
    const [download] = await Promise.all([
      manager.page.waitForEvent("download"),
      manager.page.getByRole("link", { name: "Export data (JSON)" }).click(),
    ]);
    const exported = JSON.parse(await streamText(await download.createReadStream()));
    expect(exported.contact.name).toBe(name);
    expect(exported.identities.length).toBeGreaterThan(0);
    const caseNumbers: number[] = exported.cases.map((c: { number: number }) => c.number);

    // The dashboard's totals for the past two months, before.
    const range = `/dashboard?from=${day(-60)}&to=${day(-1)}`;
    await manager.page.goto(range);
    const before = number(await manager.page.getByTestId("kpi-mentions").innerText());
    await manager.context.close();

    // The admin erases them from the contact page.
    const admin = await signIn(browser(), "admin@demo.earshot.dev");
    await admin.page.goto(contactUrl);
    await admin.page.getByRole("link", { name: "Erase this person…" }).click();
    await admin.page.getByRole("region", { name: "What will be erased" }).getByText(name).first().waitFor();
    const erase = admin.page.getByRole("button", { name: `Erase ${name}` });
    expect(await erase.isDisabled()).toBe(true);
    await admin.page.getByLabel("Type the person's name to confirm").fill(name);
    await erase.click();
    await admin.page.getByRole("status").filter({ hasText: "Erased." }).waitFor({ timeout: 60_000 });

    // Nothing shows them any more.
    const gone = await admin.page.goto(contactUrl);
    expect(gone?.status()).toBe(404);
    await admin.page.goto(`/contacts?q=${encodeURIComponent(name)}`);
    expect(await admin.page.getByTestId("contact-table").innerText()).not.toContain(name);
    await admin.page.goto(`/inbox?view=all&q=${encodeURIComponent(name)}`);
    expect(await admin.page.locator("body").innerText()).not.toContain(name);
    for (const n of caseNumbers.slice(0, 3)) {
      await admin.page.goto(`/cases/${n}`);
      const page = await admin.page.locator("body").innerText();
      expect(page).not.toContain(name);
      expect(page).toContain("[erased]");
    }
    // The erasure is in the audit log, without them.
    await admin.page.goto("/admin/audit?action=privacy.erased");
    expect(await admin.page.locator("body").innerText()).toContain("privacy.erased");

    // The totals for the period are unchanged.
    await admin.page.goto(range);
    expect(number(await admin.page.getByTestId("kpi-mentions").innerText())).toBe(before);
    await admin.context.close();
  });
});

async function streamText(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
