"use server";

import { adminAction } from "@/lib/actions/clients";
import { eraseSubject } from "./erase";
import { eraseSchema } from "./erase-schemas";

// Erasure is an admin's act, confirmed by typing the person's name (docs/privacy.md).
export const eraseSubjectAction = adminAction(
  "privacy.erase",
  eraseSchema,
  async (input, { user, workspaceId }) => {
    const subject = "contactId" in input ? { contactId: input.contactId } : input.identity;
    const { jobId, counts } = await eraseSubject(workspaceId, user.id, subject, input.confirmName);
    return { jobId, counts };
  },
  {
    revalidate: [
      { path: "/contacts", type: "layout" },
      { path: "/inbox", type: "layout" },
      { path: "/cases", type: "layout" },
    ],
  },
);
