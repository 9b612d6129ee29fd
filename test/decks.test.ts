/**
 * Decks as a clinician meets them: a fixture deck built with its PDFs and presented in real Chromium at 1280×720,
 * opened from disk and from a sub-path on a web server; the shipped decks checked the same way; and the build
 * refusing a slide that cannot fit.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import puppeteer, { type Browser, type Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../src/build/build.ts";
import type { Manifest } from "../src/eleventy/manifest.ts";
import { findBrowser } from "../src/pdf/find-browser.ts";
import { CHROMIUM_ARGS, withBrowser } from "../src/pdf/launch-browser.ts";
import { MIN_NOTES_SHARE, notesError, overflowError, type SlideReport } from "../src/pdf/print-deck.ts";
import { copyFixture, repoRoot, writeContent } from "./helpers/fixtures.ts";
import { pdfFonts, pdfInfo, pdfText, pdfWords } from "./helpers/pdf.ts";
import { writeDecksOnlyContent } from "../src/bench/decks-only.ts";
import { deckPrintPageHtml } from "../src/eleventy/deck-print-page.ts";

const fixture = copyFixture("decks");
const shippedOut = mkdtempSync(path.join(tmpdir(), "handouts-shipped-decks-"));
/** The shipped decks alone (src/bench/decks-only.ts), built with their PDFs. */
const decksOnly = mkdtempSync(path.join(tmpdir(), "handouts-decks-only-"));
/** The site is hosted below the server's root, as on a clinic's own web site. */
const SUB_PATH = "/teaching/rounds/";
let manifest: Manifest;
let shippedManifest: Manifest;
let browser: Browser;
let server: Server;
let serverUrl: string;

/** A plain static server for a built folder under SUB_PATH: the deck must find everything by relative URLs. */
function serveFolder(dir: string): Promise<{ server: Server; url: string }> {
  const types: Record<string, string> = { ".html": "text/html", ".css": "text/css", ".js": "text/javascript", ".svg": "image/svg+xml", ".woff2": "font/woff2", ".json": "application/json" };
  const server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    let relative = pathname.startsWith(SUB_PATH) ? pathname.slice(SUB_PATH.length) : undefined;
    if (relative !== undefined && (relative === "" || relative.endsWith("/"))) relative += "index.html";
    const file = relative === undefined ? undefined : path.resolve(dir, relative);
    if (!file || !file.startsWith(path.resolve(dir) + path.sep)) {
      response.writeHead(404).end();
      return;
    }
    readFile(file).then(
      (body) => response.writeHead(200, { "content-type": types[path.extname(file)] ?? "application/octet-stream" }).end(body),
      () => response.writeHead(404).end(),
    );
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      resolve({ server, url: `http://127.0.0.1:${port}${SUB_PATH}` });
    });
  });
}

interface OpenDeck {
  page: Page;
  /** Every URL the page asked for, and the ones that failed or were missing. */
  requests: string[];
  failures: string[];
}

/** Opens a deck as a presenter would, at 1280×720, and waits until reveal.js has started. */
async function openDeck(url: string): Promise<OpenDeck> {
  const page = await browser.newPage();
  const requests: string[] = [];
  const failures: string[] = [];
  page.on("request", (request) => void requests.push(request.url()));
  page.on("requestfailed", (request) => void failures.push(request.url()));
  page.on("response", (response) => {
    if (response.status() >= 400) failures.push(`${response.status()} ${response.url()}`);
  });
  page.on("pageerror", (error) => void failures.push(`page error: ${String(error)}`));
  await page.setViewport({ width: 1280, height: 720 });
  await page.goto(url, { waitUntil: "load" });
  await page.waitForFunction(() => (window as unknown as { Reveal?: { isReady(): boolean } }).Reveal?.isReady() === true);
  return { page, requests, failures };
}

interface Measured {
  total: number;
  over: { slide: number; height: number; width: number }[];
  fitted: number[];
  references: number;
}

