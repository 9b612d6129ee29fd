import { describe, expect, it } from "vitest";
import { createMarkdown } from "../src/markdown/markdown.ts";
import { citedKeys } from "../src/markdown/citations.ts";
import { findCitations, findSnippetIncludes } from "../src/markdown/syntax.ts";

const snippets: Record<string, string> = {
  "help-list": "- Call us if it gets worse [@B]\n",
  loop: "![[loop]]\n",
};
const md = createMarkdown({
  hasReference: (key) => ["A", "B", "C"].includes(key),
  snippets: { read: (name) => (snippets[name] ? { text: snippets[name], file: `content/_snippets/${name}.md` } : undefined) },
});

describe("the markdown set-up", () => {
  it("lists a cluster's numbers in ascending order, keeping the numbering in order of first citation", () => {
    const html = md.render("One [@A]. Two [@B]. Three [@C; @A]. Four [@C; @B; @A].", { page: { inputPath: "x.md" } });
    expect(citedKeys(html)).toEqual(["A", "B", "C"]);
    const clusters = [...html.matchAll(/<sup class="cite">([\s\S]*?)<\/sup>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ""));
    expect(clusters).toEqual(["1", "2", "1,3", "1,2,3"]);
    // The cluster's link goes to its first (lowest) number's source.
    expect(html).toContain('<a href="#ref-A" tabindex="-1"><span data-cite="A">1</span><span class="cite-sep">,</span><span data-cite="C">3</span></a>');
    // Keys new in one cluster are numbered in the order written, so the list and the numbers still agree.
    const fresh = md.render("Old [@B]. New [@C; @A; @B].", { page: { inputPath: "x.md" } });
    expect(citedKeys(fresh)).toEqual(["B", "C", "A"]);
    expect([...fresh.matchAll(/<sup class="cite">([\s\S]*?)<\/sup>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ""))).toEqual(["1", "1,2,3"]);
  });

  it("escapes raw HTML instead of passing it through", () => {
    const html = md.render('Hello <script>alert(1)</script> <img src=x onerror="y">');
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;");
  });

  it("numbers citations in order of first use, snippets included", () => {
    const html = md.render("First [@C].\n\n![[help-list]]\n\nAgain [@C; @A].", { page: { inputPath: "x.md" } });
    expect(citedKeys(html)).toEqual(["C", "B", "A"]);
    // One link per cluster, out of the Tab order; each key keeps its number.
    expect(html).toContain('<sup class="cite"><a href="#ref-C" tabindex="-1"><span data-cite="C">1</span></a></sup>');
    expect(html).toContain('<a href="#ref-B" tabindex="-1"><span data-cite="B">2</span></a>');
    expect(html).toContain('<a href="#ref-C" tabindex="-1"><span data-cite="C">1</span><span class="cite-sep">,</span><span data-cite="A">3</span></a>');
    // Elsewhere a citation never starts a line; on a patient's sheet (where print hides it) it hugs its word.
    expect(html).toContain("First\u00a0<sup");
    expect(md.render("First [@C].", { kind: "handout", audience: "patient" })).toContain("First<sup");
  });

  it("prints the help box from the document's warning signs, each level with its call line and signs, citations numbered with the rest", () => {
    const boxed = createMarkdown({
      hasReference: () => true,
      snippets: { read: () => undefined },
      helpBox: {
        forDocument: (env) =>
          (env as { redFlags?: string[] }).redFlags
            ? {
                label: "When to get help",
                file: "content/t/_data/red-flags.yaml",
                levels: [
                  { level: "emergency", title: "Emergency now", call: "Call 999 now", signs: [{ id: "a", level: "emergency", sets: ["general"], text: "You cannot stand.", cite: ["A"] }] },
                  { level: "today", title: "Call us today", call: "Call 555-0142 today", note: "After hours: 555-0199", signs: [{ id: "b", level: "today", sets: ["general"], text: "It swells.", action: "Rest it.", cite: ["B"] }] },
                  { level: "soon", title: "Call within 2–3 days", call: "Call 555-0142", signs: [] },
                ],
              }
            : "needs sets",
      },
    });
    const html = boxed.render("Text [@C].\n\n![[red-flags]]\n", { redFlags: ["general"] });
    expect(citedKeys(html)).toEqual(["C", "A", "B"]);
    expect(html).toMatch(/<div class="help-level help-emergency" data-help-level="emergency">[\s\S]*Call <a class="phone" href="tel:999">999<\/a> now[\s\S]*You cannot stand\./);
    // The after-hours line is in the today level's band, beside the day number, before its signs.
    expect(html).toMatch(/<span class="help-call">Call <a class="phone" href="tel:5550142">555-0142<\/a> today<span class="help-note">After hours: <a class="phone" href="tel:5550199">555-0199<\/a><\/span><\/span><\/p>[\s\S]*It swells\. <strong>Rest it\.<\/strong>/);
    // A level with no sign for this document is left out.
    expect(html).not.toContain("help-soon");
    expect(() => boxed.render("![[red-flags]]\n", { page: { inputPath: "./content/t/pages/x.md" } })).toThrow(/content\/t\/pages\/x\.md.*needs sets/);
  });

  it("includes a snippet in place, wrapped so layouts can style it", () => {
    const html = md.render("Before.\n\n![[help-list]]\n\nAfter.");
    expect(html).toMatch(/<p>Before.<\/p>\s*<div class="snippet" data-snippet="help-list">\s*<ul>\s*<li>Call us if it gets worse/);
    expect(html.indexOf("After.")).toBeGreaterThan(html.indexOf("Call us"));
  });

  it("refuses an unknown citation key, naming the file", () => {
    expect(() => md.render("Text [@NOPE].", { page: { inputPath: "./content/t/pages/x.md" } })).toThrow(/content\/t\/pages\/x\.md.*unknown citation `\[@NOPE\]`/);
  });

  it("refuses an unknown snippet and a snippet that includes itself", () => {
    expect(() => md.render("![[missing]]")).toThrow(/unknown snippet `!\[\[missing\]\]`/);
    expect(() => md.render("![[loop]]")).toThrow(/includes itself/);
  });

  it("prints list items that start with [ ] as tick boxes", () => {
    const html = md.render("- [ ] No weight\n- [ ] Full weight\n");
    expect(html).toContain('<ul class="tick-list">');
    expect(html).toContain('<li class="tick-item"><span class="tickbox" aria-hidden="true"></span>No weight</li>');
  });

  it("splits a deck into reveal.js sections with speaker notes", () => {
    const source = "## One\n\n- a\n\nNote:\nSay a.\n\n---\n\n## Two\n\nNote: Say b.\n\n---\n\n## Three\n";
    const html = md.render(source, { kind: "deck" });
    const sections = html.match(/<section[^>]*>/g) ?? [];
    expect(sections).toHaveLength(3);
    expect(html).toMatch(/<aside class="notes">\s*<p>Say a.<\/p>\s*<\/aside>/);
    expect(html).toMatch(/<aside class="notes">\s*<p>Say b.<\/p>\s*<\/aside>/);
    expect(sections[2]).toContain("data-no-notes");
    expect(html).not.toContain("<hr>");
  });

  it("steps through a * list one item at a time on slides, and shows a - list at once", () => {
    const html = md.render("## One\n\n* first\n* second\n\n- plain\n", { kind: "deck" });
    expect(html).toContain('<li class="fragment">first</li>');
    expect(html).toContain("<li>plain</li>");
  });

  it("leaves thematic breaks alone outside decks", () => {
    expect(md.render("a\n\n---\n\nb")).toContain("<hr>");
  });
});

describe("the syntax scanners used by the content check", () => {
  it("find citations and snippet includes with their lines, skipping code blocks", () => {
    const body = "Line [@A].\n\n```\n[@IGNORED]\n![[ignored]]\n```\n![[help-list]]\nAnd [@B, @C]";
    expect(findCitations(body)).toEqual([
      { key: "A", line: 1 },
      { key: "B", line: 8 },
      { key: "C", line: 8 },
    ]);
    expect(findSnippetIncludes(body)).toEqual([{ name: "help-list", line: 7 }]);
  });
});
