// The Graph API's error answers (Facebook Pages and Instagram share them), mapped to the outbox's
// outcomes, and the few other pure pieces both Graph transports share. Pure: it reads a response
// already received. The Graph API answers most failures with
// HTTP 400 whatever their cause (an expired token, a rate limit, a deleted post), so the mapping
// goes by the error's `code` and `error_subcode`, never by the HTTP status.
import type { SafeResponse } from "@/lib/net/safe-fetch";
import type { SendOutcome } from "../transport";
import { isSuccess, jsonOf, outcomeOfFailure, retryAtOf } from "./http-outcome";

/** {"error":{"message","type","code","error_subcode","fbtrace_id","is_transient"}}, read defensively. */
export interface GraphError {
  message: string;
  type: string | null;
  code: number | null;
  subcode: number | null;
  fbtraceId: string | null;
  isTransient: boolean;
}

type Headers = SafeResponse["headers"];
/** What a failed answer becomes: never "sent". */
export type FailedOutcome = Exclude<SendOutcome, { kind: "sent" }>;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const numberOf = (value: unknown): number | null =>
  typeof value === "number" && Number.isFinite(value)
    ? value
    : typeof value === "string" && /^\d+$/.test(value)
      ? Number(value)
      : null;

const stringOf = (value: unknown): string | null => (typeof value === "string" && value !== "" ? value : null);

/** The Graph error inside a parsed body, or null when the body is not one. */
export function graphErrorOf(json: unknown): GraphError | null {
  if (!isRecord(json) || !isRecord(json.error)) return null;
  const e = json.error;
  return {
    message: stringOf(e.message) ?? stringOf(e.error_user_msg) ?? "Unknown Graph API error",
    type: stringOf(e.type),
    code: numberOf(e.code),
    subcode: numberOf(e.error_subcode),
    fbtraceId: stringOf(e.fbtrace_id),
    isTransient: e.is_transient === true,
  };
}

/** "(Graph error 100/33, fbtrace_id X): message", the way Meta's support asks for it. */
export function describeGraphError(error: GraphError): string {
  const code = error.code === null ? "" : ` ${error.code}${error.subcode === null ? "" : `/${error.subcode}`}`;
  const trace = error.fbtraceId ? `, fbtrace_id ${error.fbtraceId}` : "";
  return `(Graph error${code}${trace}): ${error.message}`;
}

// 190: the token expired or was revoked; 10 and 200–299: a permission the token lacks.
export const isAuthError = (error: GraphError): boolean =>
  error.code === 190 || error.code === 10 || (error.code !== null && error.code >= 200 && error.code <= 299);

// 4 app, 17 user, 32 page, 613 custom rate limits; 80001 the Pages and 80002 the Instagram
// business-use-case limits (the other 8000x codes are other products' limits of the same kind).
const RATE_LIMIT_CODES = new Set([4, 17, 32, 613, 80001, 80002]);
export const isRateLimit = (error: GraphError): boolean => error.code !== null && RATE_LIMIT_CODES.has(error.code);

// 100/33: "Unsupported post request. Object with ID … does not exist"; the object was deleted or hidden.
const isMissingObject = (error: GraphError): boolean => error.code === 100 && error.subcode === 33;

