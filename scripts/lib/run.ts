// Runs a script's main function and exits with its code: database pools and the schema
// engine keep timers alive that would otherwise hold a finished command for seconds.
export function runMain(main: () => Promise<number | void>): void {
  main().then(
    (code) => process.exit(code ?? 0),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      if (process.env.EARSHOT_DEBUG && error instanceof Error) console.error(error.stack);
      process.exit(1);
    },
  );
}
