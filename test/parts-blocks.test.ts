/**
 * The parts an author writes in Markdown for a handout a patient can act on: figures, the plan box, the remember
 * box, numbered steps and glossary terms, and the two check gates that go with them (terms, pemat). A real build
 * of the parts fixture, read back from its HTML, its PDFs (poppler), Chromium at print media and the search index.
 */
import { execFileSync } from "node:child_process";
import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import puppeteer, { type Browser } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../src/build/build.ts";
import { loadContent } from "../src/content/load-content.ts";
import { runChecks } from "../src/check/run-checks.ts";
import { PEMAT_ITEMS } from "../src/check/pemat.ts";
import { formatReport } from "../src/check/table.ts";
import { ContentErrors } from "../src/errors.ts";
import { findBrowser } from "../src/pdf/find-browser.ts";
import { CHROMIUM_ARGS } from "../src/pdf/launch-browser.ts";
import { FIGURE_STEPS, FIT_STEPS } from "../src/pdf/print-handout.ts";
import { PAPER } from "../src/pdf/paper.ts";
import type { RenderedPdf } from "../src/pdf/render-pdfs.ts";
import { copyFixture, repoRoot, writeContent } from "./helpers/fixtures.ts";
import { createMarkdown } from "../src/markdown/markdown.ts";
import { inlineSvg } from "../src/markdown/figures.ts";
import { pdfText } from "./helpers/pdf.ts";
import { serveFolder, type StaticServer } from "./helpers/static-server.ts";

const fixture = copyFixture("parts-blocks");
const out = (file: string): string => path.join(fixture.out, file);
const HANDOUT = "sample/handouts/knee.md";
const MM_PER_PX = 25.4 / 96;
let browser: Browser;
let server: StaticServer;

/** Two lists of 16 steps and a drawing: too long for one Letter sheet until the figure gives up some width. */
function longHandout(): string {
  const steps = Array.from({ length: 16 }, (_, i) => `- Step ${i + 1}: keep weight off the sore leg and rest when it aches.`).join("\n");
  return (
    "---\nkind: handout\ntitle: A long handout with a figure\nsummary: A handout whose figure shrinks so the sheet fits on one page.\n" +
    "reviewed: 2026-01-10\nnextReview: 2027-01-10\nreviewedBy: Content team\n---\n\nThis one is long, with a drawing.\n\n" +
    '![The knee joint, with a sore area marked](../figures/knee.svg "The sore area is inside the bone.")\n\n' +
    `## Steps\n\n${steps}\n\n## More steps\n\n${steps}\n`
  );
}

beforeAll(async () => {
  writeContent(fixture.content, "sample/handouts/long.md", longHandout());
  await build({ root: repoRoot, contentDir: fixture.content, outDir: fixture.out });
  server = await serveFolder(fixture.out, "/guide/");
  browser = await puppeteer.launch({ executablePath: findBrowser(), headless: true, args: CHROMIUM_ARGS });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(fixture.dir, { recursive: true, force: true });
});

/** The content check's messages for a copy of the fixture changed by `edit` (what `npm run build` prints first). */
function contentProblems(edit: (content: string) => void): string[] {
  const copy = copyFixture("parts-blocks");
  try {
    edit(copy.content);
    loadContent(copy.content);
    return [];
  } catch (error) {
    if (error instanceof ContentErrors) return error.errors.map((e) => e.message);
    throw error;
  } finally {
    rmSync(copy.dir, { recursive: true, force: true });
  }
}

const handoutText = (): string => readFileSync(path.join(fixture.content, HANDOUT), "utf8");
const lineOf = (text: string, needle: string): number => text.split("\n").findIndex((l) => l.includes(needle)) + 1;

