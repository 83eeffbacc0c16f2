// The parsed form of a keyword-rule query (spec §2–3).
import type { TokenKind } from "./text";

export interface TermPattern {
  /** Normalised text; may contain `?` (one character) and a trailing `*`. */
  text: string;
  /** null: plain, hashtag or mention token alike; otherwise only that kind. */
  kind: TokenKind | null;
  /** For {Word} terms: the exact original spelling (NFKC) required. */
  exact: string | null;
  /** True when `text` contains `?` or ends with `*`. */
  wildcard: boolean;
}

export type FieldNode =
  | { type: "field"; field: "lang" | "source" | "author" | "site"; value: string; offset: number }
  | { type: "field"; field: "followers"; min: number | null; max: number | null; offset: number }
  | { type: "field"; field: "verified"; value: boolean; offset: number };

export type QueryNode =
  | { type: "term"; term: TermPattern; offset: number }
  | { type: "phrase"; terms: TermPattern[]; offset: number }
  | { type: "and"; children: QueryNode[] }
  | { type: "or"; children: QueryNode[] }
  | { type: "not"; child: QueryNode }
  | { type: "near"; left: QueryNode; right: QueryNode; n: number; ordered: boolean }
  | FieldNode;

export interface QueryError {
  message: string;
  offset: number;
}

export type ParseResult = { ok: true; ast: QueryNode } | { ok: false; error: QueryError };

export function termKey(t: TermPattern): string {
  return `${t.kind ?? "*"}\u0000${t.exact ?? ""}\u0000${t.text}`;
}
