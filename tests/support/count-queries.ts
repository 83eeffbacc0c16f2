// Counts the database statements `fn` makes, through a Prisma client that logs every query.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

export async function withQueryCounter<T>(fn: (count: () => number, reset: () => void) => Promise<T>): Promise<T> {
  const url = process.env.DATABASE_URL!;
  const counting = new PrismaClient({
    adapter: new PrismaPg({ connectionString: url }),
    log: [{ emit: "event", level: "query" }],
  });
  let queries = 0;
  counting.$on("query" as never, () => void queries++);
  const holder = globalThis as unknown as { __earshotDb?: { url: string; client: unknown } };
  const previous = holder.__earshotDb;
  holder.__earshotDb = { url, client: counting };
  try {
    return await fn(
      () => queries,
      () => void (queries = 0),
    );
  } finally {
    holder.__earshotDb = previous;
    await counting.$disconnect();
  }
}
