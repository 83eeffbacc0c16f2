import { parseJsonExact } from "../json";
import type { ParseOutput } from "../mention";

type LineResult = { where: string; value: unknown } | { where: string; error: string } | null;

function readLines(text: string): LineResult[] {
  return text.split(/\r?\n/).map((line, index) => {
    if (!line.trim()) return null;
    const where = `line ${index + 1}`;
    try {
      return { where, value: parseJsonExact(line) };
    } catch (error) {
      return { where, error: (error as Error).message };
    }
  });
}

function eachLine(results: LineResult[], out: ParseOutput, each: (value: unknown, where: string) => void): void {
  for (const result of results) {
    if (!result) continue;
    if ("error" in result) out.rejected.push({ where: result.where, reason: `Malformed JSON (${result.error})` });
    else each(result.value, result.where);
  }
}

/** Calls `each` for every non-empty line parsed as JSON; bad lines are rejected with their number. */
export function forEachJsonLine(text: string, out: ParseOutput, each: (value: unknown, where: string) => void): void {
  eachLine(readLines(text), out, each);
}

/**
 * A whole document that is JSON, or JSON lines. A document that is neither — bad or
 * truncated JSON, pretty-printed over many lines — is one rejection, not one per line: it is
 * read as JSON lines only when most of its lines are JSON values of their own, as in a stream
 * capture whose last line was cut off.
 */
export function forEachJsonDocument(
  text: string,
  out: ParseOutput,
  each: (value: unknown, where: string) => void,
): void {
  const trimmed = text.trim();
  if (!trimmed) return;
  let document: unknown;
  try {
    document = parseJsonExact(trimmed);
  } catch (error) {
    const results = /\r?\n/.test(trimmed) ? readLines(text) : [];
    const lines = results.filter((r) => r !== null);
    const standalone = lines.filter((r) => "value" in r && typeof r.value === "object" && r.value !== null).length;
    if (lines.length >= 2 && standalone * 2 >= lines.length) return eachLine(results, out, each);
    out.rejected.push({ where: "document", reason: `Could not read the JSON document (${(error as Error).message})` });
    return;
  }
  each(document, "document");
}

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
export const str = (v: unknown): string | null =>
  typeof v === "string" ? v : typeof v === "number" ? String(v) : null;
export const num = (v: unknown): number | null =>
  typeof v === "number" && Number.isFinite(v) ? v : typeof v === "string" && /^\d+$/.test(v) ? Number(v) : null;
