// Macro variables: {{author.name}}, {{author.handle}}, {{agent.name}}, {{case.number}}, {{brand.name}}. Pure.

export interface MacroContext {
  authorName: string | null;
  authorHandle: string | null;
  agentName: string;
  caseNumber: number;
  brandName: string | null;
}

/** Fills a macro's variables; unknown ones are left visible so the agent notices them. */
export function renderMacro(body: string, ctx: MacroContext): string {
  const values: Record<string, string | null> = {
    "author.name": ctx.authorName?.split(" ")[0] ?? ctx.authorHandle,
    "author.handle": ctx.authorHandle ? `@${ctx.authorHandle}` : null,
    "agent.name": ctx.agentName.split(" ")[0],
    "case.number": String(ctx.caseNumber),
    "brand.name": ctx.brandName,
  };
  return body.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (all, name: string) => values[name] ?? all);
}
