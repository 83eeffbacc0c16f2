import { NextResponse } from "next/server";
import { databaseHealth } from "@/lib/health/check";

// Public liveness probe: says whether the database answers, nothing about its contents.
export async function GET() {
  const health = await databaseHealth();
  return NextResponse.json(health, { status: health.ok ? 200 : 503 });
}
