"use client";

import { useId, useState } from "react";
import { saveAccountAction } from "@/lib/outbox/account-actions";
import type { ActionFields } from "@/lib/actions/result";
import type { AccountView } from "@/lib/outbox/accounts";
import type { AccountField, ReplyNetwork } from "@/lib/outbox/transport";
import { NETWORK_LABEL } from "@/components/ui/badges";
import { primaryButton, secondaryButton, textInput } from "@/components/ui/buttons";
import { useAction } from "@/components/ui/use-action";
import { docsPathOf, fieldValuesOf, inputNameOf, inputRequired, secretPlaceholder } from "./account-display";

export interface NetworkFields {
  network: ReplyNetwork;
  fields: AccountField[];
}

interface AccountFormProps {
  brands: Array<{ id: string; name: string }>;
  networks: NetworkFields[];
  accounts: AccountView[];
  /** The account being edited (its brand and network are fixed), or null to connect a new one. */
  editing: AccountView | null;
  /** After a save, with what to tell the admin (the form may be replaced by a new one). */
  onSaved: (notice: string) => void;
  onCancel: () => void;
}

/**
 * "Connect an account" (or edit one): a brand, a network, then that network's fields as its
 * transport lists them. Secret inputs start empty: what is stored never comes back to the browser.
 */
export function AccountForm({ brands, networks, accounts, editing, onSaved, onCancel }: AccountFormProps) {
  const ids = useId();
  const [brandId, setBrandId] = useState(editing?.brandId ?? brands[0]?.id ?? "");
  const [network, setNetwork] = useState<ReplyNetwork>(editing?.network ?? networks[0]?.network ?? "mastodon");
  const { pending, error: actionError, fieldErrors, run, router } = useAction<ActionFields<typeof saveAccountAction>>();
  // One message at a time: the first field at fault, else the general one.
  const error = Object.values(fieldErrors)[0]?.[0] ?? actionError;
  const fields = networks.find((n) => n.network === network)?.fields ?? [];
  const networkName = NETWORK_LABEL[network] ?? network;
  // Saving a brand and network that already have an account replaces that account's fields.
  const replaces = editing ?? accounts.find((a) => a.brandId === brandId && a.network === network) ?? null;
  const hints = replaces?.secretHints ?? {};

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const label = String(data.get("label") ?? "").trim();
    const input = {
      brandId,
      network,
      ...(label ? { label } : {}),
      ...fieldValuesOf(fields, (name) => String(data.get(name) ?? "")),
    };
    const brandName = brands.find((b) => b.id === brandId)?.name ?? "The brand";
    run(() => saveAccountAction(input), {
      onSuccess: () => {
        form.reset();
        onSaved(`Saved ${brandName} on ${networkName}. Use “Test connection” to check it.`);
        router.refresh();
      },
    });
  }

  if (brands.length === 0)
    return (
      <section aria-label="Connect an account" className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
        <h2 className="font-medium">Connect an account</h2>
        <p className="mt-2 text-slate-600">Add a brand first (Admin → Brands): accounts post as a brand.</p>
      </section>
    );

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      aria-labelledby={`${ids}-title`}
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
    >
      <h2 id={`${ids}-title`} className="font-medium">
        {editing ? `Edit ${editing.brandName} on ${networkName}` : "Connect an account"}
      </h2>
      <label className="block text-sm">
        Brand
        <select
          aria-label="Brand"
          value={brandId}
          onChange={(e) => setBrandId(e.target.value)}
          disabled={!!editing}
          className={`mt-1 ${textInput} bg-white`}
        >
          {brands.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name}
            </option>
          ))}
        </select>
      </label>
      <label className="block text-sm">
        Network
        <select
          aria-label="Network"
          value={network}
          onChange={(e) => setNetwork(e.target.value as ReplyNetwork)}
          disabled={!!editing}
          className={`mt-1 ${textInput} bg-white`}
        >
          {networks.map((n) => (
            <option key={n.network} value={n.network}>
              {NETWORK_LABEL[n.network] ?? n.network}
            </option>
          ))}
        </select>
      </label>
      <p className="text-xs text-slate-500">
        Where to find these values: see <code>{docsPathOf(network)}</code>.
      </p>
      {!editing && replaces && (
        <p className="rounded bg-amber-50 p-2 text-xs text-amber-900">
          This brand already has a {networkName} account ({replaces.label}); saving replaces its fields.
        </p>
      )}
      {/* Remounted per account and network, so defaults are the right account's settings. */}
      <div key={`${replaces?.id ?? "new"}-${network}`} className="space-y-3">
        <label className="block text-sm">
          Posts as (optional)
          <input
            name="label"
            defaultValue={editing?.label ?? ""}
            maxLength={120}
            autoComplete="off"
            aria-describedby={`${ids}-label-help`}
            className={`mt-1 ${textInput}`}
          />
          <span id={`${ids}-label-help`} className="mt-0.5 block text-xs text-slate-500">
            A name for the account; “Test connection” replaces it with the one the network gives.
          </span>
        </label>
        {fields.map((field) => (
          <FieldInput
            key={field.name}
            field={field}
            id={`${ids}-${field.name}`}
            defaultValue={field.secret ? "" : (replaces?.settings[field.name] ?? "")}
            hint={hints[field.name]}
          />
        ))}
      </div>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      <div className="flex gap-2">
        <button disabled={pending || !brandId} className={primaryButton}>
          {pending ? "Saving…" : editing ? "Save changes" : "Connect account"}
        </button>
        {editing && (
          <button type="button" onClick={onCancel} className={secondaryButton}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}

function FieldInput({
  field,
  id,
  defaultValue,
  hint,
}: {
  field: AccountField;
  id: string;
  defaultValue: string;
  hint: string | undefined;
}) {
  const required = inputRequired(field, hint);
  const helpId = `${id}-help`;
  return (
    <div className="text-sm">
      <label htmlFor={id} className="block">
        {field.label}
        {required && (
          <span aria-hidden="true" className="text-red-700">
            {" "}
            *
          </span>
        )}
        {field.secret && <span className="ml-1 text-xs text-slate-500">(secret, stored encrypted)</span>}
      </label>
      <input
        id={id}
        name={inputNameOf(field)}
        type={field.secret ? "password" : "text"}
        autoComplete="off"
        spellCheck={false}
        required={required}
        defaultValue={defaultValue}
        placeholder={field.secret ? secretPlaceholder(field, hint) : field.placeholder}
        aria-describedby={field.help ? helpId : undefined}
        className={`mt-1 ${textInput}`}
      />
      {field.help && (
        <p id={helpId} className="mt-0.5 text-xs text-slate-500">
          {field.help}
        </p>
      )}
    </div>
  );
}
