import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defuseCell, parseCsv, parseCsvRecords, toCsvRow } from "./csv";

describe("parseCsv", () => {
  it("handles quotes, doubled quotes, embedded newlines and CRLF, keeping line numbers", () => {
    const rows = parseCsv('a,b\r\n"x, y","say ""hi"""\n"multi\nline",z\n');
    expect(rows).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 2, fields: ["x, y", 'say "hi"'] },
      { line: 3, fields: ["multi\nline", "z"] },
    ]);
  });
  it("maps records by header", () => {
    expect(parseCsvRecords("id,text\n1,hello\n2,\n")).toEqual([
      { line: 2, record: { id: "1", text: "hello" } },
      { line: 3, record: { id: "2", text: "" } },
    ]);
  });
});

// What a spreadsheet could run as a formula: a formula character, in ASCII or full width, first
// or after leading whitespace or invisible characters.
const RUNS_AS_FORMULA = /^[\s\p{Cc}\p{Cf}]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/u;

describe("toCsvRow's formula defusing", () => {
  it("defuses cells starting with = + - @, tab or carriage return, as before", () => {
    expect(toCsvRow(["=1+1", "+1", "-x", "@SUM(A1)", "\tTAB", "\rCR"])).toBe(`'=1+1,'+1,'-x,'@SUM(A1),'\tTAB,"'\rCR"`);
  });
  it("defuses cells starting with a space, a line feed, or a full-width ＝ ＋ － ＠", () => {
    expect(defuseCell(" =1+1")).toBe("' =1+1");
    expect(defuseCell("  @cmd")).toBe("'  @cmd");
    expect(defuseCell(" plain text")).toBe("' plain text");
    expect(defuseCell('\n=HYPERLINK("x")')).toBe('\'\n=HYPERLINK("x")');
    expect(defuseCell("\u00a0=1")).toBe("'\u00a0=1");
    expect(defuseCell("\u200b=1")).toBe("'\u200b=1");
    expect(defuseCell("\uFF1D1+1")).toBe("'\uFF1D1+1");
    expect(defuseCell("\uFF0B1")).toBe("'\uFF0B1");
    expect(defuseCell("\uFF0D1")).toBe("'\uFF0D1");
    expect(defuseCell("\uFF20SUM(A1)")).toBe("'\uFF20SUM(A1)");
    expect(toCsvRow(["\n=1+1"])).toBe(`"'\n=1+1"`);
  });
  it("keeps numbers and ordinary text as they are", () => {
    expect(toCsvRow([-5, "-5", "-1.25", 0, 42, "hello", "a=b", "user@example.com", "", null, undefined, true])).toBe(
      "-5,-5,-1.25,0,42,hello,a=b,user@example.com,,,,true",
    );
  });
  it("never leaves a cell a spreadsheet would run, and reads back as the value or the value behind an apostrophe", () => {
    const alphabet = fc.constantFrom(
      " ",
      "\t",
      "\n",
      "\r",
      "\u00a0",
      "\u3000",
      "\u200b",
      "\ufeff",
      "=",
      "+",
      "-",
      "@",
      "\uFF1D",
      "\uFF0B",
      "\uFF0D",
      "\uFF20",
      "1",
      "5",
      ".",
      "a",
      "Z",
      ",",
      '"',
      "'",
      "é",
      "🙂",
    );
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string({ unit: alphabet, maxLength: 12 }), fc.string({ maxLength: 12 })), {
          minLength: 1,
          maxLength: 4,
        }),
        (cells) => {
          // A leading key column: a row of one empty cell is a blank line, which parseCsv skips.
          const line = toCsvRow(["k", ...cells]);
          const [row] = parseCsv(`${line}\r\n`);
          expect(row.fields).toHaveLength(cells.length + 1);
          row.fields.slice(1).forEach((field, i) => {
            const cell = cells[i];
            const keptNumber = /^-?\d+(\.\d+)?$/.test(cell);
            if (!keptNumber) expect(field).not.toMatch(RUNS_AS_FORMULA);
            expect(field === cell || field === `'${cell}`).toBe(true);
          });
        },
      ),
      { seed: 20261201, numRuns: 400 },
    );
  });
});
