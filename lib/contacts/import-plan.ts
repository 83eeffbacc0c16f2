// CSV rows to contact fields: column mapping, guessing it from headers, per-row validation. Pure
// (the browser uses it for the mapping step; the server and the CLI for the import).
import { z } from "zod";
import { NETWORKS } from "@/lib/domain/vocabulary";
import { contactFieldsSchema, type ContactFields } from "./fields";
import { handleFromProfileUrl } from "./handles";

export const IMPORT_TARGETS = [
  "ignore",
  "id",
  "externalId",
  "name",
  "firstName",
  "lastName",
  "email",
  "phone",
  "company",
  "tier",
  "tags",
  "location",
  "website",
  "handles",
  "note",
  ...NETWORKS.map((n) => `handle:${n}` as const),
] as const;
export type ImportTarget = (typeof IMPORT_TARGETS)[number] | `custom:${string}`;

export const importTargetSchema = z.union([
  z.enum(IMPORT_TARGETS),
  z.string().regex(/^custom:[\w .-]{1,60}$/, "Custom columns are custom:<name>"),
]) as z.ZodType<ImportTarget>;
export const importMappingSchema = z.record(z.string().max(200), importTargetSchema);
export type ImportMapping = Record<string, ImportTarget>;

const ALIASES: Array<[RegExp, ImportTarget]> = [
  [/^(earshot ?)?id$/, "id"],
  [/^(external ?id|externalid|crm ?id|customer ?id|account ?id)$/, "externalId"],
  [/^(full ?name|name|contact( name)?|display ?name)$/, "name"],
  [/^(first ?name|given ?name|forename)$/, "firstName"],
  [/^(last ?name|surname|family ?name)$/, "lastName"],
  [/^(e-?mails?|e-?mail address(es)?)$/, "email"],
  [/^(phones?|phone number|mobile|tel(ephone)?)$/, "phone"],
  [/^(company|organi[sz]ation|employer)$/, "company"],
  [/^(tier|segment|level|vip)$/, "tier"],
  [/^(tags?|labels?)$/, "tags"],
  [/^(location|city|address)$/, "location"],
  [/^(websites?|url|homepage|web)$/, "website"],
  [/^(notes?|comments?)$/, "note"],
  [/^(handles|declared handles)$/, "handles"],
  [/^(x|twitter)( handle)?$/, "handle:x"],
];

/** A first guess at the mapping from the header row; the user can change every column. */
export function guessMapping(headers: string[]): ImportMapping {
  const mapping: ImportMapping = {};
  for (const header of headers) {
    const h = header.trim().toLowerCase().replace(/[_]+/g, " ");
    const handle = /^(?:handle[: ]+)?([a-z]+)(?: handle)?$/.exec(h);
    const alias = ALIASES.find(([re]) => re.test(h));
    if (alias) mapping[header] = alias[1];
    else if (handle && (NETWORKS as readonly string[]).includes(handle[1]) && h !== handle[1] + "s")
      mapping[header] = `handle:${handle[1]}` as ImportTarget;
    else if (/^custom[: ]/.test(h)) mapping[header] = `custom:${header.trim().slice(7).trim()}` as ImportTarget;
    else if (h === "identities" || h === "created at" || h === "updated at") mapping[header] = "ignore";
    else mapping[header] = "ignore";
  }
  return mapping;
}

// E-mails and web addresses never contain commas or spaces, so any of them separates a list.
const split = (cell: string) => cell.split(/[;,|\s]+/).filter(Boolean);

export interface RowFields {
  /** What the file says; fields absent from the file are absent here, not empty. */
  fields: Partial<ContactFields> & { name?: string };
  id: string | null;
  note: string | null;
}

export type RowParse = { ok: true; row: RowFields } | { ok: false; reason: string };

/** Validates one row against the mapping. Empty cells leave a field as it is. */
export function parseImportRow(record: Record<string, string>, mapping: ImportMapping): RowParse {
  const raw: Record<string, unknown> = {};
  const customFields: Record<string, string> = {};
  const handles: Record<string, string[]> = {};
  let first = "",
    last = "",
    id: string | null = null,
    note: string | null = null;
  const list = (key: string, values: string[]) => (raw[key] = [...((raw[key] as string[]) ?? []), ...values]);
  for (const [column, target] of Object.entries(mapping)) {
    // Our export quotes cells that a spreadsheet would run as formulas; undo that on the way back.
    const cell = (record[column] ?? "").trim().replace(/^'(?=[=+\-@])/, "");
    if (!cell || target === "ignore") continue;
    if (target === "id") id = cell;
    else if (target === "firstName") first = cell;
    else if (target === "lastName") last = cell;
    else if (target === "email") list("emails", split(cell));
    else if (target === "phone")
      list(
        "phones",
        cell
          .split(/[;|\n]+/)
          .map((s) => s.trim())
          .filter(Boolean),
      );
    else if (target === "website") list("websites", split(cell));
    else if (target === "tags")
      list(
        "tags",
        cell
          .split(/[;,|]+/)
          .map((s) => s.trim())
          .filter(Boolean),
      );
    else if (target === "note") note = cell.slice(0, 5000);
    else if (target === "handles") {
      // "x:jane; bluesky:jane.bsky.social" as exported, or profile URLs ("https://twitter.com/jane").
      for (const item of cell.split(/[;,|\s]+/).filter(Boolean)) {
        const fromUrl = handleFromProfileUrl(item);
        const at = item.indexOf(":");
        const [network, handle] = fromUrl?.network
          ? [fromUrl.network, fromUrl.handle]
          : at > 0
            ? [item.slice(0, at).toLowerCase(), item.slice(at + 1)]
            : [null, null];
        if (network && handle) handles[network] = [...(handles[network] ?? []), handle];
      }
    } else if (target.startsWith("handle:"))
      handles[target.slice(7)] = [...(handles[target.slice(7)] ?? []), ...cell.split(/[;,|\s]+/).filter(Boolean)];
    else if (target.startsWith("custom:")) customFields[target.slice(7)] = cell;
    else raw[target] = cell;
  }
  if (!raw.name && (first || last)) raw.name = `${first} ${last}`.trim();
  if (Object.keys(handles).length) raw.handles = handles;
  if (Object.keys(customFields).length) raw.customFields = customFields;
  // Validate with the same schema as the contact form, field by field, so a partial row stays partial.
  const parsed = contactFieldsSchema.partial().safeParse(raw);
  if (!parsed.success) return { ok: false, reason: parsed.error.issues.map((i) => i.message).join("; ") };
  const fields = Object.fromEntries(Object.entries(parsed.data).filter(([k]) => k in raw)) as RowFields["fields"];
  return { ok: true, row: { fields, id, note } };
}
