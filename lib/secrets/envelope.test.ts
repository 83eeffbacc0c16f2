import { describe, expect, it } from "vitest";
import { hintOf, keyIdOf, open, seal, SecretKeyError, secretKeyFrom } from "./envelope";

const key = secretKeyFrom("a".repeat(64));
const other = secretKeyFrom("correct horse battery staple, and then some more");

describe("secret envelopes", () => {
  it("round-trips any text, with a fresh nonce each time", () => {
    const text = 'tok_ÄÖ😀 "quoted" \u0001 end';
    const a = seal(text, key);
    const b = seal(text, key);
    expect(a).not.toBe(b);
    expect(a).not.toContain("tok_");
    expect(open(a, [other, key])).toBe(text);
    expect(keyIdOf(a)).toBe(key.id);
  });

  it("refuses a value sealed with an unknown key, or altered", () => {
    const sealed = seal("secret", key);
    expect(() => open(sealed, [other])).toThrow(SecretKeyError);
    const parts = sealed.split(".");
    parts[4] = Buffer.from("tampered").toString("base64url");
    expect(() => open(parts.join("."), [key])).toThrow(/integrity/);
    expect(() => open("plain", [key])).toThrow(/Not a sealed/);
  });

  it("reads keys as hex, base64 or long passphrases, and refuses short ones", () => {
    const raw = Buffer.alloc(32, 7);
    expect(secretKeyFrom(raw.toString("hex")).bytes.equals(raw)).toBe(true);
    expect(secretKeyFrom(raw.toString("base64")).bytes.equals(raw)).toBe(true);
    expect(secretKeyFrom(raw.toString("base64url")).bytes.equals(raw)).toBe(true);
    expect(() => secretKeyFrom("short")).toThrow(/at least 32/);
  });

  it("hints show only the last four characters", () => {
    expect(hintOf("abcdefgh1234")).toBe("•••• 1234");
    expect(hintOf("abc")).toBe("••••");
  });
});
