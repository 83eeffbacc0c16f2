import { describe, expect, it } from "vitest";
import { createRandom } from "./random";
import { demoSeedingAllowed } from "./policy";

describe("seeded random", () => {
  it("repeats for the same seed and differs for another", () => {
    const seq = (seed: number) => Array.from({ length: 5 }, createRandom(seed).next);
    expect(seq(1)).toEqual(seq(1));
    expect(seq(1)).not.toEqual(seq(2));
    const r = createRandom(3);
    for (let i = 0; i < 1000; i++) {
      const n = r.int(2, 4);
      expect(n >= 2 && n <= 4).toBe(true);
    }
  });
});

describe("demo seeding policy", () => {
  it("seeds in development and the embedded database, never production with a DATABASE_URL unless asked", () => {
    expect(demoSeedingAllowed({ NODE_ENV: "development" } as NodeJS.ProcessEnv)).toBe(true);
    expect(demoSeedingAllowed({ NODE_ENV: "production" } as NodeJS.ProcessEnv)).toBe(true);
    expect(demoSeedingAllowed({ NODE_ENV: "production", DATABASE_URL: "postgres://x" } as NodeJS.ProcessEnv)).toBe(
      false,
    );
    expect(
      demoSeedingAllowed({
        NODE_ENV: "production",
        DATABASE_URL: "postgres://x",
        EARSHOT_DEMO: "1",
      } as NodeJS.ProcessEnv),
    ).toBe(true);
    expect(demoSeedingAllowed({ NODE_ENV: "development", EARSHOT_DEMO: "0" } as NodeJS.ProcessEnv)).toBe(false);
  });
});
