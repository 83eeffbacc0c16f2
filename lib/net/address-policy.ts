// Which IP addresses the server may connect to on a user's behalf (feeds, instances, streams),
// and which the admin has allowlisted. Pure: parses and compares address bytes, no I/O.
//
// Blocked: everything that is not a globally reachable unicast address (RFC 6890 and the IANA
// special-purpose registries), plus IPv6 forms that tunnel to an IPv4 address we cannot vet
// (IPv4-compatible, 6to4, Teredo). IPv6 forms that *name* an IPv4 address (IPv4-mapped, NAT64)
// are judged by that IPv4 address, so `::ffff:127.0.0.1` is as blocked as `127.0.0.1`.

type Bytes = readonly number[];

interface Range {
  prefix: Bytes;
  bits: number;
  label: string;
}

/** Strict dotted-decimal IPv4 ("1.2.3.4", no leading zeros, which some parsers read as octal). */
export function parseIPv4(text: string): Bytes | null {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  const bytes = parts.map((p) => (/^(0|[1-9]\d{0,2})$/.test(p) ? Number(p) : NaN));
  return bytes.every((b) => b <= 255) ? bytes : null;
}

/** IPv6 text (with "::", a trailing dotted IPv4, brackets or a %zone) → 16 bytes. */
export function parseIPv6(text: string): Bytes | null {
  let rest = text.replace(/^\[(.*)\]$/, "$1").replace(/%[^%]*$/, "");
  let tail: number[] = [];
  const dotted = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(rest);
  if (dotted) {
    const v4 = parseIPv4(dotted[2]);
    if (!v4) return null;
    tail = [...v4];
    rest = dotted[1].endsWith("::") ? dotted[1] : dotted[1].slice(0, -1);
  }
  const halves = rest.split("::");
  if (halves.length > 2) return null;
  const groups = (half: string) => (half === "" ? [] : half.split(":"));
  const head = groups(halves[0]);
  const back = halves.length === 2 ? groups(halves[1]) : [];
  const total = 16 - tail.length;
  const given = (head.length + back.length) * 2;
  if (halves.length === 1 ? given !== total : given > total - 2) return null;
  const toBytes = (gs: string[]) =>
    gs.flatMap((g) => (/^[0-9a-f]{1,4}$/i.test(g) ? [parseInt(g, 16) >> 8, parseInt(g, 16) & 255] : [NaN]));
  const bytes = [...toBytes(head), ...new Array<number>(total - given).fill(0), ...toBytes(back), ...tail];
  return bytes.some(Number.isNaN) ? null : bytes;
}

function range(cidr: string, label: string): Range {
  const [base, bits] = cidr.split("/");
  const prefix = parseIPv4(base) ?? parseIPv6(base);
  if (!prefix) throw new Error(`Bad range ${cidr}`);
  return { prefix, bits: Number(bits), label };
}

function inRange(bytes: Bytes, r: Range): boolean {
  if (bytes.length !== r.prefix.length) return false;
  for (let bit = 0; bit < r.bits; bit += 8) {
    const width = Math.min(8, r.bits - bit);
    const mask = (0xff << (8 - width)) & 0xff;
    if ((bytes[bit / 8] & mask) !== (r.prefix[bit / 8] & mask)) return false;
  }
  return true;
}

const BLOCKED_V4: Range[] = [
  range("0.0.0.0/8", "“this network”"),
  range("10.0.0.0/8", "private"),
  range("100.64.0.0/10", "carrier-grade NAT"),
  range("127.0.0.0/8", "loopback"),
  range("169.254.0.0/16", "link-local (cloud metadata)"),
  range("172.16.0.0/12", "private"),
  range("192.0.0.0/24", "IETF protocol assignments"),
  range("192.0.2.0/24", "documentation"),
  range("192.88.99.0/24", "6to4 relay anycast"),
  range("192.168.0.0/16", "private"),
  range("198.18.0.0/15", "benchmarking"),
  range("198.51.100.0/24", "documentation"),
  range("203.0.113.0/24", "documentation"),
  range("224.0.0.0/4", "multicast"),
  range("240.0.0.0/4", "reserved or broadcast"),
];

const BLOCKED_V6: Range[] = [
  range("::/96", "IPv4-compatible, unspecified or loopback"),
  range("::ffff:0:0:0/96", "IPv4-translated"),
  range("64:ff9b:1::/48", "local-use NAT64"),
  range("100::/64", "discard-only"),
  range("2001::/32", "Teredo tunnel"),
  range("2001:2::/48", "benchmarking"),
  range("2001:10::/28", "ORCHID"),
  range("2001:20::/28", "ORCHIDv2"),
  range("2001:db8::/32", "documentation"),
  range("2002::/16", "6to4 tunnel"),
  range("3fff::/20", "documentation"),
  range("5f00::/16", "segment routing"),
  range("fc00::/7", "unique local (private)"),
  range("fe80::/10", "link-local"),
  range("fec0::/10", "site-local"),
  range("ff00::/8", "multicast"),
];

/** IPv6 forms whose last 32 bits are the IPv4 address actually reached. */
const EMBEDS_V4: Range[] = [range("::ffff:0:0/96", "IPv4-mapped"), range("64:ff9b::/96", "NAT64")];

/**
 * Why the server must not connect to this address on a user's behalf, or null when it may.
 * Anything that is not an IP address is refused.
 */
export function blockedReason(address: string): string | null {
  const v4 = parseIPv4(address);
  if (v4) return BLOCKED_V4.find((r) => inRange(v4, r))?.label ?? null;
  const v6 = parseIPv6(address);
  if (!v6) return "not an IP address";
  const wrapper = EMBEDS_V4.find((r) => inRange(v6, r));
  if (wrapper) {
    const inner = blockedReason(v6.slice(12).join("."));
    return inner && `${wrapper.label} ${inner}`;
  }
  return BLOCKED_V6.find((r) => inRange(v6, r))?.label ?? null;
}

export function isPrivateAddress(address: string): boolean {
  return blockedReason(address) !== null;
}

/** The bytes an address is compared by: an IPv4-mapped IPv6 address counts as its IPv4 address. */
function comparable(address: string): Bytes | null {
  const v4 = parseIPv4(address);
  if (v4) return v4;
  const v6 = parseIPv6(address);
  if (v6 && inRange(v6, EMBEDS_V4[0])) return v6.slice(12);
  return v6;
}

const normalHost = (host: string) =>
  host
    .toLowerCase()
    .replace(/^\[|\]$/g, "")
    .replace(/\.$/, "");

/**
 * Whether an allowlist entry lets `host` (as written in the URL) connect to `address`.
 * Entries are host names ("intranet.example", matched exactly, case-insensitively), addresses
 * ("10.0.0.5", "::1") or CIDR ranges ("10.0.0.0/8", "fd00::/8"). Malformed entries match nothing.
 */
export function isAllowlisted(host: string, address: string, allowlist: readonly string[]): boolean {
  const target = comparable(address);
  return allowlist.some((raw) => {
    const entry = raw.trim();
    if (!entry) return false;
    const [base, bits, extra] = entry.split("/");
    const bytes = comparable(base.replace(/^\[|\]$/g, ""));
    if (!bytes) return extra === undefined && bits === undefined && normalHost(entry) === normalHost(host);
    if (!target || extra !== undefined) return false;
    const width = bits === undefined ? bytes.length * 8 : /^\d{1,3}$/.test(bits) ? Number(bits) : NaN;
    if (!(width <= bytes.length * 8)) return false;
    return inRange(target, { prefix: bytes, bits: width, label: "" });
  });
}