describe("figures", () => {
  it("renders an image alone in its paragraph as a figure with its title as the caption, the SVG inlined with prefixed ids", () => {
    const html = readFileSync(out("sample/handouts/knee/index.html"), "utf8");
    const figure = /<figure class="figure"[^>]*>([\s\S]*?)<\/figure>/.exec(html)?.[1] ?? "";
    expect(figure).toMatch(/^<svg [^>]*role="img" aria-label="The knee joint, with a sore area marked inside the end of the thigh bone"/);
    expect(figure).toContain("<figcaption>The sore area is inside the bone, just above the knee joint.</figcaption>");
    expect(figure).not.toContain("<img");
    // The drawing's ids carry a prefix of their own, and its references follow them.
    expect(figure).toMatch(/<pattern id="fig1-knee-dots"/);
    expect(figure).toContain('fill="url(#fig1-knee-dots)"');
    expect(figure).not.toMatch(/id="dots"/);
  });

  it("prints the figure as vector drawing with its labels in the page's font, and its caption, in every edition", () => {
    for (const edition of ["letter", "a4", "large"]) {
      const file = out(`sample/handouts/knee/knee.${edition}.pdf`);
      // pdfimages lists raster images: a vector figure (and the vector QR code) adds none.
      const images = execFileSync("pdfimages", ["-list", file], { encoding: "utf8" }).split("\n").slice(2).filter(Boolean);
      expect(images).toEqual([]);
      const text = pdfText(file).replace(/\s+/g, " ");
      // Two columns: the caption's last words may come after the other column's line in the text.
      expect(text).toContain("The sore area is inside the bone, just above the");
      // The drawing's own words are text in the PDF, not pixels.
      expect(text).toContain("Thigh bone");
      expect(text).toContain("Sore area");
    }
    const fonts = execFileSync("pdffonts", [out("sample/handouts/knee/knee.letter.pdf")], { encoding: "utf8" });
    expect(fonts).toMatch(/AtkinsonHyperlegible/i);
  });

  it("shows the same figure on a page at another depth of the site", () => {
    const html = readFileSync(out("sample/index.html"), "utf8");
    expect(html).toMatch(/<figure class="figure"[^>]*><svg [^>]*role="img"/);
    expect(html).toContain("<figcaption>Where the sore area is.</figcaption>");
  });

  it("refuses a figure on a patient handout without a caption, or without alt text, naming the file and line", () => {
    const text = handoutText();
    const line = lineOf(text, "../figures/knee.svg");
    const noCaption = contentProblems((c) => writeContent(c, HANDOUT, text.replace(/ "The sore area[^"]*"/, "")));
    expect(noCaption).toEqual([expect.stringMatching(new RegExp(`^content/${HANDOUT}:${line}: figure \`../figures/knee.svg\` has no caption`))]);
    const noAlt = contentProblems((c) => writeContent(c, HANDOUT, text.replace(/!\[The knee joint[^\]]*\]/, "![]")));
    expect(noAlt).toEqual([expect.stringMatching(new RegExp(`^content/${HANDOUT}:${line}: image \`../figures/knee.svg\` has no alt text`))]);
  });

  it.each([
    ["a <script>", '<script>alert(1)</script>', /a <script> element/],
    ["an onload= attribute", '<rect width="1" height="1" onload="alert(1)"/>', /the attribute onload on <rect> runs code/],
    ["an external href", '<image href="https://tracker.example.com/pixel.png" width="1" height="1"/>', /<image href="https:\/\/tracker\.example\.com\/pixel\.png"> points outside the drawing/],
  ])("refuses an SVG figure with %s, naming the file", (_name, markup, problem) => {
    const problems = contentProblems((c) => {
      const file = path.join(c, "sample/figures/knee.svg");
      writeFileSync(file, readFileSync(file, "utf8").replace("</svg>", `${markup}</svg>`));
    });
    // Every SVG under content/ is checked once, before anything is copied or inlined (src/content/content-files.ts).
    expect(problems).toEqual([expect.stringMatching(/^content\/sample\/figures\/knee\.svg: unsafe or broken SVG, line \d+: /)]);
    expect(problems[0]).toMatch(problem);
  });

  it.each([
    ["a <script>", '<script>alert(1)</script>', /a <script> element/],
    ["an onload= attribute", '<circle r="1" onload="alert(1)"/>', /the attribute onload on <circle> runs code/],
    ["an external href", '<use href="https://evil.example.com/x.svg#a"/>', /points outside the drawing/],
  ])("refuses a clinic logo SVG with %s, naming the file", (_name, markup, problem) => {
    const problems = contentProblems((c) => {
      writeFileSync(path.join(c, "_data/logo.svg"), `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">${markup}</svg>`);
      const clinic = JSON.parse(readFileSync(path.join(c, "_data/clinic.json"), "utf8")) as Record<string, string>;
      writeFileSync(path.join(c, "_data/clinic.json"), JSON.stringify({ ...clinic, logo: "_data/logo.svg" }));
    });
    expect(problems).toEqual([expect.stringMatching(/^content\/_data\/logo\.svg: unsafe or broken SVG, line 1: /)]);
    expect(problems[0]).toMatch(problem);
  });

  it("lets figures shrink to fit a long sheet, never below their legibility floor, and leaves a short sheet's figure whole", () => {
    expect(FIGURE_STEPS[0]).toBe(1);
    expect(Math.min(...FIGURE_STEPS)).toBe(0.55);
    const report = JSON.parse(readFileSync(out("render-report.json"), "utf8")) as RenderedPdf[];
    const printed = (file: string): RenderedPdf | undefined => report.find((r) => r.output === file);
    expect(printed("sample/handouts/knee/knee.letter.pdf")).toMatchObject({ pages: 1, fit: 1, figure: 1 });
    const long = printed("sample/handouts/long/long.letter.pdf");
    expect(long?.pages).toBe(1);
    expect(long?.figure).toBeLessThan(1);
    expect(long?.figure).toBeGreaterThanOrEqual(0.55);
    // Figures give way first at each type step: at full-size type the drawing shrinks, the words do not.
    expect(long?.fit).toBe(1);
    const css = readFileSync(path.join(repoRoot, "templates/assets/handout.css"), "utf8");
    // The step scales the drawing, the floor (read from the drawing by the build) bounds it.
    expect(css).toMatch(/\.sheet-body \.figure \.figure-art \{ width: clamp\(var\(--figure-floor\), calc\(100% \* var\(--figure-scale, 1\)\), 100%\)/);
  });
});

/** The knee handout's page in Chromium at print media, set like the renderer sets an edition, at its smallest steps. */
async function printedHandout(large: boolean): Promise<import("puppeteer-core").Page> {
  const page = await browser.newPage();
  const paper = PAPER.letter;
  await page.setViewport({ width: Math.floor(paper.widthPx), height: Math.floor(paper.heightPx) });
  await page.emulateMediaType("print");
  await page.goto(`${server.url}sample/handouts/knee/`, { waitUntil: "networkidle0" });
  await page.evaluate(
    async (isLarge, fit, figure) => {
      document.documentElement.classList.toggle("large-print", isLarge);
      document.documentElement.style.setProperty("--fit", String(fit));
      document.documentElement.style.setProperty("--figure-scale", String(figure));
      await document.fonts.ready;
    },
    large,
    Math.min(...FIT_STEPS[large ? "large" : "standard"]),
    Math.min(...FIGURE_STEPS),
  );
  return page;
}

describe("the plan box", () => {
  it.each([
    ["the standard sheet", false],
    ["large print", true],
  ])("prints tick boxes of at least 4 mm and write-in lines at least 8 mm apart on %s, even at the smallest type", async (_name, large) => {
    const page = await printedHandout(large);
    try {
      const measured = await page.evaluate(() => ({
        boxes: [...document.querySelectorAll(".plan-box .tick-input")].map((b) => b.getBoundingClientRect()).map((r) => ({ w: r.width, h: r.height })),
        lines: [...document.querySelectorAll(".plan-box .write-in-line")].map((l) => l.getBoundingClientRect().bottom),
        figure: (() => {
          const figure = document.querySelector<HTMLElement>(".sheet-body figure")!;
          return { art: figure.querySelector(".figure-art")!.getBoundingClientRect().width, floor: figure.dataset.floor ?? "" };
        })(),
      }));
      expect(measured.boxes).toHaveLength(3);
      for (const box of measured.boxes) {
        expect(box.w * MM_PER_PX).toBeGreaterThanOrEqual(4);
        expect(box.h * MM_PER_PX).toBeGreaterThanOrEqual(4);
      }
      expect(measured.lines).toHaveLength(2);
      expect((measured.lines[1]! - measured.lines[0]!) * MM_PER_PX).toBeGreaterThanOrEqual(8);
      // At the smallest steps the drawing still prints at its legibility floor (its smallest label about 7 pt).
      expect(measured.figure.floor).toMatch(/^\d+mm$/);
      expect(measured.figure.art * MM_PER_PX).toBeGreaterThanOrEqual(parseFloat(measured.figure.floor) - 0.5);
    } finally {
      await page.close();
    }
  });

  it("is a form on the web page: labelled checkboxes and text fields, no script", async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${server.url}sample/handouts/knee/`, { waitUntil: "networkidle0" });
      const fields = await page.evaluate(() =>
        [...document.querySelectorAll(".plan-box input")].map((input) => ({
          type: (input as HTMLInputElement).type,
          // The accessible name: the label around a checkbox, the aria-label of a write-in line.
          name: (input.closest("label")?.textContent ?? input.getAttribute("aria-label") ?? "").trim(),
        })),
      );
      expect(fields).toEqual([
        { type: "checkbox", name: "No weight on the leg" },
        { type: "checkbox", name: "Toe-touch only" },
        { type: "checkbox", name: "As much weight as feels OK" },
        { type: "text", name: "Pain medicine that is OK for me:" },
        { type: "text", name: "Next visit or scan:" },
      ]);
      await page.click(".plan-box .tick-input");
      await page.type(".plan-box .write-in-line", "Paracetamol");
      expect(await page.$eval(".plan-box .tick-input", (b) => (b as HTMLInputElement).checked)).toBe(true);
      expect(await page.$$eval("script", (s) => s.length)).toBe(0);
      expect(await page.$eval(".plan-box .box-title", (h) => h.textContent)).toBe("My plan");
    } finally {
      await page.close();
    }
  });
});

describe("the remember box and numbered steps", () => {
  it("prints the remember box shaded with its title, and ordered lists as numbered circles", async () => {
    const page = await printedHandout(false);
    try {
      const look = await page.evaluate(() => {
        const remember = document.querySelector(".remember-box")!;
        const step = document.querySelector(".sheet-body ol > li")!;
        const marker = getComputedStyle(step, "::before");
        return {
          title: remember.querySelector(".box-title")?.textContent,
          items: remember.querySelectorAll("li").length,
          shade: getComputedStyle(remember).backgroundColor,
          numeral: marker.content,
          radius: marker.borderRadius,
          markerWidthPx: Number.parseFloat(marker.width),
          steps: document.querySelectorAll(".sheet-body ol > li").length,
        };
      });
      expect(look).toMatchObject({ title: "Remember", items: 3, numeral: "counter(list-item)", radius: "50%", steps: 4 });
      expect(look.shade).not.toBe("rgba(0, 0, 0, 0)");
      // The numerals' circles are large: more than 4 mm across.
      expect(look.markerWidthPx * MM_PER_PX).toBeGreaterThan(4);
    } finally {
      await page.close();
    }
    const text = pdfText(out("sample/handouts/knee/knee.letter.pdf"));
    expect(text).toMatch(/1\s+Use your crutches/);
    expect(text).toMatch(/4\s+If pain is worse the next morning/);
  });
});

describe("glossary terms", () => {
  it("gives the first use of a term its definition on focus and hover, tied by aria-describedby, and never prints it", async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${server.url}sample/handouts/knee/`, { waitUntil: "networkidle0" });
      const hidden = await page.$eval(".term + .term-def", (d) => d.getBoundingClientRect().width);
      expect(hidden).toBeLessThanOrEqual(1);
      await page.focus(".term");
      const focused = await page.evaluate(() => {
        const term = document.activeElement!;
        const def = document.getElementById(term.getAttribute("aria-describedby") ?? "")!;
        return { term: term.textContent, def: def.textContent, width: def.getBoundingClientRect().width, role: def.getAttribute("role") };
      });
      expect(focused).toMatchObject({ term: "Bone marrow edema", def: "Extra fluid inside the soft, spongy middle of a bone. It shows up on an MRI scan.", role: "tooltip" });
      expect(focused.width).toBeGreaterThan(100);
    } finally {
      await page.close();
    }
    expect(pdfText(out("sample/handouts/knee/knee.letter.pdf"))).not.toContain("spongy");
  });

  it("finds the edema pages when searching for a synonym, “oedema”", async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${server.url}search/?q=oedema`, { waitUntil: "networkidle0" });
      await page.waitForSelector(".pagefind-ui__result-link", { timeout: 15_000 });
      const results = await page.$$eval(".pagefind-ui__result-link", (links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
      expect(results).toEqual(expect.arrayContaining(["/guide/sample/", "/guide/sample/handouts/knee/"]));
    } finally {
      await page.close();
    }
  });

  it("refuses a glossary entry without a definition, naming the file and line", () => {
    const problems = contentProblems((c) => writeContent(c, "sample/_data/terms.yaml", "- term: crutches\n  definition: Sticks.\n- term: brace\n"));
    expect(problems).toEqual([
      expect.stringMatching(/^content\/sample\/_data\/terms\.yaml:1: term 1, field `definition`: .*at least 10 characters/),
      expect.stringMatching(/^content\/sample\/_data\/terms\.yaml:3: term 2, field `definition`/),
    ]);
  });

  it("fails npm run check when a patient handout uses a term it does not define, naming the term and the line", async () => {
    const report = await runChecks({ outDir: fixture.out, contentDir: fixture.content, gates: ["terms"], only: ["knee", "rough"] });
    const rough = readFileSync(path.join(fixture.content, "sample/handouts/rough.md"), "utf8");
    expect(report.findings).toEqual([
      expect.objectContaining({
        gate: "terms",
        severity: "error",
        file: "content/sample/handouts/rough.md",
        line: lineOf(rough, "Bone marrow edema is common"),
        message: "uses the term “Bone marrow edema” without defining it on this handout",
      }),
    ]);
    expect(report.findings[0]?.fix).toContain("**Bone marrow edema** is extra fluid");
  });
});

describe("the pemat gate", () => {
  it("scores a handout with every part 100 %, and names each item a rough one misses", async () => {
    // The three-level help box is drawn by `![[red-flags]]` (another branch); here its markup stands in for it.
    const checked = path.join(fixture.dir, "pemat-out");
    cpSync(fixture.out, checked, { recursive: true });
    const file = path.join(checked, "sample/handouts/knee/index.html");
    // Its markup as the parts-print branch draws it (src/markdown/red-flags.ts there).
    const level = (name: string, call: string, sign: string): string =>
      `<div class="help-level help-${name}" data-help-level="${name}"><p class="help-head"><span class="help-call">${call}</span></p><ul><li>${sign}</li></ul></div>`;
    const help =
      '<div class="help-box" data-help-box="" role="group" aria-label="When to get help">' +
      level("emergency", 'Call <span class="phone">999</span> now', "Chest pain or sudden shortness of breath.") +
      level("today", 'Call us today: <span class="phone">555-0131</span>', "A hot, swollen knee.") +
      level("soon", 'Call us within 2 to 3 days: <span class="phone">555-0131</span>', "Pain that does not ease.") +
      "</div>";
    writeFileSync(file, readFileSync(file, "utf8").replace(/(<section class="remember-box")/, `${help}\n$1`));

    const report = await runChecks({ outDir: checked, contentDir: fixture.content, gates: ["pemat"], only: ["knee", "rough"] });
    const cell = (name: string) => report.rows.find((r) => r.doc.name === name)?.cells.get("pemat");
    expect(cell("knee")).toEqual({ text: "100%", status: "pass" });
    expect(report.findings.filter((f) => f.file.endsWith("knee.md"))).toEqual([]);

    // The patient's sheet as built prints no citation marks and no source list (handout.njk and handout.css hide
    // them in print), so PEMAT-P 2 and 6 pass on it...
    const built = report.findings.filter((f) => f.file === "content/sample/handouts/rough.md").map((f) => f.message);
    expect(built.filter((m) => /^PEMAT-P (2|6):/.test(m))).toEqual([]);
    expect(built).toHaveLength(8);
    // ...and a sheet that did print its citations (its patient class taken off, as before that change) fails both.
    const roughFile = path.join(checked, "sample/handouts/rough/index.html");
    writeFileSync(roughFile, readFileSync(roughFile, "utf8").replace(/(<html\b[^>]*class="[^"]*)\baudience-patient\b/, "$1"));
    const reprinted = await runChecks({ outDir: checked, contentDir: fixture.content, gates: ["pemat"], only: ["rough"] });
    const rough = reprinted.findings.filter((f) => f.file === "content/sample/handouts/rough.md").map((f) => f.message);
    expect(rough).toEqual([
      "PEMAT-P 1, 11: does not open with its key message (it starts with a h2)",
      "PEMAT-P 8, 9: has headings that are generic or long: “More”",
      "PEMAT-P 15, 16, 18: has no figure",
      "PEMAT-P 23: has no plan box or checklist for the patient to use",
      "PEMAT-P 22: gives no actions as numbered steps",
      "PEMAT-P 20, 21, 22: has no three-level “When to get help” box",
      expect.stringMatching(/^PEMAT-P 2: prints 1 citation mark\(s\) and \d+ source-list part\(s\)$/),
      expect.stringMatching(/^PEMAT-P 6: prints a superscript right after a number: “.*12 1”$/),
      "PEMAT-P 4: uses terms it does not define: “Bone marrow edema”",
      expect.stringMatching(/^PEMAT-P 8, 12: has bullets over 25 words: “This bullet is far too long for a…” \(3\d\)$/),
    ]);
    const score = Math.round((100 * (PEMAT_ITEMS.length - built.length)) / PEMAT_ITEMS.length);
    expect(cell("rough")).toEqual({ text: `${score}% key message, headings, figure, plan box, steps, help box, terms, bullets`, status: "fail" });
    expect(formatReport(report)).toMatch(/handout rough .*0% key message, headings/);
    const reprintedScore = Math.round((100 * (PEMAT_ITEMS.length - rough.length)) / PEMAT_ITEMS.length);
    expect(reprinted.rows.find((r) => r.doc.name === "rough")?.cells.get("pemat")).toEqual({
      text: `${reprintedScore}% key message, headings, figure, plan box, steps, help box, no citations in print, number+superscript, terms, bullets`,
      status: "fail",
    });
  });
});

describe("the Markdown for these parts", () => {
  const md = createMarkdown({
    hasReference: () => true,
    snippets: { read: () => undefined },
    termsFor: () => [{ term: "bone marrow edema", definition: "Extra fluid inside a bone.", synonyms: ["BME"] }],
  });
  const render = (text: string): string => md.render(text, { kind: "handout", page: { inputPath: path.join(repoRoot, "test/fixtures/parts-blocks/content/sample/handouts/knee.md") } });

  it("refuses a plan or remember box without a title, naming the file and line", () => {
    expect(() => render("Intro.\n\n::: plan\n- [ ] One\n:::\n")).toThrow(/knee\.md:\d+: `::: plan` needs a title after it, like `::: plan My plan`/);
    expect(() => render("::: remember\n- One\n:::\n")).toThrow(/`::: remember` needs a title/);
  });

  it("makes a line of underscores alone one more labelled line to write on, and keeps other lines as rows", () => {
    const html = render("::: plan Mi plan\nQuestions for my visit:\n\n____\n:::\n");
    expect(html).toContain('<h2 class="box-title" id="plan-box-1">Mi plan</h2>');
    expect(html).toContain('<p class="write-in"><input type="text" class="write-in-line" name="plan-1" aria-label="Questions for my visit: (continued)"></p>');
    expect(html).not.toContain("<hr>");
  });

  it("leaves underscores outside a plan box as written, and makes only the author's ordered lists steps", () => {
    const html = render("Write here: ____\n\n1. One\n2. Two\n");
    expect(html).toContain("Write here: ____");
    expect(html).toContain('<ol class="steps">');
  });

  it("wraps only the first use of a term, never in a heading or a link", () => {
    const html = render("## Bone marrow edema\n\nSee [BME](/x/). Then BME again, and bone marrow edema once more.\n");
    expect(html).toContain("<h2>Bone marrow edema</h2>");
    expect(html).toContain('<a href="/x/">BME</a>');
    expect(html.match(/class="term"/g)).toHaveLength(1);
    expect(html).toMatch(/Then <span class="term" tabindex="0" aria-describedby="term-1" data-synonyms="bone marrow edema, BME" data-pagefind-index-attrs="data-synonyms">BME<\/span><span class="term-def" role="tooltip" id="term-1">Extra fluid inside a bone.<\/span> again/);
  });

  it("inlines an SVG with presentation attributes for its styles, and refuses one with a <style> element", () => {
    const svg = inlineSvg('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="5" aria-labelledby="t"><title id="t">Own title</title><rect style="fill:#fff; stroke: #000"/></svg>', "fig1-a-", "A box");
    expect(svg).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 5" class="figure-art" role="img" aria-label="A box" focusable="false"><title id="fig1-a-t">Own title</title><rect fill="#fff" stroke="#000"/></svg>',
    );
    expect(() => inlineSvg('<svg viewBox="0 0 1 1"><style>rect{fill:red}</style></svg>', "p-", "x")).toThrow(/may not hold a <style> element/);
  });
});
