/**
 * `npm run build -- --only deck-pdfs`: a deck's slides PDF and slides-with-notes PDF without the site. They must
 * be the full build's own: the same print page (byte for byte, for the fixture and the shipped decks, whose
 * "Patient handouts" slide reads the handouts), and PDFs with the same pages, page sizes, text on every page,
 * title, tags and rendered pixels. And like the full build it keeps the previous output when something is wrong.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../src/build/build.ts";
import { deckPdfsOnlyRun } from "../src/bench/run-bench.ts";
import { renderDeckPages } from "../src/build/deck-page-html.ts";
import { loadContent } from "../src/content/load-content.ts";
import { deckPdfPaths, deckPrintPath, documentUrl, htmlPathFor, type DocumentPlace } from "../src/content/urls.ts";
import { deckPrintPageHtml } from "../src/eleventy/deck-print-page.ts";
import { copyFixture, repoRoot } from "./helpers/fixtures.ts";
import { runBuildCli } from "./helpers/cli.ts";
import { pdfInfo } from "./helpers/pdf.ts";

const fixture = copyFixture("decks");
const full = path.join(fixture.dir, "full");
const only = path.join(fixture.dir, "only");
/** The fixture's deck: its PDFs sit beside its page, `rounds/slides/grand-rounds/grand-rounds.pdf`. */
const DECK: DocumentPlace = { topic: "rounds", kind: "deck", slug: "grand-rounds" };
afterAll(() => rmSync(fixture.dir, { recursive: true, force: true }));

/** Every file under `dir`, relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

/** The text of each page, as poppler reads it. */
function textPerPage(file: string): string[] {
  const pages = pdfInfo(file).pages;
  return Array.from({ length: pages }, (_, i) => execFileSync("pdftotext", ["-layout", "-f", String(i + 1), "-l", String(i + 1), file, "-"], { encoding: "utf8" }));
}

