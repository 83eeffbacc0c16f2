// Matches one post against all of a workspace's rules at once (issue: "does not slow down as
// rules are added"). Every literal term of every rule goes into one token automaton, a trie
// over characters with `?` edges and `*` accept states; walking each token of a post through
// it once yields, for every term, the positions where it occurs. Only the rules that one of
// their required terms triggered are then evaluated, using those positions.
// Pure: no I/O, usable in workers, the CLI and the browser.
import { termKey, type QueryNode, type QueryError, type TermPattern } from "./query/ast";
import { parseQuery } from "./query/parser";
import { analyzePost, type AnalyzedPost, type PostInput } from "./query/post";
import { evaluate, fieldMatches, tokenMatches, toSpans, type Span } from "./query/evaluate";
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
  /** Has a `?` child: walking must branch here. */
  wild: boolean;
}

/** Term positions by pattern id for the post being matched. */
type PositionsById = (pid: number) => readonly number[];
type Predicate = (positions: PositionsById, post: AnalyzedPost) => boolean;

interface CompiledRule {
  id: string;
  index: number;
  ast: QueryNode;
  /** Allocation-free yes/no test, run first; spans are computed only for rules that match. */
  test: Predicate;
}

const newNode = (): TrieNode => ({ children: new Map(), exact: [], prefix: [], wild: false });

export class RuleMatcher {
  readonly invalid: InvalidRule[] = [];
  private readonly rules: CompiledRule[] = [];
  private readonly patterns: TermPattern[] = [];
  private readonly patternIds = new Map<string, number>();
  /** Each term object of each rule's AST -> its pattern id (identity lookup while evaluating). */
  private readonly termIds = new Map<TermPattern, number>();
  // The token automaton. Whole-token terms: accepting states reached by one hash transition on
  // the token's text. Wildcard terms: a character trie with `?` edges and `*` accept states.
  private readonly exactIndex = new Map<string, number[]>();
  private readonly wildIndex = new Map<string, Array<{ pid: number; test: (token: string) => boolean }>>();
  private readonly root = newNode();
  /** pattern id -> rules it can trigger. */
  private readonly triggers: number[][] = [];
  /** Rules with no required term (field-only): evaluated for every post. */
  private readonly alwaysEvaluate: number[] = [];
  // Per-post scratch space, reused to avoid allocation.
  private positions: number[][] = [];
  private seenStamp: Uint32Array = new Uint32Array(0);
  private ruleStamp: Uint32Array = new Uint32Array(0);
  private candidates: Int32Array = new Int32Array(0);
  private candidateCount = 0;
  private indexed: Uint8Array = new Uint8Array(0);
  private current: AnalyzedPost | null = null;
  private stamp = 0;

  constructor(rules: readonly RuleInput[]) {
    for (const rule of rules) {
      const parsed = parseQuery(rule.query);
      if (!parsed.ok) {
        this.invalid.push({ ruleId: rule.id, error: parsed.error });
        continue;
      }
      this.register(parsed.ast);
      const compiled: CompiledRule = {
        id: rule.id,
        index: this.rules.length,
        ast: parsed.ast,
        test: this.compile(parsed.ast),
      };
      this.rules.push(compiled);
      const required = this.requiredTerms(parsed.ast);
      if (required === null) this.alwaysEvaluate.push(compiled.index);
      else for (const pid of required) this.triggers[pid].push(compiled.index);
    }
    // The automaton holds every rule's required terms: a post can only match rules whose
    // required term it contains. The other terms of those candidate rules are then looked up
    // in the post's tokens on demand (see byId), so rules that are never candidates cost
    // nothing per post, however many there are.
    this.indexed = new Uint8Array(this.patterns.length);
    this.triggers.forEach((rules, pid) => {
      if (rules.length) {
        this.insert(this.patterns[pid].text, pid);
        this.indexed[pid] = 1;
      }
    });
    this.positions = this.patterns.map(() => []);
    this.seenStamp = new Uint32Array(this.patterns.length);
    this.ruleStamp = new Uint32Array(this.rules.length);
    this.candidates = new Int32Array(this.rules.length);
  }

