import { z } from "zod";

export const SOURCE_NETWORKS = [
  "rss",
  "facebook",
  "instagram",
  "mastodon",
  "bluesky",
  "x",
  "reddit",
  "youtube",
  "webhook",
] as const;

export const createSourceSchema = z
  .object({
    network: z.enum(SOURCE_NETWORKS),
    name: z.string().trim().min(1, "Name the source.").max(120),
    url: z
      .url({ protocol: /^https?$/, message: "Enter an http(s) URL." })
      .max(2000)
      .optional()
      .or(z.literal("").transform(() => undefined)),
    appSecret: z.string().max(200).optional(),
    instance: z
      .url({ protocol: /^https?$/, message: "Enter the instance URL, e.g. https://mastodon.social." })
      .max(500)
      .optional()
      .or(z.literal("").transform(() => undefined)),
    hashtag: z
      .string()
      .trim()
      .max(100)
      .regex(/^#?[\p{L}\p{N}_]*$/u, "A hashtag is letters, digits and _.")
      .optional(),
    bearerToken: z.string().max(500).optional(),
    endpoint: z
      .url({ protocol: /^(wss?|https?)$/, message: "Enter a ws(s):// or http(s):// URL." })
      .max(500)
      .optional()
      .or(z.literal("").transform(() => undefined)),
    appview: z
      .url({ protocol: /^https?$/ })
      .max(500)
      .optional()
      .or(z.literal("").transform(() => undefined)),
    brandId: z
      .string()
      .max(100)
      .optional()
      .or(z.literal("").transform(() => undefined)),
    expectedIntervalMinutes: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60)
      .default(60),
  })
  .superRefine((v, ctx) => {
    if (v.network === "rss" && !v.url)
      ctx.addIssue({ code: "custom", path: ["url"], message: "An RSS source needs the feed URL." });
    if (v.network === "mastodon" && (!v.instance || !v.hashtag))
      ctx.addIssue({
        code: "custom",
        path: ["instance"],
        message: "A Mastodon source needs the instance URL and a hashtag.",
      });
    if (v.network === "x" && !v.bearerToken)
      ctx.addIssue({
        code: "custom",
        path: ["bearerToken"],
        message: "An X filtered-stream source needs a bearer token.",
      });
    if ((v.network === "facebook" || v.network === "instagram") && !v.appSecret) {
      ctx.addIssue({
        code: "custom",
        path: ["appSecret"],
        message: "Enter the app secret that signs the webhook deliveries.",
      });
    }
  });

export const setSourceEnabledSchema = z.object({ sourceId: z.string().min(1).max(100), enabled: z.boolean() });
