// The one placeholder syntax is {{author.name}} (lib/cases/macros.ts fills it). Pure.

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