/** Walks every slide on screen and measures its content against its box, as the build does in print. */
function measureEverySlide(page: Page): Promise<Measured> {
  return page.evaluate(() => {
    const reveal = (window as unknown as { Reveal: { getTotalSlides(): number; slide(h: number): void; getCurrentSlide(): HTMLElement } }).Reveal;
    const total = reveal.getTotalSlides();
    const result: Measured = { total, over: [], fitted: [], references: 0 };
    for (let h = 0; h < total; h++) {
      reveal.slide(h);
      const slide = reveal.getCurrentSlide();
      const body = slide.querySelector<HTMLElement>(":scope > .slide-body")!;
      const height = body.scrollHeight - body.clientHeight;
      const width = body.scrollWidth - body.clientWidth;
      if (height > 1 || width > 1) result.over.push({ slide: h + 1, height, width });
      if (body.dataset["fit"]) result.fitted.push(h + 1);
      if (slide.classList.contains("slide-references")) result.references++;
    }
    reveal.slide(0);
    return result;
  });
}

const indices = (page: Page): Promise<{ h: number; v: number }> =>
  page.evaluate(() => (window as unknown as { Reveal: { getIndices(): { h: number; v: number } } }).Reveal.getIndices());

/** pdftotext in the order the text was drawn, so a slide's notes read as one run beside its picture; or one page. */
const drawnText = (file: string, page?: number): string =>
  execFileSync("pdftotext", ["-raw", ...(page ? ["-f", String(page), "-l", String(page)] : []), file, "-"], { encoding: "utf8" });

const deckFile = (out: string, slug: string, topic = "rounds"): string => path.join(out, topic, "slides", slug, "index.html");

/**
 * The words drawn inside each slide's miniature in a slides-with-notes PDF, by slide number. A miniature sits left
 * of its row's "SLIDE n" label, from the label's top down by the height of the picture (300 × 168.75 px).
 */
function miniatureWords(notesPdf: string): Map<number, string[]> {
  const words = pdfWords(notesPdf);
  const found = new Map<number, string[]>();
  for (const page of new Set(words.map((w) => w.page))) {
    const on = words.filter((w) => w.page === page);
    // Row labels stand right of the picture; the full-width handouts and references blocks put theirs at the margin.
    const labels = on.flatMap((w, i) => (w.text === "SLIDE" && /^\d+$/.test(on[i + 1]?.text ?? "") && w.xMin > 200 ? [{ number: Number(on[i + 1]!.text), x: w.xMin, y: w.yMin }] : []));
    for (const label of labels) {
      found.set(label.number, on.filter((w) => w.xMax < label.x - 4 && w.yMin >= label.y - 4 && w.yMax <= label.y + 135).map((w) => w.text));
    }
  }
  return found;
}

/** The words on one page of a slides PDF, without the page number printed in its corner. */
function slideWords(slidesPdf: string, page: number): string[] {
  const { widthPt, heightPt } = pdfInfo(slidesPdf);
  return pdfWords(slidesPdf, page)
    .filter((w) => !(/^\d+$/.test(w.text) && w.yMin > heightPt * 0.92 && w.xMin > widthPt * 0.9))
    .map((w) => w.text);
}

/** Every slide pictured in the notes PDF holds exactly the words of its page in the slides PDF; returns how many were compared. */
function expectMiniaturesMatchSlides(slidesPdf: string, notesPdf: string): number {
  const miniatures = miniatureWords(notesPdf);
  for (const [number, words] of miniatures) {
    expect([...words].sort(), `slide ${number} of ${path.basename(notesPdf)}`).toEqual(slideWords(slidesPdf, number).sort());
  }
  return miniatures.size;
}

/**
 * Chromium processes this test process started and left running. Only our own children count: other test runs
 * on the same machine may have a browser open at the same moment.
 */
