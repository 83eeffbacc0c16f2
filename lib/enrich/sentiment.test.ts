import { describe, expect, it } from "vitest";
import { analyzeSentiment } from "./sentiment";
import { detectIntent } from "./intent";
import { detectLanguage } from "./language";
import { enrich, influenceScore } from ".";

const label = (t: string) => analyzeSentiment(t).label;

describe("the out-of-the-box analyzer on customer-service cues", () => {
  it("hears complaints without negative words", () => {
    expect(label("@united flight Cancelled Flightled, now what")).toBe("NEGATIVE");
    expect(label("on hold for 2 hours with @delta")).toBe("NEGATIVE");
    expect(label("still waiting for my bag")).toBe("NEGATIVE");
    expect(label("3rd time this week my flight is moved")).toBe("NEGATIVE");
    expect(label("no response from anyone at the desk")).toBe("NEGATIVE");
  });
  it("handles negation and intensifiers", () => {
    expect(label("the crew was not helpful")).toBe("NEGATIVE");
    expect(label("not bad at all")).not.toBe("NEGATIVE");
    expect(analyzeSentiment("really terrible").score).toBeLessThan(analyzeSentiment("terrible").score);
    expect(analyzeSentiment("very good crew").score).toBeGreaterThan(analyzeSentiment("good crew").score);
  });
  it("reads emoji, emoticons, repeated punctuation and caps", () => {
    expect(label("landed early 😍")).toBe("POSITIVE");
    expect(label("my bag 😡")).toBe("NEGATIVE");
    expect(label("home at last :)")).toBe("POSITIVE");
    expect(label("seriously :(")).toBe("NEGATIVE");
    expect(analyzeSentiment("worst delay!!!").score).toBeLessThan(analyzeSentiment("worst delay").score);
    expect(analyzeSentiment("WORST delay EVER").score).toBeLessThan(analyzeSentiment("worst delay ever").score);
  });
  it("does not take sarcasm at face value", () => {
    expect(label("great job losing my luggage again, thanks a lot")).toBe("NEGATIVE");
    expect(label("oh great, another delay")).toBe("NEGATIVE");
  });
  it("recognises plain praise and neutral questions", () => {
    expect(label("thanks for the amazing service, loved the crew")).toBe("POSITIVE");
    expect(label("what time does boarding start for flight 22")).toBe("NEUTRAL");
  });
  it("explains itself with its strongest cues and gives a confidence", () => {
    const r = analyzeSentiment("on hold for 2 hours, worst service");
    expect(r.cues[0].cue).toBe("worst");
    expect(r.confidence).toBeGreaterThan(0.5);
  });
});

describe("intent, language and influence", () => {
  it("tells questions, complaints and praise apart", () => {
    const intent = (t: string) => detectIntent(t, analyzeSentiment(t)).label;
    expect(intent("How do I add my loyalty number?")).toBe("QUESTION");
    expect(intent("Lost my bag again, want a refund")).toBe("COMPLAINT");
    expect(intent("Thanks, great crew today")).toBe("PRAISE");
    expect(intent("Boarding now")).toBe("OTHER");
  });
  it("guesses the language when the network gave none, and only then", () => {
    expect(detectLanguage("the flight is late and my bag is lost")).toBe("en");
    expect(detectLanguage("el vuelo de la mañana es muy tarde")).toBe("es");
    expect(detectLanguage("ok")).toBeNull();
    expect(enrich({ text: "the flight is late", lang: "fr" }).lang).toBe("fr");
  });
  it("scores influence on a log scale", () => {
    expect([null, 0, 9, 999, 99_999, 5_000_000].map(influenceScore)).toEqual([null, 0, 17, 50, 83, 100]);
  });
});
