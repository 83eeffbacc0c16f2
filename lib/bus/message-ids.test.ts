import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { deliveryIdFor, deliveryMessageId, retryMessageId } from "./message-ids";

const body = new TextEncoder().encode('{"id":"1"}');
const base = { workspaceId: "ws1", format: "x", body };

describe("deliveryMessageId", () => {
  it("is workspace + network + external id when the caller names one post", () => {
    expect(deliveryMessageId({ ...base, externalIds: [{ network: "x", externalId: "1460323737035677698" }] })).toBe(
      "ws1:x:1460323737035677698",
    );
  });

  it("keeps the same post apart in two workspaces, and an edit or deletion apart from the post", () => {
    const post = { network: "mastodon", externalId: "109" };
    const ids = new Set([
      deliveryMessageId({ ...base, externalIds: [post] }),
      deliveryMessageId({ ...base, workspaceId: "ws2", externalIds: [post] }),
      deliveryMessageId({ ...base, externalIds: [{ ...post, version: "2026-11-30T10:00:00Z" }] }),
      deliveryMessageId({ ...base, externalIds: [{ ...post, version: "deleted" }] }),
    ]);
    expect(ids.size).toBe(4);
  });

  it("hashes a set of posts regardless of their order and repetition", () => {
    const a = { network: "x", externalId: "1" };
    const b = { network: "x", externalId: "2" };
    const id = deliveryMessageId({ ...base, externalIds: [a, b] });
    expect(id).toMatch(/^ws1:refs:[0-9a-f]{64}$/);
    expect(deliveryMessageId({ ...base, externalIds: [b, a, b] })).toBe(id);
    expect(deliveryMessageId({ ...base, externalIds: [a] })).not.toBe(id);
  });

  it("hashes an id that would not be a safe header value", () => {
    expect(
      deliveryMessageId({ ...base, externalIds: [{ network: "rss", externalId: "https://example.com/a b" }] }),
    ).toMatch(/^ws1:ref:[0-9a-f]{64}$/);
    expect(deliveryMessageId({ ...base, externalIds: [{ network: "rss", externalId: "x".repeat(300) }] })).toMatch(
      /^ws1:ref:/,
    );
  });

  it("without external ids, is a hash of the content: the same bytes are a duplicate, other bytes or sources are not", () => {
    const id = deliveryMessageId(base);
    expect(id).toMatch(/^ws1:body:[0-9a-f]{64}$/);
    expect(deliveryMessageId({ ...base, body: new Uint8Array(body) })).toBe(id);
    expect(deliveryMessageId({ ...base, body: new TextEncoder().encode('{"id":"2"}') })).not.toBe(id);
    expect(deliveryMessageId({ ...base, sourceId: "s1" })).not.toBe(id);
    expect(deliveryMessageId({ ...base, format: "jsonl" })).not.toBe(id);
  });

  it("is always one printable line (a valid NATS header value)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            network: fc.string({ minLength: 1 }),
            externalId: fc.string({ minLength: 1 }),
            version: fc.option(fc.string({ minLength: 1 }), { nil: undefined }),
          }),
          { maxLength: 3 },
        ),
        fc.uint8Array({ maxLength: 50 }),
        (externalIds, bytes) => {
          const id = deliveryMessageId({ ...base, body: bytes, externalIds });
          expect(id).toMatch(/^[\x21-\x7e]+$/);
          expect(id.length).toBeLessThanOrEqual(210);
        },
      ),
      { seed: 1919, numRuns: 300 },
    );
  });
});

describe("deliveryIdFor and retryMessageId", () => {
  it("derives the delivery id from the message id, so a duplicate answers with the same one", () => {
    expect(deliveryIdFor("ws1:x:1")).toBe(deliveryIdFor("ws1:x:1"));
    expect(deliveryIdFor("ws1:x:1")).toMatch(/^dlv_[0-9a-f]{32}$/);
    expect(deliveryIdFor("ws1:x:2")).not.toBe(deliveryIdFor("ws1:x:1"));
  });

  it("gives a retried dead letter its own message id", () => {
    expect(retryMessageId("ws1:x:1", 7)).toBe("ws1:x:1~retry-7");
    expect(retryMessageId("ws1:x:1", 8)).not.toBe(retryMessageId("ws1:x:1", 7));
  });
});