function headerValue(headers: Headers, name: string): string | null {
  const value = headers[name];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

/** Every `estimated_time_to_regain_access` (minutes) in a usage header's JSON, however deep. */
function regainMinutes(value: unknown): number[] {
  if (Array.isArray(value)) return value.flatMap(regainMinutes);
  if (!isRecord(value)) return [];
  const own = numberOf(value.estimated_time_to_regain_access);
  return [...(own !== null ? [own] : []), ...Object.values(value).flatMap(regainMinutes)];
}

/**
 * When a throttled account may call again, from the usage headers: x-business-use-case-usage is
 * {"<business id>":[{type, call_count, …, estimated_time_to_regain_access}]} and x-page-usage a
 * flat {call_count, …}; the estimate is in minutes. The longest wait wins; 0 says nothing.
 */
export function regainAccessAt(headers: Headers, now: Date): Date | undefined {
  const minutes = ["x-business-use-case-usage", "x-page-usage", "x-app-usage"].flatMap((name) => {
    const raw = headerValue(headers, name);
    if (!raw) return [];
    try {
      return regainMinutes(JSON.parse(raw));
    } catch {
      return []; // a malformed usage header is no reason to fail the reply
    }
  });
  const longest = Math.max(0, ...minutes);
  return longest > 0 ? new Date(now.getTime() + longest * 60_000) : undefined;
}

/** The outcome of a Graph error, by its code; `response` gives the rate-limit headers. */
export function outcomeOfGraphError(error: GraphError, response: SafeResponse, now: Date): FailedOutcome {
  const said = describeGraphError(error);
  if (isAuthError(error))
    return { kind: "permanent", code: "reauth", reason: `The account must be connected again ${said}` };
  if (isRateLimit(error))
    return {
      kind: "retryable",
      reason: `Rate limited by the Graph API ${said}`,
      retryAt: regainAccessAt(response.headers, now) ?? retryAtOf(response, now),
    };
  if (isMissingObject(error))
    return { kind: "permanent", code: "gone", reason: `The post replied to no longer exists ${said}` };
  if (error.code === 368)
    return { kind: "permanent", code: "invalid", reason: `Meta blocked the reply for its policies ${said}` };
  if (error.code === 1 || error.code === 2 || error.isTransient)
    return { kind: "retryable", reason: `The Graph API failed ${said}`, retryAt: retryAtOf(response, now) };
  return { kind: "permanent", code: "invalid", reason: `The network refused the reply ${said}` };
}

/**
 * A Graph answer read once: its JSON when it succeeded, else the outcome to report. A Graph error
 * body wins over the status (it may come with 200 or 400); a non-Graph failure (a proxy's HTML
 * 502) goes through the shared status mapping.
 */
export function readGraphAnswer(
  response: SafeResponse,
  now: Date,
): { ok: true; json: Record<string, unknown> } | { ok: false; outcome: FailedOutcome; error: GraphError | null } {
  const json = jsonOf(response);
  const error = graphErrorOf(json);
  if (error) return { ok: false, outcome: outcomeOfGraphError(error, response, now), error };
  if (isSuccess(response) && isRecord(json)) return { ok: true, json };
  if (isSuccess(response))
    return {
      ok: false,
      outcome: { kind: "retryable", reason: `The Graph API answered ${response.status} without a JSON object` },
      error: null,
    };
  // outcomeOfFailure is only given non-2xx answers here, which it never calls sent.
  return { ok: false, outcome: outcomeOfFailure(response, now, null) as FailedOutcome, error: null };
}

// ── Shared by the Facebook and Instagram transports ─────────────────────────────────────────

export const DEFAULT_GRAPH_BASE = "https://graph.facebook.com/v21.0";

/** {graphBase}/{id}[/{edge}]; the id is encoded so that no id can reach another path. */
export function graphUrl(settings: Record<string, string>, id: string, edge = ""): string {
  const base = (settings.graphBase?.trim() || DEFAULT_GRAPH_BASE).replace(/\/+$/, "");
  return `${base}/${encodeURIComponent(id)}${edge ? `/${edge}` : ""}`;
}

/** The Graph API takes the token as a bearer header, which keeps it out of URLs (and their logs). */
export const graphHeaders = (token: string | undefined): Record<string, string> => ({
  authorization: `Bearer ${token ?? ""}`,
  accept: "application/json",
});

/** The network may trim a comment or turn CRLF into LF; neither makes it a different reply. */
export const sameText = (a: string, b: string) => a.replace(/\r\n?/g, "\n").trim() === b.replace(/\r\n?/g, "\n").trim();

/**
 * Written at or after `since` (Graph writes "2026-12-01T10:00:00+0000"). An unreadable time is
 * kept: better a match than a duplicate.
 */
export function writtenSince(time: unknown, since: Date): boolean {
  const at = typeof time === "string" ? Date.parse(time) : NaN;
  return Number.isNaN(at) || at >= since.getTime();
}
