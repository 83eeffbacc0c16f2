// Matches one post against all of a workspace's rules at once (issue: "does not slow down as
// rules are added"). Every literal term of every rule goes into one token automaton, a trie
// over characters with `?` edges and `*` accept states; walking each token of a post through
// it once yields, for every term, the positions where it occurs. Only the rules that one of
// their required terms triggered are then evaluated, using those positions.
// Pure: no I/O, usable in workers, the CLI and the browser.
import { termKey, type QueryNode, type QueryError, type TermPattern } from "./query/ast";
import { parseQuery } from "./query/parser";
import { analyzePost, type AnalyzedPost, type PostInput } from "./query/post";
import { evaluate, toSpans, type Span } from "./query/evaluate";
import type { Token } from "./query/text";

export interface RuleInput {
  id: string;
  query: string;
}

export interface RuleMatch {
  ruleId: string;
  spans: Span[];
}

export interface InvalidRule {
  ruleId: string;
  error: QueryError;
}

interface TrieNode {
  children: Map<string, TrieNode>;
  /** Patterns that end exactly here. */
  exact: number[];
  /** Patterns `prefix*` whose prefix ends here: any continuation matches. */
  prefix: number[];
}

interface CompiledRule {
  id: string;
  index: number;
  ast: QueryNode;
}

const newNode = (): TrieNode => ({ children: new Map(), exact: [], prefix: [] });

export class RuleMatcher {
  readonly invalid: InvalidRule[] = [];
  private readonly rules: CompiledRule[] = [];
  private readonly patterns: TermPattern[] = [];
  private readonly patternIds = new Map<string, number>();
  /** Each term object of each rule's AST -> its pattern id (identity lookup while evaluating). */
  private readonly termIds = new Map<TermPattern, number>();
  private readonly root = newNode();
  /** pattern id -> rules it can trigger. */
  private readonly triggers: number[][] = [];
  /** Rules with no required term (field-only): evaluated for every post. */
  private readonly alwaysEvaluate: number[] = [];
  // Per-post scratch space, reused to avoid allocation.
  private positions: number[][] = [];
  private seenStamp: Uint32Array = new Uint32Array(0);
  private ruleStamp: Uint32Array = new Uint32Array(0);
  private stamp = 0;

  constructor(rules: readonly RuleInput[]) {
    for (const rule of rules) {
      const parsed = parseQuery(rule.query);
      if (!parsed.ok) {
        this.invalid.push({ ruleId: rule.id, error: parsed.error });
        continue;
      }
      const compiled: CompiledRule = { id: rule.id, index: this.rules.length, ast: parsed.ast };
      this.rules.push(compiled);
      this.register(parsed.ast);
      const required = this.requiredTerms(parsed.ast);
      if (required === null) this.alwaysEvaluate.push(compiled.index);
      else for (const pid of required) this.triggers[pid].push(compiled.index);
    }
    this.positions = this.patterns.map(() => []);
    this.seenStamp = new Uint32Array(this.patterns.length);
    this.ruleStamp = new Uint32Array(this.rules.length);
  }

  get ruleCount(): number {
    return this.rules.length;
  }

  get patternCount(): number {
    return this.patterns.length;
  }

  private patternId(term: TermPattern): number {
    const known = this.termIds.get(term);
    if (known !== undefined) return known;
    const key = termKey(term);
    let id = this.patternIds.get(key);
    if (id === undefined) {
      id = this.patterns.length;
      this.patterns.push(term);
      this.patternIds.set(key, id);
      this.triggers.push([]);
      this.insert(term.text, id);
    }
    this.termIds.set(term, id);
    return id;
  }

  private insert(text: string, id: number): void {
    let node = this.root;
    const chars = Array.from(text);
    const star = chars.at(-1) === "*";
    if (star) chars.pop();
    for (const ch of chars) {
      let next = node.children.get(ch);
      if (!next) {
        next = newNode();
        node.children.set(ch, next);
      }
      node = next;
    }
    (star ? node.prefix : node.exact).push(id);
  }

  private register(node: QueryNode): void {
    switch (node.type) {
      case "term":
        this.patternId(node.term);
        return;
      case "phrase":
        node.terms.forEach((t) => this.patternId(t));
        return;
      case "and":
      case "or":
        node.children.forEach((c) => this.register(c));
        return;
      case "not":
        this.register(node.child);
        return;
      case "near":
        this.register(node.left);
        this.register(node.right);
        return;
      case "field":
        return;
    }
  }

