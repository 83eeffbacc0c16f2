// What every server action returns. Pure types: importable from client components.

/** Messages per input field, keyed by the names of the fields the action's schema accepts. */
export type FieldErrors<F extends string = string> = Partial<Record<F, string[]>>;

export type ActionFailure<F extends string = string> = {
  ok: false;
  error: string;
  code: ActionErrorCode;
  fieldErrors?: FieldErrors<F>;
  details?: unknown;
};

export type ActionResult<T, F extends string = string> = { ok: true; data: T } | ActionFailure<F>;

export type ActionErrorCode = "UNAUTHENTICATED" | "FORBIDDEN" | "NOT_FOUND" | "INVALID" | "CONFLICT" | "INTERNAL";

/**
 * The field names of an input type; a union of object types (a discriminated union schema)
 * contributes the fields of every member, since any of them can carry an error.
 */
export type FieldNames<Input> = Input extends object ? keyof Input & string : never;

/** The field names an action reports errors for, taken from the action itself. */
export type ActionFields<A> = A extends (input: never) => Promise<ActionResult<unknown, infer F>> ? F : string;
