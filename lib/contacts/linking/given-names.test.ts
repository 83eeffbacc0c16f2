import { describe, expect, it } from "vitest";
import {
  canonicalGivenNames,
  canonicalSurnames,
  givenNameRelation,
  isKnownGivenName,
  sameSurnameVariant,
} from "./given-names";

describe("given-name equivalents", () => {
  it("knows diminutives and equivalents within a tradition", () => {
    const same: Array<[string, string]> = [
      ["bob", "robert"],
      ["bill", "william"],
      ["liz", "elizabeth"],
      ["peggy", "margaret"],
      ["sasha", "alexander"],
      ["sasha", "alexandra"],
      ["kolya", "nikolai"],
      ["pepe", "jose"],
      ["paco", "francisco"],
      ["nacho", "ignacio"],
      ["beppe", "giuseppe"],
      ["hans", "johannes"],
      ["fritz", "friedrich"],
      ["dima", "dmitry"],
      ["katya", "ekaterina"],
      ["nastya", "anastasia"],
      ["yannis", "ioannis"],
      ["kostas", "konstantinos"],
      ["tomek", "tomasz"],
      ["wojtek", "wojciech"],
      ["jim", "james"],
      ["jen", "jennifer"],
      ["teddy", "theodore"],
      ["rafa", "rafael"],
      ["bea", "beatriz"],
    ];
    for (const [a, b] of same) {
      expect(givenNameRelation(a, b), `${a} ~ ${b}`).toBe("same");
      expect(givenNameRelation(b, a), `${b} ~ ${a}`).toBe("same");
    }
  });
  it("knows transliteration variants of Slavic, Greek and Arabic names", () => {
    for (const [a, b] of [
      ["iurii", "yuri"],
      ["yury", "yuriy"],
      ["sergey", "sergei"],
      ["yuliya", "yulia"],
      ["iuliia", "yulia"],
      ["nikolay", "nikolai"],
      ["giorgos", "georgios"],
      ["mohammed", "muhammad"],
      ["mohamed", "muhammad"],
      ["youssef", "yusuf"],
      ["fatma", "fatima"],
      ["hussein", "hossein"],
    ] as const) {
      expect(givenNameRelation(a, b), `${a} ~ ${b}`).toBe("same");
    }
  });
  it("links the same name across languages as a weaker 'cognate' relation", () => {
    expect(givenNameRelation("johnny", "gianni")).toBe("cognate");
    expect(givenNameRelation("ivan", "john")).toBe("cognate");
    expect(givenNameRelation("pedro", "peter")).toBe("cognate");
    expect(givenNameRelation("kolya", "nicholas")).toBe("cognate");
  });
  it("does not relate different names that only share a diminutive's neighbour", () => {
    expect(givenNameRelation("roberto", "alberto")).toBeNull(); // both "Beto", different names
    expect(givenNameRelation("ann", "john")).toBeNull();
    expect(givenNameRelation("maria", "mario")).toBeNull();
    expect(givenNameRelation("zzz", "robert")).toBeNull();
  });
  it("gives every equivalent the same lookup form", () => {
    expect(canonicalGivenNames("bob")).toEqual(canonicalGivenNames("robert"));
    expect(canonicalGivenNames("kolya")).toEqual(canonicalGivenNames("nikolai"));
    expect(canonicalGivenNames("alex")).toEqual(expect.arrayContaining(["alexander", "alexandra"]));
    expect(canonicalGivenNames("qwerty")).toEqual([]);
    expect(isKnownGivenName("luca")).toBe(true);
    expect(isKnownGivenName("nordic")).toBe(false);
  });
  it("knows family-name romanisations (Korean, Chinese)", () => {
    expect(sameSurnameVariant("park", "bak")).toBe(true);
    expect(sameSurnameVariant("lee", "yi")).toBe(true);
    expect(sameSurnameVariant("zhang", "chang")).toBe(true);
    expect(sameSurnameVariant("kim", "park")).toBe(false);
    expect(canonicalSurnames("bak")).toEqual(["park"]);
  });
});
