// A webhook receiver for tests: a real HTTP server on 127.0.0.1, port 0, reached as
// http://localhost:<port>. It records every request exactly as received (method, path,
// headers, raw body) and answers 200 "ok" unless told otherwise: scripted answers are used
// in order, one per request (`failNext(3)` → three 500s, `goneNext()` → 410, `hangNext()`
// → no answer until the receiver closes).
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  rawBody: string;
}

export interface ScriptedAnswer {
  status: number;
  body?: string;
  headers?: Record<string, string>;
}

type Script = ScriptedAnswer | "hang";

export interface WebhookReceiver {
  /** http://localhost:<port> */
  origin: string;
  port: number;
  requests: ReceivedRequest[];
  /** Answers the next requests with these, in order. */
  answerNext(...answers: ScriptedAnswer[]): void;
  /** The next `n` requests get `status` (500 unless given). */
  failNext(n: number, status?: number, body?: string): void;
  /** The next request gets 410 Gone. */
  goneNext(): void;
  /** The next `n` requests get no answer at all (until close). */
  hangNext(n?: number): void;
  /** Forgets requests and scripts. */
  reset(): void;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const requests: ReceivedRequest[] = [];
  const scripts: Script[] = [];
  const hanging = new Set<http.ServerResponse>();

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      requests.push({
        method: req.method ?? "",
        path: req.url ?? "",
        headers: req.headers,
        rawBody: Buffer.concat(chunks).toString("utf8"),
      });
      const script = scripts.shift() ?? { status: 200, body: "ok" };
      if (script === "hang") return void hanging.add(res);
      res.writeHead(script.status, { "content-type": "text/plain", ...script.headers }).end(script.body ?? "");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    origin: `http://localhost:${port}`,
    port,
    requests,
    answerNext: (...answers) => void scripts.push(...answers),
    failNext: (n, status = 500, body = "internal error") => {
      for (let i = 0; i < n; i++) scripts.push({ status, body });
    },
    goneNext: () => void scripts.push({ status: 410, body: "gone" }),
    hangNext: (n = 1) => {
      for (let i = 0; i < n; i++) scripts.push("hang");
    },
    reset: () => {
      requests.length = 0;
      scripts.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        hanging.clear();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
