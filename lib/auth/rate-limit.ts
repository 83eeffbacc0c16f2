import "server-only";
import { db } from "@/lib/db/client";
import { decideSignIn, SIGN_IN_WINDOW_MS, type FailureCount, type ThrottleDecision } from "./throttle-policy";

// Failed sign-ins, counted in the database so that every app server sees the same numbers.
// The policy itself is lib/auth/throttle-policy.ts; docs/security.md explains the choice.

export { MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_IP, SIGN_IN_WINDOW_MS, FREE_FAILURES } from "./throttle-policy";

/** Who is trying: the account, the client address, and the known device if the browser is one. */
export interface AttemptSource {
  email: string;
  ip: string;
  knownDeviceId: string | null;
}

export const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
export const ipKey = (ip: string) => `ip:${ip}`;
const pairKey = (source: AttemptSource) =>
  source.knownDeviceId ? `device:${source.knownDeviceId}` : `pair:${source.email.trim().toLowerCase()}|${source.ip}`;

async function recentFailures(keys: string[]): Promise<Map<string, FailureCount>> {
  const rows = await db().loginAttempt.groupBy({
    by: ["key"],
    where: { key: { in: keys }, createdAt: { gte: new Date(Date.now() - SIGN_IN_WINDOW_MS) } },
    _count: { _all: true },
    _max: { createdAt: true },
  });
  return new Map(rows.map((r) => [r.key, { failures: r._count._all, last: r._max.createdAt }]));
}

export async function checkSignInThrottle(source: AttemptSource): Promise<ThrottleDecision> {
  const pair = pairKey(source);
  const counts = await recentFailures([pair, accountKey(source.email), ipKey(source.ip)]);
  return decideSignIn({
    pair: counts.get(pair) ?? { failures: 0, last: null },
    account: counts.get(accountKey(source.email))?.failures ?? 0,
    ip: counts.get(ipKey(source.ip))?.failures ?? 0,
    knownDevice: source.knownDeviceId !== null,
    now: new Date(),
  });
}

/** A known device's failures count against that device only; anyone else's against all three. */
export async function recordSignInFailure(source: AttemptSource): Promise<void> {
  const keys = source.knownDeviceId ? [pairKey(source)] : [pairKey(source), accountKey(source.email), ipKey(source.ip)];
  await db().loginAttempt.createMany({ data: keys.map((key) => ({ key })) });
  // Old rows are useless; trim them opportunistically.
  await db().loginAttempt.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - SIGN_IN_WINDOW_MS) } } });
}

/**
 * After a success, this browser's own delays start over. The account-wide count is kept: a
 * guesser must not get a fresh allowance each time the real user signs in.
 */
export async function clearSourceFailures(source: AttemptSource): Promise<void> {
  await db().loginAttempt.deleteMany({
    where: { key: { in: [pairKey(source), pairKey({ ...source, knownDeviceId: null })] } },
  });
}
