/**
 * `npm run check` end to end: a real build of a fixture that meets every gate, then, for each gate, a copy of
 * that output (or of its content) broken in the one way the gate guards against. Last, the broken edits an editor
 * is most likely to make, each refused by `npm run build` or `npm run check` with the file named, while the last
 * good output stays exactly as it was.
 */
import { execFileSync, spawn } from "node:child_process";
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../src/build/build.ts";
import { GATES, runChecks, type CheckReport } from "../src/check/run-checks.ts";
import { formatReport } from "../src/check/table.ts";
import type { GateId } from "../src/check/types.ts";
import type { Manifest } from "../src/eleventy/manifest.ts";
import { runBuildCli, type CliResult } from "./helpers/cli.ts";
import { copyFixture, repoRoot, writeContent } from "./helpers/fixtures.ts";
import { folderFingerprint } from "./helpers/snapshot.ts";

const TODAY = "2026-06-01";
const HANDOUT = "sample/handouts/leg.md";
const HANDOUT_SOURCE = "content/sample/handouts/leg.md";
const good = copyFixture("check-good");
/**
 * Every gate but pemat, which test/parts-blocks.test.ts covers: the good fixture cannot meet it until the
 * three-level help box (`![[red-flags]]`) and citation-free printing (the parts-print branch) are merged.
 */
// The translations gate has its own fixture (test/translations.test.ts): this one has no translation to pass.
const GOOD_GATES = GATES.filter((g) => g.id !== "pemat" && g.id !== "translations");
const scratch = mkdtempSync(path.join(tmpdir(), "handouts-check-"));
let report: CheckReport;

beforeAll(async () => {
  await build({ root: repoRoot, contentDir: good.content, outDir: good.out });
  report = await runChecks({ outDir: good.out, contentDir: good.content, settings: { today: TODAY }, gates: GOOD_GATES.map((g) => g.id) });
});
afterAll(() => {
  rmSync(good.dir, { recursive: true, force: true });
  rmSync(scratch, { recursive: true, force: true });
});

/**
 * Chromium processes started by this test process (Puppeteer starts the browser as a child). Other people's
 * Chromium on the same machine, such as a build running beside the tests, does not count.
 */
