/**
 * The shipped bone marrow edema content: complete, traceable, and free of the seed articles' errors and words.
 * These read the Markdown sources, and the committed hashes of the seed articles' ten-word runs (test/seed-runs.txt).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadContent } from "../src/content/load-content.ts";
import { createMarkdown } from "../src/markdown/markdown.ts";
import { repoRoot } from "./helpers/fixtures.ts";
import { runHash, tenWordRuns } from "../src/check/ten-word-runs.ts";

const contentDir = path.join(repoRoot, "content");
const content = loadContent(contentDir);
const docs = content.documents;
const snippetDir = path.join(contentDir, "_snippets");
const snippets = readdirSync(snippetDir).map((name) => ({ name, text: readFileSync(path.join(snippetDir, name), "utf8") }));
const md = createMarkdown({
  hasReference: (key) => content.references.has(key),
  snippets: { read: (name) => ({ text: readFileSync(path.join(snippetDir, `${name}.md`), "utf8"), file: name }) },
});
const allTexts = [...docs.map((d) => ({ file: d.source, text: d.body })), ...snippets.map((s) => ({ file: s.name, text: s.text }))];

describe("the shipped content set", () => {
  it("holds at least 8 pages, 6 handouts and 2 decks", () => {
    const count = (kind: string) => docs.filter((d) => d.data.kind === kind).length;
    expect(count("page")).toBeGreaterThanOrEqual(8);
    expect(count("handout")).toBeGreaterThanOrEqual(6);
    expect(count("deck")).toBeGreaterThanOrEqual(2);
  });

  it("gives every deck at least 15 slides, speaker notes on at least 80 % of them, and citations for the references slide", () => {
    for (const deck of docs.filter((d) => d.data.kind === "deck")) {
      const html = md.render(deck.body, { kind: "deck" });
      const slides = html.match(/<section class="slide-content"[^>]*>/g) ?? [];
      // The layout adds a title slide, a patient handouts slide and a references slide.
      expect(slides.length + 3, deck.source).toBeGreaterThanOrEqual(15);
      const withNotes = slides.filter((s) => !s.includes("data-no-notes")).length;
      expect(withNotes / slides.length, deck.source).toBeGreaterThanOrEqual(0.8);
      expect(html, deck.source).toContain("data-cite=");
    }
  });

  it("gives every handout a When to get help section built from the shared list, and sources", () => {
    for (const handout of docs.filter((d) => d.data.kind === "handout")) {
      expect(handout.body, handout.source).toMatch(/^## When to get help$/m);
      expect(handout.body, handout.source).toContain("![[when-to-get-help]]");
      expect(handout.body, handout.source).toMatch(/\[@R\d+/);
    }
  });

  it("writes the definition, the help list and the treatment summary once, as snippets that pages, handouts and decks reuse", () => {
    for (const name of ["bme-definition", "when-to-get-help", "treatment-summary"]) {
      const users = docs.filter((d) => d.body.includes(`![[${name}]]`)).map((d) => d.data.kind);
      expect(users.length, name).toBeGreaterThanOrEqual(2);
    }
    const kinds = new Set(docs.filter((d) => /!\[\[(bme-definition|when-to-get-help|treatment-summary)\]\]/.test(d.body)).map((d) => d.data.kind));
    expect([...kinds].sort()).toEqual(["deck", "handout", "page"]);
  });

  it("dates every document's review and names a role, never a person, as reviewer", () => {
    for (const doc of docs) {
      expect(doc.data.reviewedBy, doc.source).toBe("Content team");
      expect(doc.data.nextReview > doc.data.reviewed).toBe(true);
    }
  });

  it("ships a plain example clinic with a reserved 555-01xx phone number", () => {
    expect(content.clinic.phone).toMatch(/555-01\d\d/);
    expect(content.clinic.name).toMatch(/Example/);
  });
});

describe("what must never reach a patient", () => {
  const banned: [RegExp, string][] = [
    [/core depression/i, "it is core decompression"],
    [/\b(three|3)\s*(to|-|–)\s*(four|4)[- ]weeks?\b/i, "the 3–4 week recovery figure is wrong"],
    [/calcitonin[^.]*\bcalcium absorption/i, "calcitonin is not a calcium-absorption drug"],
    [/\b(safe and effective|breakthrough|cutting-edge|advanced (approach|treatment))\b/i, "promotional wording"],
    [/NSAIDs?[^.]*restore[^.]*function/i, "NSAIDs ease pain; they do not restore function"],
  ];

  it("contains none of the seed articles' errors or promotional claims", () => {
    for (const { file, text } of allTexts) {
      for (const [pattern, why] of banned) expect(pattern.test(text), `${file}: ${why}`).toBe(false);
      // Ultrasound may be named, but never as a way to see marrow edema.
      for (const sentence of text.split(/(?<=[.!?])\s+/)) {
        if (/ultrasound/i.test(sentence) && /marrow|edema/i.test(sentence)) expect(sentence, `${file}: ultrasound does not show marrow edema`).toMatch(/\bnot?\b/i);
      }
    }
  });

  it("presents PRP, stem-cell, exosome injections and \"bioplasty\" as unproven wherever they come up", () => {
    for (const { file, text } of allTexts) {
      // A heading belongs with the block that answers it (an FAQ question and its answer).
      const blocks = text.split(/\n\s*\n/).reduce<string[]>((merged, block) => {
        if (merged.length && /^#+ /.test(merged.at(-1)!)) merged[merged.length - 1] += `\n${block}`;
        else merged.push(block);
        return merged;
      }, []);
      for (const block of blocks) {
        if (!/\b(PRP|platelet-rich|stem[- ]cell|exosome|bioplasty)/i.test(block)) continue;
        expect(block, file).toMatch(/unproven|not proven|being studied|no better|not approved|no product|FDA|small studies|serious harm|low evidence|very low|no standard definition|no .*approved/i);
      }
    }
  });

  it("copies no run of ten words from any seed article", () => {
    // Hashes of the seeds' ten-word runs, committed (scripts/hash-seeds.ts): the seeds themselves are not needed.
    const list = readFileSync(path.join(repoRoot, "test", "seed-runs.txt"), "utf8").split("\n").filter((line) => /^[0-9a-f]{16}$/.test(line));
    expect(list.length, "test/seed-runs.txt holds the seeds' run hashes").toBeGreaterThan(1000);
    const seedRuns = new Set(list);
    for (const { file, text } of allTexts) {
      for (const run of tenWordRuns(text)) expect(seedRuns.has(runHash(run)), `${file} copies: "${run}"`).toBe(false);
    }
  });
});
