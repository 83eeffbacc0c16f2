// Splits a query into lexical tokens with their offsets (spec §2).
import type { QueryError } from "./ast";

export type Lexeme =
  | { type: "lparen" | "rparen" | "and" | "or" | "not" | "minus"; offset: number }
  | { type: "near"; n: number; ordered: boolean; offset: number }
  | { type: "phrase"; value: string; offset: number; valueOffset: number }
  | { type: "word"; value: string; offset: number }
  | { type: "field"; name: string; value: string; offset: number; valueOffset: number };

export class QuerySyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
  toJSON(): QueryError {
    return { message: this.message, offset: this.offset };
  }
}

const isSpace = (c: string) => /\s/.test(c);
const ENDS_WORD = (c: string) => isSpace(c) || c === "(" || c === ")" || c === '"';

export function lex(query: string): Lexeme[] {
  const out: Lexeme[] = [];
  let i = 0;
  while (i < query.length) {
    const c = query[i];
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (c === "(") {
      out.push({ type: "lparen", offset: i++ });
      continue;
    }
    if (c === ")") {
      out.push({ type: "rparen", offset: i++ });
      continue;
    }
    if (c === '"') {
      const close = query.indexOf('"', i + 1);
      if (close < 0) throw new QuerySyntaxError("This quote is never closed.", i);
      out.push({ type: "phrase", value: query.slice(i + 1, close), offset: i, valueOffset: i + 1 });
      i = close + 1;
      continue;
    }
    if (c === "-" && i + 1 < query.length && !isSpace(query[i + 1]) && query[i + 1] !== ")" && query[i + 1] !== "-") {
      out.push({ type: "minus", offset: i++ });
      continue;
    }
    // A word, an operator or a field.
    const start = i;
    const field = /^([A-Za-z_]+):/.exec(query.slice(i, i + 40));
    if (field && i + field[0].length < query.length && !isSpace(query[i + field[0].length])) {
      const valueStart = i + field[0].length;
      const first = query[valueStart];
      let end: number;
      let value: string;
      if (first === '"') {
        const close = query.indexOf('"', valueStart + 1);
        if (close < 0) throw new QuerySyntaxError("This quote is never closed.", valueStart);
        value = query.slice(valueStart + 1, close);
        end = close + 1;
      } else if (first === "[") {
        const close = query.indexOf("]", valueStart);
        if (close < 0) throw new QuerySyntaxError("This range is never closed with ].", valueStart);
        value = query.slice(valueStart, close + 1);
        end = close + 1;
      } else {
        end = valueStart;
        while (end < query.length && !ENDS_WORD(query[end])) end++;
        value = query.slice(valueStart, end);
      }
      out.push({
        type: "field",
        name: field[1],
        value,
        offset: start,
        valueOffset: first === '"' ? valueStart + 1 : valueStart,
      });
      i = end;
      continue;
    }
    while (i < query.length && !ENDS_WORD(query[i])) i++;
    const word = query.slice(start, i);
    if (word === "AND") out.push({ type: "and", offset: start });
    else if (word === "OR") out.push({ type: "or", offset: start });
    else if (word === "NOT") out.push({ type: "not", offset: start });
    else if (/^O?NEAR\//.test(word)) {
      const m = /^(O?)NEAR\/(\d{1,6})$/.exec(word);
      if (!m)
        throw new QuerySyntaxError(
          `${word.split("/")[0]}/ must be followed by a whole number from 1 to 50, as in NEAR/3.`,
          start,
        );
      out.push({ type: "near", n: Number(m[2]), ordered: m[1] === "O", offset: start });
    } else out.push({ type: "word", value: word, offset: start });
  }
  return out;
}
