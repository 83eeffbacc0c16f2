import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  canonicalPairKeys,
  compareNames,
  firstNameOnly,
  isParodyOrFan,
  nameVariants,
  presentsAnotherPerson,
  spellingKey,
} from "./name-match";
import { cityOf, samePlace } from "./places";

const alike = (a: string, b: string) => compareNames(a, b).score;

describe("compareNames", () => {
  it("matches diminutives, transliterations, folded letters and romanisations", () => {
    for (const [a, b] of [
      ["Bob Fischer", "Robert Fischer"],
      ["Kolya Ivanov", "Nikolai Ivanov"],
      ["Pepe Hernández", "José Hernández"],
      ["Sasha Volkov", "Alexander Volkov"],
      ["Юлия Смирнова", "Yulia Smirnova"],
      ["Yuri Petrenko", "Iurii Petrenko"],
      ["Γιώργος Παπαδόπουλος", "Georgios Papadopoulos"],
      ["Soren Jorgensen", "Søren Jørgensen"],
      ["Juergen Weiss", "Jürgen Weiß"],
      ["Djordje Markovic", "Đorđe Marković"],
      ["Satou Yuuki", "Yūki Satō"],
      ["Muhammad Alrashid", "Mohammed Al-Rashid"],
      ["Mohammed Ben Ali", "Mohamed Benali"],
      ["Minjun Lee", "Lee Min-jun"],
      ["박지훈", "Park Ji-hoon"],
    ])
      expect(alike(a, b), `${a} / ${b}`).toBeGreaterThanOrEqual(0.88);
  });
  it("matches married and double surnames, any order, and initials", () => {
    for (const [a, b] of [
      ["María García", "María García López"],
      ["Anna Müller-Schmidt", "Anna Schmidt"],
      ["Sarah Johnson-Lee", "Sarah Johnson"],
      ["Laura de la Torre", "Laura Jiménez de la Torre"],
      ["Jan Kowalski", "Kowalski, Jan"],
      ["Wei Zhang", "Zhang Wei"],
    ])
      expect(alike(a, b), `${a} / ${b}`).toBeGreaterThanOrEqual(0.9);
    expect(alike("J.R. Hartley", "John Robert Hartley")).toBeGreaterThanOrEqual(0.8);
    expect(alike("O. Bakare", "Olusegun Bakare")).toBeGreaterThanOrEqual(0.8);
    expect(compareNames("Bob Fischer", "Robert Fischer").text).toMatch(/another form/);
  });
  it("ranks an exact name above an equivalent, and an equivalent above a cognate", () => {
    expect(alike("Robert Day", "Robert Day")).toBe(1);
    expect(alike("Bob Day", "Robert Day")).toBeGreaterThan(alike("Johnny Day", "Gianni Day"));
    expect(alike("Bob Day", "Robert Day")).toBeLessThan(1);
  });
  it("does not match different people", () => {
    for (const [a, b] of [
      ["Jane Doe", "John Smith"],
      ["Bob Lee", "Ann Lee"],
      ["Maria Jose Silva", "Maria Jose Costa"],
      ["Luca Rossi", "Maria Rossi"],
      ["Maria Silva", "Mario Rossi"],
      ["Hiroshi Tanaka", "田中 宏"],
    ]) {
      expect(alike(a, b), `${a} / ${b}`).toBe(0);
    }
  });
  it("scores in [0, 1], a name matches itself, and never throws", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }), (a, b) => {
        const s = alike(a, b);
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
      }),
      { seed: 151, numRuns: 300 },
    );
    fc.assert(
      fc.property(
        fc.constantFrom("Ana", "Bruno", "Юлия", "Γιώργος", "Søren", "Li"),
        fc.constantFrom("Silva", "Müller-Schmidt", "Смирнова", "Wang"),
        (f, l) => {
          expect(alike(`${f} ${l}`, `${f} ${l}`)).toBe(1);
          expect(alike(`${f} ${l}`, `${l}, ${f}`)).toBe(1);
        },
      ),
      { seed: 152, numRuns: 50 },
    );
  });
  it("recognises a first name alone", () => {
    expect(firstNameOnly("Lucas", "Lucas Oliveira")).toBe(true);
    expect(firstNameOnly("Bea", "Beatriz Santos")).toBe(true);
    expect(firstNameOnly("Santos", "Beatriz Santos")).toBe(false);
  });
});

