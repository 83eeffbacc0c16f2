import "server-only";
import { db } from "@/lib/db/client";

// Failed sign-ins are throttled per account and per client address. Counts live in the
// database so that every app server sees the same numbers.
export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 20;

export function accountKey(email: string) {
  return `account:${email.trim().toLowerCase()}`;
}

export function ipKey(ip: string) {
  return `ip:${ip}`;
}

export async function isSignInThrottled(email: string, ip: string): Promise<boolean> {
  const since = new Date(Date.now() - SIGN_IN_WINDOW_MS);
  const [account, address] = await Promise.all([
    db().loginAttempt.count({ where: { key: accountKey(email), createdAt: { gte: since } } }),
    db().loginAttempt.count({ where: { key: ipKey(ip), createdAt: { gte: since } } }),
  ]);
  return account >= MAX_FAILURES_PER_ACCOUNT || address >= MAX_FAILURES_PER_IP;
}

export async function recordSignInFailure(email: string, ip: string): Promise<void> {
  await db().loginAttempt.createMany({ data: [{ key: accountKey(email) }, { key: ipKey(ip) }] });
  // Old rows are useless; trim them opportunistically.
  await db().loginAttempt.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - SIGN_IN_WINDOW_MS) } } });
}

export async function clearAccountFailures(email: string): Promise<void> {
  await db().loginAttempt.deleteMany({ where: { key: accountKey(email) } });
}
