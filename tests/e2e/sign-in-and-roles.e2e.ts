import { request } from "playwright-core";
import { describe, expect, it } from "vitest";
import { baseUrl, navLabels, signIn, sharedBrowser } from "./browser";

const browser = sharedBrowser();

describe("signing in as each demo role", () => {
  const roles = [
    { email: "agent@demo.earshot.dev", role: "Agent", nav: ["Inbox", "Contacts", "Outbox", "Dashboard"] },
    {
      email: "manager@demo.earshot.dev",
      role: "Manager",
      nav: ["Inbox", "Contacts", "Outbox", "Approvals", "Dashboard"],
    },
    {
      email: "admin@demo.earshot.dev",
      role: "Admin",
      nav: ["Inbox", "Contacts", "Outbox", "Approvals", "Dashboard", "Admin"],
    },
  ];
  for (const r of roles) {
    it(`${r.role}: lands in a live inbox and sees the navigation for the role`, async () => {
      const { context, page } = await signIn(browser(), r.email);
      expect(await navLabels(page)).toEqual(r.nav);
      expect(await page.getByTestId("current-role").innerText()).toBe(r.role);
      expect(await page.getByTestId("current-user").innerText()).toMatch(/\w+ \w+/);
      expect(
        await page
          .getByRole("navigation", { name: "Views" })
          .getByRole("link", { name: /My open/ })
          .count(),
      ).toBe(1);
      expect(await page.getByTestId("case-table").locator("tbody tr").count()).toBeGreaterThan(0);
      await page.goto("/inbox?view=all");
      expect(await page.getByTestId("case-table").locator("tbody tr").count()).toBeGreaterThan(10);
      for (const path of ["/contacts", "/dashboard"]) {
        const response = await page.goto(path);
        expect(response?.status()).toBe(200);
        await page.getByRole("heading", { level: 1 }).waitFor();
      }
      await context.close();
    });
  }

  it("shows one generic error for a wrong password and stays on the sign-in page", async () => {
    const context = await browser().newContext({ baseURL: baseUrl() });
    const page = await context.newPage();
    await page.goto("/signin");
    await page.getByLabel("E-mail").fill("agent@demo.earshot.dev");
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("sign-in-error").innerText()).resolves.toBe("Invalid e-mail or password.");
    expect(new URL(page.url()).pathname).toBe("/signin");
    await context.close();
  });

  it("sends signed-out visitors to the sign-in page and back where they were going", async () => {
    const context = await browser().newContext({ baseURL: baseUrl() });
    const page = await context.newPage();
    await page.goto("/contacts");
    expect(new URL(page.url()).pathname).toBe("/signin");
    await page.getByLabel("E-mail").fill("manager@demo.earshot.dev");
    await page.getByLabel("Password").fill("earshot-demo");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL("**/contacts");
    await context.close();
  });

  // Each is a callbackUrl as typed into the address bar; all led to evil.example before.
  for (const payload of [
    "/%5Cevil.example/x",
    "/%09/evil.example/y",
    "//evil.example/z",
    "https://evil.example/w",
    "/%2F%2Fevil.example/v",
  ]) {
    it(`stays on the console after signing in with callbackUrl=${payload}`, async () => {
      const context = await browser().newContext({ baseURL: baseUrl() });
      const page = await context.newPage();
      await page.goto(`/signin?callbackUrl=${payload}`);
      await page.getByLabel("E-mail").fill("agent@demo.earshot.dev");
      await page.getByLabel("Password").fill("earshot-demo");
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL((url) => url.pathname === "/inbox", { timeout: 15_000 });
      expect(new URL(page.url()).origin).toBe(new URL(baseUrl()).origin);
      await context.close();
    });
  }

  it("remembers the browser it signed in from, in an HttpOnly cookie", async () => {
    const { context } = await signIn(browser(), "agent@demo.earshot.dev");
    const device = (await context.cookies()).find((c) => c.name === "earshot-device");
    expect(device).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
    expect(device?.value).toMatch(/^v1\./);
    await context.close();
  });

  it("does not let a forged X-Forwarded-For escape the per-address delays", async () => {
    const api = await request.newContext({ baseURL: baseUrl() });
    const { csrfToken } = (await (await api.get("/api/auth/csrf")).json()) as { csrfToken: string };
    // An account nobody has, so that no demo user is slowed down by this test.
    const email = `nobody-${Date.now()}@demo.earshot.dev`;
    const errors: string[] = [];
    for (let i = 0; i < 4; i++) {
      const response = await api.post("/api/auth/callback/credentials", {
        form: { csrfToken, email, password: `guess-${i}`, json: "true" },
        headers: { "x-forwarded-for": `203.0.113.${i + 1}` },
        maxRedirects: 0,
      });
      const { url } = (await response.json()) as { url: string };
      errors.push(new URL(url).searchParams.get("error") ?? "");
    }
    expect(errors).toEqual([
      "Invalid e-mail or password.",
      "Invalid e-mail or password.",
      "Invalid e-mail or password.",
      "Too many failed sign-ins. Wait a few minutes and try again.",
    ]);
    await api.dispose();
  });

  it("signs out", async () => {
    const { context, page } = await signIn(browser(), "agent@demo.earshot.dev");
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL("**/signin");
    await page.goto("/inbox");
    expect(new URL(page.url()).pathname).toBe("/signin");
    await context.close();
  });
});

