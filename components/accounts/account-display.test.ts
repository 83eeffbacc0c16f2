import { describe, expect, it } from "vitest";
import type { AccountField } from "@/lib/outbox/transport";
import {
  activePause,
  fieldValuesOf,
  formatUtc,
  inputRequired,
  secretPlaceholder,
  statusBadgeOf,
} from "./account-display";

const token: AccountField = { name: "accessToken", label: "Access token", secret: true, required: true };
const instance: AccountField = {
  name: "instanceUrl",
  label: "Instance URL",
  secret: false,
  required: true,
  placeholder: "https://mastodon.social",
};
const handle: AccountField = { name: "handle", label: "Handle", secret: false, required: false };
const facts = (status: string, pausedUntil: string | null = null) => ({ status, lastError: null, pausedUntil });

describe("connected account display", () => {
  it("names each status, and only reauth asks to connect again", () => {
    expect(statusBadgeOf(facts("ok"))).toEqual({ label: "Connected", tone: "ok", mustReconnect: false });
    expect(statusBadgeOf(facts("untested"))).toEqual({
      label: "Not tested yet",
      tone: "neutral",
      mustReconnect: false,
    });
    expect(statusBadgeOf(facts("reauth"))).toEqual({
      label: "Needs re-authentication",
      tone: "danger",
      mustReconnect: true,
    });
    expect(statusBadgeOf(facts("error"))).toEqual({ label: "Error", tone: "danger", mustReconnect: false });
    expect(statusBadgeOf(facts("something-new")).label).toBe("something-new");
  });

  it("shows a rate-limit pause only while it lasts", () => {
    const now = Date.parse("2026-12-01T12:00:00Z");
    expect(activePause(facts("ok", "2026-12-01T12:05:00.000Z"), now)).toBe("2026-12-01T12:05:00.000Z");
    expect(activePause(facts("ok", "2026-12-01T11:55:00.000Z"), now)).toBeNull();
    expect(activePause(facts("ok"), now)).toBeNull();
    expect(formatUtc("2026-12-01T12:05:00.000Z")).toBe("2026-12-01 12:05 UTC");
  });

  it("lets a stored secret stay blank when editing, with its hint as the placeholder", () => {
    expect(secretPlaceholder(token, "•••• 1234")).toBe("•••• 1234 — leave blank to keep");
    expect(secretPlaceholder(instance, undefined)).toBe("https://mastodon.social");
    expect(inputRequired(token, "•••• 1234")).toBe(false);
    expect(inputRequired(token, undefined)).toBe(true);
    expect(inputRequired(instance, undefined)).toBe(true);
    expect(inputRequired(handle, undefined)).toBe(false);
  });

  it("splits the inputs into settings and typed secrets", () => {
    const inputs: Record<string, string> = {
      "settings.instanceUrl": "https://social.example",
      "settings.handle": "",
      "secrets.accessToken": "   ",
    };
    expect(fieldValuesOf([instance, handle, token], (name) => inputs[name] ?? "")).toEqual({
      settings: { instanceUrl: "https://social.example", handle: "" },
      secrets: {},
    });
    inputs["secrets.accessToken"] = "new-token";
    expect(fieldValuesOf([instance, token], (name) => inputs[name] ?? "").secrets).toEqual({
      accessToken: "new-token",
    });
  });
});
