// Inputs of the case actions. Pure (zod).
import { z } from "zod";
import { CASE_STATUSES, PRIORITIES } from "@/lib/domain/vocabulary";
import { idParam } from "@/lib/util/params";

// Ids by shape: a NUL or other stray byte never reaches the database as a parameter.
const id = idParam;
const version = z.number().int().nonnegative();
export const STATUS = z.enum(CASE_STATUSES);

export const assignSchema = z.object({ caseId: id, version, assigneeId: id.nullable() });
export const statusSchema = z.object({ caseId: id, version, status: STATUS });
export const fieldsSchema = z.object({
  caseId: id,
  version,
  priority: z.enum(PRIORITIES).optional(),
  queueId: id.nullable().optional(),
  tags: z.array(z.string().trim().min(1).max(60)).max(30).optional(),
});
export const noteSchema = z.object({ caseId: id, body: z.string().trim().min(1, "Write the note first.").max(10_000) });
export const replySchema = z.object({
  caseId: id,
  version,
  body: z.string().trim().min(1, "Write the reply first.").max(10_000),
  confirmStale: z.boolean().default(false),
  solve: z.boolean().default(false),
});
export const bulkSchema = z.object({
  caseIds: z.array(id).min(1, "Select cases first.").max(200),
  assigneeId: id.nullable().optional(),
  status: STATUS.optional(),
  addTag: z.string().trim().min(1).max(60).optional(),
});
export const presenceSchema = z.object({ caseId: id, state: z.enum(["viewing", "replying"]) });
export const mergeCasesSchema = z.object({ sourceId: id, targetNumber: z.number().int().positive() });
export const moveMessageSchema = z.object({ messageId: id, targetNumber: z.number().int().positive() });
export const splitCaseSchema = z.object({
  caseId: id,
  messageIds: z.array(id).min(1, "Choose the messages to split off.").max(200),
});
