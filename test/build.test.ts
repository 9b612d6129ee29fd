/**
 * End to end: real Eleventy builds of a small fixture content folder, real Chromium, and the PDFs read back with
 * poppler. Slow by nature (seconds, not milliseconds); everything else is in the unit tests.
 */
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../src/build/build.ts";
import type { Manifest } from "../src/eleventy/manifest.ts";
import { copyFixture, repoRoot, writeContent } from "./helpers/fixtures.ts";
import { pdfFonts, pdfInfo, pdfLang, pdfText } from "./helpers/pdf.ts";
import { chromiumProcesses } from "./helpers/processes.ts";
import { runBuildCli } from "./helpers/cli.ts";
import { folderFingerprint } from "./helpers/snapshot.ts";

const fixture = copyFixture("basic");
let manifest: Manifest;

beforeAll(async () => {
  await build({ root: repoRoot, contentDir: fixture.content, outDir: fixture.out });
  manifest = JSON.parse(readFileSync(path.join(fixture.out, "manifest.json"), "utf8")) as Manifest;
});
afterAll(() => rmSync(fixture.dir, { recursive: true, force: true }));

const out = (file: string): string => path.join(fixture.out, file);

describe("a build of a small content folder", () => {
  it("writes the site pages and a manifest that lists every document with its files", () => {
    expect(existsSync(out("sample/index.html"))).toBe(true);
    expect(manifest.site).toMatchObject({ title: "Fixture guide", baseUrl: "https://fixture.example.org/guide/" });
    const bySlug = Object.fromEntries(manifest.artifacts.map((a) => [`${a.kind}:${a.slug}`, a]));
    expect(bySlug["page:index"]).toMatchObject({ html: "sample/index.html", audience: "patient", lang: "en", source: "content/sample/pages/index.md" });
    expect(bySlug["handout:short"]).toMatchObject({ html: "sample/handouts/short/index.html", pdf: { letter: "sample/handouts/short/short.letter.pdf", a4: "sample/handouts/short/short.a4.pdf" } });
    expect(bySlug["deck:intro"]).toMatchObject({ html: "sample/slides/intro/index.html", audience: "clinician", pdf: { slides: "sample/slides/intro/intro.pdf" } });
    for (const artifact of manifest.artifacts) expect(existsSync(out(artifact.html))).toBe(true);
  });

  it("prints each handout on exactly one Letter page and one A4 page", () => {
    const letter = pdfInfo(out("sample/handouts/short/short.letter.pdf"));
    expect(letter).toMatchObject({ pages: 1, widthPt: 612, heightPt: 792 });
    const a4 = pdfInfo(out("sample/handouts/short/short.a4.pdf"));
    expect(a4.pages).toBe(1);
    expect(a4.widthPt).toBeCloseTo(595, 0);
    expect(a4.heightPt).toBeCloseTo(842, 0);
  });

  it("writes tagged handout PDFs with title, author, subject and language", () => {
    const info = pdfInfo(out("sample/handouts/short/short.letter.pdf"));
    expect(info).toMatchObject({ tagged: true, title: "A short fixture handout", author: "Fixture Test Clinic", subject: "A one-page handout the tests print in Letter and A4." });
    expect(pdfLang(out("sample/handouts/short/short.letter.pdf"))).toBe("en");
  });

  it("embeds the project's own typeface in every PDF, with real bold, and no Type 3 or fallback font", () => {
    for (const file of ["sample/handouts/short/short.letter.pdf", "sample/handouts/short/short.a4.pdf", "sample/slides/intro/intro.pdf"]) {
      const fonts = pdfFonts(out(file));
      expect(fonts.length).toBeGreaterThan(0);
      for (const font of fonts) {
        expect(font.embedded).toBe(true);
        expect(font.type).not.toBe("Type 3");
        expect(font.name).toMatch(/AtkinsonHyperlegible/);
      }
      expect(fonts.some((f) => /Bold/.test(f.name))).toBe(true);
    }
  });

  it("puts the handout's words, the clinic's phone, the warning signs and the sources page's address on the page", () => {
    const text = pdfText(out("sample/handouts/short/short.letter.pdf"));
    expect(text).toContain("Rest the leg and call us if it gets worse");
    expect(text).toContain("555-0111");
    expect(text).toContain("You cannot stand on the leg at all");
    // A patient's sheet names where its sources are instead of listing them.
    expect(text).not.toMatch(/Sources:/);
    expect(text.replace(/\s+/g, " ")).toContain("How we checked this: fixture.example.org/guide/sources/sample/");
    expect(text).toContain("fixture.example.org/guide/sample/handouts/short/");
  });

  it("prints a deck to a 16:9 PDF with one page per slide, title and references included", () => {
    const info = pdfInfo(out("sample/slides/intro/intro.pdf"));
    // title, two content slides, patient handouts, references
    expect(info.pages).toBe(5);
    expect(info.widthPt / info.heightPt).toBeCloseTo(16 / 9, 2);
    expect(info.tagged).toBe(true);
    const text = pdfText(out("sample/slides/intro/intro.pdf"));
    expect(text).toContain("Second slide");
    expect(text).toContain("A first sample reference");
    expect(text).not.toContain("Say the first thing");
  });

  it("copies the self-hosted fonts and slide runtime, and links nothing off the site", () => {
    expect(existsSync(out("assets/fonts/atkinson-hyperlegible-latin-700-normal.woff2"))).toBe(true);
    expect(existsSync(out("assets/reveal/reveal.js"))).toBe(true);
    for (const artifact of manifest.artifacts) {
      const html = readFileSync(out(artifact.html), "utf8");
      for (const match of html.matchAll(/(?:src|href)="([^"]+)"/g)) {
        const url = match[1] ?? "";
        if (/^https?:/.test(url)) expect(url.startsWith("https://fixture.example.org/guide/") || /rel="canonical"/.test(html)).toBe(true);
        expect(url.startsWith("//")).toBe(false);
      }
      expect(html).not.toMatch(/<script[^>]+src="https?:/);
      expect(html).not.toMatch(/<link[^>]+rel="stylesheet"[^>]+href="https?:/);
    }
  });

  it("leaves no Chromium process behind after a successful build", () => {
    expect(chromiumProcesses()).toEqual([]);
  });
});

describe("a build that fails", () => {
  it("stops on an invalid front-matter field with the file and field named, a non-zero exit, and output/ untouched", async () => {
    const before = folderFingerprint(fixture.out);
    const broken = copyFixture("basic");
    try {
      writeContent(broken.content, "sample/handouts/short.md", readFileSync(path.join(fixture.content, "sample/handouts/short.md"), "utf8").replace("reviewed: 2026-01-10", "reviewed: soon"));
      const result = await runBuildCli(["--content", broken.content, "--out", fixture.out]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("content/sample/handouts/short.md:5");
      expect(result.stderr).toContain("field `reviewed` is invalid");
      expect(folderFingerprint(fixture.out)).toEqual(before);
    } finally {
      rmSync(broken.dir, { recursive: true, force: true });
    }
  });

  it("refuses a handout that cannot fit on one page, naming it and the overflow, and keeps the last good output", async () => {
    const before = folderFingerprint(fixture.out);
    const long = copyFixture("basic");
    try {
      const paragraph = "Keep weight off the sore leg, use your crutches as shown, and rest when the ache grows. ".repeat(6);
      const sections = Array.from({ length: 14 }, (_, i) => `## Part ${i + 1}\n\n${paragraph}\n`).join("\n");
      writeContent(long.content, "sample/handouts/short.md", readFileSync(path.join(fixture.content, "sample/handouts/short.md"), "utf8") + "\n" + sections);
      const result = await runBuildCli(["--content", long.content, "--out", fixture.out]);
      expect(result.code).toBe(4);
      expect(result.stderr).toMatch(/content\/sample\/handouts\/short\.md: handout "short" does not fit on one (Letter|A4) page/);
      expect(result.stderr).toMatch(/runs \d+ mm over/);
      expect(result.stderr).toMatch(/Cut about \d+ words/);
      expect(folderFingerprint(fixture.out)).toEqual(before);
      expect(chromiumProcesses()).toEqual([]);
    } finally {
      rmSync(long.dir, { recursive: true, force: true });
    }
  });

  it("closes Chromium and keeps the last good output when stopped with Ctrl-C while printing", async () => {
    const before = folderFingerprint(fixture.out);
    let signalled = false;
    const result = await runBuildCli(["--content", fixture.content, "--out", fixture.out], {
      onStdout: (text, child) => {
        // "site:" is printed when Eleventy is done and printing starts.
        if (!signalled && text.includes("site:")) {
          signalled = true;
          setTimeout(() => child.kill("SIGINT"), 150);
        }
      },
    });
    expect(signalled).toBe(true);
    expect(result.code).toBe(130);
    expect(result.stderr).toContain("Stopped by SIGINT");
    expect(chromiumProcesses()).toEqual([]);
    expect(folderFingerprint(fixture.out)).toEqual(before);
    expect(existsSync(`${fixture.out}.staging-`)).toBe(false);
  });
});
