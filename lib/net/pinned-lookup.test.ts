import type { LookupAddress } from "node:dns";
import type { LookupFunction } from "node:net";
import { describe, expect, it } from "vitest";
import { pinnedLookup, type CheckedAddress } from "./pinned-lookup";

type Answer = { error: NodeJS.ErrnoException | null; address: string | LookupAddress[]; family?: number };

function ask(lookup: LookupFunction, host: string, options: Parameters<LookupFunction>[1]): Promise<Answer> {
  return new Promise((resolve) =>
    lookup(host, options, (error, address, family) => resolve({ error, address, family })),
  );
}

const both: CheckedAddress[] = [
  { address: "::1", family: 6 },
  { address: "127.0.0.1", family: 4 },
];

describe("pinnedLookup", () => {
  it("answers `all` lookups (Node 20's autoSelectFamily) with every checked address, in order", async () => {
    const answer = await ask(pinnedLookup("localhost", both), "localhost", { all: true });
    expect(answer).toEqual({
      error: null,
      address: [
        { address: "::1", family: 6 },
        { address: "127.0.0.1", family: 4 },
      ],
      family: undefined,
    });
  });

  it("answers single lookups with the first checked address and its family", async () => {
    expect(await ask(pinnedLookup("localhost", both), "localhost", {})).toEqual({
      error: null,
      address: "::1",
      family: 6,
    });
  });

  it("honours a requested family, and fails rather than hand out an unchecked one", async () => {
    expect(await ask(pinnedLookup("localhost", both), "localhost", { family: 4 })).toEqual({
      error: null,
      address: "127.0.0.1",
      family: 4,
    });
    expect(await ask(pinnedLookup("localhost", both), "localhost", { family: "IPv6", all: true })).toMatchObject({
      address: [{ address: "::1", family: 6 }],
    });
    const none = await ask(pinnedLookup("v4only.test", [both[1]]), "v4only.test", { family: 6 });
    expect(none.error).toMatchObject({ code: "ENOTFOUND", message: expect.stringMatching(/no checked IPv6/) });
  });

  it("answers only for the host that was checked", async () => {
    expect((await ask(pinnedLookup("localhost", both), "LOCALHOST", { all: true })).error).toBeNull();
    const other = await ask(pinnedLookup("feeds.example", both), "evil.example", { all: true });
    expect(other.error).toMatchObject({
      code: "ENOTFOUND",
      message: expect.stringMatching(/evil\.example was not checked/),
    });
  });
});
