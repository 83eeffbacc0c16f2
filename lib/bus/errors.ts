import {
  ClosedConnectionError,
  ConnectionError,
  DrainingConnectionError,
  InvalidArgumentError,
  NoRespondersError,
  RequestError,
  TimeoutError,
} from "@nats-io/transport-node";
import { JetStreamApiError } from "@nats-io/jetstream";

// Typed errors of the bus, and the mapping from the client's errors to them. Pure.

export type BusUnavailableReason = "disconnected" | "timeout" | "no-jetstream" | "full" | "closed";

/**
 * NATS (or its JetStream) cannot take the delivery now. Nothing was stored or it is not known
 * whether it was: the caller answers 503 with Retry-After, and the client's retry is safe
 * because the message id makes a second publish a duplicate.
 */
export class BusUnavailableError extends Error {
  readonly reason: BusUnavailableReason;
  readonly retryAfterSeconds: number;
  constructor(reason: BusUnavailableReason, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "BusUnavailableError";
    this.reason = reason;
    this.retryAfterSeconds = reason === "full" ? 30 : 5;
  }
}

/** The body is larger than the server accepts in one message (its max_payload). */
export class DeliveryTooLargeError extends Error {
  readonly limitBytes: number;
  constructor(sizeBytes: number, limitBytes: number) {
    super(`Delivery of ${sizeBytes} bytes is larger than the bus accepts (${limitBytes} bytes)`);
    this.name = "DeliveryTooLargeError";
    this.limitBytes = limitBytes;
  }
}

// JetStream API error codes (nats-server errors.json).
const STORE_FAILED = 10077; // "maximum messages exceeded", "maximum bytes exceeded", …
const INSUFFICIENT_RESOURCES = 10023;
const CLUSTER_NOT_AVAILABLE = 10008;
const MESSAGE_TOO_LARGE = 10054;

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Maps an error of the NATS client to a typed bus error; other errors are returned as they are. */
export function toBusError(error: unknown, limitBytes = 0): Error {
  if (error instanceof BusUnavailableError || error instanceof DeliveryTooLargeError) return error;
  const detail = describe(error);
  if (error instanceof TimeoutError)
    return new BusUnavailableError("timeout", `NATS did not answer in time: ${detail}`, { cause: error });
  if (error instanceof ClosedConnectionError || error instanceof DrainingConnectionError) {
    return new BusUnavailableError("closed", `NATS connection closed: ${detail}`, { cause: error });
  }
  if (error instanceof ConnectionError)
    return new BusUnavailableError("disconnected", `Cannot reach NATS: ${detail}`, { cause: error });
  if (error instanceof NoRespondersError || (error instanceof RequestError && error.isNoResponders())) {
    return new BusUnavailableError("no-jetstream", `JetStream is not answering: ${detail}`, { cause: error });
  }
  if (error instanceof RequestError && error.cause instanceof TimeoutError) {
    return new BusUnavailableError("timeout", `NATS did not answer in time: ${detail}`, { cause: error });
  }
  if (error instanceof JetStreamApiError) {
    if (error.code === STORE_FAILED || error.code === INSUFFICIENT_RESOURCES) {
      return new BusUnavailableError("full", `The deliveries stream is full: ${detail}`, { cause: error });
    }
    if (error.code === MESSAGE_TOO_LARGE) return new DeliveryTooLargeError(0, limitBytes);
    if (error.code === CLUSTER_NOT_AVAILABLE || error.status === 503) {
      return new BusUnavailableError("no-jetstream", `JetStream is unavailable: ${detail}`, { cause: error });
    }
    return error;
  }
  // "jetstream is not enabled" is what the client reports for a publish nobody answered.
  if (error instanceof Error && error.name === "JetStreamNotEnabled") {
    return new BusUnavailableError("no-jetstream", `JetStream is not answering: ${detail}`, { cause: error });
  }
  if (error instanceof InvalidArgumentError && /max_payload/.test(detail))
    return new DeliveryTooLargeError(0, limitBytes);
  if (error instanceof Error && /ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH/.test(detail)) {
    return new BusUnavailableError("disconnected", `Cannot reach NATS: ${detail}`, { cause: error });
  }
  return error instanceof Error ? error : new Error(detail);
}

export function isBusUnavailable(error: unknown): error is BusUnavailableError {
  return error instanceof BusUnavailableError;
}
