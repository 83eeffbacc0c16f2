// Server-rendered parts of the contact and social-profile pages. Every untrusted string is
// rendered as text (React escapes it); links go through ExternalLink.
import Link from "next/link";
import type { IdentityView, SentimentWeek, SuggestionView, TimelineItem } from "@/lib/contacts/profile";
import { NetworkBadge, PriorityText, SentimentBadge, StatusBadge } from "@/components/ui/badges";
import { ExternalLink } from "@/components/ui/external-link";
import { SuggestionButtons, UnlinkButton } from "./contact-actions";

const followers = (n: number | null) =>
  n === null
    ? "—"
    : n >= 1_000_000
      ? `${(n / 1_000_000).toFixed(1)}M`
      : n >= 10_000
        ? `${Math.round(n / 1000)}k`
        : n.toLocaleString("en");

export function IdentityList({ identities, contactId }: { identities: IdentityView[]; contactId?: string }) {
  if (!identities.length) return <p className="text-sm text-slate-500">No social identities linked yet.</p>;
  return (
    <ul className="divide-y divide-slate-100" aria-label="Identities">
      {identities.map((i) => (
        <li key={i.id} className="flex items-start justify-between gap-3 py-2 text-sm">
          <div className="min-w-0">
            <div className="flex items-center gap-2">
              <NetworkBadge network={i.network} />
              <ExternalLink href={i.profileUrl}>@{i.handle}</ExternalLink>
              {i.verified && <span className="text-xs text-sky-700">verified</span>}
            </div>
            <div className="mt-0.5 text-xs text-slate-500">
              {i.displayName && <span>{i.displayName} · </span>}
              <span title="Followers">{followers(i.followers)} followers</span>
              {i.location && <span> · {i.location}</span>}
            </div>
            {i.bio && <p className="mt-0.5 line-clamp-2 text-xs text-slate-600">{i.bio}</p>}
          </div>
          <div className="flex shrink-0 items-center gap-3">
            <Link href={`/contacts/profiles/${i.id}`} className="text-xs text-indigo-700 hover:underline">
              Profile
            </Link>
            {contactId && <UnlinkButton identityId={i.id} contactId={contactId} handle={i.handle} />}
          </div>
        </li>
      ))}
    </ul>
  );
}

export function Timeline({ items }: { items: TimelineItem[] }) {
  if (!items.length) return <p className="text-sm text-slate-500">Nothing yet.</p>;
  return (
    <ol className="space-y-2" aria-label="Timeline">
      {items.map((t) => (
        <li key={`${t.kind}:${t.id}`} className="rounded border border-slate-200 bg-white p-3 text-sm">
          <div className="flex flex-wrap items-center gap-2 text-xs text-slate-500">
            <time dateTime={t.at.toISOString()}>{t.at.toISOString().slice(0, 16).replace("T", " ")} UTC</time>
            {t.kind === "mention" ? (
              <>
                <NetworkBadge network={t.network} />
                <span>@{t.handle}</span>
                <SentimentBadge sentiment={t.sentiment} />
                {t.deleted && <span className="text-red-600">deleted by author</span>}
                <ExternalLink href={t.url} className="text-indigo-700 hover:underline">
                  open
                </ExternalLink>
              </>
            ) : (
              <>
                <span className="font-medium text-slate-700">Case #{t.number}</span>
                <StatusBadge status={t.status} />
                <PriorityText priority={t.priority} />
              </>
            )}
          </div>
          <p className="mt-1 whitespace-pre-wrap break-words">{t.kind === "mention" ? t.text : t.subject}</p>
        </li>
      ))}
    </ol>
  );
}

