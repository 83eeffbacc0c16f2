// Inputs of the contact actions. Pure (zod).
import { z } from "zod";
import { contactFieldsSchema } from "./fields";
import { importMappingSchema } from "./import-plan";

const id = z.string().min(1).max(100);

export const createContactSchema = contactFieldsSchema;
export const updateContactSchema = z.object({
  contactId: id,
  version: z.number().int().nonnegative(),
  base: z.record(z.string(), z.unknown()).default({}),
  fields: contactFieldsSchema,
});
export const addNoteSchema = z.object({
  contactId: id,
  body: z.string().trim().min(1, "Write the note first.").max(5000),
});
export const linkIdentitySchema = z.object({
  identityId: id,
  contactId: id,
  expectedContactId: id.nullable().default(null),
});
export const unlinkIdentitySchema = z.object({ identityId: id, expectedContactId: id });
export const createFromIdentitySchema = z.object({ identityId: id, name: z.string().trim().max(200).nullish() });
export const suggestionSchema = z.object({ suggestionId: id });
const choice = z.enum(["survivor", "merged", "both"]);
export const mergeSchema = z.object({
  survivorId: id,
  mergedId: id,
  survivorVersion: z.number().int().nonnegative(),
  mergedVersion: z.number().int().nonnegative(),
  choices: z
    .partialRecord(
      z.enum([
        "name",
        "emails",
        "phones",
        "company",
        "tier",
        "tags",
        "location",
        "websites",
        "handles",
        "customFields",
        "externalId",
      ]),
      choice,
    )
    .default({}),
});
export const undoMergeSchema = z.object({ mergeId: id });
export const importChunkSchema = z.object({
  rows: z
    .array(
      z.object({ line: z.number().int().positive(), record: z.record(z.string().max(200), z.string().max(20_000)) }),
    )
    .max(1000, "Send at most 1,000 rows at a time."),
  mapping: importMappingSchema,
  dryRun: z.boolean(),
  /** Rows that would change who a contact is (a shared e-mail, another name): skipped, or created as separate contacts. */
  onConflict: z.enum(["skip", "create"]).default("skip"),
});
export const contactSettingsInputSchema = z.object({ autoCreate: z.boolean() });
export const searchSchema = z.object({ query: z.string().max(200) });
