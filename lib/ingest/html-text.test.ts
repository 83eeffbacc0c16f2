import { describe, expect, it } from "vitest";
import { decodeEntities, hasMarkup, htmlToPlainText } from "./html-text";

describe("htmlToPlainText", () => {
  it("decodes every HTML entity, named and numeric", () => {
    expect(htmlToPlainText("Caf&eacute; &mdash; l&rsquo;avion")).toBe("Café — l’avion");
    expect(htmlToPlainText("<p>&#233; &#x2014; &hellip; &euro;5 &amp;amp;</p>")).toBe("é — … €5 &amp;");
    expect(decodeEntities("&lt;b&gt; &copy;")).toBe("<b> ©");
  });

  it("turns block elements into line breaks and drops scripts, styles and comments", () => {
    const html = `<div><h1>Title</h1>
      <p>First   paragraph,
      still first.</p><p>Second<br>line two</p>
      <ul><li>one</li><li>two</li></ul>
      <script>alert("x")</script><style>p { color: red }</style><!-- hidden -->
      <table><tr><td>a</td><td>b</td></tr></table></div>`;
    expect(htmlToPlainText(html)).toBe("Title\n\nFirst paragraph, still first.\n\nSecond\nline two\n\none\ntwo\n\na b");
  });

  it("keeps text that only looks like markup, and plain text's own line breaks", () => {
    expect(htmlToPlainText("5 < 6 and 7 > 3")).toBe("5 < 6 and 7 > 3");
    expect(htmlToPlainText("line one\r\nline two &amp; more")).toBe("line one\nline two & more");
    expect(hasMarkup("a <b>c</b>")).toBe(true);
    expect(hasMarkup("a < b")).toBe(false);
  });

  it("copes with unterminated comments and scripts, and huge unbalanced markup, in linear time", () => {
    expect(htmlToPlainText("before <!-- never closed <p>x</p>")).toBe("before");
    expect(htmlToPlainText("<p>before</p><script>never closed")).toBe("before");
    const hostile = "<a".repeat(50_000) + "<!--".repeat(20_000) + "<script".repeat(20_000);
    expect(typeof htmlToPlainText(hostile)).toBe("string");
  });
});
