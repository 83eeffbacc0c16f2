// Recursive-descent parser for the listening query language (spec §2–4). Every failure is a
// QuerySyntaxError with the 0-based offset where the problem starts; nothing else escapes.
import type { FieldNode, ParseResult, QueryNode, TermPattern } from "./ast";
import { lex, QuerySyntaxError, type Lexeme } from "./lexer";
import { normalizeWord, TokenKind } from "./text";
import { EMPTY_POST, evaluateBoolean } from "./evaluate";

export const MAX_QUERY_LENGTH = 10_000;
export const MAX_DEPTH = 64;
const NETWORK_FIELDS = ["lang", "source", "author", "followers", "verified", "site"] as const;

const PIECE_CHAR = /[\p{L}\p{N}\p{M}_*?]/u;

/** Splits one query word into normalised token patterns (spec §3.1: `jet-blue` is a phrase). */
function wordToTerms(word: string, offset: number): TermPattern[] {
  let body = word;
  let bodyOffset = offset;
  let kind: TokenKind | null = null;
  let caseSensitive = false;
  if (body.startsWith("#") || body.startsWith("@")) {
    kind = body[0] === "#" ? TokenKind.Hashtag : TokenKind.Mention;
    body = body.slice(1);
    bodyOffset++;
  }
  if (body.startsWith("{")) {
    if (!body.endsWith("}") || body.length < 3)
      throw new QuerySyntaxError("A {case-sensitive} term needs a closing }.", bodyOffset);
    caseSensitive = true;
    body = body.slice(1, -1);
    bodyOffset++;
    if (/[*?]/.test(body)) {
      throw new QuerySyntaxError(
        "Wildcards can't be used inside a {case-sensitive} term.",
        bodyOffset + body.search(/[*?]/),
      );
    }
  }
  const terms: TermPattern[] = [];
  let i = 0;
  while (i < body.length) {
    const cp = String.fromCodePoint(body.codePointAt(i)!);
    if (!PIECE_CHAR.test(cp)) {
      i += cp.length;
      continue;
    }
    const start = i;
    while (i < body.length) {
      const next = String.fromCodePoint(body.codePointAt(i)!);
      if (!PIECE_CHAR.test(next)) break;
      i += next.length;
    }
    const raw = body.slice(start, i);
    const star = raw.indexOf("*");
    if (star >= 0 && star !== raw.length - 1) {
      throw new QuerySyntaxError("* is only allowed at the end of a word.", bodyOffset + start + star);
    }
    if (star >= 0 && Array.from(raw.slice(0, star)).length < 3) {
      throw new QuerySyntaxError("Put at least 3 characters before *.", bodyOffset + start + star);
    }
    const text = normalizeWord(raw);
    terms.push({
      text,
      kind: terms.length === 0 ? kind : null,
      exact: caseSensitive ? raw.normalize("NFKC") : null,
      wildcard: /[*?]/.test(text),
    });
  }
  if (terms.length === 0) throw new QuerySyntaxError(`"${word}" has no letters or digits to match.`, offset);
  return terms;
}

function termsNode(terms: TermPattern[], offset: number): QueryNode {
  return terms.length === 1 ? { type: "term", term: terms[0], offset } : { type: "phrase", terms, offset };
}

