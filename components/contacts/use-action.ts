"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/result";

/** Runs a server action, refreshes the page on success, keeps the error message otherwise. */
export function useAction() {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  function run<T>(call: () => Promise<ActionResult<T>>, then?: (data: T) => void) {
    start(async () => {
      const result = await call();
      if (result.ok) {
        setError(null);
        if (then) then(result.data);
        else router.refresh();
      } else setError(result.error);
    });
  }
  return { pending, error, run, router };
}
