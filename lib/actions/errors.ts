import type { ActionErrorCode } from "./result";

/** An error the user is meant to see (bad input, not found, conflict). Anything else is logged. */
export class ExpectedError extends Error {
  constructor(
    message: string,
    readonly code: ActionErrorCode = "INVALID",
    /** Structured facts for the UI, such as what changed in a conflicting edit. */
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ExpectedError";
  }
}

export const notFound = (what = "That item") => new ExpectedError(`${what} was not found.`, "NOT_FOUND");
