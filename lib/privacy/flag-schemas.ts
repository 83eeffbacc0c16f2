// Inputs of the privacy flags on a contact (docs/privacy/flags-and-deletions.md). Pure (zod).
import { z } from "zod";
import { cleanText, idParam } from "@/lib/util/params";

export const PRIVACY_FLAGS = ["doNotProfile", "restrictProcessing"] as const;
export type PrivacyFlag = (typeof PRIVACY_FLAGS)[number];

/** The PrivacyRequest kind a flag change is recorded as. */
export function requestKindOf(flag: PrivacyFlag, on: boolean): string {
  const kind = flag === "doNotProfile" ? "do_not_profile" : "restrict_processing";
  return on ? kind : `lift_${kind}`;
}

export const setPrivacyFlagSchema = z.object({
  contactId: idParam,
  flag: z.enum(PRIVACY_FLAGS),
  on: z.boolean(),
  // Why, in the staff's words: the person's request, when and how it came. Kept with the request.
  reason: z
    .string()
    .transform(cleanText)
    .pipe(z.string().trim().min(1, "Say why: the person's request, when and how it came.").max(1000)),
});

export type SetPrivacyFlagInput = z.output<typeof setPrivacyFlagSchema>;
