import { sealSourceSecrets, settingsWithSecrets } from "@/lib/sources/secrets";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { runAsSession } from "@/lib/auth/session";
import { createSourceAction, setSourceEnabledAction } from "@/lib/sources/actions";
import { listSources } from "@/lib/sources/sources";
import { createTestWorkspace } from "../support/factory";

describe("sources", () => {
  it("are created per network with the settings their connector needs, and listed with health", async () => {
    const ws = await createTestWorkspace();
    const as = <T>(fn: () => Promise<T>) => runAsSession(ws.admin.claims, fn);
    expect(
      await as(() =>
        createSourceAction({ network: "mastodon", name: "Tag", instance: "https://social.example", hashtag: "" }),
      ),
    ).toMatchObject({ ok: false, code: "INVALID" });
    expect(await as(() => createSourceAction({ network: "x", name: "Stream" }))).toMatchObject({
      ok: false,
      fieldErrors: { bearerToken: [expect.any(String)] },
    });
    expect(await as(() => createSourceAction({ network: "rss", name: "Feed", url: "ftp://x" }))).toMatchObject({
      ok: false,
      fieldErrors: { url: [expect.any(String)] },
    });
    const mastodon = await as(() =>
      createSourceAction({
        network: "mastodon",
        name: "Tag",
        instance: "https://social.example",
        hashtag: "#northwind",
      }),
    );
    const fb = await as(() => createSourceAction({ network: "facebook", name: "Page", appSecret: "s" }));
    expect(mastodon.ok && fb.ok).toBe(true);
    const stored = await db().source.findMany({ where: { workspaceId: ws.id }, orderBy: { network: "asc" } }); // enum order: mastodon before facebook
    expect(stored.map((s) => [s.network, s.settings])).toEqual([
      ["mastodon", { expectedIntervalMinutes: 60, instance: "https://social.example", hashtag: "northwind" }],
      ["facebook", { expectedIntervalMinutes: 60, verifyToken: expect.stringMatching(/^[0-9a-f]{24}$/) }],
    ]);
    // The app secret is sealed in its own column, never in the plain settings.
    const page0 = stored.find((s) => s.network === "facebook")!;
    expect(page0.secrets).toMatch(/^v1\./);
    expect(page0.secrets).not.toContain('"s"');
    expect(settingsWithSecrets(page0)).toMatchObject({ appSecret: "s" });
    const rows = await listSources(ws.id);
    const page = rows.find((r) => r.network === "facebook")!;
    expect(page.webhookPath).toBe(`/api/v1/webhooks/facebook/${page.id}`);
    expect(page.state).toBe("ok");
    expect((await as(() => setSourceEnabledAction({ sourceId: page.id, enabled: false }))).ok).toBe(true);
    expect((await listSources(ws.id)).find((r) => r.id === page.id)?.state).toBe("disabled");
  });
});

describe("source secrets from before they were sealed", () => {
  it("are sealed by the start-up step, and readers find them before and after", async () => {
    const ws = await createTestWorkspace();
    const old = await db().source.create({
      data: {
        workspaceId: ws.id,
        network: "x",
        name: "Old X",
        settings: { bearerToken: "AAAA-old-token", backfillMinutes: 5 },
      },
    });
    expect(settingsWithSecrets(old)).toMatchObject({ bearerToken: "AAAA-old-token" });
    expect(await sealSourceSecrets()).toBeGreaterThanOrEqual(1);
    const after = await db().source.findUniqueOrThrow({ where: { id: old.id } });
    expect(after.settings).toEqual({ backfillMinutes: 5 });
    expect(after.secrets).not.toContain("AAAA-old-token");
    expect(settingsWithSecrets(after)).toEqual({ backfillMinutes: 5, bearerToken: "AAAA-old-token" });
    expect(await sealSourceSecrets()).toBe(0);
  });
});
