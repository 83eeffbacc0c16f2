// One outbox pass in a process of its own, for tests/integration/outbox-crash.test.ts: the test
// kills it with SIGKILL while its send waits for the network's answer, as a worker dies in
// production. It reaches the test's database through DATABASE_URL (PGlite is served over a
// loopback socket, so a second process can share it).
//
// Usage: tsx --conditions=react-server tests/support/outbox-child.ts <workspaceId> <workerId> <claimMs>
import { disconnectDb } from "../../lib/db/client";
import { runOutboxOnce } from "../../lib/delivery/run";

async function main(): Promise<void> {
  const [workspaceId, workerId, claimMs] = process.argv.slice(2);
  if (!workspaceId || !workerId || !Number(claimMs)) {
    process.stderr.write("Usage: outbox-child.ts <workspaceId> <workerId> <claimMs>\n");
    process.exit(2);
  }
  process.stdout.write(`outbox-child ${workerId}: started\n`);
  const summary = await runOutboxOnce({ workspaceId, workerId, claimMs: Number(claimMs) });
  process.stdout.write(`outbox-child ${workerId}: ${JSON.stringify(summary)}\n`);
  await disconnectDb();
}

main().catch((error: unknown) => {
  process.stderr.write(`outbox-child: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
