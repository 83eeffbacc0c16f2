import { z } from "zod";

export const SOURCE_NETWORKS = ["rss", "facebook", "instagram", "mastodon", "bluesky", "x", "reddit", "youtube", "webhook"] as const;

export const createSourceSchema = z
  .object({
    network: z.enum(SOURCE_NETWORKS),
    name: z.string().trim().min(1, "Name the source.").max(120),
    url: z.url({ protocol: /^https?$/, message: "Enter an http(s) URL." }).max(2000).optional().or(z.literal("").transform(() => undefined)),
    appSecret: z.string().max(200).optional(),
    brandId: z.string().max(100).optional().or(z.literal("").transform(() => undefined)),
    expectedIntervalMinutes: z.number().int().min(1).max(7 * 24 * 60).default(60),
  })
  .superRefine((v, ctx) => {
    if (v.network === "rss" && !v.url) ctx.addIssue({ code: "custom", path: ["url"], message: "An RSS source needs the feed URL." });
    if ((v.network === "facebook" || v.network === "instagram") && !v.appSecret) {
      ctx.addIssue({ code: "custom", path: ["appSecret"], message: "Enter the app secret that signs the webhook deliveries." });
    }
  });

export const setSourceEnabledSchema = z.object({ sourceId: z.string().min(1).max(100), enabled: z.boolean() });
