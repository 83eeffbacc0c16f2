// The one way the server fetches URLs (feeds, avatars, profile lookups, streams). It resolves
// the host itself, refuses private, loopback, link-local and similar addresses unless they are
// allowlisted (lib/net/address-policy.ts), connects to the addresses it checked (no second DNS
// answer can slip in: lib/net/pinned-lookup.ts), checks every redirect again and drops
// credentials on a redirect to another origin (lib/net/redirect-policy.ts), times out, and caps
// the size.
import { lookup } from "node:dns/promises";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { pipeline, type Readable } from "node:stream";
import zlib from "node:zlib";
import { blockedReason, isAllowlisted } from "./address-policy";
import { pinnedLookup, type CheckedAddress } from "./pinned-lookup";
import { headersForRedirect, isFollowedRedirect } from "./redirect-policy";

export { isPrivateAddress } from "./address-policy";
export type { CheckedAddress } from "./pinned-lookup";

export class FetchRefusedError extends Error {}
export class FetchFailedError extends Error {}

/** Resolves a host name to every address it has (the system resolver unless one is given). */
export type Resolver = (hostname: string) => Promise<CheckedAddress[]>;

export interface SafeFetchOptions {
  /** Hosts, IP addresses or CIDR ranges that may be private (e.g. test servers, intranet feeds). */
  allowlist?: string[];
  headers?: Record<string, string>;
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  /** Another resolver than the system's (a split-horizon DNS; tests that need a given answer). */
  resolver?: Resolver;
  /** GET unless given. A request with another method is never redirected: its answer is returned as is. */
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** The request body (with its content-type among the headers). */
  body?: string | Buffer;
}

export interface SafeResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  url: string;
}

const USER_AGENT = "Earshot/0.1 (+https://github.com/earshot)";

export function defaultAllowlist(): string[] {
  return (process.env.EARSHOT_FETCH_ALLOWLIST ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

const systemResolver: Resolver = async (hostname) =>
  (await lookup(hostname, { all: true })).map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));

