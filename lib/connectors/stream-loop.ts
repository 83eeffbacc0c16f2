import "server-only";
import { reconnectDelayMs, type FailureKind } from "./backoff";
import { recordSourceError } from "./source-state";

export class StreamFailure extends Error {
  constructor(
    message: string,
    readonly kind: FailureKind,
  ) {
    super(message);
  }
}

export interface StreamLoopOptions {
  sourceId: string;
  /** Multiplies every backoff delay (tests use a small one). */
  backoffScale?: number;
  /** Runs one connection until it ends (resolve) or fails (throw). */
  connect: (signal: AbortSignal) => Promise<void>;
  onReconnect?: (attempt: number, delayMs: number, error: unknown) => void;
}

/** Keeps a streaming connection up: reconnect with backoff after every failure, until stopped. */
export function runStreamLoop(options: StreamLoopOptions): { stop: () => Promise<void>; done: Promise<void> } {
  const controller = new AbortController();
  const scale = options.backoffScale ?? 1;
  const done = (async () => {
    let attempt = 0;
    let lastKind: FailureKind | null = null;
    while (!controller.signal.aborted) {
      let failure: unknown = null;
      const started = Date.now();
      try {
        await options.connect(controller.signal);
      } catch (error) {
        failure = error;
      }
      if (controller.signal.aborted) break;
      const kind: FailureKind = failure instanceof StreamFailure ? failure.kind : "network";
      // A connection that stayed up a while resets the backoff.
      if (Date.now() - started > 60_000 || kind !== lastKind) attempt = 0;
      lastKind = kind;
      const delay = reconnectDelayMs(kind, attempt++) * scale;
      const message = failure instanceof Error ? failure.message : "The stream ended";
      await recordSourceError(options.sourceId, `${message}; reconnecting in ${Math.round(delay / 1000)} s`).catch(
        () => undefined,
      );
      options.onReconnect?.(attempt, delay, failure);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        controller.signal.addEventListener("abort", () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  })();
  return {
    done,
    stop: async () => {
      controller.abort();
      await done;
    },
  };
}
