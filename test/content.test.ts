/**
 * The shipped bone marrow edema content: complete, traceable, and free of the seed articles' errors and words.
 * These read the Markdown sources, and the committed hashes of the seed articles' ten-word runs (test/seed-runs.txt).
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadContent } from "../src/content/load-content.ts";
import { signsFor } from "../src/content/red-flags.ts";
import { helpBoxFor } from "../src/eleventy/help-box.ts";
import { ContentErrors } from "../src/errors.ts";
import { copyFixture, writeContent } from "./helpers/fixtures.ts";
import { createMarkdown } from "../src/markdown/markdown.ts";
import { repoRoot } from "./helpers/fixtures.ts";
import { runHash, tenWordRuns } from "../src/check/ten-word-runs.ts";

const contentDir = path.join(repoRoot, "content");
const content = loadContent(contentDir);
const docs = content.documents;
const snippetDir = path.join(contentDir, "_snippets");
const snippets = readdirSync(snippetDir).map((name) => ({ name, text: readFileSync(path.join(snippetDir, name), "utf8") }));
const md = createMarkdown({
  hasReference: (key) => content.referencesByTopic.get("bone-marrow-edema")?.has(key) ?? false,
  snippets: { read: (name) => ({ text: readFileSync(path.join(snippetDir, `${name}.md`), "utf8"), file: name }) },
  // The help box as the site builds it: the topic's warning signs, chosen by the document's `redFlags`.
  helpBox: {
    forDocument: (env) => {
      const sets = (env as { redFlags?: "all" | string[] }).redFlags;
      const topic = content.redFlags.get("bone-marrow-edema");
      return topic && sets ? helpBoxFor(topic, sets, content.clinic, "en") : "no warning signs for this document";
    },
  },
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

  it("gives every handout the help box built from the topic's warning signs, and sources", () => {
    for (const handout of docs.filter((d) => d.data.kind === "handout")) {
      expect(handout.data.redFlags, handout.source).toBeDefined();
      expect(handout.body, handout.source).toMatch(/^!\[\[red-flags\]\]$/m);
      expect(handout.body, handout.source).toMatch(/\[@R\d+/);
    }
    expect(existsSync(path.join(contentDir, "_snippets", "when-to-get-help.md"))).toBe(false);
  });

  it("writes the definition, the help list and the treatment summary once, as snippets that pages, handouts and decks reuse", () => {
    // The help list is data now (red-flags.yaml, placed with `![[red-flags]]`), not a snippet.
    for (const name of ["bme-definition", "treatment-summary"]) {
      const users = docs.filter((d) => d.body.includes(`![[${name}]]`)).map((d) => d.data.kind);
      expect(users.length, name).toBeGreaterThanOrEqual(2);
    }
    const kinds = new Set(docs.filter((d) => /!\[\[(bme-definition|treatment-summary)\]\]/.test(d.body)).map((d) => d.data.kind));
    expect(kinds.has("deck") && kinds.has("page"), [...kinds].join(", ")).toBe(true);
    // The help box: handouts, the when-to-get-help page and a deck slide print the same warning signs.
    const helpKinds = new Set(docs.filter((d) => d.body.includes("![[red-flags]]")).map((d) => d.data.kind));
    expect([...helpKinds].sort()).toEqual(["deck", "handout", "page"]);
  });

  it("dates every document's review and names a role, never a person, as reviewer", () => {
    for (const doc of docs) {
      expect(doc.data.reviewedBy, doc.source).toBe(doc.lang === "es" ? "Equipo de contenidos" : "Content team");
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

/**
 * Why a reference entry looks like several works under one key: a second journal citation (year;volume), a second
 * DOI, PMID, PMC id or web address, titles joined by "; ", or the words a bundle is written with.
 */
