// No import cycles between feature folders (lib/<feature>/): a feature may use another, but
// never one that uses it back, directly or through others. Static and dynamic imports and
// re-exports all count, type-only imports too (they still tie the folders together).
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");
const LIB = path.join(ROOT, "lib");
const IMPORT =
  /(?:import|export)\s[^'"]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)|import\s+["']([^"']+)["']/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === "generated" ? [] : sourceFiles(full);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

/** The feature folder a module path belongs to (lib/<feature>/…), or null outside lib/. */
function featureOf(file: string): string | null {
  const rel = path.relative(LIB, file);
  if (rel.startsWith("..")) return null;
  const [first, second] = rel.split(path.sep);
  return second === undefined ? null : first;
}

function resolveSpecifier(from: string, spec: string): string | null {
  if (spec.startsWith("@/")) return path.join(ROOT, spec.slice(2));
  if (spec.startsWith(".")) return path.resolve(path.dirname(from), spec);
  return null;
}

export function featureGraph(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const file of sourceFiles(LIB)) {
    const feature = featureOf(file);
    if (!feature) continue;
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(IMPORT)) {
      const target = resolveSpecifier(file, m[1] ?? m[2] ?? m[3]);
      const other = target ? featureOf(target) : null;
      if (!other || other === feature) continue;
      if (!graph.has(feature)) graph.set(feature, new Map());
      const edges = graph.get(feature)!;
      if (!edges.has(other)) edges.set(other, path.relative(ROOT, file));
    }
  }
  return graph;
}

/** Every elementary cycle's smallest representative, as "a → b → a" with the files that make each edge. */
export function featureCycles(graph: Map<string, Map<string, string>>): string[] {
  const cycles = new Set<string>();
  const walk = (start: string, node: string, trail: string[]) => {
    for (const [next, file] of graph.get(node) ?? []) {
      if (next === start) {
        const nodes = [...trail, node];
        if (nodes.every((n) => n >= start)) cycles.add([...nodes, start].join(" → ") + `   (${file} closes it)`);
      } else if (!trail.includes(next) && next > start && next !== node) {
        walk(start, next, [...trail, node]);
      }
    }
  };
  for (const start of [...graph.keys()].sort()) walk(start, start, []);
  return [...cycles].sort();
}

// What every feature may use, so they may use nothing back: the domain vocabulary (built on
// Prisma's generated enums only), time and date arithmetic, and small utilities.
const FOUNDATIONS: Record<string, string[]> = { domain: ["generated"], time: [], util: ["time"] };

describe("feature folders", () => {
  it("import each other without cycles", () => {
    expect(featureCycles(featureGraph())).toEqual([]);
  });

  it("keep the foundations free of features", () => {
    const graph = featureGraph();
    const outside = Object.entries(FOUNDATIONS).flatMap(([feature, allowed]) =>
      [...(graph.get(feature) ?? [])]
        .filter(([other]) => !allowed.includes(other))
        .map(([other, file]) => `${feature} → ${other}   (${file})`),
    );
    expect(outside).toEqual([]);
  });
});
