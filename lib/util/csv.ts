// RFC 4180 CSV: quoted fields, doubled quotes, newlines inside quotes, CRLF. Pure.

/** Parses CSV text into rows of fields. Each row keeps the 1-based line number it starts on. */
export function parseCsv(text: string): Array<{ line: number; fields: string[] }> {
  const rows: Array<{ line: number; fields: string[] }> = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let i = 0;
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  for (; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === "\n") line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && field === "") quoted = true;
    else if (c === ",") {
      fields.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      fields.push(field);
      if (!(fields.length === 1 && fields[0] === "")) rows.push({ line: rowLine, fields });
      fields = [];
      field = "";
      line++;
      rowLine = line;
    } else field += c;
  }
  if (field !== "" || fields.length) {
    fields.push(field);
    rows.push({ line: rowLine, fields });
  }
  return rows;
}

/** Rows as objects keyed by the header row. */
export function parseCsvRecords(text: string): Array<{ line: number; record: Record<string, string> }> {
  const [header, ...rows] = parseCsv(text);
  if (!header) return [];
  return rows.map((row) => ({
    line: row.line,
    record: Object.fromEntries(header.fields.map((name, i) => [name.trim(), row.fields[i] ?? ""])),
  }));
}

// A spreadsheet runs a cell as a formula when it starts with = + - or @, also in their
// full-width forms (＝ ＋ － ＠, which some convert on input), and some trim leading whitespace
// (space, tab, CR, LF and the Unicode spaces) or invisible characters (controls, zero-width and
// direction marks) before deciding. A cell starting with any of these is defused with a leading
// apostrophe, which spreadsheets show as text.
const FORMULA_START = /^[\s\p{Cc}\p{Cf}=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/u;
// Plain numbers stay numbers: "-5" and "-1.25" are values, not formulas.
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/** A cell as a spreadsheet will take it: text that would run as a formula gets a leading apostrophe. */
export function defuseCell(s: string): string {
  return FORMULA_START.test(s) && !PLAIN_NUMBER.test(s) ? `'${s}` : s;
}

/** One CSV line: fields quoted when they hold a comma, quote or newline; formulas defused. */
export function toCsvRow(values: Array<string | number | boolean | null | undefined>): string {
  return values
    .map((v) => {
      const s = defuseCell(v === null || v === undefined ? "" : String(v));
      return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    })
    .join(",");
}
