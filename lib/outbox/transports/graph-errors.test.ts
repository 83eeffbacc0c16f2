import { describe, expect, it } from "vitest";
import type { SafeResponse } from "@/lib/net/safe-fetch";
import { graphErrorOf, outcomeOfGraphError, readGraphAnswer, regainAccessAt, type GraphError } from "./graph-errors";

const now = new Date("2026-12-01T10:00:00Z");

const answer = (status: number, body: unknown, headers: Record<string, string> = {}): SafeResponse => ({
  status,
  headers,
  body: Buffer.from(typeof body === "string" ? body : JSON.stringify(body)),
  url: "https://graph.facebook.com/v21.0/1_2/comments",
});

const graphError = (code: number, extra: Record<string, unknown> = {}) => ({
  error: { message: `Graph says ${code}`, type: "OAuthException", code, fbtrace_id: "Trace1", ...extra },
});

/** The outcome of a Graph error body delivered with HTTP 400, as the Graph API usually does. */
const outcomeOf = (code: number, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) => {
  const read = readGraphAnswer(answer(400, graphError(code, extra), headers), now);
  if (read.ok) throw new Error("expected a failure");
  return read.outcome;
};

describe("Graph errors", () => {
  it("reads the error body defensively", () => {
    expect(graphErrorOf(graphError(100, { error_subcode: 33 }))).toEqual<GraphError>({
      message: "Graph says 100",
      type: "OAuthException",
      code: 100,
      subcode: 33,
      fbtraceId: "Trace1",
      isTransient: false,
    });
    expect(graphErrorOf({ error: { code: "17" } })).toMatchObject({ code: 17, message: "Unknown Graph API error" });
    expect(graphErrorOf({ error: "nope" })).toBeNull();
    expect(graphErrorOf(null)).toBeNull();
    expect(graphErrorOf([1, 2])).toBeNull();
  });

  it("maps by code, not by HTTP status", () => {
    for (const code of [190, 10, 200, 230, 299])
      expect(outcomeOf(code)).toMatchObject({ kind: "permanent", code: "reauth" });
    for (const code of [4, 17, 32, 613, 80001, 80002]) expect(outcomeOf(code)).toMatchObject({ kind: "retryable" });
    expect(outcomeOf(100, { error_subcode: 33 })).toMatchObject({ kind: "permanent", code: "gone" });
    expect(outcomeOf(100)).toMatchObject({ kind: "permanent", code: "invalid" });
    expect(outcomeOf(368)).toEqual({
      kind: "permanent",
      code: "invalid",
      reason: "Meta blocked the reply for its policies (Graph error 368, fbtrace_id Trace1): Graph says 368",
    });
    for (const code of [1, 2]) expect(outcomeOf(code)).toMatchObject({ kind: "retryable" });
    expect(outcomeOf(9999, { is_transient: true })).toMatchObject({ kind: "retryable" });
    expect(outcomeOf(300)).toMatchObject({ kind: "permanent", code: "invalid" });
    // A Graph error inside a 200 is still an error.
    const read = readGraphAnswer(answer(200, graphError(190)), now);
    expect(read.ok ? null : read.outcome).toMatchObject({ kind: "permanent", code: "reauth" });
  });

  it("names the code, subcode and trace in the reason", () => {
    expect(outcomeOf(100, { error_subcode: 33 })).toEqual({
      kind: "permanent",
      code: "gone",
      reason: "The post replied to no longer exists (Graph error 100/33, fbtrace_id Trace1): Graph says 100",
    });
  });

  it("takes a rate limit's retry time from the usage headers (minutes), else Retry-After", () => {
    const buc = JSON.stringify({
      "111": [{ type: "pages", call_count: 100, estimated_time_to_regain_access: 5 }],
      "222": [{ type: "instagram", call_count: 90, estimated_time_to_regain_access: 9 }],
    });
    expect(outcomeOf(80001, {}, { "x-business-use-case-usage": buc })).toMatchObject({
      retryAt: new Date("2026-12-01T10:09:00Z"),
    });
    expect(
      outcomeOf(32, {}, { "x-page-usage": JSON.stringify({ call_count: 100, estimated_time_to_regain_access: 2 }) }),
    ).toMatchObject({ retryAt: new Date("2026-12-01T10:02:00Z") });
    expect(outcomeOf(4, {}, { "retry-after": "120" })).toMatchObject({ retryAt: new Date("2026-12-01T10:02:00Z") });
    expect(outcomeOf(17)).toEqual({
      kind: "retryable",
      reason: "Rate limited by the Graph API (Graph error 17, fbtrace_id Trace1): Graph says 17",
      retryAt: undefined,
    });
  });

  it("ignores malformed or zero usage headers", () => {
    expect(regainAccessAt({ "x-business-use-case-usage": "{not json" }, now)).toBeUndefined();
    expect(
      regainAccessAt(
        { "x-business-use-case-usage": JSON.stringify({ "1": [{ estimated_time_to_regain_access: 0 }] }) },
        now,
      ),
    ).toBeUndefined();
    expect(regainAccessAt({}, now)).toBeUndefined();
  });

  it("passes non-Graph failures to the shared status mapping and reads successes", () => {
    expect(readGraphAnswer(answer(502, "<html>Bad Gateway</html>"), now)).toMatchObject({
      ok: false,
      outcome: { kind: "retryable", reason: "The network answered 502" },
      error: null,
    });
    expect(readGraphAnswer(answer(200, { id: "1_2" }), now)).toEqual({ ok: true, json: { id: "1_2" } });
    expect(readGraphAnswer(answer(200, "true"), now)).toMatchObject({ ok: false, outcome: { kind: "retryable" } });
  });

  it("is total: direct calls on a hand-made error", () => {
    const error: GraphError = {
      message: "x",
      type: null,
      code: null,
      subcode: null,
      fbtraceId: null,
      isTransient: false,
    };
    expect(outcomeOfGraphError(error, answer(400, ""), now)).toEqual({
      kind: "permanent",
      code: "invalid",
      reason: "The network refused the reply (Graph error): x",
    });
  });
});
