"use client";

import { useState, useTransition } from "react";
import { createSourceAction } from "@/lib/sources/actions";
import { SOURCE_NETWORKS } from "@/lib/sources/schemas";

export function CreateSourceForm({ brands }: { brands: Array<{ id: string; name: string }> }) {
  const [network, setNetwork] = useState<(typeof SOURCE_NETWORKS)[number]>("rss");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    startTransition(async () => {
      const result = await createSourceAction({
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
      });
      if (result.ok) {
        setError(null);
        form.reset();
      } else setError(Object.values(result.fieldErrors ?? {})[0]?.[0] ?? result.error);
    });
  }

  const input = "mt-1 w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm";
  return (
    <form onSubmit={submit} aria-label="Add a source" noValidate className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="font-medium">Add a source</h2>
      <label className="block text-sm">Network
        <select value={network} onChange={(e) => setNetwork(e.target.value as typeof network)} className={`${input} bg-white`}>
          {SOURCE_NETWORKS.map((n) => <option key={n} value={n}>{n}</option>)}
        </select>
      </label>
      <label className="block text-sm">Name<input name="name" className={input} /></label>
      {network === "rss" && <label className="block text-sm">Feed URL<input name="url" type="url" className={input} /></label>}
      {network === "mastodon" && (
        <>
          <label className="block text-sm">Instance URL<input name="instance" type="url" placeholder="https://mastodon.social" className={input} /></label>
          <label className="block text-sm">Hashtag<input name="hashtag" placeholder="#northwind" className={input} /></label>
        </>
      )}
      {network === "x" && <label className="block text-sm">Bearer token (filtered stream)<input name="bearerToken" type="password" autoComplete="off" className={input} /></label>}
      {network === "bluesky" && (
        <>
          <label className="block text-sm">Jetstream endpoint (optional)<input name="endpoint" placeholder="wss://jetstream2.us-east.bsky.network/subscribe" className={input} /></label>
          <label className="block text-sm">AppView for profiles (optional)<input name="appview" placeholder="https://public.api.bsky.app" className={input} /></label>
        </>
      )}
      {(network === "facebook" || network === "instagram") && <label className="block text-sm">App secret<input name="appSecret" type="password" className={input} autoComplete="off" /></label>}
      <label className="block text-sm">Brand
        <select name="brandId" className={`${input} bg-white`}>
          <option value="">—</option>
          {brands.map((b) => <option key={b.id} value={b.id}>{b.name}</option>)}
        </select>
      </label>
      <label className="block text-sm">Expected interval between events (minutes)<input name="interval" type="number" min={1} defaultValue={60} className={input} /></label>
      {error && <p role="alert" className="text-sm text-red-700">{error}</p>}
      <button disabled={pending} className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm text-white disabled:opacity-50">Add source</button>
    </form>
  );
}
