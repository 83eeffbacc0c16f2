import "server-only";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from "@nats-io/jetstream";
import { BusUnavailableError, toBusError } from "./errors";
import { busNames, type BusNames } from "./names";

// The connection to NATS, from NATS_URL (comma-separated servers). Without NATS_URL the bus is
// off and everything stays in-process. One connection per process, opened on first use; it
// reconnects on its own forever, and a caller that needs it while it is down gets a
// BusUnavailableError at once instead of a publish buffered until it times out.

export type Bus = {
  nc: NatsConnection;
  names: BusNames;
  js: JetStreamClient;
  jsm: JetStreamManager;
  /** False while the client is between a disconnect and the next reconnect. */
  isConnected(): boolean;
  /** Milliseconds a JetStream request may take before the caller gets BusUnavailableError. */
  requestTimeoutMs: number;
};

export type ConnectBusOptions = {
  servers: string | string[];
  names?: BusNames;
  name?: string;
  requestTimeoutMs?: number;
  reconnectTimeWaitMs?: number;
};

export function busEnabled(): boolean {
  return Boolean(process.env.NATS_URL?.trim());
}

export function defaultBusNames(): BusNames {
  return busNames(process.env.EARSHOT_BUS_PREFIX ?? "");
}

function parseServers(url: string): string[] {
  return url
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A new connection (the process-wide one is `getBus()`); tests and tools open their own. */
export async function connectBus(options: ConnectBusOptions): Promise<Bus> {
  let nc: NatsConnection;
  try {
    nc = await connect({
      servers: options.servers,
      name: options.name ?? `earshot-${process.pid}`,
      maxReconnectAttempts: -1,
      reconnectTimeWait: options.reconnectTimeWaitMs ?? 1_000,
      reconnectJitter: 250,
      timeout: 5_000,
      // A half-open TCP connection is noticed after about two missed pings.
      pingInterval: 10_000,
      maxPingOut: 2,
    });
  } catch (error) {
    const mapped = toBusError(error);
    throw mapped instanceof BusUnavailableError
      ? mapped
      : new BusUnavailableError("disconnected", `Cannot connect to NATS: ${mapped.message}`, { cause: error });
  }
  let connected = true;
  void (async () => {
    for await (const status of nc.status()) {
      if (status.type === "disconnect" || status.type === "reconnecting" || status.type === "staleConnection")
        connected = false;
      else if (status.type === "reconnect") connected = true;
    }
  })();
  void nc.closed().then(() => {
    connected = false;
  });
  const requestTimeoutMs = options.requestTimeoutMs ?? 5_000;
  try {
    const jsm = await jetstreamManager(nc, { timeout: requestTimeoutMs });
    return {
      nc,
      names: options.names ?? defaultBusNames(),
      js: jetstream(nc, { timeout: requestTimeoutMs }),
      jsm,
      isConnected: () => connected && !nc.isClosed(),
      requestTimeoutMs,
    };
  } catch (error) {
    await nc.close().catch(() => undefined);
    throw toBusError(error);
  }
}

let shared: Promise<Bus> | null = null;

/** The process-wide bus, opened on first use from NATS_URL. */
export async function getBus(): Promise<Bus> {
  const url = process.env.NATS_URL?.trim();
  if (!url) throw new Error("The bus is off: NATS_URL is not set");
  if (!shared) {
    shared = connectBus({ servers: parseServers(url) });
    // A failed first connect is not remembered: the next caller tries again.
    shared.catch(() => {
      shared = null;
    });
  }
  const bus = await shared;
  if (bus.nc.isClosed()) {
    shared = null;
    return getBus();
  }
  return bus;
}

/** Flushes acks and pending publishes, then closes (on shutdown). */
export async function closeBus(bus?: Bus): Promise<void> {
  const target = bus ?? (shared ? await shared.catch(() => null) : null);
  if (!bus) shared = null;
  if (!target || target.nc.isClosed()) return;
  await target.nc.drain().catch(() => target.nc.close());
}
