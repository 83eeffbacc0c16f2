// Macro variables: {{author.name}}, {{author.handle}}, {{agent.name}}, {{case.number}}, {{brand.name}}. Pure.
// That double-brace form is the only placeholder syntax: macros, the demo and the send check all use it.

export interface MacroContext {
  authorName: string | null;
  authorHandle: string | null;
  agentName: string;
  caseNumber: number;
  brandName: string | null;
}

export const MACRO_VARIABLES = ["author.name", "author.handle", "agent.name", "case.number", "brand.name"] as const;

/** Fills a macro's variables; unknown or empty ones are left visible so the agent notices them. */
export function renderMacro(body: string, ctx: MacroContext): string {
  const values: Record<string, string | null> = {
    "author.name": ctx.authorName?.split(" ")[0] || ctx.authorHandle,
    "author.handle": ctx.authorHandle ? `@${ctx.authorHandle}` : null,
    "agent.name": ctx.agentName.split(" ")[0] || null,
    "case.number": String(ctx.caseNumber),
    "brand.name": ctx.brandName,
  };
  return body.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (all, name: string) => values[name] || all);
}

// The send check lives with the outbox (every reply path runs it); macros share its syntax.
export { findPlaceholder, placeholderProblem } from "@/lib/outbox/placeholders";
