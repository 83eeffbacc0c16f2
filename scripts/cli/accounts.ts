import { parseArgs } from "node:util";
import { findWorkspace, subcommands, withDatabase, type Command } from "./run";

// accounts add --workspace SLUG --brand NAME --network NET [--<field> VALUE ...]
// accounts list --workspace SLUG
// accounts test --workspace SLUG (--id ACCOUNT_ID | --brand NAME --network NET)
// Field flags are the network's form fields in kebab case (--instance-url, --access-token, …),
// with short aliases: --instance, --token, --app-password.

const ALIASES: Record<string, string> = { instance: "instanceUrl", token: "accessToken" };
const camel = (flag: string) => ALIASES[flag] ?? flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

function fieldFlags(args: string[]): Record<string, string> {
  const { tokens } = parseArgs({ args, strict: false, tokens: true });
  const out: Record<string, string> = {};
  for (const t of tokens ?? []) if (t.kind === "option" && typeof t.value === "string") out[camel(t.name)] = t.value;
  return out;
}

const add: Command = async (args) => {
  const flags = fieldFlags(args);
  const { workspace: slug, brand, network, ...fields } = flags;
  if (!slug || !brand || !network) {
    process.stderr.write("Usage: accounts add --workspace SLUG --brand NAME --network NETWORK [--<field> VALUE ...]\n");
    return 2;
  }
  return withDatabase(async () => {
    const ws = await findWorkspace(slug);
    if (!ws) return 1;
    const { addAccountFromCli } = await import("../../lib/outbox/cli");
    const result = await addAccountFromCli(ws.id, { brand, network, fields });
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return result.ok ? 0 : 1;
  });
};

const list: Command = async (args) => {
  const { values } = parseArgs({ args, options: { workspace: { type: "string" } } });
  if (!values.workspace) {
    process.stderr.write("Usage: accounts list --workspace SLUG\n");
    return 2;
  }
  return withDatabase(async () => {
    const ws = await findWorkspace(values.workspace!);
    if (!ws) return 1;
    const { listAccounts } = await import("../../lib/outbox/accounts");
    for (const a of await listAccounts(ws.id)) process.stdout.write(`${JSON.stringify(a)}\n`);
    return 0;
  });
};

const test: Command = async (args) => {
  const { values } = parseArgs({
    args,
    options: {
      workspace: { type: "string" },
      id: { type: "string" },
      brand: { type: "string" },
      network: { type: "string" },
    },
  });
  if (!values.workspace || !(values.id || (values.brand && values.network))) {
    process.stderr.write("Usage: accounts test --workspace SLUG (--id ACCOUNT_ID | --brand NAME --network NETWORK)\n");
    return 2;
  }
  return withDatabase(async () => {
    const ws = await findWorkspace(values.workspace!);
    if (!ws) return 1;
    const { testAccountFromCli } = await import("../../lib/outbox/cli");
    const result = await testAccountFromCli(ws.id, values);
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return result.ok ? 0 : 1;
  });
};

export const accounts = subcommands(
  { add, list, test },
  (what) => `Unknown accounts command "${what}". Use: accounts add | list | test\n`,
);
