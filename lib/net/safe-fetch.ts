// The one way the server fetches URLs (feeds, avatars, profile lookups). It resolves the
// host itself, refuses private, loopback, link-local and similar addresses unless they are
// allowlisted, connects to the address it checked (no second DNS answer can slip in), checks
// every redirect again, times out, and caps the size.
import { lookup } from "node:dns/promises";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import zlib from "node:zlib";

export class FetchRefusedError extends Error {}
export class FetchFailedError extends Error {}

export interface SafeFetchOptions {
  /** Hosts, IP addresses or CIDR ranges that may be private (e.g. test servers, intranet feeds). */
  allowlist?: string[];
  headers?: Record<string, string>;
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
}

export interface SafeResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  url: string;
}

const BLOCKED = new net.BlockList();
for (const [range, bits] of [
  ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16], ["172.16.0.0", 12],
  ["192.0.0.0", 24], ["192.0.2.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15], ["198.51.100.0", 24], ["203.0.113.0", 24],
  ["224.0.0.0", 4], ["240.0.0.0", 4],
] as const) BLOCKED.addSubnet(range, bits, "ipv4");
for (const [range, bits] of [["::", 128], ["::1", 128], ["fc00::", 7], ["fe80::", 10], ["ff00::", 8], ["64:ff9b::", 96], ["2001:db8::", 32]] as const) {
  BLOCKED.addSubnet(range, bits, "ipv6");
}

export function defaultAllowlist(): string[] {
  return (process.env.EARSHOT_FETCH_ALLOWLIST ?? "").split(",").map((s) => s.trim()).filter(Boolean);
}

function allowed(host: string, address: string, allowlist: string[]): boolean {
  return allowlist.some((entry) => {
    if (entry.toLowerCase() === host.toLowerCase() || entry === address) return true;
    const [base, bits] = entry.split("/");
    if (bits && net.isIP(base)) {
      const list = new net.BlockList();
      list.addSubnet(base, Number(bits), net.isIP(base) === 6 ? "ipv6" : "ipv4");
      return list.check(address, net.isIP(address) === 6 ? "ipv6" : "ipv4");
    }
    return false;
  });
}

export function isPrivateAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 4) return BLOCKED.check(address, "ipv4");
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped) return BLOCKED.check(mapped[1], "ipv4");
    return BLOCKED.check(address, "ipv6");
  }
  return true;
}

async function resolveChecked(url: URL, allowlist: string[]): Promise<{ address: string; family: number }> {
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new FetchRefusedError(`Only http(s) URLs are fetched, not ${url.protocol}`);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const addresses = net.isIP(host) ? [{ address: host, family: net.isIP(host) }] : await lookup(host, { all: true }).catch(() => {
    throw new FetchFailedError(`Cannot resolve ${host}`);
  });
  for (const a of addresses) {
    if (isPrivateAddress(a.address) && !allowed(host, a.address, allowlist)) {
      throw new FetchRefusedError(`Refused to fetch ${url.origin}: ${host} resolves to a private or reserved address (${a.address}). An admin can allowlist it.`);
    }
  }
  return addresses[0];
}

