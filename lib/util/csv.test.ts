import { describe, expect, it } from "vitest";
import { parseCsv, parseCsvRecords } from "./csv";

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
