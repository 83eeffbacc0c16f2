"use client";

import { useState } from "react";
import type { ActionFields } from "@/lib/actions/result";
import { createWebhookAction } from "@/lib/webhooks/actions";
import { useAction } from "@/components/ui/use-action";
import { EndpointForm } from "./endpoint-form";
import { SecretOnce } from "./secret-once";

/** "Add endpoint": the form, then the new endpoint's secret, shown once. */
export function CreateEndpoint() {
  const [formKey, setFormKey] = useState(0);
  const [secret, setSecret] = useState<string | null>(null);
  const { pending, error, fieldErrors, run, router } = useAction<ActionFields<typeof createWebhookAction>>();

  return (
    <section aria-labelledby="new-webhook" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="new-webhook" className="font-medium">
        Add an endpoint
      </h2>
      <p className="text-xs text-slate-500">
        Earshot POSTs each chosen event as signed JSON to this URL. It must use https (http only for a host in the
        workspace&apos;s fetch allowlist).
      </p>
      {secret ? (
        <SecretOnce secret={secret} onDismiss={() => setSecret(null)} />
      ) : (
        <EndpointForm
          key={formKey}
          submitLabel="Add endpoint"
          pending={pending}
          error={error}
          fieldErrors={fieldErrors}
          onSubmit={(fields) =>
            run(
              () => createWebhookAction(fields),
              (created) => {
                setSecret(created.secret);
                setFormKey((k) => k + 1);
                router.refresh();
              },
            )
          }
        />
      )}
    </section>
  );
}
