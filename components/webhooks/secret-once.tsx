"use client";

import { useState } from "react";

/** A signing secret the server returned once: shown with a copy button until dismissed. */
export function SecretOnce({ secret, onDismiss }: { secret: string; onDismiss: () => void }) {
  const [copied, setCopied] = useState(false);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied(true);
    } catch {
      // No clipboard (an insecure origin, a denied permission): the text stays there to select.
      setCopied(false);
    }
  };

  return (
    <div role="status" className="space-y-2 rounded-md bg-amber-50 p-3 text-xs text-amber-900">
      <p>
        <strong>Shown once.</strong> Copy this signing secret into the receiving system now; it will not be shown again
        (rotate it to get a new one).
      </p>
      <div className="flex items-center gap-2">
        <code data-testid="webhook-secret" className="flex-1 break-all rounded bg-white px-2 py-1 font-mono">
          {secret}
        </code>
        <button
          type="button"
          onClick={copy}
          className="rounded border border-amber-300 bg-white px-2 py-1 text-amber-900 hover:bg-amber-100"
        >
          {copied ? "Copied" : "Copy"}
        </button>
        <button type="button" onClick={onDismiss} className="rounded px-2 py-1 hover:bg-amber-100">
          Done
        </button>
      </div>
    </div>
  );
}
