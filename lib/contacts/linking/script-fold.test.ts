import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { foldToLatin } from "./script-fold";

describe("foldToLatin", () => {
  it("transliterates Cyrillic (Russian, Ukrainian, Serbian) and Greek", () => {
    expect(foldToLatin("Юлия Смирнова")).toBe("yuliya smirnova");
    expect(foldToLatin("Николай Соколов")).toBe("nikolay sokolov");
    expect(foldToLatin("Олександр Шевчук, Львів")).toBe("oleksandr shevchuk, lviv");
    expect(foldToLatin("Ђорђе")).toBe("djordje");
    expect(foldToLatin("Γιώργος Παπαδόπουλος")).toBe("giorgos papadopoulos");
    expect(foldToLatin("Θεσσαλονίκη")).toBe("thessaloniki");
    expect(foldToLatin("Ευάγγελος")).toBe("evangelos");
  });
  it("folds accents and the letters decomposition leaves alone: ø æ œ ß đ ł ı þ", () => {
    expect(foldToLatin("Søren Jørgensen")).toBe("soren jorgensen");
    expect(foldToLatin("Æsa Weiß Œuvre")).toBe("aesa weiss oeuvre");
    expect(foldToLatin("Đorđe Marković")).toBe("djordje markovic");
    expect(foldToLatin("Łukasz Wróbel")).toBe("lukasz wrobel");
    expect(foldToLatin("İstanbul Yılmaz")).toBe("istanbul yilmaz");
    expect(foldToLatin("Þóra Nguyễn Thị")).toBe("thora nguyen thi");
    expect(foldToLatin("Yūki Satō")).toBe("yuki sato");
  });
  it("romanises Hangul by syllable (family name split off) and common Han family names and cities", () => {
    expect(foldToLatin("박지훈")).toBe("bak jihun");
    expect(foldToLatin("김민준")).toBe("gim minjun");
    expect(foldToLatin("서울").replace(/\s/g, "")).toBe("seoul");
    expect(foldToLatin("田中 宏").trim().split(/\s+/)).toEqual(["tanaka", "宏"]);
    expect(foldToLatin("佐々木").trim()).toBe("sasaki");
    expect(foldToLatin("王伟").trim().split(/\s+/)[0]).toBe("wang");
    expect(foldToLatin("名古屋").trim()).toBe("nagoya");
  });
  it("leaves Latin text, digits and punctuation as they are (lowercased)", () => {
    expect(foldToLatin("Jane O'Brien-Smith 42!")).toBe("jane o'brien-smith 42!");
  });
  it("never leaves Cyrillic or Greek letters and never throws", () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom(
            ..."абвгдеёжзийклмнопрстуфхцчшщъыьэюяєіїґΑαΒβΓγΔδΕεΖζΗηΘθΙιΚκΛλΜμΝνΞξΟοΠπΡρΣσςΤτΥυΦφΧχΨψΩωάέήίόύώ -'",
          ),
        }),
        (s) => {
          expect(foldToLatin(s)).not.toMatch(/[\u0370-\u03ff\u0400-\u04ff]/);
        },
      ),
      { seed: 15, numRuns: 300 },
    );
  });
});