function signsOfSeveralWorks(ref: { title: string; container?: string; note?: string; authors?: string; doi?: string; url?: string }): string[] {
  const fields = [ref.title, ref.container ?? "", ref.note ?? "", ref.authors ?? ""].join("\n");
  const signs: string[] = [];
  if (/;\s/.test(ref.title)) signs.push("titles joined by '; '");
  if ((fields.match(/\b(19|20)\d\d;\d/g)?.length ?? 0) > 1) signs.push("two journal citations");
  if (new Set([ref.doi ?? "", ...(fields.match(/\b10\.\d{4,}\/[^\s;,)]+/g) ?? [])].filter(Boolean)).size > 1) signs.push("several DOIs");
  if ((fields.match(/PMID:? ?\d+/g)?.length ?? 0) > 1) signs.push("several PMIDs");
  if ((fields.match(/PMC\d+/g)?.length ?? 0) > 1) signs.push("several PMC ids");
  if ([ref.url ?? "", ...(fields.match(/https?:\/\/\S+/g) ?? [])].filter(Boolean).length > 1) signs.push("several addresses");
  if (/\b(see also|also:|a group of|bundle|and others)/i.test(fields)) signs.push("bundle wording");
  return signs;
}

/** A deck's slides, each split into what the audience sees and the speaker notes. */
function slidesOf(body: string): { heading: string; shown: string; notes: string }[] {
  return body.split(/^---$/m).map((slide) => {
    const [shown = "", notes = ""] = slide.split(/^Note:$/m);
    return { heading: /^## (.+)$/m.exec(shown)?.[1] ?? "", shown, notes };
  });
}

/** The row of a Markdown table whose first cell starts with `name`. */
function tableRow(text: string, name: string): string | undefined {
  return text.split("\n").find((line) => line.startsWith(`| ${name}`));
}

describe("the clinician decks carry the safety cautions a specialist expects", () => {
  const management = docs.find((d) => d.data.kind === "deck" && d.source.endsWith("management.md"));

  it("shows the bisphosphonate pregnancy, breastfeeding, kidney and calcium cautions and the iloprost pregnancy caution on the slides, not only in the notes", () => {
    expect(management, "the management deck").toBeDefined();
    const slides = slidesOf(management!.body);
    const table = slides.find((s) => /drug adjuncts/i.test(s.heading));
    expect(table, "a drug adjuncts slide").toBeDefined();
    const bisphosphonates = tableRow(table!.shown, "Bisphosphonates") ?? "";
    expect(bisphosphonates).toMatch(/pregnan/i);
    expect(bisphosphonates).toMatch(/breastfeed/i);
    expect(bisphosphonates).toMatch(/(CrCl|creatinine clearance)\s*<\s*35/i);
    expect(bisphosphonates).toMatch(/calcium/i);
    expect(tableRow(table!.shown, "Iloprost") ?? "").toMatch(/pregnan/i);
    // The label checks before an infusion have their own slide, cited to the product information.
    const checks = slides.find((s) => /zoledronic acid/i.test(s.heading) && /pregnan/i.test(s.shown) && /35\smL\/min/.test(s.shown));
    expect(checks?.shown, "a zoledronic acid checks slide").toMatch(/25-OH-D/);
    expect(checks?.shown).toContain("[@aclasta-smpc]");
  });

  it("names the denosumab rebound, the teriparatide contraindication and VTE risk assessment when weight bearing is reduced", () => {
    const shown = slidesOf(management!.body).map((s) => s.shown).join("\n");
    expect(shown).toMatch(/denosumab[^\n]*rebound/i);
    expect(shown).toMatch(/teriparatide[^\n]*(malignancy|metastas)/i);
    expect(shown).toMatch(/VTE[^\n]*weight bearing|weight bearing[^\n]*VTE/i);
  });

  it("never grades shockwave therapy above Low and sends tension-side femoral neck stress fractures to fixation", () => {
    const decks = docs.filter((d) => d.data.kind === "deck").map((d) => d.body).join("\n");
    expect(decks).not.toMatch(/low to moderate|low–moderate/i);
    expect(decks).toMatch(/tension side[^\n]*fixation/i);
    expect(decks).not.toMatch(/often needs? (surgical )?fixation/i);
  });
});

describe("what the public reads about our sources", () => {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? walk(full) : /\.(md|ya?ml|json|njk)$/.test(entry.name) ? [full] : [];
    });
  const published = [...walk(contentDir), ...walk(path.join(repoRoot, "templates"))];

  it("holds no internal review notes and no aggregator hosts in any content or template file", () => {
    const internal = /needs clinical review|not (yet )?retrieved|not (yet )?verified|\bunverified\b|not confirmed|authors recalled|secondary summary only|\(U\)/i;
    const aggregators = /booksci|researcher\.life|volantept|radasist|droracle|paperexplained|bohrium|medznat|ouci\.dntb|scribd|docslib/i;
    for (const file of published) {
      readFileSync(file, "utf8").split("\n").forEach((line, index) => {
        const where = `${path.relative(repoRoot, file)}:${index + 1}`;
        expect(internal.exec(line)?.[0], where).toBeUndefined();
        expect(aggregators.exec(line)?.[0], where).toBeUndefined();
      });
    }
  });

  it("gives every reference key exactly one paper, guideline, label or notice", () => {
    const references = content.referencesByTopic.get("bone-marrow-edema") ?? new Map();
    expect(references.size).toBeGreaterThan(50);
    for (const [key, ref] of references) expect(signsOfSeveralWorks(ref), key).toEqual([]);
  });

  it("would have caught the bundled entry the review found (Zurlo 1999 and Mitchell 1987 under one key)", () => {
    const oldR35 = {
      title: "The double-line sign",
      container: "Radiology 1999;212:541-542",
      note: "Also: Femoral head avascular necrosis: correlation of MR imaging. Radiology 1987;162(3):709-715",
    };
    expect(signsOfSeveralWorks(oldR35)).toEqual(expect.arrayContaining(["two journal citations", "bundle wording"]));
    const oldR49 = { title: "OA cohort evidence: pain (Osteoarthritis Initiative); cartilage loss", container: "PMC3978948; PMC2957669", note: "a group of cohort papers" };
    expect(signsOfSeveralWorks(oldR49)).toEqual(expect.arrayContaining(["titles joined by '; '", "several PMC ids", "bundle wording"]));
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
        "content/sample/_data/red-flags.yaml:20: warning sign `swelling` cites `NOPE`, which is not in content/_data/references/sample.yaml; add it there or fix the key",
      ]);
    });

    it("requires the clinic's emergency number, the only place it is written", () => {
      expect(errorsOf((c) => edit(c, "_data/clinic.json", /,\s*"emergencyNumber": "911"/, ""))).toEqual([
        expect.stringMatching(/^content\/_data\/clinic\.json(:\d+)?: field `emergencyNumber` is missing/),
      ]);
    });
  });
});

