// safeFetch / safeStream / checkedLookup against real local HTTP servers, reached through host
// names (`localhost` through the system resolver; other names through a resolver given to the
// call, to have a name answer with chosen addresses) as well as literal addresses.
import { lookup } from "node:dns/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  checkedLookup,
  FetchFailedError,
  FetchRefusedError,
  safeFetch,
  safeStream,
  type CheckedAddress,
  type Resolver,
} from "./safe-fetch";

interface Recorded {
  path: string;
  headers: http.IncomingHttpHeaders;
}

interface FakeServer {
  server: http.Server;
  port: number;
  seen: Recorded[];
}

const servers: http.Server[] = [];

/** A server that records every request and answers by path (see `route`). */
interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

async function fakeServer(host: string, route: (path: string, port: number) => Answer): Promise<FakeServer> {
  const seen: Recorded[] = [];
  const server = http.createServer((req, res) => {
    seen.push({ path: req.url ?? "", headers: req.headers });
    const answer = route(req.url ?? "", (server.address() as AddressInfo).port);
    res.writeHead(answer.status, answer.headers).end(answer.body ?? "");
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, host, resolve);
  });
  servers.push(server);
  return { server, port: (server.address() as AddressInfo).port, seen };
}

afterAll(async () => {
  for (const s of servers) await new Promise<void>((r) => s.close(() => r()));
});

/** The system resolver, except for the names given (so the test decides what they resolve to). */
function resolverWith(table: Record<string, CheckedAddress[]>, calls: string[] = []): Resolver {
  return async (host) => {
    calls.push(host);
    if (table[host]) return table[host];
    return (await lookup(host, { all: true })).map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
  };
}

let a: FakeServer; // 127.0.0.1, reached as localhost:<a.port>
let b: FakeServer; // 127.0.0.1 on another port: another origin

beforeAll(async () => {
  b = await fakeServer("127.0.0.1", (path, port): Answer => {
    if (path === "/back-to-a") return { status: 302, headers: { location: `http://localhost:${a.port}/record` } };
    return { status: 200, body: `b:${port}` };
  });
  a = await fakeServer("127.0.0.1", (path): Answer => {
    if (path === "/feed") return { status: 200, headers: { "content-type": "application/rss+xml" }, body: "<rss/>" };
    if (path === "/to-ip") return { status: 302, headers: { location: `http://127.0.0.1:${a.port}/feed` } };
    if (path === "/to-metadata") return { status: 302, headers: { location: "http://metadata.test/latest/meta-data" } };
    if (path === "/to-self") return { status: 302, headers: { location: "/record" } };
    if (path === "/to-b") return { status: 307, headers: { location: `http://localhost:${b.port}/record` } };
    if (path === "/to-b-and-back")
      return { status: 302, headers: { location: `http://localhost:${b.port}/back-to-a` } };
    if (path === "/to-file") return { status: 302, headers: { location: "file:///etc/passwd" } };
    return { status: 200, body: "a" };
  });
});

