// The subject export as a readable HTML page, written as the rows stream in (lib/privacy/export.ts
// sends the events; this turns each into HTML text). Pure: no I/O, no Next, no database.
//
// Everything that came from the database is text to show, never markup: every value goes
// through escapeHtml, including keys, and nothing becomes a link or an image (a post's URL could
// be `javascript:`; an avatar URL would tell its host who opened the file). The page also
// carries a Content-Security-Policy that allows no script and no remote load at all.

/** One row of a section: JSON values (dates already ISO strings). */
export type ExportRow = Record<string, unknown>;

export interface ExportHeader {
  /** "Data Earshot holds about <name>". */
  title: string;
  generatedAt: string;
  workspaceSlug: string;
  /** Facts about the subject, shown under the title: [label, value]. */
  subject: ReadonlyArray<readonly [string, string]>;
}

/** What the exporter produces, in order; both the JSON and the HTML writers consume it. */
export type ExportEvent =
  | { kind: "start"; header: ExportHeader; subject: ExportRow }
  | { kind: "object"; key: string; title: string; value: ExportRow | null }
  | { kind: "section"; key: string; title: string; note?: string }
  | { kind: "rows"; key: string; rows: ExportRow[] }
  | { kind: "sectionEnd"; key: string; count: number }
  | { kind: "end"; sections: ReadonlyArray<{ key: string; title: string; count: number }> };

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text safe inside an element or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** "postedAt" → "Posted at", "externalId" → "External id". */
export function columnLabel(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/_/g, " ")
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function isPrimitive(value: unknown): value is string | number | boolean {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean";
}

/** One value as HTML: text escaped, lists of text as a list, anything structured as JSON. */
export function renderValue(value: unknown): string {
  if (value === null || value === undefined) return '<span class="none">—</span>';
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (isPrimitive(value)) return escapeHtml(String(value));
  if (Array.isArray(value) && value.length === 0) return '<span class="none">(none)</span>';
  if (Array.isArray(value) && value.every(isPrimitive))
    return `<ol>${value.map((v) => `<li>${escapeHtml(String(v))}</li>`).join("")}</ol>`;
  if (typeof value === "object" && Object.keys(value).length === 0) return '<span class="none">{}</span>';
  const json = JSON.stringify(value, null, 2) ?? String(value);
  return `<details><summary>JSON (${json.length.toLocaleString("en")} characters)</summary><pre>${escapeHtml(json)}</pre></details>`;
}

const STYLE = `
body{font:14px/1.45 system-ui,sans-serif;color:#0f172a;margin:0;padding:24px}
main{display:flex;flex-direction:column;gap:24px}
header{order:-2}
nav{order:-1;border:1px solid #cbd5e1;border-radius:6px;padding:8px 16px}
h1{font-size:22px;margin:0 0 8px}
h2{font-size:17px;margin:0 0 8px}
table{border-collapse:collapse;font-size:12px}
th,td{border:1px solid #e2e8f0;padding:4px 6px;text-align:left;vertical-align:top}
td{max-width:40em;white-space:pre-wrap;overflow-wrap:anywhere}
th{background:#f1f5f9;position:sticky;top:0}
dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:0}
dt{font-weight:600}
dd{margin:0;white-space:pre-wrap;overflow-wrap:anywhere}
pre{margin:0;white-space:pre-wrap;max-height:30em;overflow:auto}
ol{margin:0;padding-left:1.4em}
.none{color:#94a3b8}
.count,.note{color:#475569;margin:4px 0 8px}
`;

function definitionList(entries: ReadonlyArray<readonly [string, unknown]>): string {
  return `<dl>${entries.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${renderValue(v)}</dd>`).join("")}</dl>`;
}

function sectionId(key: string): string {
  return `s-${key.replace(/[^A-Za-z0-9_-]/g, "_")}`;
}

function plural(count: number, one: string, many: string): string {
  return `${count.toLocaleString("en")} ${count === 1 ? one : many}`;
}

/**
 * A writer for one page: feed it the export's events in order, write what it returns. It keeps
 * each section's columns (taken from its first row; a later row's extra fields are shown in a
 * last "Other fields" cell, so nothing is ever dropped).
 */
export function createHtmlWriter(): (event: ExportEvent) => string {
  let columns: string[] | null = null;

  const tableStart = (row: ExportRow) => {
    columns = Object.keys(row);
    const head = [...columns.map(columnLabel), "Other fields"];
    return `<table><thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join("")}</tr></thead><tbody>`;
  };

  const tableRow = (row: ExportRow, cols: string[]) => {
    const extra = Object.entries(row).filter(([k]) => !cols.includes(k));
    const cells = cols.map((c) => `<td>${renderValue(row[c])}</td>`);
    cells.push(`<td>${extra.length ? definitionList(extra) : ""}</td>`);
    return `<tr>${cells.join("")}</tr>`;
  };

  return (event) => {
    switch (event.kind) {
      case "start": {
        const h = event.header;
        return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(h.title)}</title><style>${STYLE}</style></head>
<body><main>
<header><h1>${escapeHtml(h.title)}</h1>${definitionList([
          ...h.subject,
          ["Workspace", h.workspaceSlug],
          ["Generated at", h.generatedAt],
        ])}</header>
`;
      }
      case "object": {
        const body = event.value
          ? definitionList(Object.entries(event.value).map(([k, v]) => [columnLabel(k), v] as const))
          : '<p class="none">None.</p>';
        return `<section id="${sectionId(event.key)}"><h2>${escapeHtml(event.title)}</h2>${body}</section>\n`;
      }
      case "section":
        columns = null;
        return `<section id="${sectionId(event.key)}"><h2>${escapeHtml(event.title)}</h2>${
          event.note ? `<p class="note">${escapeHtml(event.note)}</p>` : ""
        }\n`;
      case "rows": {
        if (!event.rows.length) return "";
        const start = columns ? "" : tableStart(event.rows[0]);
        const cols = columns ?? [];
        return `${start}${event.rows.map((r) => tableRow(r, cols)).join("\n")}\n`;
      }
      case "sectionEnd": {
        const close = columns ? "</tbody></table>" : "";
        columns = null;
        return `${close}<p class="count">${escapeHtml(plural(event.count, "row", "rows"))}</p></section>\n`;
      }
      case "end":
        // Written last (the counts are known only now) and shown first, under the title (CSS order).
        return `<nav aria-label="Contents"><h2>Contents</h2><ul>${event.sections
          .map(
            (s) =>
              `<li><a href="#${sectionId(s.key)}">${escapeHtml(s.title)}</a>: ${escapeHtml(s.count.toLocaleString("en"))}</li>`,
          )
          .join("")}</ul></nav>
</main></body></html>
`;
    }
  };
}
