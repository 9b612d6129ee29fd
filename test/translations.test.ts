/**
 * Translations that cannot drift (issue 14), on a fixture with an English handout (`leg`) and its Spanish
 * translation (`pierna`, `lang: es`, `translationOf: leg`): the pairing and its mistakes in the content load, the
 * stamp command, drift and parity in `npm run check`, translated red flags and glossary, and `--release`.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ContentErrors } from "../src/errors.ts";
import { loadContent } from "../src/content/load-content.ts";
import { runChecks } from "../src/check/run-checks.ts";
import { numbersIn } from "../src/check/parity.ts";
import { copyFixture, repoRoot } from "./helpers/fixtures.ts";
import { runBuildCli, runScript } from "./helpers/cli.ts";

const TODAY = "2026-03-01";
const LEG = "sample/handouts/leg.md";
const PIERNA = "sample/handouts/pierna.md";
const fixtureText = (file: string): string => readFileSync(path.join(repoRoot, "test/fixtures/translations/content", file), "utf8");

function edit(content: string, file: string, change: (text: string) => string): void {
  const full = path.join(content, file);
  const before = readFileSync(full, "utf8");
  const after = change(before);
  expect(after).not.toBe(before);
  writeFileSync(full, after);
}

function contentProblems(content: string): string[] {
  try {
    loadContent(content);
  } catch (error) {
    if (error instanceof ContentErrors) return error.errors.map((e) => e.message);
    throw error;
  }
  return [];
}

const translationFindings = async (fixture: { content: string; out: string }, release = false) =>
  (await runChecks({ outDir: fixture.out, contentDir: fixture.content, gates: ["translations"], settings: { today: TODAY, release } })).findings;

describe("a translation and its source", () => {
  it("pair by translationOf (not by file name), with the translated warning signs and glossary", () => {
    const { content } = copyFixture("translations");
    const loaded = loadContent(content);
    expect(loaded.translations.map((p) => [p.translation.source, p.source.source])).toEqual([["content/sample/handouts/pierna.md", "content/sample/handouts/leg.md"]]);
    expect(loaded.translationDrift).toEqual([]);
    expect(loaded.redFlags.get("sample")?.translations?.get("es")?.signs.get("fever")?.text).toBe("Tiene fiebre.");
    expect(loaded.translatedTerms.get("sample")?.get("es")?.[0]?.term).toBe("muletas");
  });

  it("report a translation's missing fields, wrong language, unknown source and a second translation, each with file and line", () => {
    const { content } = copyFixture("translations");
    writeFileSync(path.join(content, "sample/handouts/pierna-2.md"), fixtureText(PIERNA));
    edit(content, PIERNA, (t) => t.replace("translator: Content team (draft)\n", ""));
    writeFileSync(path.join(content, "sample/handouts/wrong.md"), fixtureText(PIERNA).replace("lang: es", "lang: en-GB").replace("translationOf: leg", "translationOf: arm"));
    const problems = contentProblems(content);
    expect(problems).toContain("content/sample/handouts/pierna.md:6: a translation says who made it: add `translator:` with a role, like `translator: Content team (draft)`");
    expect(problems).toContain(
      "content/sample/handouts/pierna.md:6: content/sample/handouts/pierna-2.md already translates `leg` into es: keep one of the two files (content/sample/handouts/pierna-2.md, content/sample/handouts/pierna.md)",
    );
    expect(problems).toContain("content/sample/handouts/wrong.md:5: a translation must be in another language than the site's main language (en, from the clinic's locale): set `lang:` to the translation's language, like `lang: es`");
    expect(problems).toContain("content/sample/handouts/wrong.md:6: field `translationOf` names `arm`, but no handout in the topic `sample` has the slug `arm`: name the slug of the en handout this translates");
  });

  it("report a translated red-flags file that misses a sign or adds an action the source has not", () => {
    const { content } = copyFixture("translations");
    edit(content, "sample/_data/red-flags.es.yaml", (t) => t.replace('fever:\n  text: "Tiene fiebre."\n', "").replace('  text: "El dolor empeora cada vez más."', '  text: "El dolor empeora cada vez más."\n  action: "Llame hoy."'));
    const problems = contentProblems(content);
    expect(problems).toContain("content/sample/_data/red-flags.es.yaml:1: does not translate `fever`: add it, so a es help box never shows a sign in another language");
    expect(problems).toContain("content/sample/_data/red-flags.es.yaml:5: `worse-pain` has no action in red-flags.yaml: remove `action` here");
  });
});

describe("npm run translation-stamp", () => {
  it("writes sourceStamp and sourceSections into the translation, keeping every other line as written", async () => {
    const { dir, content } = copyFixture("translations");
    edit(content, PIERNA, (t) => t.replace(/sourceStamp: .*\n/, "").replace(/sourceSections:\n(?: {2}.*\n)+/, "").replace("title:", "# a comment the command must keep\ntitle:"));
    expect(contentProblems(content)).toEqual([`content/${PIERNA}:7: a translation records what it was made from, but \`sourceStamp\` and \`sourceSections\` are missing: run \`npm run translation-stamp -- content/${PIERNA}\``]);
    const result = await runScript("translation-stamp", ["--content", content, path.join(content, PIERNA)], { cwd: dir });
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(/^content\/sample\/handouts\/pierna\.md: stamped from content\/sample\/handouts\/leg\.md \([0-9a-f]{10}\)\n$/);
    expect(readFileSync(path.join(content, PIERNA), "utf8")).toBe(fixtureText(PIERNA).replace("title:", "# a comment the command must keep\ntitle:"));
    expect(contentProblems(content)).toEqual([]);
  });

  it("refuses a file that is not a translation, in one line", async () => {
    const { dir, content } = copyFixture("translations");
    const result = await runScript("translation-stamp", ["--content", content, path.join(content, LEG)], { cwd: dir });
    expect(result.code).not.toBe(0);
    expect(result.stderr.trim()).toBe("Translation stamp failed: content/sample/handouts/leg.md: has no `translationOf`: add `translationOf: <slug of the source>` to its front matter first");
  });
});

describe("npm run check on a translation", () => {
  let fixture: ReturnType<typeof copyFixture>;
  beforeAll(async () => {
    fixture = copyFixture("translations");
    const built = await runBuildCli(["--content", fixture.content, "--out", fixture.out, "--site-only"]);
    expect(built.code).toBe(0);
  }, 60_000);

  it("passes a translation that matches its source, warning only that no medical translator has reviewed it", async () => {
    const findings = await translationFindings(fixture);
    expect(findings.map((f) => `${f.severity} ${f.file}:${f.line} ${f.message}`)).toEqual([
      "warning content/sample/handouts/pierna.md:7 has not been reviewed by a qualified medical translator: its sheet and page say so in small print",
    ]);
    const html = readFileSync(path.join(fixture.out, "es/sample/handouts/pierna/index.html"), "utf8");
    expect(html).toContain("Traducción aún no revisada por un traductor médico calificado.");
    expect(html).toContain("No puede apoyarse en la pierna."); // the help box in Spanish
    expect(html).toMatch(/class="term"[^>]*>muletas</); // the Spanish glossary
    expect(readFileSync(path.join(fixture.out, "sample/handouts/leg/index.html"), "utf8")).not.toContain("Translation not yet reviewed");
  });

  it("reads the review line of a Spanish sheet in Spanish: the review gate finds its dates", async () => {
    // The parts gate loads the pages in Chromium, which gives the review gate what each page shows.
    const findings = (await runChecks({ outDir: fixture.out, contentDir: fixture.content, gates: ["review", "parts"], settings: { today: TODAY, release: false } })).findings;
    expect(findings.filter((f) => f.severity === "error").map((f) => f.message)).toEqual([]);
    expect(readFileSync(path.join(fixture.out, "es/sample/handouts/pierna/index.html"), "utf8")).toContain("Revisado el");
  });

  it("fails when one sentence of the English handout changes, naming the section and its line; the build only warns", async () => {
    const copy = copyFixture("translations");
    edit(copy.content, LEG, (t) => t.replace("- Rest the leg when it hurts.", "- Rest the leg whenever it hurts."));
    const built = await runBuildCli(["--content", copy.content, "--out", copy.out, "--site-only"]);
    expect(built.code).toBe(0);
    expect(built.stdout).toContain("warning: content/sample/handouts/pierna.md:13: its source changed since it was translated: changed: “What to do” (content/sample/handouts/leg.md:15)");
    const check = await runScript("check", ["--out", copy.out, "--content", copy.content, "--gate", "translations", "--today", TODAY]);
    expect(check.code).toBe(5);
    expect(check.stdout).toContain("✗ content/sample/handouts/pierna.md:13 [translations] its source changed since it was translated: changed: “What to do” (content/sample/handouts/leg.md:15).");
    expect(check.stdout).toContain("Fix: update the translation to match, then run `npm run translation-stamp -- content/sample/handouts/pierna.md`.");
  }, 60_000);

  it("fails the parity gate when a number in the translation changes, saying what the source has", async () => {
    edit(fixture.content, PIERNA, (t) => t.replace("durante 6 semanas", "durante 8 semanas"));
    try {
      const findings = (await translationFindings(fixture)).filter((f) => f.severity === "error");
      expect(findings.map((f) => `${f.file}:${f.line} ${f.message}`)).toEqual([
        "content/sample/handouts/pierna.md:22 has no 6, which its source has at content/sample/handouts/leg.md:19 (“- Use the **crutches** (sticks to lean on) for 6 weeks, as your car…”)",
        "content/sample/handouts/pierna.md:26 has 8, which its source (content/sample/handouts/leg.md) does not have; the matching section of the source has 10, 2, 3, 6",
      ]);
    } finally {
      writeFileSync(path.join(fixture.content, PIERNA), fixtureText(PIERNA));
    }
  });

  it("fails when the translation lacks a figure or the warning signs of its source", async () => {
    edit(fixture.content, PIERNA, (t) => t.replace(/!\[Una pierna.*\n/, "").replace("![[red-flags]]", ""));
    try {
      const findings = (await translationFindings(fixture)).filter((f) => f.severity === "error");
      expect(findings.map((f) => `${f.file}:${f.line} ${f.message}`)).toEqual([
        "content/sample/handouts/pierna.md:11 shows other warning signs than its source: it lacks `cannot-stand`, `cold-leg`, `worse-pain`, `fever` (the source content/sample/handouts/leg.md shows `cannot-stand`, `cold-leg`, `worse-pain`, `fever`)",
        "content/sample/handouts/pierna.md:22 has no figure `leg-on-pillow.svg`, which its source shows (content/sample/handouts/leg.md:21)",
      ]);
    } finally {
      writeFileSync(path.join(fixture.content, PIERNA), fixtureText(PIERNA));
    }
  });

  it("with --release refuses the unreviewed translation, and accepts it once reviewed", async () => {
    const refused = await runScript("check", ["--out", fixture.out, "--content", fixture.content, "--gate", "translations", "--gate", "review", "--today", TODAY, "--release"]);
    expect(refused.code).toBe(5);
    expect(refused.stdout).toContain("✗ content/sample/handouts/pierna.md:7 [translations] has not been reviewed by a qualified medical translator, so it cannot be released: its sheet and page say so in small print.");
    expect(refused.stdout).toContain("Check failed: 1 error, 0 warnings.");
    edit(fixture.content, PIERNA, (t) => t.replace("translator: Content team (draft)", 'translator: Content team (draft)\ntranslationReview: {by: "Qualified medical translator", date: 2026-02-01}'));
    try {
      const findings = await translationFindings(fixture, true);
      expect(findings).toEqual([]);
    } finally {
      writeFileSync(path.join(fixture.content, PIERNA), fixtureText(PIERNA));
    }
  });
});

describe("numbers compared between languages", () => {
  it("read a decimal comma, thousands separators, ranges and leading zeros the same in both languages", () => {
    const values = (text: string) => numbersIn([{ file: "f.md", line: 1, text }]).map((n) => n.value);
    expect(values("Take 2.5 mg, 1,000 steps, 2–3 times, 6 to 12 weeks, call 555-0142.")).toEqual(["2.5", "1000", "2", "3", "6", "12", "555", "142"]);
    expect(values("Tome 2,5 mg, 1.000 pasos, 2–3 veces, de 6 a 12 semanas, llame al 555-0142.")).toEqual(["2.5", "1000", "2", "3", "6", "12", "555", "142"]);
    // Not numbers to compare: citation keys, link addresses, codes glued to letters.
    expect(values("See [the page](/handouts/leg-2/) [@R01] and code R01.")).toEqual([]);
  });
});

describe("the PEMAT gate on a translation", () => {
  it("holds a Spanish handout to the Spanish glossary: a Spanish term used undefined is named, an English one is not looked for", async () => {
    const copy = copyFixture("translations");
    edit(copy.content, PIERNA, (t) => t.replace("Use las **muletas** (palos para apoyarse) durante", "Use las muletas durante"));
    const built = await runBuildCli(["--content", copy.content, "--out", copy.out, "--site-only"]);
    expect(built.code).toBe(0);
    const findings = (await runChecks({ outDir: copy.out, contentDir: copy.content, gates: ["pemat"], settings: { today: TODAY, release: false } })).findings;
    // The fixture's handouts have no plan box or steps (other PEMAT items); item 4 is the one about terms.
    const terms = findings.filter((f) => f.message.startsWith("PEMAT-P 4:"));
    expect(terms.map((f) => `${f.file} ${f.message}`)).toEqual([`content/${PIERNA} PEMAT-P 4: uses terms it does not define: “muletas”`]);
  }, 90_000);
});