  private addCandidate(rule: number): void {
    if (this.ruleStamp[rule] !== this.stamp) {
      this.ruleStamp[rule] = this.stamp;
      this.candidates[this.candidateCount++] = rule;
    }
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
    }
    this.termIds.set(term, id);
    return id;
  }

  private insert(text: string, id: number): void {
    if (!/[?*]/.test(text)) {
      // A whole-token term: one hash transition on the token's text.
      const list = this.exactIndex.get(text);
      if (list) list.push(id);
      else this.exactIndex.set(text, [id]);
      return;
    }
    const head = text.slice(0, WILD_HEAD);
    if (/^[^?*\ud800-\udfff]+$/.test(head) && head.length === WILD_HEAD) {
      // A wildcard term with a literal head: one hash transition on the token's first
      // characters, then a check of the rest.
      const list = this.wildIndex.get(head);
      const entry = { pid: id, test: wildcardTest(text) };
      if (list) list.push(entry);
      else this.wildIndex.set(head, [entry]);
      return;
    }
    let node = this.root;
    const chars = Array.from(text);
    const star = chars.at(-1) === "*";
    if (star) chars.pop();
    for (const ch of chars) {
      let next = node.children.get(ch);
      if (!next) {
        next = newNode();
        node.children.set(ch, next);
        if (ch === "?") node.wild = true;
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

  private compile(node: QueryNode): Predicate {
    switch (node.type) {
      case "term": {
        const pid = this.patternId(node.term);
        return (positions) => positions(pid).length > 0;
      }
      case "phrase": {
        const pids = node.terms.map((t) => this.patternId(t));
        return (positions) => phraseStarts(pids, positions) !== null;
      }
      case "and": {
        const children = node.children.map((c) => this.compile(c));
        return (positions, post) => {
          for (const child of children) if (!child(positions, post)) return false;
          return true;
        };
      }
      case "or": {
        const children = node.children.map((c) => this.compile(c));
        return (positions, post) => {
          for (const child of children) if (child(positions, post)) return true;
          return false;
        };
      }
      case "not": {
        const child = this.compile(node.child);
        return (positions, post) => !child(positions, post);
      }
      case "field": {
        const field = node;
        return (_positions, post) => fieldMatches(field, post);
      }
      case "near": {
        // Rare and needs occurrence lists: use the general evaluator.
        const near = node;
        return (positions, post) =>
          evaluate(near, { post, positions: (term) => positions(this.termIds.get(term)!) }) !== null;
      }
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

  private scan(post: AnalyzedPost): void {
    const tokens = post.tokens;
    for (let position = 0; position < tokens.length; position++) this.walk(tokens[position], position);
  }

  private walk(token: Token, position: number): void {
    const text = token.text;
    const exact = this.exactIndex.get(text);
    if (exact !== undefined) for (const pid of exact) this.hit(pid, position, token);
    if (text.length >= WILD_HEAD && this.wildIndex.size) {
      const wild = this.wildIndex.get(text.slice(0, WILD_HEAD));
      if (wild !== undefined) for (const w of wild) if (w.test(text)) this.hit(w.pid, position, token);
    }
    if (this.root.children.size === 0) return;
    // Wildcard trie. Fast path: follow a single state while no `?` edge offers a second one.
    let node: TrieNode | undefined = this.root;
    let j = 0;
    while (j < text.length && node && !node.wild) {
      const code = text.charCodeAt(j);
      const ch = code >= 0xd800 && code <= 0xdbff ? text.slice(j, j + 2) : text[j];
      j += ch.length;
      node = node.children.get(ch);
      if (node !== undefined && node.prefix.length) for (const pid of node.prefix) this.hit(pid, position, token);
    }
    if (!node) return;
    if (j >= text.length) {
      for (const pid of node.exact) this.hit(pid, position, token);
      return;
    }
    this.walkBranching(token, position, node, j);
  }

  private walkBranching(token: Token, position: number, from: TrieNode, offset: number): void {
    const text = token.text;
    let states: TrieNode[] = [from];
    let i = offset;
    while (i < text.length && states.length) {
      const code = text.charCodeAt(i);
      const ch = code >= 0xd800 && code <= 0xdbff ? text.slice(i, i + 2) : text[i];
      i += ch.length;
      const next: TrieNode[] = [];
      for (const s of states) {
        const c = s.children.get(ch);
        if (c) next.push(c);
        const q = s.wild ? s.children.get("?") : undefined;
        if (q) next.push(q);
      }
      states = next;
      for (const s of states) for (const pid of s.prefix) this.hit(pid, position, token);
    }
    if (i >= text.length) for (const s of states) for (const pid of s.exact) this.hit(pid, position, token);
  }

  private hit(pid: number, position: number, token: Token): void {
    const fresh = this.seenStamp[pid] !== this.stamp;
    this.record(pid, position, token);
    if (fresh && this.seenStamp[pid] === this.stamp) {
      // First occurrence of this term in the post: the rules it triggers become candidates.
      for (const rule of this.triggers[pid]) this.addCandidate(rule);
    }
  }

  // Created once: closures made per post would cost an allocation each time.
  private readonly byId: PositionsById = (pid) => {
    if (this.seenStamp[pid] === this.stamp) return this.positions[pid];
    if (this.indexed[pid]) return EMPTY; // the scan would have seen it
    // A non-required term of a candidate rule: find it in the post's tokens once.
    const term = this.patterns[pid];
    const found: number[] = [];
    const tokens = this.current!.tokens;
    for (let i = 0; i < tokens.length; i++) if (tokenMatches(term, tokens[i])) found.push(i);
    this.seenStamp[pid] = this.stamp;
    this.positions[pid] = found;
    return found;
  };
  private readonly byTerm = (term: TermPattern): readonly number[] => this.byId(this.termIds.get(term)!);

  /** The rules a post matches, in rule order, each with the spans that satisfied it. */
  match(input: PostInput | AnalyzedPost): RuleMatch[] {
    const post = "tokens" in input ? input : analyzePost(input);
    this.stamp = (this.stamp + 1) >>> 0 || 1;
    this.candidateCount = 0;
    this.current = post;
    this.scan(post);
    for (const rule of this.alwaysEvaluate) this.addCandidate(rule);
    const candidates = this.candidates.subarray(0, this.candidateCount).sort();
    const results: RuleMatch[] = [];
    for (const index of candidates) {
      const rule = this.rules[index];
      if (!rule.test(this.byId, post)) continue;
      const occ = evaluate(rule.ast, { post, positions: this.byTerm });
      if (occ !== null) results.push({ ruleId: rule.id, spans: toSpans(post, occ) });
    }
    return results;
  }
}

const EMPTY: readonly number[] = [];
/** Wildcard terms are indexed by this many leading literal characters (spec: at least 3 before *). */
const WILD_HEAD = 3;

function wildcardTest(text: string): (token: string) => boolean {
  if (text.endsWith("*") && !text.includes("?")) {
    const prefix = text.slice(0, -1);
    return (token) => token.startsWith(prefix);
  }
  const body = Array.from(text)
    .map((ch) => (ch === "?" ? "." : ch === "*" ? ".*" : ch.replace(/[\\^$.|+()[\]{}]/g, "\\$&")))
    .join("");
  const re = new RegExp(`^${body}$`, "su");
  return (token) => re.test(token);
}

/** Start positions where the phrase's terms occur consecutively, or null. */
function phraseStarts(pids: number[], positions: PositionsById): number | null {
  const first = positions(pids[0]);
  outer: for (const start of first) {
    for (let k = 1; k < pids.length; k++) if (!positions(pids[k]).includes(start + k)) continue outer;
    return start;
  }
  return null;
}

function specificity(t: TermPattern): number {
  const literal = t.text.replace(/[?*].*$/, "").length;
  return (t.wildcard ? 0 : 100) + literal + (t.kind !== null ? 10 : 0) + (t.exact !== null ? 10 : 0);
}
