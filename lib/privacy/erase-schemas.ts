// Inputs of the erasure: who (a contact, or one social identity) and the typed confirmation. Pure.
import { z } from "zod";
import { idParam } from "@/lib/util/params";

/** "network:accountId", as the CLI and the address take an identity. */
export const identityRef = z
  .string()
  .trim()
  .max(300)
  .regex(/^[a-z]+:[^\s\u0000]+$/, "is not NETWORK:ACCOUNT_ID")
  .transform((v) => {
    const at = v.indexOf(":");
    return { network: v.slice(0, at), accountId: v.slice(at + 1) };
  });

export const eraseSchema = z.union([
  z.object({ contactId: idParam, confirmName: z.string().trim().min(1, "Type the person's name.").max(300) }),
  z.object({ identity: identityRef, confirmName: z.string().trim().min(1, "Type the person's name.").max(300) }),
]);
