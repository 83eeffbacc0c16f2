// Inputs of the brand administration actions. Pure (zod): the admin forms use them for hints,
// the server actions for the real check.
import { z } from "zod";
import { idParam, isSafeText } from "@/lib/util/params";
import { parseOwnHandles } from "./handles";

export const DEFAULT_BRAND_COLOR = "#4f46e5";

export const brandNameSchema = z
  .string()
  .trim()
  .min(1, "Give the brand a name.")
  .max(80, "Keep the name to 80 characters.")
  .refine(isSafeText, "The name holds characters that cannot be stored (control characters or broken Unicode).");

export const brandColorSchema = z
  .string()
  .regex(/^#[0-9a-f]{6}$/i, "Pick a colour as #rrggbb.")
  .transform((c) => c.toLowerCase());

export const createBrandSchema = z.object({
  name: brandNameSchema,
  color: brandColorSchema.default(DEFAULT_BRAND_COLOR),
  isCompetitor: z.boolean().default(false),
});

/** Any of name, colour and competitor flag; what is left out stays as it is. */
export const updateBrandSchema = z
  .object({
    brandId: idParam,
    name: brandNameSchema.optional(),
    color: brandColorSchema.optional(),
    isCompetitor: z.boolean().optional(),
  })
  .refine((v) => v.name !== undefined || v.color !== undefined || v.isCompetitor !== undefined, "Nothing to change.");

/** Every network's handles, replacing the brand's: normalised here, each refused one named. */
export const ownHandlesSchema = z
  .record(z.string().max(40), z.array(z.string().max(1000)).max(100))
  .transform((value, ctx) => {
    const parsed = parseOwnHandles(value);
    if (parsed.ok) return parsed.handles;
    for (const message of parsed.errors) ctx.addIssue({ code: "custom", message });
    return z.NEVER;
  });

export const setBrandHandlesSchema = z.object({ brandId: idParam, handles: ownHandlesSchema });

/** The name typed into the confirmation: a brand renamed meanwhile is not deleted by a stale dialog. */
export const deleteBrandSchema = z.object({ brandId: idParam, confirmName: z.string().max(200) });