describe("safeFetch through host names", () => {
  it("fetches from a host name (localhost, through the system resolver) that is allowlisted", async () => {
    const response = await safeFetch(`http://localhost:${a.port}/feed`, { allowlist: ["localhost"] });
    expect(response).toMatchObject({ status: 200, url: `http://localhost:${a.port}/feed` });
    expect(response.body.toString()).toBe("<rss/>");
    expect(a.seen.at(-1)?.headers.host).toBe(`localhost:${a.port}`);
  });

  it("refuses a host name that resolves to a blocked address unless it is allowlisted, before connecting", async () => {
    const before = a.seen.length;
    await expect(safeFetch(`http://localhost:${a.port}/feed`)).rejects.toThrow(FetchRefusedError);
    await expect(safeFetch(`http://localhost:${a.port}/feed`)).rejects.toThrow(
      /localhost resolves to a loopback address/,
    );
    expect(a.seen.length).toBe(before);
    const resolver = resolverWith({
      "metadata.test": [{ address: "169.254.169.254", family: 4 }],
      "sixtofour.test": [{ address: "2002:7f00:1::1", family: 6 }],
      // One private answer among public ones is enough to refuse the name.
      "mixed.test": [
        { address: "93.184.216.34", family: 4 },
        { address: "::ffff:10.0.0.1", family: 6 },
      ],
    });
    await expect(safeFetch("http://metadata.test/latest/meta-data", { resolver })).rejects.toThrow(
      /link-local \(cloud metadata\) address \(169\.254\.169\.254\)/,
    );
    await expect(safeFetch("http://sixtofour.test/", { resolver })).rejects.toThrow(/6to4 tunnel/);
    await expect(safeFetch("http://mixed.test/", { resolver })).rejects.toThrow(
      /IPv4-mapped private address \(::ffff:10\.0\.0\.1\)/,
    );
  });

  it("refuses literal loopback addresses in their other spellings", async () => {
    for (const url of [
      `http://[::ffff:127.0.0.1]:${a.port}/`,
      `http://0x7f000001:${a.port}/`,
      `http://[::127.0.0.1]:${a.port}/`,
      `http://2130706433:${a.port}/`,
    ]) {
      await expect(safeFetch(url), url).rejects.toThrow(FetchRefusedError);
    }
    await expect(safeFetch("not a url")).rejects.toThrow(FetchRefusedError);
    await expect(safeFetch("file:///etc/passwd")).rejects.toThrow(FetchRefusedError);
  });

  it("reports a name that does not resolve as a failure, not a refusal", async () => {
    const resolver: Resolver = async () => {
      throw Object.assign(new Error("getaddrinfo ENOTFOUND nowhere.test"), { code: "ENOTFOUND" });
    };
    await expect(safeFetch("http://nowhere.test/", { resolver })).rejects.toThrow(FetchFailedError);
    await expect(safeFetch("http://nowhere.test/", { resolver: async () => [] })).rejects.toThrow(/no addresses/);
  });

  it("connects to the address it checked: the name is resolved once, by the resolver, per hop", async () => {
    const calls: string[] = [];
    // "rebind.test" exists only in this resolver; a second, system lookup while connecting would fail.
    const resolver = resolverWith({ "rebind.test": [{ address: "127.0.0.1", family: 4 }] }, calls);
    const response = await safeFetch(`http://rebind.test:${a.port}/feed`, { resolver, allowlist: ["rebind.test"] });
    expect(response.body.toString()).toBe("<rss/>");
    expect(calls).toEqual(["rebind.test"]);
  });

  it("tries every checked address: a name answering ::1 and 127.0.0.1 works when the server listens on only one", async (context) => {
    const v4only = await fakeServer("127.0.0.1", () => ({ status: 200, body: "v4" }));
    const dual = resolverWith({
      "dual.test": [
        { address: "::1", family: 6 },
        { address: "127.0.0.1", family: 4 },
      ],
    });
    // ::1 first, where nothing listens on that port: the connection falls back to 127.0.0.1.
    const viaV4 = await safeFetch(`http://dual.test:${v4only.port}/`, { resolver: dual, allowlist: ["dual.test"] });
    expect(viaV4.body.toString()).toBe("v4");

    const v6only = await fakeServer("::1", () => ({ status: 200, body: "v6" })).catch(() => null);
    if (!v6only) return context.skip("IPv6 loopback (::1) is not available on this machine");
    const reversed = resolverWith({
      "dual.test": [
        { address: "127.0.0.1", family: 4 },
        { address: "::1", family: 6 },
      ],
    });
    const viaV6 = await safeFetch(`http://dual.test:${v6only.port}/`, {
      resolver: reversed,
      allowlist: ["127.0.0.1", "::1"],
    });
    expect(viaV6.body.toString()).toBe("v6");
  });
});

