import { describe, expect, it } from "vitest";
import {
  allShardConsumerConfigs,
  deadLetterStreamConfig,
  deliveriesStreamConfig,
  DEFAULT_STREAM_OPTIONS,
} from "./stream-config";
import { busNames, deadLetterSubject, shardSubject } from "./names";

describe("bus names", () => {
  it("are the documented ones without a prefix, and kept apart by one", () => {
    const plain = busNames();
    expect(plain).toEqual({
      deliveriesStream: "EARSHOT_DELIVERIES",
      deadLetterStream: "EARSHOT_DEADLETTER",
      deliveriesSubject: "earshot.deliveries",
      deadLetterSubject: "earshot.deadletter",
      leaseBucket: "EARSHOT_LEASES",
    });
    expect(shardSubject(plain, 3)).toBe("earshot.deliveries.3");
    expect(deadLetterSubject(plain, "ws1")).toBe("earshot.deadletter.ws1");
    expect(busNames("t1").deliveriesStream).toBe("t1_EARSHOT_DELIVERIES");
    expect(busNames("t1").deliveriesSubject).toBe("t1.earshot.deliveries");
    expect(() => busNames("a.b")).toThrow(/prefix/);
  });
});

describe("stream configuration", () => {
  const names = busNames();

  it("keeps the deliveries as a work queue on disk that refuses new work when full", () => {
    expect(deliveriesStreamConfig(names, DEFAULT_STREAM_OPTIONS)).toMatchObject({
      name: "EARSHOT_DELIVERIES",
      subjects: ["earshot.deliveries.*"],
      retention: "workqueue",
      storage: "file",
      discard: "new",
      duplicate_window: 120_000_000_000,
    });
    expect(deadLetterStreamConfig(names, DEFAULT_STREAM_OPTIONS)).toMatchObject({
      subjects: ["earshot.deadletter.*"],
      retention: "limits",
      discard: "new",
    });
  });

  it("has one consumer per shard, one message in flight each, retries not capped by the server", () => {
    const consumers = allShardConsumerConfigs(names, DEFAULT_STREAM_OPTIONS);
    expect(consumers).toHaveLength(16);
    expect(new Set(consumers.map((c) => c.filter_subject)).size).toBe(16);
    for (const c of consumers) expect(c).toMatchObject({ ack_policy: "explicit", max_ack_pending: 1, max_deliver: -1 });
  });
});
