import { parseJsonExact } from "../json";
import type { ParseOutput } from "../mention";

/** Calls `each` for every non-empty line parsed as JSON; bad lines are rejected with their number. */
export function forEachJsonLine(text: string, out: ParseOutput, each: (value: unknown, where: string) => void): void {
  const lines = text.split(/\r?\n/);
  lines.forEach((line, index) => {
    if (!line.trim()) return;
    const where = `line ${index + 1}`;
    let value: unknown;
    try {
      value = parseJsonExact(line);
    } catch (error) {
      out.rejected.push({ where, reason: `Malformed JSON (${(error as Error).message})` });
      return;
    }
    each(value, where);
  });
}

/** A whole document that is JSON, or JSON lines. */
export function forEachJsonDocument(text: string, out: ParseOutput, each: (value: unknown, where: string) => void): void {
  const trimmed = text.trim();
  if (!trimmed) return;
  try {
    each(parseJsonExact(trimmed), "document");
    return;
  } catch {
    // not one JSON document: try lines
  }
  forEachJsonLine(text, out, each);
}

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
export const str = (v: unknown): string | null => (typeof v === "string" ? v : typeof v === "number" ? String(v) : null);
export const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : typeof v === "string" && /^\d+$/.test(v) ? Number(v) : null);