function ourChromium(): string[] {
  try {
    return execFileSync("pgrep", ["-a", "-P", String(process.pid)], { encoding: "utf8" })
      .split("\n")
      .filter((line) => /chrom/.test(line));
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

beforeAll(async () => {
  await build({ root: repoRoot, contentDir: fixture.content, outDir: fixture.out });
  await build({ root: repoRoot, contentDir: path.join(repoRoot, "content"), outDir: shippedOut, skipPdfs: true });
  writeDecksOnlyContent(path.join(repoRoot, "content"), path.join(decksOnly, "content"));
  await build({ root: repoRoot, contentDir: path.join(decksOnly, "content"), outDir: path.join(decksOnly, "output") });
  manifest = JSON.parse(readFileSync(path.join(fixture.out, "manifest.json"), "utf8")) as Manifest;
  shippedManifest = JSON.parse(readFileSync(path.join(shippedOut, "manifest.json"), "utf8")) as Manifest;
  ({ server, url: serverUrl } = await serveFolder(fixture.out));
  browser = await puppeteer.launch({ executablePath: findBrowser(), headless: true, args: CHROMIUM_ARGS });
});

describe("a deck presented in Chromium at 1280×720", () => {
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  const where = [
    ["opened from disk with no server", () => pathToFileURL(deckFile(fixture.out, "grand-rounds")).href, "file:"],
    ["hosted under a sub-path", () => `${serverUrl}rounds/slides/grand-rounds/`, "http:"],
  ] as const;

  it.each(where)("advances on the right-arrow key, %s, asking for nothing outside the site", async (_, url, protocol) => {
    const deck = await openDeck(url());
    try {
      expect(await indices(deck.page)).toMatchObject({ h: 0, v: 0 });
      await deck.page.keyboard.press("ArrowRight");
      await deck.page.waitForFunction(() => (window as unknown as { Reveal: { getIndices(): { h: number } } }).Reveal.getIndices().h === 1);
      await deck.page.keyboard.press("ArrowRight");
      await deck.page.waitForFunction(() => (window as unknown as { Reveal: { getIndices(): { h: number } } }).Reveal.getIndices().h === 2);
      await deck.page.keyboard.press("ArrowLeft");
      await deck.page.waitForFunction(() => (window as unknown as { Reveal: { getIndices(): { h: number } } }).Reveal.getIndices().h === 1);
      expect(deck.failures).toEqual([]);
      const origin = protocol === "file:" ? "file:" : new URL(serverUrl).origin;
      expect(deck.requests.filter((r) => !r.startsWith(origin) && !r.startsWith("data:"))).toEqual([]);
      // The runtime, the theme and the typeface all came from the built folder.
      expect(deck.requests.some((r) => r.endsWith("/assets/reveal/reveal.js"))).toBe(true);
      expect(deck.requests.some((r) => r.endsWith(".woff2"))).toBe(true);
    } finally {
      await deck.page.close();
    }
  });

  it.each(where)("opens the speaker view on \"s\" with the current slide's notes, %s", async (_, url) => {
    const deck = await openDeck(url());
    try {
      await deck.page.keyboard.press("ArrowRight");
      const popup = browser.waitForTarget((target) => target.opener() === deck.page.target(), { timeout: 10_000 });
      await deck.page.keyboard.press("s");
      const speaker = await (await popup).page();
      expect(speaker).not.toBeNull();
      try {
        // The speaker view has connected to the deck: it shows this slide's notes and previews of the slides.
        await speaker!.waitForFunction(
          () => (document.querySelector(".speaker-controls-notes .value")?.textContent ?? "").includes("Open with the first speaker note"),
          { timeout: 10_000 },
        );
        expect(await speaker!.$$eval("#current-slide iframe, #upcoming-slide iframe", (frames) => frames.length)).toBe(2);
        // The notes are set in the deck's typeface, and their citation numbers are not the browser's blue links.
        await speaker!.waitForFunction(() => "deckStyled" in document.documentElement.dataset, { timeout: 5_000 });
        const notes = await speaker!.$eval(".speaker-controls-notes .value", (value) => {
          const cite = value.querySelector("sup.cite a");
          return {
            font: getComputedStyle(value).fontFamily,
            cite: cite ? { color: getComputedStyle(cite).color, line: getComputedStyle(cite).textDecorationLine } : null,
          };
        });
        expect(notes.font).toMatch(/^"Atkinson Hyperlegible"/);
        expect(notes.cite).toEqual({ color: "rgb(79, 91, 103)", line: "none" });

      } finally {
        await speaker!.close();
      }
    } finally {
      await deck.page.close();
    }
  });

  it("shows a 4:3 screen's letterbox bands in grey around the white slide, its colour bar on the slide's top edge", async () => {
    const deck = await openDeck(pathToFileURL(deckFile(fixture.out, "grand-rounds")).href);
    try {
      await deck.page.setViewport({ width: 1024, height: 768 });
      await deck.page.keyboard.press("ArrowRight");
      await new Promise((resolve) => setTimeout(resolve, 400));
      const look = await deck.page.evaluate(() => {
        const body = document.querySelector(".present > .slide-body")!;
        const box = body.getBoundingClientRect();
        return {
          band: getComputedStyle(document.querySelector(".reveal-viewport")!).backgroundColor,
          slide: getComputedStyle(body).backgroundColor,
          top: Math.round(box.top),
          bottom: Math.round(innerHeight - box.bottom),
        };
      });
      // 16:9 at 1024 wide is 576 high: 96 px of band above and below, the slide centred.
      expect(look.top).toBe(96);
      expect(look.bottom).toBe(96);
      expect(look.slide).toBe("rgb(255, 255, 255)");
      expect(look.band).not.toBe("rgb(255, 255, 255)");
    } finally {
      await deck.page.close();
    }
  });

  it("fits every slide in its box: a long slide is set a step smaller, and references run on to a second slide", async () => {
    const deck = await openDeck(pathToFileURL(deckFile(fixture.out, "grand-rounds")).href);
    try {
      const measured = await measureEverySlide(deck.page);
      expect(measured.over).toEqual([]);
      // Title, six slides, patient handouts and the references, which need three slides for 24 sources at 19 px.
      expect(measured.total).toBe(11);
      expect(measured.references).toBe(3);
      // Slide 2 holds a figure below its bullets (the PowerPoint's picture test): it is set a step smaller, figure too.
      expect(measured.fitted).toEqual([2, 5]);
      // The slides PDF has exactly the slides shown on screen.
      expect(pdfInfo(path.join(fixture.out, "rounds/slides/grand-rounds/grand-rounds.pdf")).pages).toBe(measured.total);
    } finally {
      await deck.page.close();
    }
  });

  it("shows a scannable QR code for each related handout, pointing at the handout's public address", () => {
    const html = readFileSync(deckFile(fixture.out, "grand-rounds"), "utf8");
    const slide = /<section class="slide-handouts[\s\S]*?<\/section>/.exec(html)?.[0] ?? "";
    expect(slide.match(/<svg[^>]+role="img"/g)).toHaveLength(2);
    expect(slide).toContain('aria-label="QR code for the handout: Resting a sore bone"');
    expect(slide.replace(/<wbr>/g, "")).toContain("decks.example.org/teaching/rounds/rounds/handouts/walking/");
    // The address wraps only after a / or a . (never "…/ov|erview/"): <wbr> marks where, in a span that breaks nowhere else.
    expect(slide).toContain('<span class="handout-url"><span class="url">decks.<wbr>example.<wbr>org/<wbr>teaching/<wbr>rounds/<wbr>rounds/<wbr>handouts/<wbr>walking/</span></span>');
    // Links stay relative, so the deck works from disk and under any sub-path.
    expect(slide).toContain('href="../../handouts/rest/index.html"');
  });

  it.each(["recognition", "management"])("keeps every slide of the shipped %s deck inside its box and advances on the right arrow", async (slug) => {
    const deck = await openDeck(pathToFileURL(deckFile(shippedOut, slug, "bone-marrow-edema")).href);
    try {
      const measured = await measureEverySlide(deck.page);
      expect(measured.over).toEqual([]);
      expect(measured.total).toBeGreaterThan(20);
      await deck.page.keyboard.press("ArrowRight");
      await deck.page.waitForFunction(() => (window as unknown as { Reveal: { getIndices(): { h: number } } }).Reveal.getIndices().h === 1);
      expect(deck.failures).toEqual([]);
    } finally {
      await deck.page.close();
    }
  });
});

describe("the deck's PDFs", () => {
  const slides = (): string => path.join(fixture.out, "rounds/slides/grand-rounds/grand-rounds.pdf");
  const notes = (): string => path.join(fixture.out, "rounds/slides/grand-rounds/grand-rounds.notes.pdf");

  it("lists the slides PDF and the notes handout in the manifest", () => {
    const deck = manifest.artifacts.find((a) => a.kind === "deck" && a.slug === "grand-rounds");
    expect(deck?.pdf).toEqual({ slides: "rounds/slides/grand-rounds/grand-rounds.pdf", notes: "rounds/slides/grand-rounds/grand-rounds.notes.pdf" });
    expect(manifest.site.paper).toBe("a4");
  });

  it("prints the slides 16:9, one page per slide, tagged and titled, without the speaker notes", () => {
    const info = pdfInfo(slides());
    expect(info.pages).toBe(11);
    expect(info.tagged).toBe(true);
    expect(info.title).toBe("Fixture grand rounds: resting sore bones");
    expect(info.widthPt / info.heightPt).toBeCloseTo(16 / 9, 3);
    const text = pdfText(slides());
    expect(text).toContain("What the studies show");
    expect(text).toContain("References (continued)");
    expect(text).not.toContain("Open with the first speaker note");
  });

  it("prints the notes handout on the clinic's paper (A4) with every slide's notes, two or three slides a page", () => {
    const info = pdfInfo(notes());
    expect(info.widthPt).toBeCloseTo(595, 0);
    expect(info.heightPt).toBeCloseTo(842, 0);
    expect(info.tagged).toBe(true);
    expect(info.title).toBe("Fixture grand rounds: resting sore bones (slides with speaker notes)");
    const text = drawnText(notes()).replace(/\s+/g, " ");
    for (const note of [
      "Open with the first speaker note: rest is the first step for every patient",
      "The second speaker note says the trials were small",
      "The third speaker note lists what cannot wait",
      "The fourth speaker note",
      "The sixth speaker note closes the talk",
      "A short deck the tests present, print and check",
    ]) {
      expect(text).toContain(note);
    }
    // The header says who gives the talk, where and when, each on its line; the speaker view's pointer to these
    // files is not printed.
    expect(drawnText(notes(), 1)).toMatch(/Dr Ada Fixture, sports medicine\s*\n\s*Fixture grand rounds · March 5, 2026/);
    expect(text).not.toContain("Prebuilt files");
    // Slide words are in it too, and the sources in full.
    expect(text).toContain("What the studies show");
    expect(text).toContain("Fixture study number 24");
    const perPage = Array.from({ length: info.pages }, (_, i) => (drawnText(notes(), i + 1).match(/SLIDE \d+/g) ?? []).length);
    // Title + 6 slides + handouts as rows (references start their own page): 3, 3, 2 and the sources.
    expect(perPage.slice(0, 3)).toEqual([3, 3, 2]);
    expect(perPage.every((n) => n <= 3)).toBe(true);
  });

  it("prints both PDFs from the deck's static print page, which loads no reveal.js and prints 16:9 pages, one per slide, with the browser's own print", async () => {
    // The presentation's browser is closed by now: this test has one of its own.
    await withBrowser(findBrowser(), async (own) => {
      const page = await own.newPage();
      const requests: string[] = [];
      page.on("request", (request) => void requests.push(request.url()));
      await page.goto(pathToFileURL(path.join(fixture.out, "rounds/slides/grand-rounds/print.html")).href, { waitUntil: "load" });
      await page.waitForSelector("html[data-print-ready]");
      const boxes = await page.$$eval(".reveal .slides > .pdf-page", (pages) =>
        pages.map((p) => {
          const section = p.querySelector<HTMLElement>(":scope > section")!;
          return { width: section.offsetWidth, body: section.querySelector<HTMLElement>(".slide-body")!.getBoundingClientRect().height, fit: section.querySelector<HTMLElement>(".slide-body")!.dataset["fit"] ?? null };
        }),
      );
      expect(requests.some((r) => r.includes("reveal.js") || r.includes("deck.js"))).toBe(false);
      // Every slide a 1280×720 box, the long slide set a step smaller as in the presentation, the sources run on.
      expect(boxes).toHaveLength(11);
      expect(boxes.every((b) => b.width === 1280 && b.body === 720)).toBe(true);
      expect(boxes.flatMap((b, i) => (b.fit ? [i + 1] : []))).toEqual([2, 5]);
      // Printed as a browser prints it, with nothing but the page's own CSS: 16:9, one page per slide.
      const file = path.join(fixture.dir, "browser-print.pdf");
      await page.pdf({ path: file, preferCSSPageSize: true, printBackground: true });
      const info = pdfInfo(file);
      expect(info.pages).toBe(11);
      expect(info.widthPt / info.heightPt).toBeCloseTo(16 / 9, 3);
    });
  });

  it("opens the slides-with-notes handout from the deck's ?print-notes address: the print page's notes layout, the one the notes PDF is printed from", async () => {
    await withBrowser(findBrowser(), async (own) => {
      const page = await own.newPage();
      await page.goto(`${pathToFileURL(path.join(fixture.out, "rounds/slides/grand-rounds/index.html")).href}?print-notes`, { waitUntil: "load" });
      await page.waitForSelector("html[data-notes-ready]");
      expect(new URL(page.url()).pathname.endsWith("/slides/grand-rounds/print.html")).toBe(true);
      expect(new URL(page.url()).search).toBe("?notes");
      expect(await page.$$eval(".nh-row", (rows) => rows.length)).toBeGreaterThan(0);
    });
  });

  it("pictures each slide in the notes PDF as the slide itself: every miniature holds exactly the words of that slide's page", () => {
    // Title and the six written slides have rows; the handouts and references are set full width instead.
    expect(expectMiniaturesMatchSlides(slides(), notes())).toBe(7);
  });

  it("embeds only the deck's typeface, with real bold and italic, in both PDFs", () => {
    for (const file of [slides(), notes()]) {
      const fonts = pdfFonts(file);
      expect(fonts.every((f) => f.embedded && /AtkinsonHyperlegible/.test(f.name) && f.type !== "Type 3")).toBe(true);
      expect(fonts.some((f) => /Bold/.test(f.name))).toBe(true);
      expect(fonts.some((f) => /Italic/.test(f.name))).toBe(true);
    }
  });
});

describe("the shipped decks' PDFs", () => {
  const pdfs = (slug: string): { slides: string; notes: string } => ({
    slides: path.join(decksOnly, "output/bone-marrow-edema/slides", slug, `${slug}.pdf`),
    notes: path.join(decksOnly, "output/bone-marrow-edema/slides", slug, `${slug}.notes.pdf`),
  });

  it.each(["management", "recognition"])("pictures every slide of the %s deck in its notes PDF with exactly the words of its page in the slides PDF", (slug) => {
    const { slides, notes } = pdfs(slug);
    // Every slide but the references (full width in the notes) has its miniature.
    const references = Array.from({ length: pdfInfo(slides).pages }, (_, i) => i + 1).filter((n) => slideWords(slides, n).join(" ").startsWith("References"));
    expect(expectMiniaturesMatchSlides(slides, notes)).toBe(pdfInfo(slides).pages - references.length);
  });

  it("prints a drug's name whole in the first column of the management deck's drug table, not \"Bisphosphon / ates\"", () => {
    const { slides } = pdfs("management");
    const number = Array.from({ length: pdfInfo(slides).pages }, (_, i) => i + 1).find((n) => slideWords(slides, n).slice(0, 2).join(" ") === "Drug adjuncts");
    expect(number).toBeDefined();
    const words = slideWords(slides, number!);
    expect(words).toContain("Bisphosphonates");
    expect(words.filter((word) => /^Bisphosphon.+[^s]$|^Bisphosphon$/.test(word))).toEqual([]);
  });

  // Slide 19 when issue 15 was filed; the clinical revision added slides before it, so it is found by its heading.
  it("keeps the last bullet of the management deck's slide \"What to tell patients\" in its miniature", () => {
    const { slides, notes } = pdfs("management");
    const number = Array.from({ length: pdfInfo(slides).pages }, (_, i) => i + 1).find((n) => slideWords(slides, n).slice(0, 4).join(" ") === "What to tell patients");
    expect(number).toBeDefined();
    const words = miniatureWords(notes).get(number!) ?? [];
    expect(words.slice(0, 4).join(" ")).toBe("What to tell patients");
    expect(words.join(" ")).toContain("Ask about other treatments.");
  });
});

describe("speaker notes coverage", () => {
  it("gives at least 80 % of the slides in every shipped deck speaker notes", () => {
    const decks = shippedManifest.artifacts.filter((a) => a.kind === "deck");
    expect(decks.length).toBeGreaterThan(0);
    for (const deck of decks) {
      const html = readFileSync(path.join(shippedOut, deck.html), "utf8");
      const sections = html.match(/<section\b[^>]*>/g) ?? [];
      const authored = sections.filter((s) => s.includes("slide-content"));
      const withoutNotes = authored.filter((s) => s.includes("data-no-notes"));
      expect(authored.length).toBeGreaterThan(10);
      expect((authored.length - withoutNotes.length) / authored.length, deck.slug).toBeGreaterThanOrEqual(MIN_NOTES_SHARE);
    }
  });

  it("refuses a deck where fewer than 80 % of the written slides have notes, naming those slides", () => {
    const slide = (number: number, hasNotes: boolean): SlideReport => ({ number, heading: `Slide ${number}`, line: number * 10, authored: true, hasNotes, overHeight: 0, overWidth: 0 });
    const job = { source: "content/x/decks/talk.md", slug: "talk" };
    expect(notesError(job, [slide(2, true), slide(3, true), slide(4, true), slide(5, true), slide(6, false)])).toBeUndefined();
    const error = notesError(job, [slide(2, true), slide(3, false), slide(4, true), slide(5, false)]);
    expect(error?.message).toBe(
      'content/x/decks/talk.md: deck "talk": only 2 of its 4 slides have speaker notes, and at least 80 % need them (notes for 2 more). ' +
        'Add a line holding only `Note:` and the notes after it to: slide 3 "Slide 3" (line 30), slide 5 "Slide 5" (line 50).',
    );
    expect(error?.exitCode).toBe(2);
  });

  it("names every slide that runs over, with how far and what to do", () => {
    const job = { source: "content/x/decks/talk.md", slug: "talk" };
    const fits: SlideReport = { number: 2, heading: "Fine", line: 12, authored: true, hasNotes: true, overHeight: 0.5, overWidth: 0 };
    expect(overflowError(job, [fits])).toBeUndefined();
    const error = overflowError(job, [fits, { ...fits, number: 3, heading: "Too long", line: 20, overHeight: 120 }, { ...fits, number: 4, heading: "Too wide", line: 31, overWidth: 40 }]);
    expect(error?.message).toContain('content/x/decks/talk.md: deck "talk": 2 slides do not fit their 16:9 box');
    expect(error?.message).toContain('slide 3 "Too long" (line 20) runs 120 px too tall even in the smallest type (30 px), about 3 lines of text');
    expect(error?.message).toContain('slide 4 "Too wide" (line 31) runs 40 px too wide');
    expect(error?.exitCode).toBe(4);
  });
});

describe("a deck with a slide that cannot fit", () => {
  afterAll(() => {
    rmSync(fixture.dir, { recursive: true, force: true });
    rmSync(shippedOut, { recursive: true, force: true });
    rmSync(decksOnly, { recursive: true, force: true });
  });

  it("stops the build with a LayoutError naming the deck's file and the slide number, and leaves no Chromium behind", async () => {
    const broken = copyFixture("decks");
    try {
      const bullets = Array.from({ length: 12 }, (_, i) => `- Point ${i + 1} is written out at length, as if read from a paper, so that it wraps over two lines [@S01]`).join("\n");
      writeContent(
        broken.content,
        "rounds/decks/overfull.md",
        [
          "---",
          "kind: deck",
          "title: An over-full deck",
          "summary: A deck with one slide that holds far too much.",
          "reviewed: 2026-02-01",
          "nextReview: 2027-02-01",
          "reviewedBy: Content team",
          "---",
          "",
          "## A slide that fits",
          "",
          "- One point [@S01]",
          "",
          "Note: Fine.",
          "",
          "---",
          "",
          "## Far too much",
          "",
          bullets,
          "",
          "Note: Too much to say.",
          "",
        ].join("\n"),
      );
      const failure = build({ root: repoRoot, contentDir: broken.content, outDir: broken.out });
      await expect(failure).rejects.toMatchObject({ name: "LayoutError", exitCode: 4 });
      await expect(failure).rejects.toThrow(/content\/rounds\/decks\/overfull\.md: deck "overfull": slide 3 "Far too much" \(line 18\) runs \d+ px too tall/);
      expect(ourChromium()).toEqual([]);
    } finally {
      rmSync(broken.dir, { recursive: true, force: true });
    }
  });
});

describe("the deck's print page, made from the deck's page", () => {
  const deckPage = (slides: string): string =>
    [
      '<!doctype html><html lang="de" class="deck-doc"><head><meta charset="utf-8"><title>Vortrag</title>',
      '<link rel="canonical" href="https://x.example/slides/v/">',
      '<link data-x rel="stylesheet" href="../../assets/reveal/reveal.css"><link rel="stylesheet" href="../../assets/deck.css">',
      `</head><body><main class="deck-main"><div class="reveal"><div class="slides">${slides}</div></div></main>`,
      '<script src="../../assets/deck.js" defer></script></body></html>',
    ].join("\n");

  it("puts every slide in a page box, numbered, with the deck's stylesheets, language and address, and no reveal.js", () => {
    const html = deckPrintPageHtml(deckPage('<section class="a"><div class="slide-body">One</div></section>\n<section class="b"><div class="slide-body">Two</div><aside class="notes">N</aside></section>'), "slides/v/index.html");
    expect(html).toContain('<html lang="de" class="deck-doc deck-print-doc reveal-print print-pdf">');
    expect(html).toContain('<link rel="canonical" href="https://x.example/slides/v/">');
    expect(html).toContain('<link data-x rel="stylesheet" href="../../assets/reveal/reveal.css">');
    expect(html).toContain('<link rel="stylesheet" href="../../assets/deck-print.css">');
    expect(html).toContain('<script src="../../assets/deck-print.js" defer></script>');
    expect(html).not.toMatch(/reveal\.js|deck\.js"/);
    expect(html).toContain('<div class="pdf-page"><section class="a"><div class="slide-body">One</div></section><div class="slide-number slide-number-pdf">1</div></div>');
    expect(html).toContain('<aside class="notes">N</aside></section><div class="slide-number slide-number-pdf">2</div></div>');
  });

  it("stops the build, naming the deck's page, when it cannot find where the slides end", () => {
    expect(() => deckPrintPageHtml(deckPage('<section class="a"><div class="slide-body">One</div>'), "slides/v/index.html")).toThrow(/slides\/v\/index\.html: the deck page's slides could not be read/);
  });
});