function once(url: URL, pinned: { address: string; family: number }, options: Required<Omit<SafeFetchOptions, "allowlist">>): Promise<SafeResponse> {
  return new Promise((resolve, reject) => {
    const client = url.protocol === "https:" ? https : http;
    const request = client.request(
      url,
      {
        method: "GET",
        headers: { "user-agent": "Earshot/0.1 (+https://github.com/earshot)", "accept-encoding": "gzip, deflate, br", ...options.headers },
        // Connect to the address that was checked, whatever DNS says now.
        lookup: (_host, _opts, callback) => (callback as (e: null, a: string, f: number) => void)(null, pinned.address, pinned.family),
        timeout: options.timeoutMs,
      },
      (response) => {
        const encoding = String(response.headers["content-encoding"] ?? "").toLowerCase();
        const stream =
          encoding === "gzip" ? response.pipe(zlib.createGunzip()) : encoding === "deflate" ? response.pipe(zlib.createInflate()) : encoding === "br" ? response.pipe(zlib.createBrotliDecompress()) : response;
        const chunks: Buffer[] = [];
        let size = 0;
        stream.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > options.maxBytes) {
            request.destroy();
            reject(new FetchFailedError(`The response from ${url.origin} is larger than ${options.maxBytes} bytes`));
          } else chunks.push(chunk);
        });
        stream.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks), url: url.toString() }));
        stream.on("error", (error) => reject(new FetchFailedError(`Reading ${url.origin} failed: ${error.message}`)));
      },
    );
    request.on("timeout", () => request.destroy(new FetchFailedError(`${url.origin} did not answer within ${options.timeoutMs} ms`)));
    request.on("error", (error) => reject(error instanceof FetchFailedError ? error : new FetchFailedError(`Fetching ${url.origin} failed: ${error.message}`)));
    request.end();
  });
}

/**
 * Opens a long-lived response (event streams, NDJSON streams) with the same checks, returning
 * the response stream itself. Redirects are checked too. `signal` aborts it.
 */
export async function safeStream(
  input: string,
  options: SafeFetchOptions & { signal?: AbortSignal } = {},
): Promise<http.IncomingMessage> {
  const allowlist = [...defaultAllowlist(), ...(options.allowlist ?? [])];
  let url = new URL(input);
  for (let hop = 0; hop <= (options.maxRedirects ?? 5); hop++) {
    const pinned = await resolveChecked(url, allowlist);
    const response = await new Promise<http.IncomingMessage>((resolve, reject) => {
      const client = url.protocol === "https:" ? https : http;
      const request = client.request(url, {
        method: "GET",
        headers: { "user-agent": "Earshot/0.1", ...options.headers },
        lookup: (_h, _o, cb) => (cb as (e: null, a: string, f: number) => void)(null, pinned.address, pinned.family),
        signal: options.signal,
      });
      request.setTimeout(options.timeoutMs ?? 30_000, () => request.destroy(new FetchFailedError(`${url.origin} went silent for ${options.timeoutMs ?? 30_000} ms`)));
      request.on("response", resolve);
      request.on("error", (e) => reject(e instanceof FetchFailedError ? e : new FetchFailedError(`Connecting to ${url.origin} failed: ${e.message}`)));
      request.end();
    });
    if (response.statusCode && response.statusCode >= 300 && response.statusCode < 400 && response.headers.location) {
      response.resume();
      url = new URL(response.headers.location, url);
      continue;
    }
    return response;
  }
  throw new FetchFailedError(`Too many redirects from ${input}`);
}

/** Resolves and checks a host for a WebSocket connection; returns a `lookup` pinned to it. */
export async function checkedLookup(input: string, allowlist: string[] = []) {
  const url = new URL(input.replace(/^ws/, "http"));
  const pinned = await resolveChecked(url, [...defaultAllowlist(), ...allowlist]);
  return (_host: string, _opts: unknown, callback: (e: null, a: string, f: number) => void) => callback(null, pinned.address, pinned.family);
}

export async function safeFetch(input: string, options: SafeFetchOptions = {}): Promise<SafeResponse> {
  const settings = { headers: options.headers ?? {}, timeoutMs: options.timeoutMs ?? 10_000, maxBytes: options.maxBytes ?? 5 * 1024 * 1024, maxRedirects: options.maxRedirects ?? 5 };
  const allowlist = [...defaultAllowlist(), ...(options.allowlist ?? [])];
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new FetchRefusedError(`Not a URL: ${input}`);
  }
  for (let hop = 0; ; hop++) {
    const pinned = await resolveChecked(url, allowlist);
    const response = await once(url, pinned, settings);
    const location = response.headers.location;
    if (response.status >= 300 && response.status < 400 && response.status !== 304 && location) {
      if (hop >= settings.maxRedirects) throw new FetchFailedError(`Too many redirects from ${input}`);
      url = new URL(location, url);
      continue;
    }
    return response;
  }
}
