import "server-only";
import type { Network, Prisma } from "@/lib/generated/prisma/client";
import type { Random } from "./random";

export type Tx = Prisma.TransactionClient;

export const HOUR = 3600_000;
export const NETWORKS: Network[] = ["x", "mastodon", "bluesky", "reddit", "facebook", "instagram", "youtube", "rss"];

/**
 * What every area seeder shares. The demo is the same for the same seed only because the
 * seeders draw from `rnd` in a fixed order: keep the call order in seedDemo as it is.
 */
export interface DemoContext {
  tx: Tx;
  workspaceId: string;
  seed: number;
  /** The demo's "now": nothing in it happens later. */
  anchor: Date;
  rnd: Random;
}

/** Caps a date at the demo's "now". */
export function notAfter(anchor: Date, date: Date): Date {
  return new Date(Math.min(date.getTime(), anchor.getTime()));
}
