// Source health, pure: what the admin sees next to each channel.
export type SourceState = "ok" | "disabled" | "silent" | "failing" | "auth_failed" | "waiting";

export interface HealthInput {
  enabled: boolean;
  createdAt: Date;
  lastEventAt: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
  errorCount: number;
  expectedIntervalMinutes: number;
}

const AUTH_ERROR = /\b(401|403)\b|unauthori[sz]ed|forbidden|signature|invalid token|authentication/i;

export function sourceState(s: HealthInput, now: Date): SourceState {
  if (!s.enabled) return "disabled";
  const recentError = s.lastErrorAt && (!s.lastEventAt || s.lastErrorAt > s.lastEventAt);
  if (recentError && s.lastError && AUTH_ERROR.test(s.lastError)) return "auth_failed";
  if (recentError && s.errorCount > 0) return "failing";
  // Silent: nothing for twice the expected interval (a grace period for quiet hours).
  const silentAfter = 2 * s.expectedIntervalMinutes * 60_000;
  const since = s.lastEventAt ?? s.createdAt;
  if (now.getTime() - since.getTime() > silentAfter) return s.lastEventAt ? "silent" : "waiting";
  return "ok";
}
