import { describe, expect, it } from "vitest";
import { FetchFailedError, FetchRefusedError, type SafeFetchOptions, type SafeResponse } from "@/lib/net/safe-fetch";
import type { SendOutcome } from "@/lib/outbox/transport";
import { deliverWebhook, excerptOf, type WebhookDeliveryInput, type WebhookSendOutcome } from "./deliver";
import { verifyWebhook } from "./sign";

const NOW = new Date("2026-12-01T10:00:00.000Z");
const input: WebhookDeliveryInput = {
  url: "https://crm.example/hooks/earshot",
  secret: "whsec_unit",
  event: "case.created",
  deliveryId: "whd_abc",
  payload: { event: "case.created", data: { number: 7 }, createdAt: "2026-12-01T09:59:00.000Z" },
  attempt: 2,
};

function answering(status: number, body = "", headers: Record<string, string> = {}) {
  const calls: Array<{ url: string; options?: SafeFetchOptions }> = [];
  const fetch = async (url: string, options?: SafeFetchOptions): Promise<SafeResponse> => {
    calls.push({ url, options });
    return { status, headers, body: Buffer.from(body), url };
  };
  return { calls, ctx: { fetch, now: () => NOW } };
}

const failing = (error: Error) => ({
  fetch: async (): Promise<SafeResponse> => {
    throw error;
  },
  now: () => NOW,
});

// The worker stores the outcome as the replies' SendOutcome: the two must stay assignable.
const asSendOutcome = (outcome: WebhookSendOutcome): SendOutcome => outcome;

describe("deliverWebhook", () => {
  it("POSTs the signed event once, with its headers", async () => {
    const { calls, ctx } = answering(204);
    const outcome = await deliverWebhook(input, ctx);
    expect(asSendOutcome(outcome)).toEqual({
      kind: "sent",
      externalId: "whd_abc",
      url: null,
      responseStatus: 204,
      responseBody: "",
    });
    expect(calls).toHaveLength(1);
    const { url, options } = calls[0];
    expect(url).toBe(input.url);
    expect(options?.method).toBe("POST");
    expect(JSON.parse(String(options?.body))).toEqual({
      id: "whd_abc",
      event: "case.created",
      createdAt: "2026-12-01T09:59:00.000Z",
      data: { number: 7 },
    });
    expect(options?.headers).toMatchObject({
      "content-type": "application/json",
      "Earshot-Event": "case.created",
      "Earshot-Delivery": "whd_abc",
      "Earshot-Attempt": "2",
    });
    const signature = options?.headers?.["Earshot-Signature"];
    expect(signature).toMatch(new RegExp(`^t=${NOW.getTime() / 1000},v1=[0-9a-f]{64}$`));
    expect(verifyWebhook(signature, "whsec_unit", String(options?.body), NOW.getTime() / 1000)).toEqual({ ok: true });
  });

  it("retries 429, 408 and 5xx, at Retry-After when given", async () => {
    expect(await deliverWebhook(input, answering(503, "down", { "retry-after": "120" }).ctx)).toEqual({
      kind: "retryable",
      reason: "The endpoint answered 503",
      retryAt: new Date(NOW.getTime() + 120_000),
      responseStatus: 503,
      responseBody: "down",
    });
    const dated = await deliverWebhook(
      input,
      answering(429, "", { "retry-after": "Tue, 01 Dec 2026 11:00:00 GMT" }).ctx,
    );
    expect(dated).toMatchObject({ kind: "retryable", retryAt: new Date("2026-12-01T11:00:00Z"), responseStatus: 429 });
    expect(await deliverWebhook(input, answering(408).ctx)).toMatchObject({ kind: "retryable", retryAt: undefined });
  });

  it("stops on 410 Gone (code gone) and on other 4xx and 3xx (code invalid)", async () => {
    expect(await deliverWebhook(input, answering(410, "bye").ctx)).toMatchObject({
      kind: "permanent",
      code: "gone",
      responseStatus: 410,
      responseBody: "bye",
    });
    for (const status of [400, 401, 404, 422, 301])
      expect(await deliverWebhook(input, answering(status).ctx)).toMatchObject({
        kind: "permanent",
        code: "invalid",
        responseStatus: status,
      });
  });

  it("retries when there is no answer, but not when the host is refused", async () => {
    expect(await deliverWebhook(input, failing(new FetchFailedError("did not answer within 10000 ms")))).toEqual({
      kind: "retryable",
      reason: "did not answer within 10000 ms",
    });
    expect(await deliverWebhook(input, failing(new FetchRefusedError("private address")))).toEqual({
      kind: "permanent",
      code: "invalid",
      reason: "private address",
    });
  });

  it("falls back to the time of sending when the payload has no createdAt", async () => {
    const { calls, ctx } = answering(200);
    await deliverWebhook({ ...input, payload: null }, ctx);
    expect(JSON.parse(String(calls[0].options?.body))).toEqual({
      id: "whd_abc",
      event: "case.created",
      createdAt: NOW.toISOString(),
      data: {},
    });
  });
});

describe("excerptOf", () => {
  it("keeps the first 2,000 characters as storable text", () => {
    expect(excerptOf(Buffer.from("x".repeat(5000)))).toHaveLength(2000);
    expect(excerptOf(Buffer.from("a\u0000b\u0007c\nd"))).toBe("abc\nd");
    // A cut through an emoji leaves no lone surrogate.
    expect(excerptOf(Buffer.from(`${"x".repeat(1999)}😀tail`))).toBe("x".repeat(1999));
  });
});