/** Weekly mentions by sentiment as stacked bars, with the same numbers as a table. */
export function SentimentOverTime({ weeks }: { weeks: SentimentWeek[] }) {
  if (!weeks.length) return <p className="text-sm text-slate-500">No mentions in the last 26 weeks.</p>;
  const max = Math.max(...weeks.map((w) => w.positive + w.neutral + w.negative));
  const barW = 18;
  const h = 80;
  return (
    <figure>
      <svg
        role="img"
        aria-label="Mentions per week by sentiment"
        width={weeks.length * (barW + 4)}
        height={h}
        className="overflow-visible"
      >
        {weeks.map((w, i) => {
          const scale = (n: number) => (n / max) * h;
          const neg = scale(w.negative),
            neu = scale(w.neutral),
            pos = scale(w.positive);
          return (
            <g key={w.week} transform={`translate(${i * (barW + 4)},0)`}>
              <title>{`Week of ${w.week}: ${w.positive} positive, ${w.neutral} neutral, ${w.negative} negative`}</title>
              <rect y={h - neg} width={barW} height={neg} className="fill-red-400" />
              <rect y={h - neg - neu} width={barW} height={neu} className="fill-slate-300" />
              <rect y={h - neg - neu - pos} width={barW} height={pos} className="fill-emerald-400" />
            </g>
          );
        })}
      </svg>
      <figcaption className="mt-1 flex gap-3 text-xs text-slate-500">
        <span>
          <span className="mr-1 inline-block h-2 w-2 bg-emerald-400" />
          positive
        </span>
        <span>
          <span className="mr-1 inline-block h-2 w-2 bg-slate-300" />
          neutral
        </span>
        <span>
          <span className="mr-1 inline-block h-2 w-2 bg-red-400" />
          negative
        </span>
        <span>
          weeks of {weeks[0].week} to {weeks[weeks.length - 1].week}
        </span>
      </figcaption>
      <details className="mt-2 text-xs">
        <summary className="cursor-pointer text-slate-500">Show as table</summary>
        <table className="mt-1">
          <thead>
            <tr>
              <th className="pr-3 text-left">Week of</th>
              <th className="pr-3">Positive</th>
              <th className="pr-3">Neutral</th>
              <th>Negative</th>
            </tr>
          </thead>
          <tbody>
            {weeks.map((w) => (
              <tr key={w.week}>
                <td className="pr-3">{w.week}</td>
                <td className="pr-3 text-center">{w.positive}</td>
                <td className="pr-3 text-center">{w.neutral}</td>
                <td className="text-center">{w.negative}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

/** Suggestions as the agent decides them: who, how sure, and why. */
export function SuggestionList({
  suggestions,
  perspective,
}: {
  suggestions: SuggestionView[];
  perspective: "contact" | "identity";
}) {
  if (!suggestions.length) return <p className="text-sm text-slate-500">No open suggestions.</p>;
  return (
    <ul className="space-y-2" aria-label="Suggestions">
      {suggestions.map((s) => {
        const label = perspective === "contact" ? `@${s.identity.handle} on ${s.identity.network}` : s.contact.name;
        return (
          <li key={s.id} className="rounded border border-slate-200 bg-white p-3 text-sm">
            <div className="flex items-center justify-between gap-2">
              <div>
                {perspective === "contact" ? (
                  <span className="flex items-center gap-2">
                    <NetworkBadge network={s.identity.network} />
                    <Link
                      href={`/contacts/profiles/${s.identity.id}`}
                      className="font-medium text-indigo-700 hover:underline"
                    >
                      @{s.identity.handle}
                    </Link>
                    {s.identity.displayName && <span className="text-slate-500">{s.identity.displayName}</span>}
                  </span>
                ) : (
                  <span>
                    <Link href={`/contacts/${s.contact.id}`} className="font-medium text-indigo-700 hover:underline">
                      {s.contact.name}
                    </Link>{" "}
                    <span className="text-slate-500">
                      {[s.contact.company, s.contact.location].filter(Boolean).join(" · ")}
                    </span>
                  </span>
                )}
              </div>
              <span className="text-xs text-slate-500" title="Suggestion score">
                {Math.round(s.score * 100)}% likely
              </span>
            </div>
            <ul className="mt-1 list-disc pl-5 text-xs text-slate-600">
              {s.reasons.map((r, i) => (
                <li key={i}>{r.text}</li>
              ))}
            </ul>
            <div className="mt-2">
              <SuggestionButtons suggestionId={s.id} label={label} />
            </div>
          </li>
        );
      })}
    </ul>
  );
}

export function Section({
  title,
  children,
  aside,
}: {
  title: string;
  children: React.ReactNode;
  aside?: React.ReactNode;
}) {
  return (
    <section aria-label={title} className="rounded-lg border border-slate-200 bg-white p-4">
      <div className="mb-2 flex items-center justify-between">
        <h2 className="font-medium">{title}</h2>
        {aside}
      </div>
      {children}
    </section>
  );
}
