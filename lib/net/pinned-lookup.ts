// A `lookup` for http.request / net.connect / ws that answers with addresses that were already
// resolved and checked, so the socket connects to exactly those and no second DNS answer (DNS
// rebinding) can slip in between the check and the connection.
//
// Node 20 connects with autoSelectFamily ("happy eyeballs") by default: it then calls lookup
// with `options.all === true` and expects an array of { address, family }, which it tries in
// turn. A lookup that answers with a single address there makes every request to a host name
// fail with "Invalid IP address: undefined", so both shapes are honoured.
import type { LookupAddress, LookupOptions } from "node:dns";
import type { LookupFunction } from "node:net";

export interface CheckedAddress {
  address: string;
  family: 4 | 6;
}

function wantedFamily(family: LookupOptions["family"]): 4 | 6 | null {
  if (family === 4 || family === "IPv4") return 4;
  if (family === 6 || family === "IPv6") return 6;
  return null;
}

function lookupError(message: string, hostname: string): NodeJS.ErrnoException {
  return Object.assign(new Error(message), { code: "ENOTFOUND", hostname, syscall: "getaddrinfo" });
}

/** A lookup that only ever answers `hostname` with `addresses` (in their order). */
export function pinnedLookup(hostname: string, addresses: readonly CheckedAddress[]): LookupFunction {
  const pinnedHost = hostname.toLowerCase();
  return (requested, options, callback) => {
    // Asynchronous, like a real resolver: callers may rely on the callback running later.
    process.nextTick(() => {
      // Only the host that was checked: a connection elsewhere must not borrow its addresses.
      if (requested.toLowerCase() !== pinnedHost) {
        return callback(
          lookupError(`${requested} was not checked before connecting (expected ${hostname})`, requested),
          "",
          0,
        );
      }
      const family = wantedFamily(options?.family);
      const usable = addresses.filter((a) => family === null || a.family === family);
      if (usable.length === 0)
        return callback(lookupError(`${hostname} has no checked IPv${family} address`, requested), "", 0);
      if (options?.all)
        return callback(
          null,
          usable.map((a): LookupAddress => ({ address: a.address, family: a.family })),
        );
      callback(null, usable[0].address, usable[0].family);
    });
  };
}
