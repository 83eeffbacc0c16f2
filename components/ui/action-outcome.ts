import type { ActionFailure, ActionResult, FieldErrors } from "@/lib/actions/result";

// What a settled server action leaves on screen. Pure, so the rules are tested without a browser.

export interface ActionState<F extends string> {
  error: string | null;
  fieldErrors: FieldErrors<F>;
}

export const IDLE: ActionState<never> = { error: null, fieldErrors: {} };

export interface RunHandlers<T, F extends string> {
  /** Called with the result's data on success; without it the page is refreshed instead. */
  onSuccess?: (data: T) => void;
  /** Called on failure; return true when it dealt with the failure itself, so no message is shown. */
  onFailure?: (failure: ActionFailure<F>) => boolean | void;
}

/** Runs the handler the result calls for and returns the state to show next. */
export function settle<T, F extends string>(
  result: ActionResult<T, F>,
  handlers: RunHandlers<T, F>,
  refresh: () => void,
): ActionState<F> {
  if (result.ok) {
    if (handlers.onSuccess) handlers.onSuccess(result.data);
    else refresh();
    return IDLE;
  }
  if (handlers.onFailure?.(result) === true) return IDLE;
  return { error: result.error, fieldErrors: result.fieldErrors ?? {} };
}
