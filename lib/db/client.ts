// The Prisma client. One per process, created on first use from DATABASE_URL, which the
// start script, the CLI and the test setup set (to the embedded database's loopback URL
// when no server is configured).
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

export type Db = InstanceType<typeof PrismaClient>;

const globalForDb = globalThis as unknown as { __earshotDb?: { url: string; client: Db } };

export function createDbClient(connectionString: string): Db {
  const embedded = /127\.0\.0\.1:\d+\/postgres\?sslmode=disable$/.test(connectionString);
  return new PrismaClient({
    adapter: new PrismaPg({
      connectionString,
      // The embedded database is one backend: a few connections are plenty.
      max: embedded ? 4 : 10,
      // A server's JIT compiles the dashboards' large aggregates for longer than they run. The
      // adapter sends instants as UTC wall time without an offset and reads them back the same
      // way, so the session must be in UTC whatever the server's default time zone is.
      ...(embedded ? {} : { options: "-c jit=off -c TimeZone=UTC" }),
    }),
  });
}

export function db(): Db {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new Error(
      "DATABASE_URL is not set. Start the console with `npm start` (it opens the embedded database), or set DATABASE_URL.",
    );
  }
  const cached = globalForDb.__earshotDb;
  if (cached && cached.url === url) return cached.client;
  const client = createDbClient(url);
  globalForDb.__earshotDb = { url, client };
  return client;
}

export async function disconnectDb(): Promise<void> {
  const cached = globalForDb.__earshotDb;
  globalForDb.__earshotDb = undefined;
  await cached?.client.$disconnect();
}
