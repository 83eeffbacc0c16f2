import { describe, expect, it } from "vitest";
import {
  ClosedConnectionError,
  ConnectionError,
  InvalidArgumentError,
  NoRespondersError,
  RequestError,
  TimeoutError,
} from "@nats-io/transport-node";
import { JetStreamApiError } from "@nats-io/jetstream";
import { BusUnavailableError, DeliveryTooLargeError, toBusError } from "./errors";

const apiError = (code: number, description: string, status = 400) =>
  new JetStreamApiError({ code: status, err_code: code, description });

describe("toBusError", () => {
  it("maps an unreachable or silent NATS to BusUnavailableError with a Retry-After", () => {
    const cases: Array<[unknown, string]> = [
      [new TimeoutError(), "timeout"],
      [new ClosedConnectionError(), "closed"],
      [new ConnectionError("connection refused"), "disconnected"],
      [new RequestError("no responders", { cause: new NoRespondersError("$JS.API.x") }), "no-jetstream"],
      [Object.assign(new Error("jetstream is not enabled"), { name: "JetStreamNotEnabled" }), "no-jetstream"],
      [apiError(10077, "maximum messages exceeded", 503), "full"],
      [new Error("connect ECONNREFUSED 127.0.0.1:4222"), "disconnected"],
    ];
    for (const [error, reason] of cases) {
      const mapped = toBusError(error);
      expect(mapped).toBeInstanceOf(BusUnavailableError);
      expect((mapped as BusUnavailableError).reason).toBe(reason);
      expect((mapped as BusUnavailableError).retryAfterSeconds).toBeGreaterThan(0);
    }
  });

  it("maps an oversized message to DeliveryTooLargeError", () => {
    expect(toBusError(apiError(10054, "message size exceeds maximum allowed"), 1000)).toBeInstanceOf(
      DeliveryTooLargeError,
    );
    expect(toBusError(new InvalidArgumentError("'payload' max_payload size exceeded"), 1000)).toBeInstanceOf(
      DeliveryTooLargeError,
    );
  });

  it("leaves other errors as they are", () => {
    const other = apiError(10071, "wrong last sequence: 2");
    expect(toBusError(other)).toBe(other);
    const plain = new Error("bug");
    expect(toBusError(plain)).toBe(plain);
    expect(toBusError("text")).toEqual(new Error("text"));
  });
});
