import { describe, expect, it } from "vitest";
import { sentimentReasons } from "./explain";
import { emptyModel, train } from "./model";

describe("sentimentReasons", () => {
  it("names the analyzer's cues, or the learned model's strongest words", () => {
    expect(sentimentReasons("On hold for 2 hours, worst airline", null)).toEqual(
      expect.arrayContaining(["worst", "on hold for"]),
    );
    const model = train(
      emptyModel(),
      Array.from({ length: 30 }, () => ({ text: "gate seven again", label: "NEGATIVE" as const })),
    );
    const reasons = sentimentReasons("gate seven again", model);
    expect(reasons.length).toBeGreaterThan(0);
    expect(reasons.join(" ")).toMatch(/gate|seven/);
    expect(reasons).not.toContain("bias");
  });
});
