import { describe, expect, it } from "vitest";
import { createRandom } from "../../demo/random";
import { emptyModel, learnOne, predict, train, explain, type Label } from "./model";
import { featurize } from "./features";
import { score } from "./evaluate";
import { readLabelledCsv } from "./labels-file";

// A synthetic task the general analyzer cannot know: in this workspace "gate 7" is bad news
// and "lounge" is praise, while the texts carry no sentiment words.
function synthetic(seed: number, n: number) {
  const r = createRandom(seed);
  const fillers = ["today", "at the airport", "this morning", "again", "for my trip", "with the kids"];
  return Array.from({ length: n }, () => {
    const roll = r.next();
    const label: Label = roll < 0.4 ? "NEGATIVE" : roll < 0.7 ? "POSITIVE" : "NEUTRAL";
    const cue =
      label === "NEGATIVE"
        ? r.pick(["gate 7 again", "sent to gate 7", "gate 7 queue"])
        : label === "POSITIVE"
          ? r.pick(["the lounge", "lounge access", "lounge staff"])
          : r.pick(["boarding pass", "flight number", "seat map"]);
    return { text: `${cue} ${r.pick(fillers)}`, label };
  });
}

describe("learned sentiment model", () => {
  it("improves a held-out score on a task the general analyzer does not know", () => {
    const trainSet = synthetic(1, 300);
    const heldOut = synthetic(2, 200);
    const untrained = emptyModel();
    const before = score(
      heldOut.map((e) => e.label),
      heldOut.map((e) => predict(untrained, e.text).label),
    );
    const model = train(emptyModel(), trainSet);
    const after = score(
      heldOut.map((e) => e.label),
      heldOut.map((e) => predict(model, e.text).label),
    );
    expect(after.accuracy).toBeGreaterThan(0.9);
    expect(after.accuracy).toBeGreaterThan(before.accuracy + 0.3);
    expect(explain(model, "sent to gate 7 today").map((f) => f.feature)).toContain("w:gate");
  });

  it("learns incrementally from single corrections", () => {
    const model = emptyModel();
    const features = featurize("my lounge pass");
    for (let i = 0; i < 20; i++) learnOne(model, features, "POSITIVE");
    expect(predict(model, "my lounge pass").label).toBe("POSITIVE");
    expect(model.examples).toBe(20);
  });

  it("marks negated words and reads labelled CSV files, reporting bad rows by line", () => {
    expect(featurize("not good at all")).toContain("w:NOT_good");
    const file = readLabelledCsv(
      'text,label\n"great crew",positive\n,negative\nhello,happy\n"bad, very bad",NEGATIVE\n',
    );
    expect(file.examples).toEqual([
      { text: "great crew", label: "POSITIVE" },
      { text: "bad, very bad", label: "NEGATIVE" },
    ]);
    expect(file.rejected).toEqual([
      { line: 3, reason: "empty text" },
      { line: 4, reason: 'label "happy" is not positive, neutral or negative' },
    ]);
    expect(() => readLabelledCsv("a,b\n1,2", "text", "b")).toThrow(/No column "text"/);
  });
});