  /**
   * Terms of which at least one must occur for the node to match (null: no such set, e.g.
   * a field or a NOT). For AND any child's set will do: take the smallest.
   */
  private requiredTerms(node: QueryNode): number[] | null {
    switch (node.type) {
      case "term":
        return [this.patternId(node.term)];
      case "phrase": {
        // Any word of the phrase is required; prefer the most specific one.
        const best = [...node.terms].sort((a, b) => specificity(b) - specificity(a))[0];
        return [this.patternId(best)];
      }
      case "or": {
        const all: number[] = [];
        for (const child of node.children) {
          const r = this.requiredTerms(child);
          if (r === null) return null;
          all.push(...r);
        }
        return [...new Set(all)];
      }
      case "and": {
        let best: number[] | null = null;
        for (const child of node.children) {
          const r = this.requiredTerms(child);
          if (r !== null && (best === null || r.length < best.length)) best = r;
        }
        return best;
      }
      case "near": {
        const l = this.requiredTerms(node.left);
        const r = this.requiredTerms(node.right);
        if (l === null) return r;
        if (r === null) return l;
        return l.length <= r.length ? l : r;
      }
      default:
        return null;
    }
  }

  private record(pid: number, position: number, token: Token): void {
    const term = this.patterns[pid];
    if (term.kind !== null && term.kind !== token.kind) return;
    if (term.exact !== null && term.exact !== token.orig) return;
    if (this.seenStamp[pid] !== this.stamp) {
      this.seenStamp[pid] = this.stamp;
      this.positions[pid] = [position];
      return;
    }
    const list = this.positions[pid];
    if (list[list.length - 1] !== position) list.push(position);
  }

  private scan(post: AnalyzedPost): number[] {
    const matched: number[] = [];
    const tokens = post.tokens;
    for (let position = 0; position < tokens.length; position++) this.walk(tokens[position], position, matched);
    return matched;
  }

  private walk(token: Token, position: number, matched: number[]): void {
    const text = token.text;
    let states: TrieNode[] = [this.root];
    let i = 0;
    while (i < text.length && states.length) {
      const code = text.charCodeAt(i);
      const ch = code >= 0xd800 && code <= 0xdbff ? text.slice(i, i + 2) : text[i];
      i += ch.length;
      const next: TrieNode[] = [];
      for (const s of states) {
        const c = s.children.get(ch);
        if (c) next.push(c);
        const q = s.children.get("?");
        if (q) next.push(q);
      }
      states = next;
      for (const s of states) for (const pid of s.prefix) this.hit(pid, position, token, matched);
    }
    if (i >= text.length) for (const s of states) for (const pid of s.exact) this.hit(pid, position, token, matched);
  }

  private hit(pid: number, position: number, token: Token, matched: number[]): void {
    const fresh = this.seenStamp[pid] !== this.stamp;
    this.record(pid, position, token);
    if (fresh && this.seenStamp[pid] === this.stamp) matched.push(pid);
  }

  /** The rules a post matches, in rule order, each with the spans that satisfied it. */
  match(input: PostInput | AnalyzedPost): RuleMatch[] {
    const post = "tokens" in input ? input : analyzePost(input);
    this.stamp = (this.stamp + 1) >>> 0 || 1;
    const matchedPatterns = this.scan(post);
    const candidates: number[] = [];
    for (const pid of matchedPatterns) {
      for (const rule of this.triggers[pid]) {
        if (this.ruleStamp[rule] !== this.stamp) {
          this.ruleStamp[rule] = this.stamp;
          candidates.push(rule);
        }
      }
    }
    for (const rule of this.alwaysEvaluate) {
      if (this.ruleStamp[rule] !== this.stamp) {
        this.ruleStamp[rule] = this.stamp;
        candidates.push(rule);
      }
    }
    candidates.sort((a, b) => a - b);
    const stamp = this.stamp;
    const positions = (term: TermPattern): readonly number[] => {
      const pid = this.termIds.get(term);
      return pid !== undefined && this.seenStamp[pid] === stamp ? this.positions[pid] : EMPTY;
    };
    const results: RuleMatch[] = [];
    for (const index of candidates) {
      const rule = this.rules[index];
      const occ = evaluate(rule.ast, { post, positions });
      if (occ !== null) results.push({ ruleId: rule.id, spans: toSpans(post, occ) });
    }
    return results;
  }
}

const EMPTY: readonly number[] = [];

function specificity(t: TermPattern): number {
  const literal = t.text.replace(/[?*].*$/, "").length;
  return (t.wildcard ? 0 : 100) + literal + (t.kind !== null ? 10 : 0) + (t.exact !== null ? 10 : 0);
}
