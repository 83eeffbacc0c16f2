// ESLint rule: a client component ("use client") must not import a module that declares
// `import "server-only"` (data access, secrets). Next refuses it at build time too; this says
// so in the editor and in `npm run lint`, naming the module. Resolves "@/…" and relative paths.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const EXTENSIONS = ["", ".ts", ".tsx", "/index.ts", "/index.tsx"];
const serverOnlyCache = new Map();

function resolveModule(fromFile, spec) {
  const base = spec.startsWith("@/")
    ? path.join(ROOT, spec.slice(2))
    : spec.startsWith(".")
      ? path.resolve(path.dirname(fromFile), spec)
      : null;
  if (!base) return null;
  for (const ext of EXTENSIONS)
    if (existsSync(base + ext) && !base.endsWith("/") && (ext || /\.[cm]?[jt]sx?$/.test(base))) return base + ext;
  return null;
}

function isServerOnly(file) {
  if (!serverOnlyCache.has(file))
    serverOnlyCache.set(file, /^\s*import\s+["']server-only["'];?\s*$/m.test(readFileSync(file, "utf8")));
  return serverOnlyCache.get(file);
}

const rule = {
  meta: {
    type: "problem",
    messages: {
      serverOnly:
        'A client component cannot import {{module}}: it is server-only (import "server-only"). Call a server action or fetch a route handler instead.',
    },
  },
  create(context) {
    const source = context.sourceCode ?? context.getSourceCode();
    const first = source.ast.body[0];
    const isClient = first?.type === "ExpressionStatement" && first.directive === "use client";
    if (!isClient) return {};
    const check = (node, spec) => {
      if (typeof spec !== "string") return;
      const file = resolveModule(context.filename ?? context.getFilename(), spec);
      if (file && isServerOnly(file)) context.report({ node, messageId: "serverOnly", data: { module: spec } });
    };
    return {
      ImportDeclaration(node) {
        if (node.importKind !== "type") check(node, node.source.value);
      },
      ImportExpression(node) {
        if (node.source.type === "Literal") check(node, node.source.value);
      },
    };
  },
};

const plugin = { rules: { "no-server-only-in-client": rule } };
export default plugin;
