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

// Anything that looks like a placeholder: {{…}} in any form, or a single-brace {word} / {word.word}
// (the wrong syntax). A customer must never receive one, filled or not.
const PLACEHOLDER = /\{\{[^{}\n]{0,60}\}\}|\{\s*[\w.-]{1,60}\s*\}/;

/** The first placeholder-looking token left in a reply, or null when there is none. */
export function findPlaceholder(text: string): string | null {
  return PLACEHOLDER.exec(text)?.[0] ?? null;
}

/** Why a reply cannot be sent yet because of a leftover placeholder, or null when it can. */
export function placeholderProblem(text: string): string | null {
  const token = findPlaceholder(text);
  return token ? `Fill in or remove ${token} before sending.` : null;
}