function parseField(lexeme: Extract<Lexeme, { type: "field" }>): FieldNode {
  const name = lexeme.name;
  const value = lexeme.value.trim();
  const at = lexeme.valueOffset;
  if (!(NETWORK_FIELDS as readonly string[]).includes(name)) {
    throw new QuerySyntaxError(`Unknown field "${name}". Fields are ${NETWORK_FIELDS.join(", ")}.`, lexeme.offset);
  }
  if (!value) throw new QuerySyntaxError(`${name}: needs a value.`, at);
  switch (name) {
    case "followers": {
      const m = /^\[\s*(\d+|\*)\s+TO\s+(\d+|\*)\s*\]$/.exec(value);
      if (!m) throw new QuerySyntaxError("followers: takes a range such as [1000 TO *].", at);
      const min = m[1] === "*" ? null : Number(m[1]);
      const max = m[2] === "*" ? null : Number(m[2]);
      if (min !== null && max !== null && min > max)
        throw new QuerySyntaxError("The range's lower end is above its upper end.", at);
      return { type: "field", field: "followers", min, max, offset: lexeme.offset };
    }
    case "verified": {
      if (value !== "true" && value !== "false") throw new QuerySyntaxError("verified: takes true or false.", at);
      return { type: "field", field: "verified", value: value === "true", offset: lexeme.offset };
    }
    case "author":
      return { type: "field", field: "author", value: value.replace(/^@/, "").toLowerCase(), offset: lexeme.offset };
    case "site": {
      const host = value
        .toLowerCase()
        .replace(/^[a-z][a-z0-9+.-]*:\/\//, "")
        .replace(/[/?#].*$/, "")
        .replace(/\.$/, "");
      if (!/^[\p{L}\p{N}.-]+$/u.test(host)) throw new QuerySyntaxError("site: takes a domain such as example.com.", at);
      return { type: "field", field: "site", value: host, offset: lexeme.offset };
    }
    default:
      return { type: "field", field: name as "lang" | "source", value: value.toLowerCase(), offset: lexeme.offset };
  }
}

class Parser {
  private pos = 0;
  private depth = 0;
  constructor(
    private readonly lexemes: Lexeme[],
    private readonly length: number,
  ) {}

  private peek(): Lexeme | undefined {
    return this.lexemes[this.pos];
  }

  private startsUnary(l: Lexeme | undefined): boolean {
    return (
      !!l &&
      (l.type === "word" ||
        l.type === "phrase" ||
        l.type === "field" ||
        l.type === "lparen" ||
        l.type === "not" ||
        l.type === "minus")
    );
  }

  parse(): QueryNode {
    if (this.lexemes.length === 0) throw new QuerySyntaxError("The query is empty.", 0);
    const node = this.parseOr();
    const rest = this.peek();
    if (rest) {
      throw new QuerySyntaxError(
        rest.type === "rparen" ? "This ) has no matching (." : "Unexpected text here.",
        rest.offset,
      );
    }
    return node;
  }

  private parseOr(): QueryNode {
    const children = [this.parseAnd()];
    while (this.peek()?.type === "or") {
      const op = this.lexemes[this.pos++];
      if (!this.startsUnary(this.peek()))
        throw new QuerySyntaxError("OR needs something to match on its right.", op.offset);
      children.push(this.parseAnd());
    }
    return children.length === 1 ? children[0] : { type: "or", children };
  }

  private parseAnd(): QueryNode {
    const children = [this.parseUnary()];
    for (;;) {
      const next = this.peek();
      if (next?.type === "and") {
        this.pos++;
        if (!this.startsUnary(this.peek()))
          throw new QuerySyntaxError("AND needs something to match on its right.", next.offset);
        children.push(this.parseUnary());
      } else if (this.startsUnary(next)) {
        children.push(this.parseUnary());
      } else break;
    }
    return children.length === 1 ? children[0] : { type: "and", children };
  }

  private parseUnary(): QueryNode {
    const next = this.peek();
    if (next?.type === "not") {
      this.pos++;
      if (!this.startsUnary(this.peek()))
        throw new QuerySyntaxError("NOT needs something to exclude after it.", next.offset);
      return { type: "not", child: this.nested(() => this.parseUnary(), next.offset) };
    }
    if (next?.type === "minus") {
      this.pos++;
      return { type: "not", child: this.parsePrimary() };
    }
    return this.parseNear();
  }

  private parseNear(): QueryNode {
    const left = this.parsePrimary();
    const op = this.peek();
    if (op?.type !== "near") return left;
    const name = op.ordered ? "ONEAR" : "NEAR";
    if (op.n < 1 || op.n > 50) throw new QuerySyntaxError(`${name}/n takes n from 1 to 50.`, op.offset);
    this.pos++;
    const rightStart = this.peek();
    if (!rightStart || !(rightStart.type === "word" || rightStart.type === "phrase" || rightStart.type === "lparen")) {
      throw new QuerySyntaxError(`${name} needs a term, phrase or (group) on its right.`, op.offset);
    }
    const right = this.parsePrimary();
    checkNearOperand(left, firstOffset(left) ?? op.offset, name);
    checkNearOperand(right, rightStart.offset, name);
    const chained = this.peek();
    if (chained?.type === "near")
      throw new QuerySyntaxError(`${name} can't be chained; group with parentheses and AND instead.`, chained.offset);
    return { type: "near", left, right, n: op.n, ordered: op.ordered };
  }

  private nested<T>(fn: () => T, offset: number): T {
    if (++this.depth > MAX_DEPTH)
      throw new QuerySyntaxError(`The query is nested too deeply (more than ${MAX_DEPTH} levels).`, offset);
    try {
      return fn();
    } finally {
      this.depth--;
    }
  }

  private parsePrimary(): QueryNode {
    const l = this.peek();
    if (!l) throw new QuerySyntaxError("The query ends where a term was expected.", this.length);
    switch (l.type) {
      case "lparen": {
        this.pos++;
        if (this.peek()?.type === "rparen") throw new QuerySyntaxError("Empty parentheses.", l.offset);
        if (!this.peek()) throw new QuerySyntaxError("This ( is never closed.", l.offset);
        const inner = this.nested(() => this.parseOr(), l.offset);
        if (this.peek()?.type !== "rparen") throw new QuerySyntaxError("This ( is never closed.", l.offset);
        this.pos++;
        return inner;
      }
      case "phrase": {
        this.pos++;
        const terms: TermPattern[] = [];
        const re = /\S+/g;
        let m: RegExpExecArray | null;
        while ((m = re.exec(l.value)) !== null) terms.push(...wordToTerms(m[0], l.valueOffset + m.index));
        if (terms.length === 0) throw new QuerySyntaxError("Empty phrase.", l.offset);
        return termsNode(terms, l.offset);
      }
      case "word":
        this.pos++;
        return termsNode(wordToTerms(l.value, l.offset), l.offset);
      case "field":
        this.pos++;
        return parseField(l);
      case "and":
      case "or":
        throw new QuerySyntaxError(`${l.type.toUpperCase()} needs something to match on its left.`, l.offset);
      case "near":
        throw new QuerySyntaxError(
          `${l.ordered ? "ONEAR" : "NEAR"} needs a term, phrase or (group) on its left.`,
          l.offset,
        );
      case "rparen":
        throw new QuerySyntaxError("This ) has no matching (.", l.offset);
      default:
        throw new QuerySyntaxError("A term was expected here.", l.offset);
    }
  }
}

function firstOffset(node: QueryNode): number | null {
  switch (node.type) {
    case "term":
    case "phrase":
    case "field":
      return node.offset;
    case "and":
    case "or":
      return firstOffset(node.children[0]);
    case "not":
      return firstOffset(node.child);
    case "near":
      return firstOffset(node.left);
  }
}

/** NEAR operands: terms, phrases, or OR-groups of terms and phrases (spec §3.4). */
function checkNearOperand(node: QueryNode, offset: number, name: string): void {
  if (node.type === "term" || node.type === "phrase") return;
  if (node.type === "or" && node.children.every((c) => c.type === "term" || c.type === "phrase")) return;
  throw new QuerySyntaxError(
    `${name} works on terms, phrases and (a OR b) groups of them only.`,
    firstOffset(node) ?? offset,
  );
}

export function parseQuery(query: string): ParseResult {
  try {
    if (typeof query !== "string") throw new QuerySyntaxError("The query must be text.", 0);
    if (query.length > MAX_QUERY_LENGTH) {
      throw new QuerySyntaxError(`The query is longer than ${MAX_QUERY_LENGTH} characters.`, MAX_QUERY_LENGTH);
    }
    const ast = new Parser(lex(query), query.length).parse();
    if (evaluateBoolean(ast, EMPTY_POST)) {
      throw new QuerySyntaxError(
        "The query has no positive part, so it would match nearly every post. Add a term that posts must contain.",
        0,
      );
    }
    return { ok: true, ast };
  } catch (error) {
    if (error instanceof QuerySyntaxError) return { ok: false, error: error.toJSON() };
    if (error instanceof RangeError)
      return { ok: false, error: { message: "The query is too complex to parse.", offset: 0 } };
    return { ok: false, error: { message: "The query could not be parsed.", offset: 0 } };
  }
}