// Handout content (issue 13: clinical revision; issue 12: PEMAT-P). The handouts are rendered the way the site
// renders them, help box included, and the box's levels are read back from the HTML.

describe("the patient handouts' safety net and PEMAT-P parts", () => {
  // The English sheets (the site's main language); their Spanish editions are checked against them below.
  const handouts = docs.filter((d) => d.data.kind === "handout" && d.data.audience === "patient" && d.lang === content.mainLang);
  const topicOf = (source: string): string => source.split("/")[1] ?? "";
  const mdWithBox = createMarkdown({
    hasReference: (key) => content.referencesByTopic.get("bone-marrow-edema")?.has(key) ?? false,
    contentDir,
    snippets: { read: (name) => ({ text: readFileSync(path.join(snippetDir, `${name}.md`), "utf8"), file: name }) },
    helpBox: {
      forDocument(env) {
        const data = env as { redFlags?: "all" | string[]; topic: string };
        const flags = content.redFlags.get(data.topic);
        return flags && data.redFlags ? helpBoxFor(flags, data.redFlags, content.clinic, "en") : "no red flags";
      },
    },
  });
  const plain = (html: string): string => html.replace(/<sup[\s\S]*?<\/sup>/g, "").replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim();
  /** Each help level's printed words (its head, with the number to call, and its signs), by level. */
  const levels = handouts.map((doc) => {
    const html = mdWithBox.render(doc.body, { kind: "handout", topic: topicOf(doc.source), redFlags: doc.data.redFlags, page: { inputPath: path.join(repoRoot, doc.source) } });
    const byLevel: Record<string, string> = {};
    for (const match of html.matchAll(/<div class="help-level [^"]*" data-help-level="(\w+)">([\s\S]*?)<\/div>/g)) byLevel[match[1]!] = plain(match[2]!);
    return { doc, slug: path.basename(doc.source, ".md"), byLevel, all: Object.values(byLevel).join(" ") };
  });

  it("covers all seven handouts", () => {
    expect(levels.map((l) => l.slug).sort()).toEqual(["foot-and-ankle", "hip", "injection-or-procedure", "knee", "mri-report", "overview", "recovery-plan"]);
  });

  it("has a Spanish edition of every patient handout, naming its source, made by a role and not claimed as reviewed by a medical translator", () => {
    const spanish = docs.filter((d) => d.data.kind === "handout" && d.lang === "es");
    expect(spanish.map((d) => d.data.translationOf).sort()).toEqual(handouts.map((d) => d.slug).sort());
    for (const doc of spanish) {
      expect(doc.slug, doc.source).toBe(doc.data.translationOf);
      expect(doc.data.translator, doc.source).toMatch(/^Equipo de contenidos/);
      expect(doc.data.translationReview, doc.source).toBeUndefined();
    }
    // And of the home, what-is and when-to-get-help pages.
    expect(docs.filter((d) => d.data.kind === "page" && d.lang === "es").map((d) => d.slug).sort()).toEqual(["index", "what-is-bme", "when-to-get-help"]);
  });

  it("prints the blood-clot signs at the emergency level, with the emergency number, on every patient handout", () => {
    for (const { slug, byLevel } of levels) {
      const emergency = byLevel.emergency ?? "";
      expect(emergency, slug).toMatch(/calf|thigh/i);
      expect(emergency, slug).toMatch(/breath/i);
      expect(emergency, slug).toMatch(/chest pain/i);
      expect(emergency, slug).toContain(content.clinic.emergencyNumber);
      expect(`${byLevel.today ?? ""} ${byLevel.soon ?? ""}`, slug).not.toMatch(/calf/i);
    }
  });

  it("asks for a fever OR a red, hot joint in the infection sign (either one alone is an emergency), on every handout", () => {
    for (const { slug, byLevel } of levels) {
      const sign = (byLevel.emergency ?? "").split(/(?<=[.!?])\s+/).find((s) => /fever/i.test(s));
      expect(sign, `${slug}: no fever sign at the emergency level`).toBeDefined();
      // The two triggers are separate clauses joined by ", or": either one alone sends the reader.
      const clauses = sign!.split(/,\s+or\s+/i);
      expect(clauses.some((c) => /fever/i.test(c) && !/red|hot/i.test(c)), `${slug}: "${sign}"`).toBe(true);
      expect(clauses.some((c) => /joint/i.test(c) && /red|hot/i.test(c) && !/fever/i.test(c)), `${slug}: "${sign}"`).toBe(true);
    }
  });

  it("tells a person with diabetes and a warm, swollen foot to keep weight off it and be seen the same day, on the foot handout", () => {
    const foot = levels.find((l) => l.slug === "foot-and-ankle")!;
    expect(foot.byLevel.emergency ?? "").not.toMatch(/diabet/i);
    const sign = (foot.byLevel.today ?? "").split(/(?<=[.!?])\s+/).find((s) => /diabetes/i.test(s));
    expect(sign, "the diabetic-foot sign belongs to the call-today level").toMatch(/warm/i);
    expect(sign).toMatch(/swollen/i);
    expect(foot.byLevel.today).toMatch(/keep weight off/i);
    expect(foot.byLevel.today).toContain(content.clinic.phone);
    expect(foot.byLevel.soon ?? "").not.toMatch(/diabet/i);
    // The handout's own steps say the same, so the box and the text cannot disagree.
    expect(foot.doc.body).toMatch(/^\d+\. [^\n]*diabetes[^\n]*weight off[^\n]*same day/im);
  });

  it("shows no warning sign about another part of the body on the knee, hip and foot handouts", () => {
    const elsewhere: Record<string, RegExp> = {
      knee: /\b(hips?|groin|foot|feet|toes?|ankles?|boot)\b/i,
      hip: /\b(knees?|foot|feet|toes?|ankles?|boot)\b/i,
      "foot-and-ankle": /\b(knees?|hips?|groin)\b/i,
    };
    for (const [slug, pattern] of Object.entries(elsewhere)) {
      const box = levels.find((l) => l.slug === slug)!.all;
      expect(box.length, slug).toBeGreaterThan(100);
      expect(box.match(pattern)?.[0], `${slug}: "${box.match(new RegExp(`[^.]*${pattern.source}[^.]*`, "i"))?.[0]}"`).toBeUndefined();
    }
  });

  it("gives the knee, hip and foot handouts their own warning signs (locking knee; runner's and pregnancy groin pain; numb toes in a boot)", () => {
    const box = (slug: string): string => levels.find((l) => l.slug === slug)!.all;
    expect(box("knee")).toMatch(/locks[^.]*gives way/i);
    expect(box("hip")).toMatch(/(groin|hip)[^.]*running\.\s*Stop running/i);
    expect(box("hip")).toMatch(/pregnan/i);
    expect(box("foot-and-ankle")).toMatch(/toes[^.]*(pale|cold)[^.]*boot/i);
    expect(box("injection-or-procedure")).toMatch(/fever[^.]*procedure/i);
  });

  it("writes no emergency number into the handouts or the warning signs: the clinic settings supply it", () => {
    const redFlagsFile = readFileSync(path.join(contentDir, "bone-marrow-edema", "_data", "red-flags.yaml"), "utf8");
    for (const { file, text } of [...handouts.map((d) => ({ file: d.source, text: d.body })), { file: "red-flags.yaml", text: redFlagsFile }]) {
      expect(text, file).not.toMatch(/\b(911|999|112)\b/);
    }
  });

  it("opens each handout with the key message (a bold one-line definition and the main thing to do), and gives it a captioned figure, numbered steps with a rule for doing more, a plan box and a three-point summary", () => {
    for (const doc of handouts) {
      const body = doc.body.trim();
      const lead = body.split(/\n\s*\n/)[0]!;
      expect(lead, doc.source).toMatch(/\*\*(bone marrow edema|transient osteoporosis of the hip)\*\*/i);
      expect(body.split(/\n\s*\n/).slice(0, 2).join(" "), doc.source).toMatch(/\*\*bone marrow edema\*\*(,? (is|which is)|:) extra fluid/i);
      expect(lead, doc.source).toMatch(/main thing to do/i);
      const figures = body.match(/^!\[[^\]]{20,}\]\(\.\.\/figures\/[\w-]+\.svg "[^"]{10,}"\)$/gm) ?? [];
      expect(figures.length, `${doc.source}: a figure alone on its line, with alt text and a caption`).toBeGreaterThanOrEqual(1);
      expect(body, doc.source).toMatch(/^\d+\. [^\n]*next morning[^\n]*_{4,}|^\d+\. [^\n]*_{4,}[^\n]*next morning/m);
      // A step-down rule in words that cannot be taken literally (not "go back a step").
      expect(body, doc.source).toMatch(/^\d+\. [^\n]*worse[^\n]*go back to what you did before/m);
      expect(body, doc.source).toMatch(/^::: plan .+\n(- \[ \] .+\n)+([^\n]*_{4,}\n)+:::$/m);
      const remember = body.match(/^::: remember .+\n((?:- .+\n)+):::$/m);
      expect(remember?.[1]?.trim().split("\n").length, `${doc.source}: Remember box with three points`).toBe(3);
    }
  });
});