function ourChromium(): string[] {
  try {
    return execFileSync("pgrep", ["-a", "-P", String(process.pid), "chrom"], { encoding: "utf8" }).split("\n").filter(Boolean);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

let copies = 0;
/** A copy of the good output, changed by `edit`, to check. */
async function brokenOutput(edit: (out: string) => void | Promise<void>): Promise<string> {
  const out = path.join(scratch, `out-${++copies}`);
  cpSync(good.out, out, { recursive: true });
  await edit(out);
  return out;
}

/** Puts HTML at the top of the handout's body, the part of the page its Markdown becomes. */
function addToHandout(out: string, html: string): void {
  const file = path.join(out, "sample/handouts/leg/index.html");
  const page = readFileSync(file, "utf8");
  expect(page).toContain('<div class="sheet-body">');
  writeFileSync(file, page.replace('<div class="sheet-body">', `<div class="sheet-body">\n${html}`));
}

/** Runs some gates; on the handout alone unless `all` (loading fewer pages keeps the tests quick). */
const check = (outDir: string, gates: GateId[], settings = {}, { contentDir = good.content, all = false } = {}): Promise<CheckReport> =>
  runChecks({ outDir, contentDir, gates, settings: { today: TODAY, ...settings }, only: all ? undefined : ["leg"] });
const findingsOf = (r: CheckReport, gate: GateId) => r.findings.filter((f) => f.gate === gate);

function runCheckCli(args: string[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repoRoot, "scripts", "check.ts"), ...args], { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("npm run check on a fixture that meets every gate", () => {
  it("passes with no error and no warning, and its table has a row for every page, handout and deck", () => {
    expect(report.findings).toEqual([]);
    const rows = report.rows.map((r) => `${r.doc.kind} ${r.doc.name}`);
    expect(rows).toEqual(expect.arrayContaining(["page index", "handout leg", "deck intro"]));
    const table = formatReport(report);
    expect(table).toMatch(/handout leg\s+\d\.\d ✓\s+1\+1\+\d ✓\s+ok ✓\s+2 ✓\s+2027-01-10 ✓\s+0 ✓\s+0 ✓\s+0 ✓\s+3 ok ✓/);
    expect(table).toContain("Check passed: ");
  });

  it.each(GOOD_GATES.map((g) => g.id))("has a passing %s gate", (gate) => {
    expect(findingsOf(report, gate)).toEqual([]);
    const handout = report.rows.find((r) => r.doc.name === "leg");
    expect(handout?.cells.get(gate)?.status).toBe("pass");
  });

  it("leaves no Chromium process behind", () => {
    expect(ourChromium()).toEqual([]);
  });
});

describe("each gate refuses what it guards against", () => {
  it("readability: very hard prose in a patient handout is an error naming its file; the limits are settings", async () => {
    const out = await brokenOutput((o) =>
      addToHandout(
        o,
        "<p>Subchondral insufficiency fractures, characteristically manifesting in osteoporotic individuals, necessitate comprehensive radiological evaluation, multidisciplinary consultation and individualized therapeutic interventions emphasizing protected weight-bearing.</p>",
      ),
    );
    const [error] = findingsOf(await check(out, ["readability"]), "readability");
    expect(error).toMatchObject({ severity: "error", file: HANDOUT_SOURCE });
    expect(error?.message).toMatch(/^reads at grade \d+\.\d, above the limit of 8 for patient text$/);
    expect(error?.fix).toMatch(/the longest sentence \(2\d words\) is “Subchondral insufficiency fractures/);
    // The fixture reads below grade 1 (its phone numbers are not counted as words): a limit of 0.2 makes it an error.
    const strict = await check(good.out, ["readability"], { maxGrade: 0.2, warnGrade: 0.1 });
    expect(findingsOf(strict, "readability").map((f) => `${f.severity} ${f.file}`)).toContain(`error ${HANDOUT_SOURCE}`);
    const aim = await check(good.out, ["readability"], { maxGrade: 30, warnGrade: 0.3 });
    expect(findingsOf(aim, "readability").length).toBeGreaterThan(0);
    expect(findingsOf(aim, "readability").every((f) => f.severity === "warning" && /above the aim of 0.3/.test(f.message))).toBe(true);
  });

  it("fit: a handout PDF with two pages is an error", async () => {
    const out = await brokenOutput(async (o) => {
      const pdf = await PDFDocument.load(readFileSync(path.join(o, "sample/handouts/leg/leg.letter.pdf")));
      const [copy] = await pdf.copyPages(pdf, [0]);
      pdf.addPage(copy);
      writeFileSync(path.join(o, "sample/handouts/leg/leg.letter.pdf"), await pdf.save());
    });
    expect(findingsOf(await check(out, ["fit"]), "fit")).toEqual([
      expect.objectContaining({ severity: "error", file: HANDOUT_SOURCE, message: "sample/handouts/leg/leg.letter.pdf (Letter) has 2 pages; it must have 1 page" }),
    ]);
  });

  it("parts: a handout without the help box, or with a help level that prints no phone number, is an error, whatever its headings say", async () => {
    const noBox = await brokenOutput((o) => {
      const file = path.join(o, "sample/handouts/leg/index.html");
      // The heading stays: the gate looks for the help component itself, not for English words.
      writeFileSync(file, readFileSync(file, "utf8").replace(/<div class="help-box"[\s\S]*?<\/ul>\n<\/div>\n<\/div>\n/, ""));
    });
    expect(readFileSync(path.join(noBox, "sample/handouts/leg/index.html"), "utf8")).toContain("When to get help");
    expect(findingsOf(await check(noBox, ["parts"]), "parts")).toEqual([
      expect.objectContaining({ severity: "error", file: HANDOUT_SOURCE, message: "has no help box (the three levels of when to get help)", fix: expect.stringContaining("![[red-flags]]") }),
    ]);
    const noPhone = await brokenOutput((o) => {
      const file = path.join(o, "sample/handouts/leg/index.html");
      const page = readFileSync(file, "utf8");
      const today = page.indexOf('data-help-level="today"');
      const end = page.indexOf('data-help-level="soon"', today);
      writeFileSync(file, page.slice(0, today) + page.slice(today, end).replace(/<a class="phone"[^>]*>[^<]*<\/a>/g, "") + page.slice(end));
    });
    expect(findingsOf(await check(noPhone, ["parts"]), "parts")).toEqual([
      expect.objectContaining({ severity: "error", file: "templates/layouts/handout.njk", message: "the help box of leg prints no phone number in its today level" }),
    ]);
  });

  it("sources: an unknown citation key is an error, and a reference nobody cites is a warning with its file and line", async () => {
    const out = await brokenOutput((o) => {
      const file = path.join(o, "sample/handouts/leg/index.html");
      writeFileSync(file, readFileSync(file, "utf8").replace('data-cite="REF1"', 'data-cite="NOPE"'));
    });
    const content = path.join(scratch, "content-unused");
    cpSync(good.content, content, { recursive: true });
    appendFileSync(path.join(content, "_data/references/sample.yaml"), "REF9:\n  short: Unused 2023\n  title: A reference nobody cites\n");
    const found = findingsOf(await check(out, ["sources"], {}, { contentDir: content, all: true }), "sources");
    expect(found).toEqual([
      expect.objectContaining({ severity: "error", file: HANDOUT_SOURCE, message: "cites `NOPE`, which is not in content/_data/references/sample.yaml" }),
      expect.objectContaining({ severity: "warning", file: "content-unused/_data/references/sample.yaml", line: 18, message: "reference `REF9` of topic `sample` is not cited by any page, handout or deck" }),
    ]);
  });

  it("terms: a glossary term used but not defined on a patient document is an error naming the term and the line", async () => {
    const content = path.join(scratch, "terms", "content");
    cpSync(good.content, content, { recursive: true });
    writeContent(content, HANDOUT, readFileSync(path.join(good.content, HANDOUT), "utf8").replace("**crutches**", "crutches"));
    const found = findingsOf(await check(good.out, ["terms"], {}, { contentDir: content }), "terms");
    expect(found).toEqual([expect.objectContaining({ severity: "error", file: HANDOUT_SOURCE, line: 19, message: "uses the term “crutches” without defining it on this handout" })]);
  });

  it("review: missing review dates are an error, a passed next-review date a warning", async () => {
    const out = await brokenOutput((o) => {
      const file = path.join(o, "manifest.json");
      const manifest = JSON.parse(readFileSync(file, "utf8")) as Manifest;
      for (const artifact of manifest.artifacts) if (artifact.slug === "leg") delete (artifact as Partial<typeof artifact>).nextReview;
      writeFileSync(file, JSON.stringify(manifest));
    });
    expect(findingsOf(await check(out, ["review"]), "review")).toEqual([
      expect.objectContaining({ severity: "error", file: HANDOUT_SOURCE, message: expect.stringMatching(/^has no valid review dates/) }),
    ]);
    const late = findingsOf(await check(good.out, ["review"], { today: "2027-02-01" }, { all: true }), "review");
    expect(late).toHaveLength(3);
    expect(late).toContainEqual(expect.objectContaining({ severity: "warning", file: HANDOUT_SOURCE, message: "was due for review on 2027-01-10" }));
  });

  it("review: a handout without a clinician's sign-off is a warning, and its sheet says it was reviewed by the content team only", async () => {
    const content = path.join(scratch, "content-unsigned");
    const out = path.join(scratch, "out-unsigned");
    cpSync(good.content, content, { recursive: true });
    const file = path.join(content, HANDOUT);
    writeFileSync(file, readFileSync(file, "utf8").replace(/^clinicalReview:.*\n/m, ""));
    await build({ root: repoRoot, contentDir: content, outDir: out, skipPdfs: true });
    expect(findingsOf(await check(out, ["review"], {}, { contentDir: content }), "review")).toEqual([
      expect.objectContaining({ severity: "warning", file: "content-unsigned/sample/handouts/leg.md", message: "has no clinical sign-off: its sheet says it was reviewed by the content team only" }),
    ]);
    const text = (html: string) => html.replace(/<[^>]+>/g, "").replace(/\s+/g, " ");
    expect(text(readFileSync(path.join(out, "sample/handouts/leg/index.html"), "utf8"))).toContain("Reviewed Jan 10, 2026 by the content team only; not yet approved by a clinician.");
    expect(text(readFileSync(path.join(good.out, "sample/handouts/leg/index.html"), "utf8"))).toContain("approved by Orthopaedic lead on Jan 5, 2026.");
  });

  it("links: a link to nothing, an image with no file and an image without alt text are errors", async () => {
    const out = await brokenOutput((o) => addToHandout(o, '<p><a href="../../../nope/">Nowhere</a> <img src="gone.png"></p>'));
    const messages = findingsOf(await check(out, ["links"]), "links").map((f) => `${f.severity} ${f.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^error links to \/nope\/, which does not exist in the built site/),
        "error image gone.png has no alt text",
        expect.stringMatching(/^error image \/sample\/handouts\/leg\/gone\.png is missing: which does not exist/),
      ]),
    );
  });

  it("accessibility: an axe-core violation is an error naming the rule", async () => {
    const out = await brokenOutput((o) => addToHandout(o, '<p><button type="button"></button></p>'));
    expect(findingsOf(await check(out, ["accessibility"]), "accessibility")).toEqual([
      expect.objectContaining({ severity: "error", file: HANDOUT_SOURCE, message: expect.stringContaining("axe rule `button-name` (critical)") }),
    ]);
  });

  it("privacy: a request to another site while the page loads is an error", async () => {
    const out = await brokenOutput((o) => addToHandout(o, '<p><img src="https://tracker.example.net/pixel.gif" alt=""></p>'));
    const found = findingsOf(await check(out, ["privacy"]), "privacy");
    expect(found).toEqual([expect.objectContaining({ severity: "error", message: expect.stringMatching(/^sample\/handouts\/leg\/index\.html requests https:\/\/tracker\.example\.net\/pixel\.gif from outside the site while it loads/) })]);
    expect(ourChromium()).toEqual([]);
  });

  it("pdf: wrong page size, a font not embedded, no tags, no title and no language are errors", async () => {
    const out = await brokenOutput(async (o) => {
      const pdf = await PDFDocument.create();
      const font = await pdf.embedFont(StandardFonts.Helvetica);
      pdf.addPage([420, 595]).drawText("A5, not A4", { font, x: 40, y: 500 });
      writeFileSync(path.join(o, "sample/handouts/leg/leg.a4.pdf"), await pdf.save());
    });
    const messages = findingsOf(await check(out, ["pdf"]), "pdf").map((f) => f.message);
    expect(messages).toEqual([
      "sample/handouts/leg/leg.a4.pdf is 420×595 pt, not A4 (595.3×841.9 pt)",
      "sample/handouts/leg/leg.a4.pdf does not embed the font Helvetica",
      "sample/handouts/leg/leg.a4.pdf is not tagged (no /MarkInfo /Marked true), so screen readers cannot follow it",
      "sample/handouts/leg/leg.a4.pdf has no title",
      "sample/handouts/leg/leg.a4.pdf has no document language (/Lang)",
    ]);
  });
});

describe("broken edits to a handout's source", () => {
  const original = readFileSync(path.join(repoRoot, "test/fixtures/check-good/content", HANDOUT), "utf8");

  async function buildEdited(text: string, out: string, flags: string[] = []): Promise<CliResult> {
    const edited = copyFixture("check-good");
    try {
      writeContent(edited.content, HANDOUT, text);
      return await runBuildCli(["--content", edited.content, "--out", out, ...flags]);
    } finally {
      rmSync(edited.dir, { recursive: true, force: true });
    }
  }

  const paragraph = "Keep weight off the sore leg, use your crutches as shown, and rest when the ache grows. ".repeat(6);
  it.each([
    {
      edit: "text far too long for a page",
      text: original + Array.from({ length: 14 }, (_, i) => `\n## Part ${i + 1}\n\n${paragraph}\n`).join(""),
      code: 4,
      says: /content\/sample\/handouts\/leg\.md: handout "leg" does not fit on one (Letter|A4) page/,
    },
    {
      edit: "a link to a page that does not exist",
      text: original.replace("Rest the leg when it hurts.", "Rest the leg when it hurts. Read [more](/rest-and-ice/)."),
      code: 2,
      says: /content\/sample\/handouts\/leg\.md:17: the link to `\/rest-and-ice\/` names the page `rest-and-ice`, which does not exist \(known in this topic: index\)/,
    },
    {
      edit: "an image with no file and no alt text",
      text: original.replace('![A leg resting on a pillow](leg-on-pillow.svg "Rest the leg on a pillow.")', '![](leg-in-a-cast.png "A leg in a cast.")'),
      code: 2,
      says: /content\/sample\/handouts\/leg\.md:21: image `leg-in-a-cast\.png` has no alt text[^]*content\/sample\/handouts\/leg\.md:21: image file `leg-in-a-cast\.png` not found/,
    },
    {
      edit: "broken YAML front matter",
      text: original.replace("summary: A one-page handout", "summary: [A one-page handout"),
      code: 2,
      says: /content\/sample\/handouts\/leg\.md:\d+: broken YAML/,
    },
  ])("$edit is refused by npm run build, naming the file, and the last good output stays as it was", async ({ text, code, says }) => {
    const before = folderFingerprint(good.out);
    const result = await buildEdited(text, good.out);
    expect(result.code).toBe(code);
    expect(result.stderr).toMatch(says);
    expect(result.stderr).toContain(`The previous ${good.out}/ was left as it was.`);
    expect(folderFingerprint(good.out)).toEqual(before);
  });

  it("very hard prose is refused by npm run check, naming the file; the check changes nothing", async () => {
    const before = folderFingerprint(good.out);
    const hard =
      "Subchondral insufficiency fractures, characteristically manifesting in osteoporotic individuals, necessitate comprehensive radiological evaluation and individualized therapeutic interventions emphasizing protected weight-bearing. ";
    const preview = path.join(scratch, "preview");
    const built = await buildEdited(original.replace("A sore leg most often gets better with rest and time [@REF1].", `${hard.repeat(3)}[@REF1]`), preview, ["--site-only"]);
    expect(built.code).toBe(0);
    const builtPreview = folderFingerprint(preview);
    const result = await runCheckCli(["--out", preview, "--content", good.content, "--today", TODAY, "--gate", "readability", "--gate", "parts", "--only", "leg"]);
    expect(result.code).toBe(5);
    expect(result.stdout).toMatch(/handout leg\s+\d\d\.\d ✗/);
    expect(result.stdout).toMatch(/✗ content\/sample\/handouts\/leg\.md \[readability\] reads at grade \d\d\.\d, above the limit of 8 for patient text\.\n\s+Fix: use shorter sentences/);
    expect(result.stdout).toContain("Check failed: 1 error, 0 warnings.");
    expect(folderFingerprint(preview)).toEqual(builtPreview);
    expect(folderFingerprint(good.out)).toEqual(before);
  });

  it("npm run check says how to get output when there is none, and rejects a bad option", async () => {
    const none = await runCheckCli(["--out", path.join(scratch, "nothing-here")]);
    expect(none.code).toBe(5);
    expect(none.stderr).toMatch(/nothing-here\/manifest\.json does not exist: there is no built output to check\. Run `npm run build` first/);
    const bad = await runCheckCli(["--out", good.out, "--gate", "spelling"]);
    expect(bad.code).toBe(64);
    expect(bad.stderr).toContain("--gate spelling is not a gate; the gates are readability, fit, parts, sources, review, accessibility, links, privacy, pdf, terms, pemat, translations.");
  });
});
