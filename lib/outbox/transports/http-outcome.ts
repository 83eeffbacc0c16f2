// The answers every network's HTTP API shares, mapped once to the outbox's outcomes. Each
// transport handles its 2xx body and its own error shapes, and passes the rest here.
import { FetchFailedError, FetchRefusedError, type SafeResponse } from "@/lib/net/safe-fetch";
import type { PermanentCode, SendOutcome } from "../transport";

/** The JSON body of a response, or null when it is not JSON. */
export function jsonOf(response: SafeResponse): unknown {
  try {
    return JSON.parse(response.body.toString("utf8"));
  } catch {
    return null;
  }
}

const header = (response: SafeResponse, name: string): string | null => {
  const value = response.headers[name];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
};

const RESET_HEADERS = ["retry-after", "x-rate-limit-reset", "ratelimit-reset", "x-ratelimit-reset"];

/**
 * When a rate-limited request may be tried again, from whichever header the network sends:
 * Retry-After (seconds or an HTTP date), X's x-rate-limit-reset and Bluesky's ratelimit-reset
 * (epoch seconds), Mastodon's X-RateLimit-Reset (an ISO date), Reddit's x-ratelimit-reset
 * (seconds from now). A number above 10^9 is an epoch; below, a delay.
 */
export function retryAtOf(response: SafeResponse, now: Date, names = RESET_HEADERS): Date | undefined {
  for (const name of names) {
    const value = header(response, name)?.trim();
    if (!value) continue;
    if (/^\d+(\.\d+)?$/.test(value)) {
      const n = Number(value);
      return new Date(n > 1e9 ? n * 1000 : now.getTime() + n * 1000);
    }
    const at = Date.parse(value);
    if (!Number.isNaN(at)) return new Date(at);
  }
  return undefined;
}

const codeOfStatus = (status: number): PermanentCode =>
  status === 401 || status === 403 ? "reauth" : status === 404 || status === 410 ? "gone" : "invalid";

/**
 * The outcome of a non-2xx answer: 429 and 5xx are retried (429 at its reset time), 401/403 mean
 * the account must be connected again, 404/410 that the post is gone, any other 4xx that the
 * network refused the reply (its own message, from `message`, is the reason).
 */
export function outcomeOfFailure(response: SafeResponse, now: Date, message: string | null): SendOutcome {
  const status = response.status;
  const said = message ? `: ${message}` : "";
  if (status === 429)
    return { kind: "retryable", reason: `Rate limited by the network (429)${said}`, retryAt: retryAtOf(response, now) };
  if (status >= 500 || status === 408)
    // Only Retry-After: the rate-limit reset headers ride on every answer and say nothing about an outage.
    return {
      kind: "retryable",
      reason: `The network answered ${status}${said}`,
      retryAt: retryAtOf(response, now, ["retry-after"]),
    };
  const code = codeOfStatus(status);
  const prefix =
    code === "reauth"
      ? "The account must be connected again"
      : code === "gone"
        ? "The post replied to no longer exists"
        : "The network refused the reply";
  return { kind: "permanent", code, reason: `${prefix} (${status})${said}` };
}

/** A request that got no answer: timeouts and connection errors are retried; a refused host is not. */
export function outcomeOfError(error: unknown): SendOutcome {
  if (error instanceof FetchRefusedError) return { kind: "permanent", code: "invalid", reason: error.message };
  const reason = error instanceof FetchFailedError || error instanceof Error ? error.message : String(error);
  return { kind: "retryable", reason };
}

export const isSuccess = (response: SafeResponse) => response.status >= 200 && response.status < 300;
