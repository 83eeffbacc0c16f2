import net from "node:net";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { blockedReason, isAllowlisted, isPrivateAddress, parseIPv4, parseIPv6 } from "./address-policy";

const hex = (bytes: readonly number[]) =>
  Array.from({ length: 8 }, (_, i) => ((bytes[2 * i] << 8) | bytes[2 * i + 1]).toString(16)).join(":");
/** Node's own canonical (compressed) text of an IPv6 address, via the WHATWG URL parser. */
const canonical = (text: string) => new URL(`http://[${text}]/`).hostname.slice(1, -1);

describe("parseIPv4 / parseIPv6", () => {
  it("parses the usual forms and rejects malformed ones", () => {
    expect(parseIPv4("192.168.0.1")).toEqual([192, 168, 0, 1]);
    for (const bad of ["256.1.1.1", "1.2.3", "01.2.3.4", "1.2.3.4.5", "a.b.c.d", ""]) expect(parseIPv4(bad)).toBeNull();
    expect(parseIPv6("::1")).toEqual([...new Array(15).fill(0), 1]);
    expect(parseIPv6("::")).toEqual(new Array(16).fill(0));
    expect(parseIPv6("[fe80::1%eth0]")).toEqual([0xfe, 0x80, ...new Array(13).fill(0), 1]);
    expect(parseIPv6("::ffff:127.0.0.1")).toEqual([...new Array(10).fill(0), 0xff, 0xff, 127, 0, 0, 1]);
    expect(parseIPv6("1:2:3:4:5:6:7::")).toEqual([0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 0]);
    for (const bad of [
      "1::2::3",
      ":1:2:3:4:5:6:7",
      "1:2:3:4:5:6:7:8:9",
      "1:2:3:4:5:6:7:8::",
      "12345::",
      "g::",
      "::1.2.3",
      "1:2:3:4:5:6:7",
      "1.2.3.4",
    ]) {
      expect(parseIPv6(bad), bad).toBeNull();
    }
  });

  it("reads any IPv6 address, full or compressed, as the same 16 bytes (fixed seed)", () => {
    // Runs of zero groups are likely, so that "::" compression is exercised.
    const group = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 0xffff }));
    fc.assert(
      fc.property(fc.array(group, { minLength: 8, maxLength: 8 }), (groups) => {
        const bytes = groups.flatMap((g) => [g >> 8, g & 255]);
        expect(parseIPv6(hex(bytes))).toEqual(bytes);
        expect(parseIPv6(canonical(hex(bytes)))).toEqual(bytes);
      }),
      { seed: 14_1, numRuns: 300 },
    );
  });
});

