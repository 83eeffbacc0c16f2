import { describe, expect, it } from "vitest";
import { columnLabel, createHtmlWriter, escapeHtml, renderValue, type ExportEvent } from "./export-html";

const NAME = `<script>alert("x")</script> O'Brien & Co`;

function render(events: ExportEvent[]): string {
  const write = createHtmlWriter();
  return events.map(write).join("");
}

const header = {
  title: `Data Earshot holds about ${NAME}`,
  generatedAt: "2026-05-01T10:00:00.000Z",
  workspaceSlug: "acme",
  subject: [["Subject", `Contact “${NAME}”`]] as const,
};

describe("escapeHtml", () => {
  it("escapes the five characters that matter in text and quoted attributes", () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&amp;</a>`)).toBe(
      "&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;",
    );
  });
});

describe("renderValue", () => {
  it("shows empty values, booleans, lists of text and structured JSON, all escaped", () => {
    expect(renderValue(null)).toContain("—");
    expect(renderValue(true)).toBe("yes");
    expect(renderValue(12)).toBe("12");
    expect(renderValue(["<b>", "a & b"])).toBe("<ol><li>&lt;b&gt;</li><li>a &amp; b</li></ol>");
    const json = renderValue({ text: "</pre><script>x()</script>" });
    expect(json).toContain("&lt;/pre&gt;&lt;script&gt;x()&lt;/script&gt;");
    expect(json).not.toContain("<script>");
  });

  it("labels columns in words", () => {
    expect(columnLabel("postedAt")).toBe("Posted at");
    expect(columnLabel("externalId")).toBe("External id");
  });
});

describe("createHtmlWriter", () => {
  const page = render([
    { kind: "start", header, subject: {} },
    { kind: "object", key: "contact", title: "Contact", value: { name: NAME, emails: ["a&b@example.com"] } },
    { kind: "section", key: "mentions", title: "Mentions", note: "Their posts." },
    { kind: "rows", key: "mentions", rows: [{ id: "m1", text: `He said "hi" & left <img src=x onerror=alert(1)>` }] },
    { kind: "rows", key: "mentions", rows: [{ id: "m2", text: "second page", extra: "<i>late</i>" }] },
    { kind: "sectionEnd", key: "mentions", count: 2 },
    { kind: "section", key: "notes", title: "Notes" },
    { kind: "sectionEnd", key: "notes", count: 0 },
    {
      kind: "end",
      sections: [
        { key: "mentions", title: "Mentions", count: 2 },
        { key: "notes", title: "Notes", count: 0 },
      ],
    },
  ]);

  it("writes a complete page whose only markup is its own", () => {
    expect(page.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(page.trimEnd().endsWith("</html>")).toBe(true);
    expect(page).toContain(
      "<title>Data Earshot holds about &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; O&#39;Brien &amp; Co</title>",
    );
    expect(page).not.toContain("<script");
    expect(page).not.toContain("<img");
    expect(page).not.toContain("<i>late");
    expect(page).toContain("He said &quot;hi&quot; &amp; left &lt;img src=x onerror=alert(1)&gt;");
    expect(page).toContain("a&amp;b@example.com");
    expect(page).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
  });

  it("one table per section across pages, later fields kept in the last cell, with counts", () => {
    expect(page.match(/<table>/g)).toHaveLength(1);
    expect(page).toContain("<th>Id</th><th>Text</th><th>Other fields</th>");
    expect(page).toContain("<td>second page</td><td><dl><dt>extra</dt><dd>&lt;i&gt;late&lt;/i&gt;</dd></dl></td>");
    expect(page).toContain('<p class="count">2 rows</p>');
    expect(page).toContain('<p class="count">0 rows</p>');
    expect(page).toContain('<li><a href="#s-mentions">Mentions</a>: 2</li>');
  });
});