describe("a role change while signed in", () => {
  it("gives a promoted agent the new role's pages without signing in again, and takes them away on demotion", async () => {
    const admin = await signIn(browser(), "admin@demo.earshot.dev");
    const email = `promoted-${Date.now()}@demo.earshot.dev`;
    await admin.page.goto("/admin/users");
    await admin.page.getByLabel("Name").fill("Soon Promoted");
    await admin.page.getByLabel("E-mail").fill(email);
    await admin.page
      .getByRole("form", { name: "Add a user" })
      .getByLabel("Role", { exact: true })
      .selectOption("AGENT");
    await admin.page.getByLabel("Initial password").fill("long enough password");
    await admin.page.getByRole("button", { name: "Add user" }).click();
    await admin.page.getByRole("status").waitFor();
    const agent = await signIn(browser(), email, "long enough password");
    expect((await agent.page.goto("/mentions"))?.status()).toBe(403);

    const setRole = async (role: string) => {
      await admin.page.locator(`tr[data-email="${email}"]`).getByLabel(`Role of ${email}`).selectOption(role);
      await admin.page.waitForFunction(
        ([e, r]) => (document.querySelector(`tr[data-email="${e}"] select`) as HTMLSelectElement)?.value === r,
        [email, role],
      );
    };
    await setRole("MANAGER");
    expect((await agent.page.goto("/mentions"))?.status()).toBe(200);
    await setRole("AGENT");
    expect((await agent.page.goto("/mentions"))?.status()).toBe(403);
    await admin.context.close();
    await agent.context.close();
  });
});

describe("an agent and the admin area", () => {
  it("is refused the admin pages", async () => {
    const { context, page } = await signIn(browser(), "agent@demo.earshot.dev");
    for (const path of ["/admin", "/admin/users", "/admin/brands"]) {
      const response = await page.goto(path);
      expect(response?.status()).toBe(403);
      await expect(page.getByRole("heading", { level: 1 }).innerText()).resolves.toMatch(/don.t have access/);
    }
    await context.close();
  });

  it("is refused the admin server actions, by the proxy and by the action's own check", async () => {
    // Capture the real action request the admin page makes (adding an existing member: refused).
    const admin = await signIn(browser(), "admin@demo.earshot.dev");
    await admin.page.goto("/admin/users");
    const captured = admin.page.waitForRequest((req) => req.method() === "POST" && !!req.headers()["next-action"]);
    await admin.page.getByLabel("Name").fill("Dup");
    await admin.page.getByLabel("E-mail").fill("manager@demo.earshot.dev");
    await admin.page.getByLabel("Initial password").fill("long enough password");
    await admin.page.getByRole("button", { name: "Add user" }).click();
    const actionId = (await captured).headers()["next-action"];
    await admin.page.locator("form [role=alert]").waitFor();

    const replay = (context: import("playwright-core").BrowserContext, email: string) =>
      context.request.post("/admin/users", {
        headers: { "next-action": actionId, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component" },
        data: JSON.stringify([{ email, name: "Sneaky", role: "ADMIN", password: "long enough password" }]),
        maxRedirects: 0,
      });

    // An agent's replay is stopped by the proxy.
    const agent = await signIn(browser(), "agent@demo.earshot.dev");
    const sneaky = `sneaky-${Date.now()}@demo.earshot.dev`;
    expect((await replay(agent.context, sneaky)).status()).toBe(403);

    // A user demoted while signed in still carries an admin token: the proxy re-reads the role
    // for the admin area and refuses, and the page does too.
    const email = `demoted-${Date.now()}@demo.earshot.dev`;
    await admin.page.getByLabel("Name").fill("Soon Demoted");
    await admin.page.getByLabel("E-mail").fill(email);
    await admin.page
      .getByRole("form", { name: "Add a user" })
      .getByLabel("Role", { exact: true })
      .selectOption("ADMIN");
    await admin.page.getByLabel("Initial password").fill("long enough password");
    await admin.page.getByRole("button", { name: "Add user" }).click();
    await admin.page.getByRole("status").waitFor();
    const demoted = await signIn(browser(), email, "long enough password");
    await admin.page.locator(`tr[data-email="${email}"]`).getByLabel(`Role of ${email}`).selectOption("AGENT");
    await admin.page.waitForFunction(
      (e) => (document.querySelector(`tr[data-email="${e}"] select`) as HTMLSelectElement)?.value === "AGENT",
      email,
    );
    const response = await replay(demoted.context, `${sneaky}.2`);
    expect(response.status()).toBe(403);
    const page = await demoted.context.newPage();
    expect((await page.goto("/admin/users"))?.status()).toBe(403);
    await expect(page.getByRole("heading", { level: 1 }).innerText()).resolves.toMatch(/don.t have access/);

    await admin.page.reload();
    const members = await admin.page.getByTestId("member-table").innerText();
    expect(members).not.toContain(sneaky);
    await admin.context.close();
    await agent.context.close();
    await demoted.context.close();
  });
});
