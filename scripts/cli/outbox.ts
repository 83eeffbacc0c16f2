import { parseArgs } from "node:util";
import { withDatabase } from "./run";

// outbox --once: deliver what is due (replies, webhooks), print a JSON summary, exit.
// outbox --watch: keep delivering until SIGINT/SIGTERM.
export async function outbox(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { once: { type: "boolean" }, watch: { type: "boolean" } } });
  if (!values.once && !values.watch) {
    process.stderr.write("Usage: outbox --once | --watch\n");
    return 2;
  }
  const { runOutboxOnce, startOutboxWorker } = await import("../../lib/delivery/run");
  if (values.once) {
    return withDatabase(async () => {
      process.stdout.write(`${JSON.stringify(await runOutboxOnce())}\n`);
      return 0;
    });
  }
  return withDatabase(
    () =>
      new Promise<number>((resolve) => {
        const stop = startOutboxWorker();
        const end = () => {
          stop();
          resolve(0);
        };
        process.once("SIGINT", end);
        process.once("SIGTERM", end);
      }),
  );
}
