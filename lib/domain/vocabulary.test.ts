import { describe, expect, it } from "vitest";
import { z } from "zod";
import { Role } from "@/lib/generated/prisma/enums";
import {
  CASE_STATUSES,
  DONE_STATUSES,
  INTENTS,
  NETWORKS,
  OPEN_STATUSES,
  PAUSED_STATUSES,
  PRIORITIES,
  ROLES,
  SENTIMENTS,
} from "./vocabulary";

describe("the domain vocabulary", () => {
  it("holds the values the app has always stored and accepted, in the same order", () => {
    expect(CASE_STATUSES).toEqual(["NEW", "OPEN", "PENDING", "ON_HOLD", "SOLVED", "CLOSED"]);
    expect(PRIORITIES).toEqual(["LOW", "NORMAL", "HIGH", "URGENT"]);
    expect(NETWORKS).toEqual([
      "x",
      "mastodon",
      "bluesky",
      "reddit",
      "facebook",
      "instagram",
      "youtube",
      "rss",
      "webhook",
    ]);
    expect(SENTIMENTS).toEqual(["POSITIVE", "NEUTRAL", "NEGATIVE"]);
    expect(INTENTS).toEqual(["QUESTION", "COMPLAINT", "PRAISE", "OTHER"]);
    expect(ROLES).toEqual(["AGENT", "MANAGER", "ADMIN"]);
  });

  it("splits the statuses into open and done, each status once; paused ones are open", () => {
    expect([...OPEN_STATUSES, ...DONE_STATUSES].sort()).toEqual([...CASE_STATUSES].sort());
    expect(OPEN_STATUSES).toEqual(["NEW", "OPEN", "PENDING", "ON_HOLD"]);
    expect(DONE_STATUSES).toEqual(["SOLVED", "CLOSED"]);
    expect(PAUSED_STATUSES).toEqual(["PENDING", "ON_HOLD"]);
    for (const s of PAUSED_STATUSES) expect(OPEN_STATUSES).toContain(s);
  });

  it("ranks every role the schema knows", () => {
    expect([...ROLES].sort()).toEqual(Object.values(Role).sort());
  });

  it("validates with z.enum: its values pass, anything else is refused", () => {
    const status = z.enum(CASE_STATUSES);
    expect(status.parse("ON_HOLD")).toBe("ON_HOLD");
    expect(status.safeParse("on_hold").success).toBe(false);
    expect(z.enum(NETWORKS).safeParse("myspace").success).toBe(false);
  });
});
