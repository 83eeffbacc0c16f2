// The workspace's contact settings, read from Workspace.settings. Pure.
import { z } from "zod";

export const contactSettingsSchema = z.object({
  /** Create a contact for every new author with neither a strong link nor a suggestion. */
  autoCreate: z.boolean().default(false),
});

export type ContactSettings = z.output<typeof contactSettingsSchema>;

export function contactSettings(settings: unknown): ContactSettings {
  const raw = settings && typeof settings === "object" ? (settings as Record<string, unknown>).contacts : undefined;
  const parsed = contactSettingsSchema.safeParse(raw ?? {});
  return parsed.success ? parsed.data : { autoCreate: false };
}
