/**
 * The shipped bone marrow edema content: complete, traceable, and free of the seed articles' errors and words.
 * These read the Markdown sources (and the shared seed articles beside the repository).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadContent } from "../src/content/load-content.ts";
import { signsFor } from "../src/content/red-flags.ts";
import { helpBoxFor } from "../src/eleventy/help-box.ts";
import { ContentErrors } from "../src/errors.ts";
import { copyFixture, writeContent } from "./helpers/fixtures.ts";
import { rmSync, writeFileSync } from "node:fs";
import { createMarkdown } from "../src/markdown/markdown.ts";
import { repoRoot } from "./helpers/fixtures.ts";

const contentDir = path.join(repoRoot, "content");
const content = loadContent(contentDir);
const docs = content.documents;
const snippetDir = path.join(contentDir, "_snippets");
const snippets = readdirSync(snippetDir).map((name) => ({ name, text: readFileSync(path.join(snippetDir, name), "utf8") }));
const md = createMarkdown({
  hasReference: (key) => content.references.has(key),
  snippets: { read: (name) => ({ text: readFileSync(path.join(snippetDir, `${name}.md`), "utf8"), file: name }) },
  // The help box as the build makes it, from the topic's warning signs and the clinic's numbers.
  helpBox: { forDocument: (env) => helpBoxFor(content.redFlags.get("bone-marrow-edema")!, (env as { redFlags?: string[] }).redFlags ?? "all", content.clinic, "en") },
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
      const html = md.render(deck.body, { kind: "deck", redFlags: deck.data.redFlags });
      const slides = html.match(/<section class="slide-content"[^>]*>/g) ?? [];
      // The layout adds a title slide, a patient handouts slide and a references slide.
      expect(slides.length + 3, deck.source).toBeGreaterThanOrEqual(15);
      const withNotes = slides.filter((s) => !s.includes("data-no-notes")).length;
      expect(withNotes / slides.length, deck.source).toBeGreaterThanOrEqual(0.8);
      expect(html, deck.source).toContain("data-cite=");
    }
  });

  it("gives every handout the help box from the topic's warning signs, with its sets chosen, and sources", () => {
    for (const handout of docs.filter((d) => d.data.kind === "handout")) {
      expect(handout.body, handout.source).toContain("![[red-flags]]");
      expect(handout.data.redFlags, handout.source).toBeDefined();
      expect(handout.body, handout.source).toMatch(/\[@R\d+/);
    }
    expect(existsSync(path.join(contentDir, "_snippets", "when-to-get-help.md"))).toBe(false);
  });

  it("writes the definition and the treatment summary once, as snippets that pages, handouts and decks reuse", () => {
    for (const name of ["bme-definition", "treatment-summary", "red-flags"]) {
      const users = docs.filter((d) => d.body.includes(`![[${name}]]`)).map((d) => d.data.kind);
      expect(users.length, name).toBeGreaterThanOrEqual(2);
    }
    const kinds = new Set(docs.filter((d) => /!\[\[(bme-definition|treatment-summary)\]\]/.test(d.body)).map((d) => d.data.kind));
    expect([...kinds].sort()).toEqual(["deck", "handout", "page"]);
    // The help box: handouts, the when-to-get-help page and a deck slide print the same warning signs.
    const helpKinds = new Set(docs.filter((d) => d.body.includes("![[red-flags]]")).map((d) => d.data.kind));
    expect([...helpKinds].sort()).toEqual(["deck", "handout", "page"]);
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
    const seedsDir = path.join(repoRoot, "..", "shared", "seeds");
    // CI and every developer have ../shared beside the repository; the test says so rather than pass quietly.
    expect(existsSync(seedsDir), `seed articles expected at ${seedsDir}`).toBe(true);
    const words = (text: string): string[] => text.toLowerCase().replace(/[’']/g, "'").match(/[a-z0-9']+/g) ?? [];
    const seedRuns = new Set<string>();
    for (const name of readdirSync(seedsDir)) {
      const w = words(readFileSync(path.join(seedsDir, name), "utf8"));
      for (let i = 0; i + 10 <= w.length; i++) seedRuns.add(w.slice(i, i + 10).join(" "));
    }
    for (const { file, text } of allTexts) {
      const w = words(text);
      for (let i = 0; i + 10 <= w.length; i++) {
        const run = w.slice(i, i + 10).join(" ");
        expect(seedRuns.has(run), `${file} copies: "${run}"`).toBe(false);
      }
    }
  });
});

describe("the warning signs, kept as data (parts-print)", () => {
  const topic = content.redFlags.get("bone-marrow-edema")!;
  const shown = (slug: string) => {
    const doc = docs.find((d) => d.data.kind === "handout" && d.slug === slug)!;
    return Object.values(signsFor(topic, doc.data.redFlags!)).flat();
  };

  it("puts the clot and infection signs at the emergency level of every patient handout, the infection sign with “or”", () => {
    for (const handout of docs.filter((d) => d.data.kind === "handout" && d.data.audience === "patient")) {
      const emergency = signsFor(topic, handout.data.redFlags!).emergency.map((s) => s.id);
      expect(emergency, handout.source).toEqual(expect.arrayContaining(["clot", "infection"]));
    }
    expect(topic.flags.find((s) => s.id === "infection")?.text).toMatch(/ or /);
  });

  it("shows each handout only the signs for its part of the body: no hip sign on the knee or foot handout", () => {
    for (const slug of ["knee", "foot-and-ankle"]) expect(shown(slug).map((s) => s.text).join(" "), slug).not.toMatch(/\bhip\b|groin/i);
    expect(shown("foot-and-ankle").find((s) => s.id === "diabetic-foot")).toMatchObject({ level: "today", action: expect.stringMatching(/weight off/) });
    expect(shown("knee").map((s) => s.id)).toContain("knee-locks");
  });

  describe("mistakes in the data or in front matter, each named with its file and line", () => {
    const errorsOf = (edit: (content: string) => void): string[] => {
      const fixture = copyFixture("basic");
      try {
        edit(fixture.content);
        loadContent(fixture.content);
        return [];
      } catch (error) {
        if (!(error instanceof ContentErrors)) return [(error as Error).message];
        return error.errors.map((e) => e.message);
      } finally {
        rmSync(fixture.dir, { recursive: true, force: true });
      }
    };
    const handout = "sample/handouts/short.md";
    const edit = (content: string, file: string, from: string | RegExp, to: string): void => {
      const full = path.join(content, file);
      writeFileSync(full, readFileSync(full, "utf8").replace(from, to));
    };

    it("refuses `![[red-flags]]` on a document that names no sets, at the line of the box", () => {
      expect(errorsOf((c) => edit(c, handout, /^redFlags:.*\n/m, ""))).toEqual([
        expect.stringMatching(/^content\/sample\/handouts\/short\.md:\d+: `!\[\[red-flags\]\]` needs the warning-sign sets in front matter/),
      ]);
    });

    it("refuses a set the topic's data does not use, at the line of `redFlags`, listing the known sets", () => {
      expect(errorsOf((c) => edit(c, handout, "redFlags: [general]", "redFlags: [general, elbow]"))).toEqual([
        "content/sample/handouts/short.md:8: field `redFlags` names the set `elbow`, which content/sample/_data/red-flags.yaml does not use (known: general, knee)",
      ]);
    });

    it("refuses a duplicate id, an unknown level and an unknown reference key in red-flags.yaml, each at its line", () => {
      const errors = errorsOf((c) =>
        writeContent(c, "sample/_data/red-flags.yaml", [
          "- id: fall", "  level: emergency", "  sets: [general]", '  text: "You fall and cannot get up."', "  cite: [REF1]",
          "- id: fall", "  level: today", "  sets: [general]", '  text: "You fall again at home."', "  cite: [REF1]",
          "- id: later", "  level: someday", "  sets: [general]", '  text: "The leg still aches."', "  cite: [REF1]",
          "- id: swelling", "  level: soon", "  sets: [general]", '  text: "The leg swells at night."', "  cite: [NOPE]", "",
        ].join("\n")),
      );
      expect(errors).toEqual([
        "content/sample/_data/red-flags.yaml:6: warning sign id `fall` is used twice (first at line 1); give each sign its own id",
        "content/sample/_data/red-flags.yaml:12: warning sign `later`, field `level`: expected one of emergency, today or soon",
        "content/sample/_data/red-flags.yaml:20: warning sign `swelling` cites `NOPE`, which is not in content/_data/references/; add it there or fix the key",
      ]);
    });

    it("requires the clinic's emergency number, the only place it is written", () => {
      expect(errorsOf((c) => edit(c, "_data/clinic.json", /,\s*"emergencyNumber": "911"/, ""))).toEqual([
        expect.stringMatching(/^content\/_data\/clinic\.json(:\d+)?: field `emergencyNumber` is missing/),
      ]);
    });
  });
});
