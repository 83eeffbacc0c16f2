import "server-only";
import { db } from "@/lib/db/client";

export async function databaseHealth(): Promise<{ ok: boolean }> {
  try {
    await db().$queryRaw`SELECT 1`;
    return { ok: true };
  } catch {
    return { ok: false };
  }
}
