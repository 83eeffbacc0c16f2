import { describe, expect, it } from "vitest";
import { parseCsv } from "@/lib/util/csv";
import { AUDIT_CSV_HEADER, auditCsvHeader, auditCsvLine } from "./csv";

const row = {
  createdAt: new Date("2026-03-01T10:00:00.123Z"),
  actorUserId: "cku1",
  actorName: "Ana",
  action: "member.role_changed",
  targetType: "membership",
  targetId: "ckm1",
  details: { from: "AGENT", to: "ADMIN", note: 'said "yes", then\nleft' },
};

describe("audit CSV lines", () => {
  it("have the header's columns, ISO time and the details as JSON, read back by a CSV parser", () => {
    const [header, line] = parseCsv(auditCsvHeader() + auditCsvLine(row));
    expect(header.fields).toEqual([...AUDIT_CSV_HEADER]);
    expect(line.fields).toEqual([
      "2026-03-01T10:00:00.123Z",
      "cku1",
      "Ana",
      "member.role_changed",
      "membership",
      "ckm1",
      JSON.stringify(row.details),
    ]);
    expect(auditCsvLine(row).endsWith("\r\n")).toBe(true);
  });

  it("name the system for rows without an actor, and leave empty what is missing", () => {
    const [line] = parseCsv(
      auditCsvLine({ ...row, actorUserId: null, actorName: null, targetId: null, details: null }),
    );
    expect(line.fields).toEqual([
      "2026-03-01T10:00:00.123Z",
      "",
      "System",
      "member.role_changed",
      "membership",
      "",
      "{}",
    ]);
  });

  it("defuse cells a spreadsheet would run as formulas (= + - @ tab CR)", () => {
    for (const name of ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]) {
      const [line] = parseCsv(auditCsvLine({ ...row, actorName: name }));
      expect(line.fields[2], JSON.stringify(name)).toBe(`'${name}`);
    }
    const [plain] = parseCsv(auditCsvLine({ ...row, actorName: "Ana = admin" }));
    expect(plain.fields[2]).toBe("Ana = admin");
  });
});
