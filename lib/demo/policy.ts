// Demo data is for trying Earshot out. It is never seeded into a production database unless
// someone asks for it explicitly (EARSHOT_DEMO=1).
export function demoSeedingAllowed(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.EARSHOT_DEMO === "1") return true;
  if (env.EARSHOT_DEMO === "0") return false;
  return !(env.NODE_ENV === "production" && env.DATABASE_URL);
}
