// Key rotation: values sealed under the old key open while it is listed as previous, and
// `rotateSecrets` re-seals them under the new key, after which the old key is not needed.
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { keyIdOf } from "@/lib/secrets/envelope";
import { openFields, resetKeyring, sealFields } from "@/lib/secrets/store";
import { rotateSecrets } from "@/lib/secrets/rotate";
import { createTestWorkspace } from "../support/factory";

const OLD = "old-secret-key-for-the-rotation-test-000000000001";
const NEW = "new-secret-key-for-the-rotation-test-000000000002";
const saved = { key: process.env.EARSHOT_SECRET_KEY, previous: process.env.EARSHOT_SECRET_KEY_PREVIOUS };

afterEach(() => {
  process.env.EARSHOT_SECRET_KEY = saved.key;
  if (saved.previous === undefined) delete process.env.EARSHOT_SECRET_KEY_PREVIOUS;
  else process.env.EARSHOT_SECRET_KEY_PREVIOUS = saved.previous;
  resetKeyring();
});

describe("secret key rotation", () => {
  it("re-seals old values under the new key; a rerun changes nothing", async () => {
    const ws = await createTestWorkspace();
    const brand = await db().brand.create({ data: { workspaceId: ws.id, name: "Rotating" } });
    process.env.EARSHOT_SECRET_KEY = OLD;
    resetKeyring();
    const account = await db().connectedAccount.create({
      data: {
        workspaceId: ws.id,
        brandId: brand.id,
        network: "mastodon",
        label: "m",
        secrets: sealFields({ accessToken: "tok-1234" }),
      },
    });
    const oldId = keyIdOf(account.secrets);

    process.env.EARSHOT_SECRET_KEY = NEW;
    delete process.env.EARSHOT_SECRET_KEY_PREVIOUS;
    resetKeyring();
    expect(() => openFields(account.secrets)).toThrow(/EARSHOT_SECRET_KEY_PREVIOUS/);

    // The suite's own key too: other tests' rows in this database were sealed with it.
    process.env.EARSHOT_SECRET_KEY_PREVIOUS = [OLD, saved.key].filter(Boolean).join(",");
    resetKeyring();
    const first = await rotateSecrets();
    expect(first.resealed.accounts).toBeGreaterThanOrEqual(1);
    const after = await db().connectedAccount.findUniqueOrThrow({ where: { id: account.id } });
    expect(keyIdOf(after.secrets)).not.toBe(oldId);
    expect(keyIdOf(after.secrets)).toBe(first.keyId);

    process.env.EARSHOT_SECRET_KEY_PREVIOUS = saved.key ?? "";
    resetKeyring();
    expect(openFields(after.secrets)).toEqual({ accessToken: "tok-1234" });
    // A rerun leaves what is current alone (other test files' rows, sealed meanwhile under the
    // suite's key, may be re-sealed: this row is not).
    await rotateSecrets();
    expect((await db().connectedAccount.findUniqueOrThrow({ where: { id: account.id } })).secrets).toBe(after.secrets);
  });
});