function parseUrl(input: string): URL {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new FetchRefusedError(`Not a URL: ${input}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new FetchRefusedError(`Only http(s) URLs are fetched, not ${url.protocol}`);
  return url;
}

/** The URL's host without IPv6 brackets, as Node's connect and lookup see it. */
const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, "");

function literalAddress(host: string): CheckedAddress | null {
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) return { address: host, family: 4 };
  if (host.includes(":")) return { address: host, family: 6 };
  return null;
}

/** Every address the URL's host resolves to, each checked; refuses the host if any is blocked. */
async function resolveChecked(url: URL, allowlist: string[], resolver: Resolver): Promise<CheckedAddress[]> {
  const host = hostOf(url);
  const literal = literalAddress(host);
  const addresses = literal
    ? [literal]
    : await resolver(host).catch((error: Error) => {
        throw new FetchFailedError(`Cannot resolve ${host}: ${error.message}`);
      });
  if (addresses.length === 0) throw new FetchFailedError(`Cannot resolve ${host}: no addresses`);
  for (const { address } of addresses) {
    const reason = blockedReason(address);
    if (reason && !isAllowlisted(host, address, allowlist)) {
      throw new FetchRefusedError(
        `Refused to fetch ${url.origin}: ${host} resolves to a ${reason} address (${address}). An admin can allowlist it.`,
      );
    }
  }
  return addresses;
}

interface HopOptions {
  headers: Record<string, string>;
  method?: string;
  body?: string | Buffer;
  timeoutMs: number;
  signal?: AbortSignal;
  silentMessage: (url: URL, ms: number) => string;
}

/** One request to a checked URL, pinned to its checked addresses; resolves with the response head. */
function openPinned(url: URL, addresses: CheckedAddress[], options: HopOptions): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const client = url.protocol === "https:" ? https : http;
    const request = client.request(url, {
      method: options.method ?? "GET",
      headers: {
        "user-agent": USER_AGENT,
        ...(options.body !== undefined ? { "content-length": String(Buffer.byteLength(options.body)) } : {}),
        ...options.headers,
      },
      // Connect to the addresses that were checked, whatever DNS says now. A fresh agent: a
      // pooled keep-alive socket for the same host:port could lead to an address not checked here.
      lookup: pinnedLookup(hostOf(url), addresses),
      agent: false,
      signal: options.signal,
    });
    request.setTimeout(options.timeoutMs, () =>
      request.destroy(new FetchFailedError(options.silentMessage(url, options.timeoutMs))),
    );
    request.on("response", resolve);
    request.on("error", (error) =>
      reject(
        error instanceof FetchFailedError
          ? error
          : new FetchFailedError(`Fetching ${url.origin} failed: ${error.message}`),
      ),
    );
    request.end(options.body);
  });
}

interface FollowOptions extends HopOptions {
  allowlist: string[];
  resolver: Resolver;
  maxRedirects: number;
}

/** Opens `input`, following redirects: each hop checked again, credentials kept to their origin. */
async function openFollowingRedirects(
  input: string,
  options: FollowOptions,
): Promise<{ response: http.IncomingMessage; url: URL }> {
  let url = parseUrl(input);
  let headers = options.headers;
  for (let hop = 0; ; hop++) {
    const addresses = await resolveChecked(url, options.allowlist, options.resolver);
    const response = await openPinned(url, addresses, { ...options, headers });
    const location = response.headers.location;
    // A POST (a reply, a token refresh) is sent once and its answer returned: never replayed elsewhere.
    const replayable = (options.method ?? "GET") === "GET";
    if (!replayable || !isFollowedRedirect(response.statusCode ?? 0) || !location) return { response, url };
    response.resume();
    if (hop >= options.maxRedirects) throw new FetchFailedError(`Too many redirects from ${input}`);
    let next: URL;
    try {
      next = parseUrl(new URL(location, url).toString());
    } catch (error) {
      throw error instanceof FetchRefusedError
        ? new FetchRefusedError(`${url.origin} redirected to ${location}: ${error.message}`)
        : error;
    }
    headers = headersForRedirect(headers, url, next);
    url = next;
  }
}

function decoded(response: http.IncomingMessage): Readable {
  const encoding = String(response.headers["content-encoding"] ?? "").toLowerCase();
  const decoder =
    encoding === "gzip"
      ? zlib.createGunzip()
      : encoding === "deflate"
        ? zlib.createInflate()
        : encoding === "br"
          ? zlib.createBrotliDecompress()
          : null;
  // pipeline (not pipe) so that a connection dropped mid-body fails the read instead of hanging it.
  return decoder ? pipeline(response, decoder, () => undefined) : response;
}

async function readCapped(response: http.IncomingMessage, url: URL, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of decoded(response)) {
      size += (chunk as Buffer).length;
      if (size > maxBytes) {
        response.destroy();
        throw new FetchFailedError(`The response from ${url.origin} is larger than ${maxBytes} bytes`);
      }
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    throw error instanceof FetchFailedError
      ? error
      : new FetchFailedError(`Reading ${url.origin} failed: ${(error as Error).message}`);
  }
  return Buffer.concat(chunks);
}

function allowlistOf(options: SafeFetchOptions): string[] {
  return [...defaultAllowlist(), ...(options.allowlist ?? [])];
}

export async function safeFetch(input: string, options: SafeFetchOptions = {}): Promise<SafeResponse> {
  const { response, url } = await openFollowingRedirects(input, {
    allowlist: allowlistOf(options),
    resolver: options.resolver ?? systemResolver,
    maxRedirects: options.maxRedirects ?? 5,
    headers: { "accept-encoding": "gzip, deflate, br", ...options.headers },
    method: options.method,
    body: options.body,
    timeoutMs: options.timeoutMs ?? 10_000,
    silentMessage: (u, ms) => `${u.origin} did not answer within ${ms} ms`,
  });
  const body = await readCapped(response, url, options.maxBytes ?? 5 * 1024 * 1024);
  return { status: response.statusCode ?? 0, headers: response.headers, body, url: url.toString() };
}

/**
 * Opens a long-lived response (event streams, NDJSON streams) with the same checks, returning
 * the response stream itself. Redirects are checked too. `signal` aborts it.
 */
export async function safeStream(
  input: string,
  options: SafeFetchOptions & { signal?: AbortSignal } = {},
): Promise<http.IncomingMessage> {
  const { response } = await openFollowingRedirects(input, {
    allowlist: allowlistOf(options),
    resolver: options.resolver ?? systemResolver,
    maxRedirects: options.maxRedirects ?? 5,
    headers: options.headers ?? {},
    timeoutMs: options.timeoutMs ?? 30_000,
    signal: options.signal,
    silentMessage: (u, ms) => `${u.origin} went silent for ${ms} ms`,
  });
  return response;
}

/**
 * Resolves and checks the host of a WebSocket URL (ws:, wss:); returns a `lookup` pinned to
 * its checked addresses, for `new WebSocket(url, { lookup })`.
 */
export async function checkedLookup(
  input: string,
  allowlist: string[] = [],
  resolver: Resolver = systemResolver,
): Promise<LookupFunction> {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new FetchRefusedError(`Not a URL: ${input}`);
  }
  // ws also takes http(s) URLs (and upgrades them); the same host checks apply to all four.
  if (!["ws:", "wss:", "http:", "https:"].includes(url.protocol))
    throw new FetchRefusedError(`Only ws(s) URLs are streamed from, not ${url.protocol}`);
  const addresses = await resolveChecked(
    parseUrl(url.toString().replace(/^ws/, "http")),
    [...defaultAllowlist(), ...allowlist],
    resolver,
  );
  return pinnedLookup(hostOf(url), addresses);
}
