import { describe, expect, it } from "vitest";
import { OPEN_STATUSES } from "@/lib/domain/vocabulary";
import { OPEN_LIST } from "./query";

describe("the inbox's open-case list", () => {
  it("is written out as literals for the partial indexes, and names exactly the open statuses", () => {
    expect(OPEN_LIST.values).toEqual([]);
    expect(OPEN_LIST.text).toBe(`(${OPEN_STATUSES.map((s) => `'${s}'`).join(",")})`);
  });
});
