// Serves one PGlite instance over the PostgreSQL wire protocol so that every process (the
// console, the CLI, tests) talks to the embedded database through the same driver adapter
// (@prisma/adapter-pg) as to a real server.
//
// PGlite is a single backend. We therefore forward whole protocol exchanges (everything up
// to a Sync or a simple Query) from one connection at a time, and a connection that leaves
// a transaction open keeps the backend until it ends it. This keeps two clients' extended-
// protocol messages from interleaving (their unnamed statements would clash otherwise).
import net from "node:net";
import type { PGlite } from "@electric-sql/pglite";

const SSL_REQUEST = 80877103;
const CANCEL_REQUEST = 80877102;

export interface PgliteServer {
  port: number;
  url: string;
  stop(): Promise<void>;
}

class BackendLock {
  private owner: symbol | null = null;
  private waiters: Array<() => void> = [];

  async acquire(who: symbol): Promise<void> {
    while (this.owner !== null && this.owner !== who) {
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
    this.owner = who;
  }

  release(who: symbol): void {
    if (this.owner !== who) return;
    this.owner = null;
    const next = this.waiters.splice(0);
    for (const wake of next) wake();
  }

  heldBy(who: symbol): boolean {
    return this.owner === who;
  }
}

export async function startPgliteServer(
  db: PGlite,
  options: { port?: number; host?: string } = {},
): Promise<PgliteServer> {
  await db.waitReady;
  const lock = new BackendLock();
  const sockets = new Set<net.Socket>();
  // Serialise the backend work itself; the lock above decides whose turn it is.
  let chain: Promise<unknown> = Promise.resolve();

  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    const id = Symbol("connection");
    let buffer = Buffer.alloc(0);
    let started = false;
    let pending: Buffer[] = [];
    let work: Promise<void> = Promise.resolve();
    let closed = false;

    const run = (batch: Buffer, endsExchange: boolean) => {
      work = work.then(async () => {
        if (closed) return;
        await lock.acquire(id);
        const job = chain.then(() =>
          db.runExclusive(() =>
            db.execProtocolRawStream(new Uint8Array(batch), {
              onRawData: (chunk: Uint8Array) => {
                if (!closed && socket.writable) socket.write(Buffer.from(chunk));
              },
            }),
          ),
        );
        chain = job.catch(() => undefined);
        try {
          await job;
        } catch (error) {
          socket.destroy(error as Error);
        }
        if (endsExchange && !db.isInTransaction()) lock.release(id);
      });
    };

    const onClose = () => {
      if (closed) return;
      closed = true;
      sockets.delete(socket);
      work = work.then(async () => {
        if (lock.heldBy(id)) {
          if (db.isInTransaction()) await db.exec("ROLLBACK").catch(() => undefined);
          lock.release(id);
        }
      });
    };

    socket.on("data", (data) => {
      buffer = Buffer.concat([buffer, data]);
      for (;;) {
        if (!started) {
          if (buffer.length < 8) return;
          const length = buffer.readInt32BE(0);
          const code = buffer.readInt32BE(4);
          if (code === SSL_REQUEST) {
            buffer = buffer.subarray(8);
            socket.write("N");
            continue;
          }
          if (code === CANCEL_REQUEST) {
            buffer = buffer.subarray(length);
            socket.end();
            return;
          }
          if (buffer.length < length) return;
          const startup = buffer.subarray(0, length);
          buffer = buffer.subarray(length);
          started = true;
          run(Buffer.from(startup), true);
          continue;
        }
        if (buffer.length < 5) return;
        const type = String.fromCharCode(buffer[0]);
        const length = buffer.readInt32BE(1) + 1;
        if (buffer.length < length) return;
        const message = Buffer.from(buffer.subarray(0, length));
        buffer = buffer.subarray(length);
        if (type === "X") {
          socket.end();
          onClose();
          return;
        }
        pending.push(message);
        if (type === "S" || type === "Q" || type === "H") {
          const batch = Buffer.concat(pending);
          pending = [];
          run(batch, type !== "H");
        }
      }
    });
    socket.on("close", onClose);
    socket.on("error", onClose);
  });

  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address();
  if (!address || typeof address !== "object") throw new Error("PGlite server has no address");
  const port = address.port;
  return {
    port,
    url: `postgresql://postgres:postgres@${host}:${port}/postgres?sslmode=disable`,
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