/** Each page drawn by poppler at a low resolution, as PNG bytes (the same pixels give the same bytes). */
function renders(file: string): Buffer[] {
  const dir = mkdtempSync(path.join(tmpdir(), "handouts-deck-renders-"));
  try {
    execFileSync("pdftoppm", ["-png", "-r", "24", file, path.join(dir, "page")]);
    return readdirSync(dir).sort().map((name) => readFileSync(path.join(dir, name)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("the deck PDFs alone (--only deck-pdfs)", () => {
  let cli: Awaited<ReturnType<typeof runBuildCli>>;
  beforeAll(async () => {
    await build({ root: repoRoot, contentDir: fixture.content, outDir: full });
    cli = await runBuildCli(["--content", fixture.content, "--out", only, "--only", "deck-pdfs", "--no-cache"]);
  }, 180_000);

  it("writes each deck's slides PDF and notes PDF and its render report, and nothing of the site", () => {
    expect(cli.code, cli.stderr).toBe(0);
    const pdfs = deckPdfPaths(DECK);
    expect(filesUnder(only)).toEqual(["render-report.json", pdfs.notes, pdfs.slides].sort());
    expect(cli.stdout).toMatch(/Built 2 PDFs of 1 decks? into/);
  });

  it("prints the same PDFs as the full build: pages, page sizes, text on every page, title, tags and pixels", () => {
    for (const file of Object.values(deckPdfPaths(DECK))) {
      const ours = path.join(only, file);
      const theirs = path.join(full, file);
      const info = pdfInfo(ours);
      expect(info, file).toEqual(pdfInfo(theirs));
      expect(info.tagged).toBe(true);
      expect(info.title).not.toBe("");
      expect(info.pages).toBeGreaterThan(3);
      const text = textPerPage(ours);
      expect(text, file).toEqual(textPerPage(theirs));
      expect(text.join("")).toContain("Patient handouts");
      const pictures = renders(ours);
      const fullPictures = renders(theirs);
      expect(pictures.length).toBe(info.pages);
      expect(pictures.map((png, page) => (png.equals(fullPictures[page]!) ? "same" : `page ${page + 1} differs`))).toEqual(pictures.map(() => "same"));
    }
    // The 16:9 slides, one a page.
    const slides = pdfInfo(path.join(only, deckPdfPaths(DECK).slides));
    expect(slides.widthPt / slides.heightPt).toBeCloseTo(16 / 9, 3);
  });

  it("keeps the previous output when a deck has a mistake, and says what to fix in one line", async () => {
    const out = path.join(fixture.dir, "kept");
    mkdirSync(out, { recursive: true });
    writeFileSync(path.join(out, "previous.txt"), "the last good build");
    const deck = path.join(fixture.content, "rounds", "decks", "grand-rounds.md");
    const original = readFileSync(deck, "utf8");
    try {
      writeFileSync(deck, `${original}\n---\n\n## Unknown source\n\n- A claim [@no-such-key]\n\nNote: said aloud.\n`);
      const result = await runBuildCli(["--content", fixture.content, "--out", out, "--only", "deck-pdfs", "--no-cache"]);
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain("grand-rounds.md");
      expect(result.stderr).toContain("no-such-key");
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(filesUnder(out)).toEqual(["previous.txt"]);
      expect(readdirSync(fixture.dir).filter((name) => name.startsWith("kept."))).toEqual([]);
    } finally {
      writeFileSync(deck, original);
    }
  }, 120_000);

  it("is listed by --help, and an unknown part is refused in one line", async () => {
    const help = await runBuildCli(["--help"]);
    expect(help.stdout).toMatch(/--only deck-pdfs/);
    const wrong = await runBuildCli(["--content", fixture.content, "--out", path.join(fixture.dir, "never"), "--only", "slides"]);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr.trim().split("\n")[0]).toMatch(/--only.*deck-pdfs/);
    expect(existsSync(path.join(fixture.dir, "never"))).toBe(false);
  }, 60_000);
});

describe("npm run bench on the deck PDFs alone", () => {
  it("reports how many PDFs it printed and a time for each deck PDF and notes PDF", async () => {
    const figures = await deckPdfsOnlyRun({ root: repoRoot, contentDir: fixture.content, checks: false });
    expect(figures?.pdfs).toBe(2);
    for (const ms of [figures!.deckPdfMs, figures!.notesPdfMs, figures!.pagesMs, figures!.pdfsMs]) expect(ms).toBeGreaterThan(0);
    expect(figures!.totalMs).toBeGreaterThanOrEqual(figures!.pdfsMs);
  }, 120_000);
});

describe("a deck's page rendered without Eleventy", () => {
  // The shipped decks (whose "Patient handouts" slide reads the handouts) and a deck in Spanish on an English site
  // (its address under /es/, its interface strings and dates in Spanish).
  const cases = [
    { name: "the shipped decks", contentDir: path.join(repoRoot, "content"), handouts: true },
    { name: "the Spanish fixture's deck", contentDir: path.join(repoRoot, "test", "fixtures", "spanish", "content"), handouts: false },
  ];
  for (const { name, contentDir, handouts } of cases) {
    it(`gives ${name} the print page the full build writes, byte for byte`, async () => {
      const out = mkdtempSync(path.join(tmpdir(), "handouts-deck-pages-site-"));
      try {
        await build({ root: repoRoot, contentDir, outDir: out, skipPdfs: true });
        const pages = await renderDeckPages(loadContent(contentDir));
        expect(pages.length).toBeGreaterThan(0);
        for (const { place, html } of pages) {
          const written = readFileSync(path.join(out, deckPrintPath(place)), "utf8");
          if (handouts) expect(written).toContain("slide-handouts");
          const file = htmlPathFor(documentUrl(place));
          expect(deckPrintPageHtml(html, file) === written, file).toBe(true);
        }
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    }, 120_000);
  }

  it("puts a deck in another language at its prefixed address", async () => {
    const pages = await renderDeckPages(loadContent(path.join(repoRoot, "test", "fixtures", "spanish", "content")));
    const spanish = pages.find((page) => page.place.lang === "es");
    expect(spanish && documentUrl(spanish.place)).toMatch(/^\/es\//);
    expect(spanish?.html).toMatch(/<html lang="es"/);
  }, 60_000);
});
