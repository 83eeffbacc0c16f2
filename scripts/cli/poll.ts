import { parseArgs } from "node:util";
import { withDatabase } from "./run";

// poll [--watch]: once, printing what was polled; or until SIGINT/SIGTERM.
export async function poll(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { watch: { type: "boolean" } } });
  const { pollDueSources, startWorker } = await import("../../lib/connectors/worker");
  if (!values.watch) {
    return withDatabase(async () => {
      process.stdout.write(`${JSON.stringify(await pollDueSources())}\n`);
      return 0;
    });
  }
  return withDatabase(
    () =>
      new Promise<number>((resolve) => {
        const stop = startWorker();
        process.once("SIGINT", () => {
          stop();
          resolve(0);
        });
        process.once("SIGTERM", () => {
          stop();
          resolve(0);
        });
      }),
  );
}
