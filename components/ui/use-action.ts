"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/result";
import { IDLE, settle, type ActionState, type RunHandlers } from "./action-outcome";

/**
 * Runs server actions from a component: `pending` while one runs, then the error message and
 * the field errors of the last failure (cleared by a success or by `reset`). On success the
 * page is refreshed unless an `onSuccess` handler (or a plain function) says what to do.
 * F names the fields errors can be reported for: `useAction<ActionFields<typeof someAction>>()`.
 */
export function useAction<F extends string = string>() {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [state, setState] = useState<ActionState<F>>(IDLE);

  function run<T>(call: () => Promise<ActionResult<T, F>>, handlers: RunHandlers<T, F> | ((data: T) => void) = {}) {
    start(async () => {
      const result = await call();
      setState(
        settle(result, typeof handlers === "function" ? { onSuccess: handlers } : handlers, () => router.refresh()),
      );
    });
  }

  return { pending, error: state.error, fieldErrors: state.fieldErrors, run, reset: () => setState(IDLE), router };
}
