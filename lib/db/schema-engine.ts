// Drives Prisma's schema engine compiled to WebAssembly (the native binary that
// `prisma migrate` downloads is not available offline). See docs/database.md.
import { readFile, readdir } from "node:fs/promises";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { applyDatabaseCode } from "./database-code";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";

type Engine = import("@prisma/schema-engine-wasm").SchemaEngine;
type EngineModule = typeof import("@prisma/schema-engine-wasm/schema_engine_bg");

// The wasm-bindgen glue module is a process-wide singleton (Node caches it), so the engine
// instance and the queue that serialises its use must be process-wide too, even when this
// file is loaded more than once (test runners load it once per project).
const state = globalThis as unknown as {
  __earshotSchemaEngine?: { module: Promise<EngineModule> | null; queue: Promise<unknown>; lastPanic: string | null };
};
const engineState = (state.__earshotSchemaEngine ??= { module: null, queue: Promise.resolve(), lastPanic: null });

function serialized<T>(operation: () => Promise<T>): Promise<T> {
  const next = engineState.queue.then(operation, operation);
  engineState.queue = next.catch(() => undefined);
  return next;
}

async function loadModule(): Promise<EngineModule> {
  engineState.module ??= (async () => {
    // The glue reports Rust panics through this global; keep the message for the error.
    (globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown }).PRISMA_WASM_PANIC_REGISTRY = {
      set_message: (message: string) => {
        engineState.lastPanic = message;
      },
    };
    const bg = (await import("@prisma/schema-engine-wasm/schema_engine_bg")) as EngineModule;
    const require = createRequire(import.meta.url);
    const dir = path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg"));
    const bytes = await readFile(path.join(dir, "schema_engine_bg.wasm"));
    // Node 20 cannot import .wasm as an ES module, so instantiate it by hand with the JS glue
    // as its import object, as the package's own entry point would.
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": bg as never });
    const exports = instance.exports as Record<string, unknown> & { __wbindgen_start: () => void };
    bg.__wbg_set_wasm(exports);
    exports.__wbindgen_start();
    return bg;
  })();
  return engineState.module;
}

export const PROJECT_ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
export const SCHEMA_PATH = path.join(PROJECT_ROOT, "prisma/schema.prisma");
export const MIGRATIONS_DIR = path.join(PROJECT_ROOT, "prisma/migrations");

export async function openSchemaEngine(connectionString: string | null): Promise<Engine> {
  const bg = await loadModule();
  const schema = await readFile(SCHEMA_PATH, "utf8");
  const adapter = bindMigrationAwareSqlAdapterFactory(
    new PrismaPg({
      connectionString: connectionString ?? "postgresql://unused@127.0.0.1:1/none",
      idleTimeoutMillis: 50,
    }) as never,
  );
  return bg.SchemaEngine.new({ datamodels: [[SCHEMA_PATH, schema]] }, () => undefined, adapter);
}

export async function listMigrations() {
  if (!existsSync(MIGRATIONS_DIR)) return [];
  const names = (await readdir(MIGRATIONS_DIR, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return Promise.all(
    names.map(async (name) => ({
      path: name,
      migrationFile: {
        path: "migration.sql",
        content: {
          tag: "ok" as const,
          value: await readFile(path.join(MIGRATIONS_DIR, name, "migration.sql"), "utf8"),
        },
      },
    })),
  );
}

async function migrationsList() {
  const lockPath = path.join(MIGRATIONS_DIR, "migration_lock.toml");
  return {
    baseDir: MIGRATIONS_DIR,
    lockfile: {
      path: "migration_lock.toml",
      content: existsSync(lockPath) ? await readFile(lockPath, "utf8") : null,
    },
    shadowDbInitScript: "",
    migrationDirectories: await listMigrations(),
  };
}

const NO_FILTERS = { externalTables: [], externalEnums: [] };

/** Applies pending migrations and records them in _prisma_migrations, as Prisma Migrate does. */
export function applyMigrations(connectionString: string): Promise<string[]> {
  return serialized(async () => {
    const engine = await openSchemaEngine(connectionString);
    try {
      const result = await engine.applyMigrations({
        migrationsList: await migrationsList(),
        filters: NO_FILTERS,
      });
      return result.appliedMigrationNames;
    } catch (error) {
      throw withPanic(error);
    } finally {
      engine.free();
    }
  }).then(async (names) => {
    await applyDatabaseCode(connectionString);
    return names;
  });
}

function withPanic(error: unknown): unknown {
  if (!engineState.lastPanic) return error;
  const wrapped = new Error(`Schema engine failed: ${engineState.lastPanic}`, { cause: error });
  engineState.lastPanic = null;
  return wrapped;
}

/** SQL that turns the schema of `fromDatamodel` (or an empty database) into `toDatamodel`. */
export function diffDatamodels(fromDatamodel: string | null, toDatamodel: string): Promise<string> {
  return serialized(() => diffDatamodelsNow(fromDatamodel, toDatamodel));
}

async function diffDatamodelsNow(fromDatamodel: string | null, toDatamodel: string): Promise<string> {
  // The engine insists on a connection even for a pure schema-to-schema diff: give it a
  // throwaway in-memory PGlite.
  const { PGlite } = await import("@electric-sql/pglite");
  const { startPgliteServer } = await import("./pglite-server");
  const scratch = new PGlite();
  const server = await startPgliteServer(scratch);
  const engine = await openSchemaEngine(server.url);
  try {
    const result = await engine.diff({
      from: fromDatamodel
        ? { tag: "schemaDatamodel", files: [{ path: "from.prisma", content: fromDatamodel }] }
        : { tag: "empty" },
      to: { tag: "schemaDatamodel", files: [{ path: SCHEMA_PATH, content: toDatamodel }] },
      script: true,
      exitCode: null,
      filters: NO_FILTERS,
    } as never);
    return result.stdout ?? "";
  } catch (error) {
    throw withPanic(error);
  } finally {
    engine.free();
    await server.stop();
    await scratch.close();
  }
}