describe("redirects", () => {
  it("checks every hop again: a redirect to a host that is not allowlisted is refused", async () => {
    // localhost is allowlisted by name; the literal address it redirects to is not.
    await expect(safeFetch(`http://localhost:${a.port}/to-ip`, { allowlist: ["localhost"] })).rejects.toThrow(
      /Refused to fetch http:\/\/127\.0\.0\.1:\d+: 127\.0\.0\.1 resolves to a loopback/,
    );
    const resolver = resolverWith({ "metadata.test": [{ address: "169.254.169.254", family: 4 }] });
    await expect(
      safeFetch(`http://localhost:${a.port}/to-metadata`, { allowlist: ["localhost"], resolver }),
    ).rejects.toThrow(/169\.254\.169\.254/);
    await expect(safeFetch(`http://localhost:${a.port}/to-file`, { allowlist: ["localhost"] })).rejects.toThrow(
      /redirected to file:.*Only http\(s\)/,
    );
    const followed = await safeFetch(`http://localhost:${a.port}/to-ip`, { allowlist: ["localhost", "127.0.0.1"] });
    expect(followed).toMatchObject({ status: 200, url: `http://127.0.0.1:${a.port}/feed` });
  });

  const credentials = {
    authorization: "Bearer secret-token",
    cookie: "session=s3cr3t",
    "proxy-authorization": "Basic eDp5",
    "x-api-key": "k",
    accept: "application/json",
  };

  it("keeps credential headers on a same-origin redirect", async () => {
    await safeFetch(`http://localhost:${a.port}/to-self`, { allowlist: ["localhost"], headers: credentials });
    expect(a.seen.at(-1)).toMatchObject({
      path: "/record",
      headers: { authorization: "Bearer secret-token", cookie: "session=s3cr3t", "x-api-key": "k" },
    });
  });

  it("drops Authorization, Cookie, Proxy-Authorization and API keys on a redirect to another origin, for good", async () => {
    const response = await safeFetch(`http://localhost:${a.port}/to-b`, {
      allowlist: ["localhost"],
      headers: credentials,
    });
    expect(response.body.toString()).toBe(`b:${b.port}`);
    const atB = b.seen.at(-1)!;
    expect(atB.path).toBe("/record");
    expect(atB.headers.accept).toBe("application/json");
    for (const name of ["authorization", "cookie", "proxy-authorization", "x-api-key"])
      expect(atB.headers[name], name).toBeUndefined();

    // A → B → A: once dropped, they do not come back.
    await safeFetch(`http://localhost:${a.port}/to-b-and-back`, { allowlist: ["localhost"], headers: credentials });
    expect(a.seen.at(-1)?.path).toBe("/record");
    expect(a.seen.at(-1)?.headers.authorization).toBeUndefined();
  });

  it("does the same for streams (the X bearer token)", async () => {
    const stream = await safeStream(`http://localhost:${a.port}/to-b`, {
      allowlist: ["localhost"],
      headers: { authorization: "Bearer x-token" },
    });
    stream.resume();
    expect(stream.statusCode).toBe(200);
    expect(b.seen.at(-1)?.headers.authorization).toBeUndefined();
    const same = await safeStream(`http://localhost:${a.port}/to-self`, {
      allowlist: ["localhost"],
      headers: { authorization: "Bearer x-token" },
    });
    same.resume();
    expect(a.seen.at(-1)?.headers.authorization).toBe("Bearer x-token");
  });
});

describe("checkedLookup (WebSocket connections)", () => {
  it("checks the host like a fetch and pins it to the checked addresses", async () => {
    await expect(checkedLookup(`ws://localhost:${a.port}/subscribe`)).rejects.toThrow(
      /localhost resolves to a loopback address/,
    );
    await expect(checkedLookup("ftp://localhost/")).rejects.toThrow(FetchRefusedError);
    const resolver = resolverWith({ "jet.test": [{ address: "127.0.0.1", family: 4 }] });
    const pinned = await checkedLookup("wss://jet.test/subscribe", ["jet.test"], resolver);
    const answer = await new Promise((resolve) =>
      pinned("jet.test", { all: true }, (error, address) => resolve({ error, address })),
    );
    expect(answer).toEqual({ error: null, address: [{ address: "127.0.0.1", family: 4 }] });
  });
});
