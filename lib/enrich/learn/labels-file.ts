// Reads labelled examples from CSV: a text column and a label column (positive|neutral|negative).
import { parseCsvRecords } from "../../util/csv";
import type { Label } from "./model";

export interface LabelledFile {
  examples: Array<{ text: string; label: Label }>;
  rejected: Array<{ line: number; reason: string }>;
}

export function readLabelledCsv(content: string, textColumn = "text", labelColumn = "label"): LabelledFile {
  const records = parseCsvRecords(content);
  const out: LabelledFile = { examples: [], rejected: [] };
  if (records.length && !(textColumn in records[0].record))
    throw new Error(`No column "${textColumn}" (columns: ${Object.keys(records[0].record).join(", ")}).`);
  if (records.length && !(labelColumn in records[0].record))
    throw new Error(`No column "${labelColumn}" (columns: ${Object.keys(records[0].record).join(", ")}).`);
  for (const { line, record } of records) {
    const text = record[textColumn]?.trim();
    const label = record[labelColumn]?.trim().toLowerCase();
    if (!text) out.rejected.push({ line, reason: "empty text" });
    else if (label !== "positive" && label !== "neutral" && label !== "negative")
      out.rejected.push({ line, reason: `label "${record[labelColumn] ?? ""}" is not positive, neutral or negative` });
    else out.examples.push({ text, label: label.toUpperCase() as Label });
  }
  return out;
}