describe("presentsAnotherPerson", () => {
  it("is true for another person's name: a relative, a colleague", () => {
    expect(presentsAnotherPerson("Luca Rossi", "Maria Rossi")).toBe(true);
    expect(presentsAnotherPerson("Dave Miller", "Karen Miller")).toBe(true);
    expect(presentsAnotherPerson("Tom Reyes", "Jane Whitaker")).toBe(true);
    expect(presentsAnotherPerson("Eriksson Bygg AB", "Sven Eriksson")).toBe(true);
  });
  it("is false for the person themselves, a brand name, no name, or a script it cannot read", () => {
    for (const [d, c] of [
      ["Danny Cohen", "Daniel Cohen"],
      ["Aisha | Style & Travel", "Aisha Bello"],
      ["Priya's Kitchen", "Priya Raghunathan"],
      ["Ingrid 🌊", "Ingrid Halvorsen"],
      ["Nordic Bikes", "Kim Andersson"],
      ["", "Kim Andersson"],
      ["渡辺 健二", "Kenji Watanabe"],
      ["강선희", "Sun-hee Kang"],
      ["Николай Соколов", "Nikolai Sokolov"],
    ]) {
      expect(presentsAnotherPerson(d, c), `${d} / ${c}`).toBe(false);
    }
  });
});

describe("parody, keys and variants", () => {
  it("spots parody, fan and tribute accounts", () => {
    expect(isParodyOrFan({ displayName: "Not Elena Vasquez (parody)", bio: null, handle: "notelena" })).toBe(true);
    expect(isParodyOrFan({ displayName: "Marcus Hill Fans", bio: null, handle: "mh" })).toBe(true);
    expect(isParodyOrFan({ displayName: "Elena", bio: "Fan page 💜", handle: "e" })).toBe(true);
    expect(isParodyOrFan({ displayName: "Elena Vasquez", bio: "Not a morning person", handle: "elenavasquez" })).toBe(
      false,
    );
  });
  it("looks names up by canonical pairs, so equivalents and partial double names share a key", () => {
    const shares = (a: string, b: string) => canonicalPairKeys(a).some((k) => canonicalPairKeys(b).includes(k));
    expect(shares("Bob Day", "Robert Day")).toBe(true);
    expect(shares("Юлия Смирнова", "Yulia Smirnova")).toBe(true);
    expect(shares("María López", "María García López")).toBe(true);
    expect(shares("Minjun Lee", "Lee Min-jun")).toBe(true);
    expect(shares("Muhammad Alrashid", "Mohammed Al-Rashid")).toBe(true);
    expect(shares("Bob Day", "Ann Day")).toBe(false);
    expect(canonicalPairKeys("Cher")).toEqual([]);
  });
  it("splits and joins hyphens and particles", () => {
    expect(nameVariants("Mohammed Al-Rashid")).toEqual([
      ["mohammed", "rashid"],
      ["mohammed", "alrashid"],
    ]);
    expect(nameVariants("Dr. Pieter de Vries")).toEqual([
      ["pieter", "vries"],
      ["pieter", "devries"],
    ]);
    expect(spellingKey("satou")).toBe(spellingKey("sato"));
    expect(spellingKey("jihoon")).toBe(spellingKey("jihun"));
  });
});

describe("places", () => {
  it("names a city the same way in any language, script or abbreviation", () => {
    for (const [a, b] of [
      ["Porto, Portugal", "Porto"],
      ["Lisboa", "Lisbon"],
      ["München", "Munich"],
      ["NYC", "New York"],
      ["Москва", "Moscow"],
      ["Αθήνα", "Athens"],
      ["CDMX", "Mexico City"],
      ["St. Petersburg", "Saint Petersburg"],
      ["Hà Nội", "Hanoi"],
      ["📍 Köln", "Cologne"],
      ["Based in Frankfurt am Main", "Frankfurt"],
      ["名古屋", "Nagoya"],
    ]) {
      expect(samePlace(a, b), `${a} / ${b}`).toBe(true);
    }
    expect(samePlace("Porto", "Lisbon")).toBe(false);
    expect(samePlace(null, "Lisbon")).toBeNull();
    expect(cityOf("Brooklyn, NY")).toBe("brooklyn");
  });
});
