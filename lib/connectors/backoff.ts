// Reconnect delays, as the networks ask for them (X's filtered-stream guidance). Pure.
export type FailureKind = "network" | "http" | "rate_limit";

export function reconnectDelayMs(kind: FailureKind, attempt: number): number {
  switch (kind) {
    case "network":
      return Math.min(16_000, 250 * (attempt + 1)); // linear, up to 16 s
    case "http":
      return Math.min(320_000, 5_000 * 2 ** attempt); // exponential from 5 s, up to 320 s
    case "rate_limit":
      return Math.min(15 * 60_000, 60_000 * 2 ** attempt); // exponential from 1 min
  }
}