describe("blockedReason / isPrivateAddress", () => {
  it("blocks private, loopback, link-local, CGNAT, documentation, multicast and reserved IPv4", () => {
    for (const a of [
      "0.0.0.0",
      "10.1.2.3",
      "100.64.0.1",
      "127.0.0.1",
      "127.255.255.254",
      "169.254.169.254",
      "172.16.0.1",
      "172.31.255.255",
      "192.0.0.8",
      "192.0.2.1",
      "192.88.99.1",
      "192.168.1.1",
      "198.18.0.1",
      "198.51.100.7",
      "203.0.113.9",
      "224.0.0.1",
      "255.255.255.255",
    ]) {
      expect(isPrivateAddress(a), a).toBe(true);
    }
    for (const a of ["93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "1.1.1.1", "223.255.255.255"])
      expect(isPrivateAddress(a), a).toBe(false);
    expect(blockedReason("169.254.169.254")).toMatch(/metadata/);
  });

  it("blocks loopback, private and special IPv6, including IPv4-compatible, 6to4 and Teredo", () => {
    for (const a of [
      "::",
      "::1",
      "::7f00:1",
      "::127.0.0.1",
      "::8.8.8.8",
      "fc00::1",
      "fd12:3456::1",
      "fe80::1",
      "fe80::1%eth0",
      "fec0::1",
      "ff02::1",
      "2001:db8::1",
      "3fff::1",
      "100::1",
      "64:ff9b:1::a00:1",
      "::ffff:0:7f00:1",
    ]) {
      expect(isPrivateAddress(a), a).toBe(true);
    }
    // 6to4 and Teredo tunnel to IPv4 addresses hidden in them (2002:7f00:1:: is 127.0.0.1): refused whole.
    for (const a of ["2002:7f00:1::1", "2002:5db8:d822::1", "2001:0:4136:e378:8000:63bf:3fff:fdd2", "2001::1"]) {
      expect(blockedReason(a), a).toMatch(/6to4|Teredo/);
    }
    for (const a of ["2606:4700:4700::1111", "2a00:1450:4001:82a::200e", "2001:4860:4860::8888"])
      expect(isPrivateAddress(a), a).toBe(false);
  });

  it("judges IPv4-mapped and NAT64 addresses by the IPv4 address inside, in every notation", () => {
    for (const a of [
      "::ffff:127.0.0.1",
      "::ffff:7f00:1",
      "0:0:0:0:0:ffff:7f00:1",
      "::FFFF:A9FE:A9FE",
      "::ffff:10.0.0.1",
      "64:ff9b::10.0.0.1",
      "64:ff9b::a9fe:a9fe",
    ]) {
      expect(isPrivateAddress(a), a).toBe(true);
    }
    expect(blockedReason("::ffff:7f00:1")).toBe("IPv4-mapped loopback");
    expect(isPrivateAddress("::ffff:93.184.216.34")).toBe(false);
    expect(isPrivateAddress("64:ff9b::5db8:d822")).toBe(false);
  });

  it("refuses what is not an IP address", () => {
    for (const a of ["localhost", "", "example.com", "1.2.3.4.5", "::g"]) expect(isPrivateAddress(a), a).toBe(true);
  });

  it("agrees with Node's BlockList on random IPv4 addresses, bare and IPv4-mapped (fixed seed)", () => {
    const list = new net.BlockList();
    for (const [base, bits] of [
      ["0.0.0.0", 8],
      ["10.0.0.0", 8],
      ["100.64.0.0", 10],
      ["127.0.0.0", 8],
      ["169.254.0.0", 16],
      ["172.16.0.0", 12],
      ["192.0.0.0", 24],
      ["192.0.2.0", 24],
      ["192.88.99.0", 24],
      ["192.168.0.0", 16],
      ["198.18.0.0", 15],
      ["198.51.100.0", 24],
      ["203.0.113.0", 24],
      ["224.0.0.0", 4],
      ["240.0.0.0", 4],
    ] as const) {
      list.addSubnet(base, bits, "ipv4");
    }
    // Half of the draws land near a range boundary, where an off-by-one mask would show.
    const edges = [0, 10, 100, 127, 169, 172, 192, 198, 203, 224, 240, 255];
    const first = fc.oneof(fc.constantFrom(...edges), fc.integer({ min: 0, max: 255 }));
    fc.assert(
      fc.property(
        first,
        fc.integer({ min: 0, max: 255 }),
        fc.integer({ min: 0, max: 255 }),
        fc.integer({ min: 0, max: 255 }),
        (a, b, c, d) => {
          const address = `${a}.${b}.${c}.${d}`;
          const expected = list.check(address, "ipv4");
          expect(isPrivateAddress(address)).toBe(expected);
          expect(isPrivateAddress(`::ffff:${address}`)).toBe(expected);
          expect(isPrivateAddress(canonical(`::ffff:${address}`))).toBe(expected);
        },
      ),
      { seed: 14_2, numRuns: 400 },
    );
  });
});

describe("isAllowlisted", () => {
  it("matches host names, addresses and CIDR ranges, IPv4-mapped addresses as their IPv4", () => {
    expect(isAllowlisted("LocalHost", "127.0.0.1", ["localhost"])).toBe(true);
    expect(isAllowlisted("localhost.", "::1", ["localhost"])).toBe(true);
    expect(isAllowlisted("localhost", "127.0.0.1", ["127.0.0.1"])).toBe(true);
    expect(isAllowlisted("localhost", "::1", ["127.0.0.1"])).toBe(false);
    expect(isAllowlisted("localhost", "::1", ["[::1]"])).toBe(true);
    expect(isAllowlisted("localhost", "0:0:0:0:0:0:0:1", ["::1"])).toBe(true);
    expect(isAllowlisted("feeds.corp", "10.2.3.4", ["10.0.0.0/8"])).toBe(true);
    expect(isAllowlisted("feeds.corp", "::ffff:10.2.3.4", ["10.0.0.0/8"])).toBe(true);
    expect(isAllowlisted("feeds.corp", "11.2.3.4", ["10.0.0.0/8"])).toBe(false);
    expect(isAllowlisted("feeds.corp", "fd00::5", ["fd00::/8"])).toBe(true);
    expect(isAllowlisted("feeds.corp", "fe80::5", ["fd00::/8"])).toBe(false);
    expect(isAllowlisted("a.feeds.corp", "10.2.3.4", ["feeds.corp"])).toBe(false);
  });

  it("ignores malformed entries instead of matching too much", () => {
    for (const entry of ["", " ", "10.0.0.0/", "10.0.0.0/33", "10.0.0.0/8/8", "::1/129", "localhost/8", "10.0.0.0/x"]) {
      expect(isAllowlisted("localhost", "10.0.0.1", [entry]), entry).toBe(false);
    }
    expect(isAllowlisted("localhost", "127.0.0.1", ["0.0.0.0/0"])).toBe(true); // an admin's explicit choice
  });
});
