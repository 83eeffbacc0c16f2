import { subcommands, withDatabase, type Command } from "./run";

// secrets rotate: re-seal every stored secret under the current EARSHOT_SECRET_KEY (the old key
// listed in EARSHOT_SECRET_KEY_PREVIOUS); prints a JSON summary.
const rotate: Command = async () =>
  withDatabase(async () => {
    const { rotateSecrets } = await import("../../lib/secrets/rotate");
    process.stdout.write(`${JSON.stringify(await rotateSecrets())}\n`);
    return 0;
  });

export const secrets = subcommands({ rotate }, (what) => `Unknown secrets command "${what}". Use: secrets rotate\n`);
