"use client";

import { useState } from "react";
import { createSourceAction } from "@/lib/sources/actions";
import { SOURCE_NETWORKS } from "@/lib/sources/schemas";
import type { ActionFields } from "@/lib/actions/result";
import { useAction } from "@/components/ui/use-action";

export function CreateSourceForm({ brands }: { brands: Array<{ id: string; name: string }> }) {
  const [network, setNetwork] = useState<(typeof SOURCE_NETWORKS)[number]>("rss");
  const { pending, error: actionError, fieldErrors, run } = useAction<ActionFields<typeof createSourceAction>>();
  // One message at a time: the first field at fault, else the general one.
  const error = Object.values(fieldErrors)[0]?.[0] ?? actionError;

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const input = {
      network,
      name: String(data.get("name") ?? ""),
      url: String(data.get("url") ?? ""),
      appSecret: String(data.get("appSecret") ?? "") || undefined,
      instance: String(data.get("instance") ?? ""),
      hashtag: String(data.get("hashtag") ?? "") || undefined,
      bearerToken: String(data.get("bearerToken") ?? "") || undefined,
      endpoint: String(data.get("endpoint") ?? ""),
      appview: String(data.get("appview") ?? ""),
      brandId: String(data.get("brandId") ?? ""),
      expectedIntervalMinutes: Number(data.get("interval") ?? 60),
    };
    run(
      () => createSourceAction(input),
      () => form.reset(),
    );
  }

  const inputClass = "mt-1 w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm";
  return (
    <form
      onSubmit={submit}
      aria-label="Add a source"
      noValidate
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
    >
      <h2 className="font-medium">Add a source</h2>
      <label className="block text-sm">
        Network
        <select
          value={network}
          onChange={(e) => setNetwork(e.target.value as typeof network)}
          className={`${inputClass} bg-white`}
        >
          {SOURCE_NETWORKS.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
      <label className="block text-sm">
        Name
        <input name="name" className={inputClass} />
      </label>
      {network === "rss" && (
        <label className="block text-sm">
          Feed URL
          <input name="url" type="url" className={inputClass} />
        </label>
      )}
      {network === "mastodon" && (
        <>
          <label className="block text-sm">
            Instance URL
            <input name="instance" type="url" placeholder="https://mastodon.social" className={inputClass} />
          </label>
          <label className="block text-sm">
            Hashtag
            <input name="hashtag" placeholder="#northwind" className={inputClass} />
          </label>
        </>
      )}
      {network === "x" && (
        <label className="block text-sm">
          Bearer token (filtered stream)
          <input name="bearerToken" type="password" autoComplete="off" className={inputClass} />
        </label>
      )}
      {network === "bluesky" && (
        <>
          <label className="block text-sm">
            Jetstream endpoint (optional)
            <input
              name="endpoint"
              placeholder="wss://jetstream2.us-east.bsky.network/subscribe"
              className={inputClass}
            />
          </label>
          <label className="block text-sm">
            AppView for profiles (optional)
            <input name="appview" placeholder="https://public.api.bsky.app" className={inputClass} />
          </label>
        </>
      )}
      {(network === "facebook" || network === "instagram") && (
        <label className="block text-sm">
          App secret
          <input name="appSecret" type="password" className={inputClass} autoComplete="off" />
        </label>
      )}
      <label className="block text-sm">
        Brand
        <select name="brandId" className={`${inputClass} bg-white`}>
          <option value="">—</option>
          {brands.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name}
            </option>
          ))}
        </select>
      </label>
      <label className="block text-sm">
        Expected interval between events (minutes)
        <input name="interval" type="number" min={1} defaultValue={60} className={inputClass} />
      </label>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      <button
        disabled={pending}
        className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm text-white disabled:opacity-50"
      >
        Add source
      </button>
    </form>
  );
}
