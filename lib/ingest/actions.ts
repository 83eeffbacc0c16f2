"use server";

import { z } from "zod";
import { adminAction } from "@/lib/actions/clients";
import { ExpectedError } from "@/lib/actions/errors";
import { FORMATS } from "./formats";
import { ingestHttpBody } from "./http";

const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

// "Add mentions": a pasted or uploaded file through the same pipeline as every other entrance.
export const ingestUploadAction = adminAction(
  "ingest.upload",
  z.object({
    format: z.enum(FORMATS),
    content: z
      .string()
      .min(1, "Paste content or choose a file.")
      .max(Math.ceil((MAX_UPLOAD_BYTES * 4) / 3) + 4),
    encoding: z.enum(["text", "base64"]).default("text"),
  }),
  async (input, { workspaceId }) => {
    const body =
      input.encoding === "base64"
        ? new Uint8Array(Buffer.from(input.content, "base64"))
        : new TextEncoder().encode(input.content);
    if (body.byteLength > MAX_UPLOAD_BYTES)
      throw new ExpectedError("The file is larger than 5 MB; use the CLI or the HTTP API for big imports.");
    const result = await ingestHttpBody(workspaceId, input.format, body);
    if (result.status !== 200) throw new ExpectedError(result.body.error);
    return result.body;
  },
  { revalidate: ["/inbox"] },
);
