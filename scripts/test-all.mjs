// npm test: every tier (unit, integration on a fresh database, end-to-end in Chromium) in one
// Vitest run, then a per-tier count and a closing "N passed, N failed" line.
// Integration and e2e use embedded PGlite, or a fresh database on TEST_DATABASE_URL's server.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(chromium)) {
  const canInstall = process.getuid?.() === 0 && existsSync("/usr/bin/apt-get");
  if (!canInstall) {
    console.error(
      `Chromium is needed for the end-to-end tests and was not found at ${chromium}.\nInstall it (Debian/Ubuntu: sudo apt-get install -y chromium) or set CHROMIUM_PATH.`,
    );
    process.exit(1);
  }
  console.log("Chromium not found: installing Debian's chromium package for the end-to-end tests…");
  spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
  const install = spawnSync("apt-get", ["install", "-y", "-qq", "chromium"], {
    stdio: "inherit",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  if (install.status !== 0) process.exit(install.status ?? 1);
}

const dir = mkdtempSync(path.join(tmpdir(), "earshot-test-"));
const report = path.join(dir, "report.json");
const started = Date.now();
const args = [
  "node_modules/vitest/vitest.mjs",
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${report}`,
  ...process.argv.slice(2),
];
const result = spawnSync(process.execPath, args, {
  stdio: "inherit",
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
});

const tiers = {
  unit: { passed: 0, failed: 0, skipped: 0 },
  integration: { passed: 0, failed: 0, skipped: 0 },
  e2e: { passed: 0, failed: 0, skipped: 0 },
};
if (existsSync(report)) {
  const data = JSON.parse(readFileSync(report, "utf8"));
  for (const file of data.testResults ?? []) {
    const tier = file.name.includes("/tests/e2e/")
      ? "e2e"
      : file.name.includes("/tests/integration/")
        ? "integration"
        : "unit";
    for (const test of file.assertionResults ?? []) {
      if (test.status === "passed") tiers[tier].passed++;
      else if (test.status === "failed") tiers[tier].failed++;
      else tiers[tier].skipped++;
    }
    if ((file.assertionResults ?? []).length === 0 && file.status === "failed") tiers[tier].failed++;
  }
}
rmSync(dir, { recursive: true, force: true });
const database = process.env.TEST_DATABASE_URL ? "PostgreSQL (TEST_DATABASE_URL)" : "embedded PGlite";
console.log(`\nTest tiers on ${database}, ${((Date.now() - started) / 1000).toFixed(1)} s:`);
let passed = 0;
let failed = 0;
let skipped = 0;
for (const [name, t] of Object.entries(tiers)) {
  console.log(`  ${name.padEnd(12)} ${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped`);
  passed += t.passed;
  failed += t.failed;
  skipped += t.skipped;
}
const code = result.status ?? 1;
if (code !== 0 && failed === 0) failed = 1; // a run that crashed before reporting is a failure
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(code);
