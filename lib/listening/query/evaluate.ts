// Evaluates a parsed query against one analysed post (spec §3), with explanations: the
// character spans that satisfied it. The multi-rule matcher reuses this with occurrence
// lists from its automaton; `referenceOccurrences` finds them by scanning the tokens.
import type { FieldNode, QueryNode, TermPattern } from "./ast";
import type { AnalyzedPost } from "./post";
import type { Token } from "./text";

/** A run of token positions [start, end] where a term or phrase occurs. */
export interface Occurrence {
  start: number;
  end: number;
}

export type Span = [number, number];

/** Where a single term occurs: positions of matching tokens. */
export type TermPositions = (term: TermPattern) => readonly number[];

const regexCache = new Map<string, RegExp>();

function wildcardRegex(text: string): RegExp {
  let re = regexCache.get(text);
  if (!re) {
    const body = Array.from(text)
      .map((ch) => (ch === "?" ? "." : ch === "*" ? ".*" : ch.replace(/[\\^$.|+()[\]{}]/g, "\\$&")))
      .join("");
    re = new RegExp(`^${body}$`, "su");
    if (regexCache.size > 10_000) regexCache.clear();
    regexCache.set(text, re);
  }
  return re;
}

export function tokenMatches(term: TermPattern, token: Token): boolean {
  if (term.kind !== null && token.kind !== term.kind) return false;
  if (term.exact !== null && token.orig !== term.exact) return false;
  return term.wildcard ? wildcardRegex(term.text).test(token.text) : token.text === term.text;
}

export function referencePositions(post: AnalyzedPost): TermPositions {
  return (term) => {
    const out: number[] = [];
    post.tokens.forEach((token, i) => {
      if (tokenMatches(term, token)) out.push(i);
    });
    return out;
  };
}

function phraseOccurrences(terms: TermPattern[], positions: TermPositions): Occurrence[] {
  const lists = terms.map((t) => new Set(positions(t)));
  const out: Occurrence[] = [];
  for (const start of lists[0]) {
    let ok = true;
    for (let k = 1; k < lists.length && ok; k++) ok = lists[k].has(start + k);
    if (ok) out.push({ start, end: start + terms.length - 1 });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Occurrences of a NEAR operand (term, phrase, or OR-group of them). */
export function occurrences(node: QueryNode, positions: TermPositions): Occurrence[] {
  switch (node.type) {
    case "term":
      return positions(node.term).map((p) => ({ start: p, end: p }));
    case "phrase":
      return phraseOccurrences(node.terms, positions);
    case "or":
      return node.children.flatMap((c) => occurrences(c, positions)).sort((a, b) => a.start - b.start);
    default:
      return [];
  }
}

export function fieldMatches(node: FieldNode, post: AnalyzedPost): boolean {
  switch (node.field) {
    case "lang":
      return post.lang === node.value;
    case "source":
      return post.source === node.value;
    case "author":
      return post.handle === node.value;
    case "followers":
      return (
        post.followers !== null &&
        (node.min === null || post.followers >= node.min) &&
        (node.max === null || post.followers <= node.max)
      );
    case "verified":
      return post.verified === node.value;
    case "site":
      return post.hosts.some((h) => h === node.value || h.endsWith(`.${node.value}`));
  }
}

/** Pairs of occurrences of A and B within n tokens (in order, for ONEAR). */
function nearPairs(a: Occurrence[], b: Occurrence[], n: number, ordered: boolean): Array<[Occurrence, Occurrence]> {
  const pairs: Array<[Occurrence, Occurrence]> = [];
  for (const x of a) {
    for (const y of b) {
      if (y.start > x.end) {
        if (y.start - x.end - 1 <= n) pairs.push([x, y]);
      } else if (!ordered && x.start > y.end) {
        if (x.start - y.end - 1 <= n) pairs.push([x, y]);
      }
    }
  }
  return pairs;
}

export interface EvalContext {
  post: AnalyzedPost;
  positions: TermPositions;
}

/** The spans that satisfied `node`, or null when it does not match. NOT contributes no spans. */
export function evaluate(node: QueryNode, ctx: EvalContext): Occurrence[] | null {
  switch (node.type) {
    case "term":
    case "phrase": {
      const occ = occurrences(node, ctx.positions);
      return occ.length ? occ : null;
    }
    case "and": {
      const all: Occurrence[] = [];
      for (const child of node.children) {
        const r = evaluate(child, ctx);
        if (r === null) return null;
        all.push(...r);
      }
      return all;
    }
    case "or": {
      let matched = false;
      const all: Occurrence[] = [];
      for (const child of node.children) {
        const r = evaluate(child, ctx);
        if (r !== null) {
          matched = true;
          all.push(...r);
        }
      }
      return matched ? all : null;
    }
    case "not":
      return evaluate(node.child, ctx) === null ? [] : null;
    case "near": {
      const pairs = nearPairs(
        occurrences(node.left, ctx.positions),
        occurrences(node.right, ctx.positions),
        node.n,
        node.ordered,
      );
      return pairs.length ? pairs.flat() : null;
    }
    case "field":
      return fieldMatches(node, ctx.post) ? [] : null;
  }
}

export function evaluateBoolean(node: QueryNode, post: AnalyzedPost): boolean {
  return evaluate(node, { post, positions: referencePositions(post) }) !== null;
}

/** Token-position occurrences to merged, sorted character spans in the post's text. */
export function toSpans(post: AnalyzedPost, occ: Occurrence[]): Span[] {
  const raw = occ
    .map((o): Span => [post.tokens[o.start].start, post.tokens[o.end].end])
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Span[] = [];
  for (const s of raw) {
    const last = merged.at(-1);
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else merged.push([s[0], s[1]]);
  }
  return merged;
}

export const EMPTY_POST: AnalyzedPost = {
  text: "",
  tokens: [],
  lang: null,
  source: null,
  handle: null,
  followers: null,
  verified: null,
  hosts: [],
};

/** The straightforward evaluator: one rule, one post, tokens scanned directly. */
export function matchReference(ast: QueryNode, post: AnalyzedPost): Span[] | null {
  const occ = evaluate(ast, { post, positions: referencePositions(post) });
  return occ === null ? null : toSpans(post, occ);
}
