/**
 * Presenting anywhere (issue 15): the fixture deck built once, then read back as a presenter meets it — the
 * editable PowerPoint opened as the zip of XML it is, the one-file deck opened from disk with every other request
 * blocked, the site and deck crawled from disk, and the deck in real Chromium: its keyboard help, its print from
 * the browser, its title slide, arrows, references and pacing.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import JSZip from "jszip";
import { SaxesParser } from "saxes";
import puppeteer, { type Browser, type Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../src/build/build.ts";
import { isRedirectPage } from "../src/eleventy/redirects.ts";
import type { Manifest } from "../src/eleventy/manifest.ts";
import { findBrowser } from "../src/pdf/find-browser.ts";
import { CHROMIUM_ARGS } from "../src/pdf/launch-browser.ts";
import { copyFixture, repoRoot } from "./helpers/fixtures.ts";
import { pdfInfo } from "./helpers/pdf.ts";

const fixture = copyFixture("decks");
const scratch = mkdtempSync(path.join(tmpdir(), "handouts-deck-exports-"));
const cacheDir = path.join(scratch, "cache");
const SLUG = "grand-rounds";
const out = (...parts: string[]): string => path.join(fixture.out, ...parts);
const deckDir = (root = fixture.out): string => path.join(root, "rounds", "slides", SLUG);
let manifest: Manifest;
let browser: Browser;

beforeAll(async () => {
  await build({ root: repoRoot, contentDir: fixture.content, outDir: fixture.out, cacheDir });
  manifest = JSON.parse(readFileSync(out("manifest.json"), "utf8")) as Manifest;
  browser = await puppeteer.launch({ executablePath: findBrowser(), headless: true, args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  rmSync(fixture.dir, { recursive: true, force: true });
  rmSync(scratch, { recursive: true, force: true });
});

const decodeXml = (text: string): string =>
  text.replace(/&(lt|gt|quot|apos|amp|#x[0-9a-f]+|#\d+);/gi, (_, e: string) =>
    e[0] === "#" ? String.fromCodePoint(Number.parseInt(e.slice(e[1] === "x" || e[1] === "X" ? 2 : 1), e[1] === "x" || e[1] === "X" ? 16 : 10)) : ({ lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" } as Record<string, string>)[e]!,
  );
/** The text of an XML part's runs, run after run, as one line. */
const textOf = (xml: string): string => decodeXml([...xml.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => m[1]).join(" ")).replace(/\s+/g, " ");
/** The text of an HTML fragment as a browser's textContent gives it, spaces collapsed. */
const htmlText = (html: string): string => decodeXml(html.replace(/<[^>]+>/g, "").replace(/&nbsp;/g, " ")).replace(/\s+/g, " ").trim();

interface Pptx {
  zip: JSZip;
  slides: string[];
  /** Each slide's notes part, found through the slide's relationships. */
  notes: string[];
}

async function openPptx(file: string): Promise<Pptx> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const count = Object.keys(zip.files).filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n)).length;
  const slides: string[] = [];
  const notes: string[] = [];
  for (let i = 1; i <= count; i++) {
    slides.push(await zip.file(`ppt/slides/slide${i}.xml`)!.async("string"));
    const rels = await zip.file(`ppt/slides/_rels/slide${i}.xml.rels`)!.async("string");
    const target = /Target="\.\.\/notesSlides\/([^"]+)"/.exec(rels)?.[1];
    notes.push(target ? await zip.file(`ppt/notesSlides/${target}`)!.async("string") : "");
  }
  return { zip, slides, notes };
}

describe("the deck as an editable PowerPoint", () => {
  let pptx: Pptx;
  beforeAll(async () => {
    pptx = await openPptx(path.join(deckDir(), `${SLUG}.pptx`));
  });

  it("is listed in the manifest with the one-file deck, and linked from the deck library", () => {
    const deck = manifest.artifacts.find((a) => a.kind === "deck" && a.slug === SLUG);
    expect(deck).toMatchObject({ pptx: `rounds/slides/${SLUG}/${SLUG}.pptx`, singleFile: `rounds/slides/${SLUG}/${SLUG}.single.html` });
    const library = readFileSync(out("slides", "index.html"), "utf8");
    expect(library).toContain(`href="../rounds/slides/${SLUG}/${SLUG}.pptx"`);
    expect(library).toContain(`href="../rounds/slides/${SLUG}/${SLUG}.single.html"`);
    expect(existsSync(path.join(deckDir(), `${SLUG}.single.html`))).toBe(true);
  });

  it("has one 16:9 slide for each page of the slides PDF, the title, handouts and references slides included", async () => {
    const pages = pdfInfo(path.join(deckDir(), `${SLUG}.pdf`)).pages;
    expect(pptx.slides).toHaveLength(pages);
    const presentation = await pptx.zip.file("ppt/presentation.xml")!.async("string");
    const size = /<p:sldSz cx="(\d+)" cy="(\d+)"/.exec(presentation)!;
    expect(Number(size[1]) / Number(size[2])).toBeCloseTo(16 / 9, 3);
    expect(textOf(pptx.slides[0]!)).toContain("Fixture grand rounds: resting sore bones");
    expect(textOf(pptx.slides.at(-4)!)).toContain("Patient handouts");
    expect(pptx.slides.slice(-3).map((s) => textOf(s).split(" | ")[0])).toEqual(
      expect.arrayContaining([expect.stringContaining("References")]),
    );
    expect(textOf(pptx.slides.at(-1)!)).toContain("References (continued)");
  });

  it("puts every speaker note the author wrote in the notes pane of its own slide, and no note on another", () => {
    const html = readFileSync(path.join(deckDir(), "index.html"), "utf8");
    const sections = [...html.matchAll(/<section class="([^"]*)"[\s\S]*?<\/section>/g)];
    let checked = 0;
    sections.forEach((section, index) => {
      if (!section[1]!.includes("slide-content")) return;
      const note = /<aside class="notes">([\s\S]*?)<\/aside>/.exec(section[0])?.[1];
      if (!note) return;
      const text = htmlText(note);
      expect(textOf(pptx.notes[index]!), `slide ${index + 1}`).toContain(text);
      // ...and only there.
      pptx.notes.forEach((other, i) => {
        if (i !== index) expect(textOf(other)).not.toContain(text);
      });
      checked++;
    });
    expect(checked).toBe(5);
    expect(textOf(pptx.notes[1]!)).toContain("Open with the first speaker note: rest is the first step for every patient");
    // The title slide's notes hold the summary, not the speaker view's pointer to these very files.
    expect(textOf(pptx.notes[0]!)).toContain("A short deck the tests present, print and check.");
    expect(textOf(pptx.notes[0]!)).not.toContain("Prebuilt files");
  });

  it("keeps titles and bullets as editable text with their levels, a table as a table, figures and QR codes as pictures", async () => {
    const table = pptx.slides[2]!;
    expect(table).toContain("<a:tbl>");
    expect(table.match(/<a:tr\b/g)).toHaveLength(4);
    expect(table.match(/<a:gridCol\b/g)).toHaveLength(3);
    expect(textOf(table)).toContain("Trial A");
    expect(table).toContain("<a:t>What the studies show</a:t>");
    // Every slide has one title, marked as such (PowerPoint's outline and accessibility checker read it).
    for (const slide of pptx.slides) expect(slide.match(/<p:ph type="title"\/>/g)).toHaveLength(1);
    expect(table).toMatch(/<p:ph type="title"\/><\/p:nvPr>[\s\S]*?<a:pPr[^>]*algn="l"[\s\S]*?<a:t>What the studies show<\/a:t>/);
    // Bullets are paragraphs with bullets; the nested one a level down, the numbered list numbered.
    const takeHome = pptx.slides[6]!;
    const paragraph = (text: string): string => [...takeHome.matchAll(/<a:p>[\s\S]*?<\/a:p>/g)].map((m) => m[0]).find((p) => p.includes(text)) ?? "";
    expect(paragraph("Find the cause first")).toMatch(/<a:buAutoNum type="arabicPeriod"/);
    expect(paragraph("Short walks first")).toMatch(/<a:pPr[^>]*lvl="1"/);
    expect(paragraph("Short walks first")).toContain("<a:buChar");
    expect(pptx.slides[1]!).toMatch(/<a:buChar char="[^"]+"\/><\/a:pPr><a:r>[\s\S]*?<a:t>Rest lets the bone settle/);
    // A citation stays a superscript number.
    expect(pptx.slides[1]!).toMatch(/baseline="30000"[\s\S]*?<a:t>1<\/a:t>/);
    // The title slide says who, where and when, as text.
    expect(textOf(pptx.slides[0]!)).toContain("Dr Ada Fixture, sports medicine");
    expect(textOf(pptx.slides[0]!)).toContain("Fixture grand rounds · March 5, 2026");
    // Two QR codes on the handouts slide, as PNG pictures with their labels as alt text.
    const handouts = pptx.slides.findIndex((s) => s.includes("<a:t>Patient handouts</a:t>"));
    expect(pptx.slides[handouts]!.match(/<p:pic>/g)).toHaveLength(2);
    expect(pptx.slides[handouts]!).toContain('descr="QR code for the handout: Resting a sore bone"');
    // The figure on slide 2 is a picture too, described by its alt text.
    expect(pptx.slides[1]!.match(/<p:pic>/g)).toHaveLength(1);
    expect(pptx.slides[1]!).toContain('descr="A long bone with a dark spot of edema in its middle"');
    const media = Object.keys(pptx.zip.files).filter((n) => n.startsWith("ppt/media/"));
    expect(media).toHaveLength(3);
    for (const name of media) {
      const png = await pptx.zip.file(name)!.async("uint8array");
      expect([...png.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    }
    // The clinic's colour: the band on every slide and the titles.
    expect(pptx.slides[1]!).toContain('<a:srgbClr val="7A3B8F"/>');
    const master = await pptx.zip.file("ppt/slideLayouts/slideLayout2.xml")?.async("string");
    expect(`${master}${pptx.slides.join("")}`).toMatch(/7A3B8F/);
  });

  it("does not wrap a one-line label, and gives its box room to spare; text of several lines still wraps in its box", () => {
    const shapes = (slide: string): string[] => [...slide.matchAll(/<p:sp>[\s\S]*?<\/p:sp>/g)].map((m) => m[0]);
    const shapeWith = (slide: string, text: string): string => shapes(slide).find((s) => textOf(s).includes(text)) ?? "";
    const handouts = pptx.slides.find((s) => s.includes("<a:t>Patient handouts</a:t>"))!;
    const lead = shapeWith(handouts, "Scan a code to open a handout");
    expect(lead).toMatch(/<a:bodyPr[^>]*wrap="none"/);
    // The bullets of slide 2 (several lines) wrap in their box as before.
    const bullets = shapeWith(pptx.slides[1]!, "Rest lets the bone settle");
    expect(bullets).toMatch(/<a:bodyPr[^>]*wrap="square"/);
    expect(bullets).not.toMatch(/wrap="none"/);
  });

  it("is made of well-formed XML parts, each listed with its type", async () => {
    const types = await pptx.zip.file("[Content_Types].xml")!.async("string");
    const names = Object.keys(pptx.zip.files).filter((n) => !pptx.zip.files[n]!.dir);
    expect(names[0]).toBe("[Content_Types].xml");
    for (const name of names.filter((n) => /\.(xml|rels)$/.test(n))) {
      const parser = new SaxesParser({ xmlns: true });
      const errors: string[] = [];
      parser.on("error", (error) => void errors.push(error.message));
      parser.write(await pptx.zip.file(name)!.async("string")).close();
      expect(errors, name).toEqual([]);
      if (name.endsWith(".xml") && name !== "[Content_Types].xml") expect(types, name).toContain(`PartName="/${name}"`);
    }
  });

  it("has one paragraph-properties element per paragraph, first, as the Office schema requires", () => {
    for (const xml of [...pptx.slides, ...pptx.notes]) {
      for (const [paragraph] of xml.matchAll(/<a:p>[\s\S]*?<\/a:p>/g)) {
        const count = paragraph.match(/<a:pPr\b/g)?.length ?? 0;
        expect(count).toBeLessThanOrEqual(1);
        if (count) expect(paragraph.startsWith("<a:p><a:pPr")).toBe(true);
      }
    }
  });

  it("comes out byte for byte the same from a second build, and a rebuild takes it from the PDF cache", async () => {
    const again = path.join(scratch, "again");
    await build({ root: repoRoot, contentDir: fixture.content, outDir: again });
    const first = readFileSync(path.join(deckDir(), `${SLUG}.pptx`));
    expect(readFileSync(path.join(deckDir(again), `${SLUG}.pptx`)).equals(first)).toBe(true);
    const zip = await JSZip.loadAsync(first);
    expect(await zip.file("docProps/core.xml")!.async("string")).toContain(">2026-02-01T00:00:00Z<");
    const cached = path.join(scratch, "cached");
    const report = await build({ root: repoRoot, contentDir: fixture.content, outDir: cached, cacheDir });
    expect(report.cachedPdfs).toBe(report.pdfs.length);
    expect(readFileSync(path.join(deckDir(cached), `${SLUG}.pptx`)).equals(first)).toBe(true);
  });
});

/**
 * reveal.js lays out every slide as a print page in ?print-pdf mode and fires `pdf-ready` when done (`isReady()`
 * is too early). The event can fire before a script sent after the load could listen, so the listener goes into
 * the document before it loads. (The build prints from the deck's static print page, not from ?print-pdf; this is
 * the browser's own route a presenter may take.)
 */
function listenForPdfReady(page: Page): Promise<{ identifier: string }> {
  return page.evaluateOnNewDocument(() => {
    (window as unknown as { __pdfReady: Promise<void> }).__pdfReady = new Promise<void>((resolve) =>
      document.addEventListener("pdf-ready", () => resolve(), { capture: true, once: true }),
    );
  });
}

function pdfReady(page: Page): Promise<void> {
  return page.evaluate(() => (window as unknown as { __pdfReady: Promise<void> }).__pdfReady);
}

/** Opens a URL in a fresh tab at the given size and waits for reveal.js. */
async function openDeck(url: string, viewport = { width: 1280, height: 720 }): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewport(viewport);
  await page.goto(url, { waitUntil: "load" });
  await page.waitForFunction(() => (window as unknown as { Reveal?: { isReady(): boolean } }).Reveal?.isReady() === true);
  return page;
}

describe("the one-file deck and the site opened from disk", () => {
  it("opens from disk asking for nothing but itself, in the deck's typeface, and its speaker view shows the notes", async () => {
    const file = path.join(deckDir(), `${SLUG}.single.html`);
    // Alone in a folder of its own, as on a USB stick: nothing of the built site beside it.
    const alone = path.join(scratch, "usb-stick");
    rmSync(alone, { recursive: true, force: true });
    mkdirSync(alone, { recursive: true });
    writeFileSync(path.join(alone, "talk.html"), readFileSync(file));
    const url = pathToFileURL(path.join(alone, "talk.html")).href;
    const blocked: string[] = [];
    const guard = async (page: Page): Promise<void> => {
      await page.setRequestInterception(true);
      page.on("request", (request) => {
        const address = request.url();
        if (address.split(/[?#]/)[0] === url || address.startsWith("data:") || address === "about:blank") void request.continue();
        else {
          blocked.push(address);
          void request.abort();
        }
      });
    };
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => void errors.push(String(error)));
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    await guard(page);
    await page.setViewport({ width: 1280, height: 720 });
    await page.goto(url, { waitUntil: "load" });
    await page.waitForFunction(() => (window as unknown as { Reveal?: { isReady(): boolean } }).Reveal?.isReady() === true);
    try {
      const state = await page.evaluate(async () => {
        await document.fonts.ready;
        return {
          total: (window as unknown as { Reveal: { getTotalSlides(): number } }).Reveal.getTotalSlides(),
          bold: document.fonts.check('700 20px "Atkinson Hyperlegible"'),
          loaded: [...document.fonts].filter((f) => f.status === "loaded").map((f) => `${f.family} ${f.weight}`),
          title: document.querySelector(".slide-title h1")?.textContent,
          qr: document.querySelectorAll(".slide-handouts svg").length,
        };
      });
      expect(state.total).toBe(pdfInfo(path.join(deckDir(), `${SLUG}.pdf`)).pages);
      expect(state.loaded.some((f) => /Atkinson Hyperlegible/.test(f))).toBe(true);
      expect(state.title).toBe("Fixture grand rounds: resting sore bones");
      expect(state.qr).toBe(2);
      await page.keyboard.press("ArrowRight");
      const popupTarget = browser.waitForTarget((target) => target.opener() === page.target(), { timeout: 10_000 });
      await page.keyboard.press("s");
      const speaker = (await (await popupTarget).page())!;
      await guard(speaker);
      try {
        await speaker.waitForFunction(
          () => (document.querySelector(".speaker-controls-notes .value")?.textContent ?? "").includes("Open with the first speaker note"),
          { timeout: 10_000 },
        );
        // Both previews are this same file, and they show slides.
        const frames = await speaker.$$eval("#current-slide iframe, #upcoming-slide iframe", (els) => els.map((el) => (el as HTMLIFrameElement).src));
        expect(frames).toHaveLength(2);
        expect(frames.every((src) => src.startsWith(url))).toBe(true);
      } finally {
        await speaker.close();
      }
      expect(blocked).toEqual([]);
      expect(errors.filter((e) => /Content Security Policy|Refused/.test(e))).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("links every page of the site and every deck to a page or a file, never to a folder (a folder opens as a listing from disk)", () => {
    const seen = new Set<string>();
    const queue = [out("index.html"), path.join(deckDir(), "index.html"), out("slides", "index.html")];
    const problems: string[] = [];
    let links = 0;
    while (queue.length) {
      const file = queue.shift()!;
      if (seen.has(file)) continue;
      seen.add(file);
      const html = readFileSync(file, "utf8");
      for (const [, href] of html.matchAll(/<a\b[^>]*?\shref="([^"]+)"/g)) {
        if (/^([a-z][a-z0-9+.-]*:|#|\/\/)/i.test(href!)) continue;
        links++;
        // Resolved exactly as a browser resolves it against a page opened from disk.
        const target = fileURLToPath(new URL(href!.replace(/&amp;/g, "&"), pathToFileURL(file)).href.replace(/[?#].*$/, ""));
        if (!existsSync(target)) problems.push(`${path.relative(fixture.out, file)}: ${href} is missing`);
        else if (statSync(target).isDirectory()) problems.push(`${path.relative(fixture.out, file)}: ${href} is a folder`);
        // The one-file deck's own links are the site's public addresses (its test is above); its scripts hold
        // markup of their own, which is no link.
        else if (target.endsWith(".html") && !target.endsWith(".single.html")) queue.push(target);
      }
    }
    expect(problems).toEqual([]);
    expect(links).toBeGreaterThan(20);
    // Every page of the site was reached.
    const pages = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? pages(path.join(dir, e.name)) : e.name === "index.html" ? [path.join(dir, e.name)] : []));
    // An old address's redirect page is linked from nowhere on purpose (printed QR codes reach it).
    const unreached = pages(fixture.out).filter((p) => !seen.has(p) && !p.includes(`${path.sep}search${path.sep}`) && !p.includes("pagefind") && !isRedirectPage(readFileSync(p, "utf8")));
    expect(unreached).toEqual([]);
  });

  it("goes from the deck library to the deck opened from disk: the deck itself, not a folder listing", async () => {
    const page = await browser.newPage();
    try {
      await page.goto(pathToFileURL(out("slides", "index.html")).href, { waitUntil: "load" });
      const link = await page.$$eval("a", (as) => as.find((a) => a.textContent?.trim() === "Present in the browser")?.getAttribute("href"));
      expect(link).toBe(`../rounds/slides/${SLUG}/index.html`);
      await Promise.all([page.waitForNavigation({ waitUntil: "load" }), page.click(`a[href="${link}"]`)]);
      await page.waitForFunction(() => (window as unknown as { Reveal?: { isReady(): boolean } }).Reveal?.isReady() === true);
      expect(await page.title()).toBe("Fixture grand rounds: resting sore bones");
    } finally {
      await page.close();
    }
  });
});

describe("presenting the deck in Chromium", () => {
  const deckUrl = (): string => pathToFileURL(path.join(deckDir(), "index.html")).href;

  it("shows the whole keyboard help at 1024×768 in text of at least 4.5:1 contrast, closed by Esc or its visible button", async () => {
    const page = await openDeck(deckUrl(), { width: 1024, height: 768 });
    const openHelp = async (): Promise<void> => {
      await page.keyboard.down("Shift");
      await page.keyboard.press("Slash");
      await page.keyboard.up("Shift");
      await page.waitForSelector(".r-overlay-help table");
      await new Promise((resolve) => setTimeout(resolve, 400)); // reveal's fade-in
    };
    try {
      await openHelp();
      const help = await page.evaluate(() => {
        const parse = (css: string): number[] => (/rgba?\(([^)]+)\)/.exec(css)?.[1] ?? "0,0,0,0").split(",").map(Number);
        const luminance = ([r, g, b]: number[]): number => {
          const lin = (v: number): number => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
          return 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(b!);
        };
        // The colour behind an element: its ancestors' backgrounds, laid over white, nearest on top.
        const backdrop = (el: Element): number[] => {
          const layers: number[][] = [];
          for (let node: Element | null = el; node; node = node.parentElement) layers.push(parse(getComputedStyle(node).backgroundColor));
          let colour = [255, 255, 255];
          for (const [r, g, b, a = 1] of layers.reverse()) colour = [r! * a + colour[0]! * (1 - a), g! * a + colour[1]! * (1 - a), b! * a + colour[2]! * (1 - a)];
          return colour;
        };
        const cells = [...document.querySelectorAll(".r-overlay-help :is(th, td, .title)")];
        const ratios = cells.map((cell) => {
          const fg = luminance(parse(getComputedStyle(cell).color));
          const bg = luminance(backdrop(cell));
          return (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
        });
        const outside = cells.filter((cell) => {
          const r = cell.getBoundingClientRect();
          return r.top < 0 || r.left < 0 || r.bottom > window.innerHeight || r.right > window.innerWidth;
        }).length;
        const close = document.querySelector<HTMLElement>(".r-overlay-close");
        const box = close?.getBoundingClientRect();
        return {
          cells: cells.length,
          lowest: Math.min(...ratios),
          outside,
          scrolls: (() => {
            const content = document.querySelector(".r-overlay-help .r-overlay-content")!;
            return content.scrollHeight > content.clientHeight + 1;
          })(),
          close: box && { width: box.width, height: box.height, top: box.top, right: box.right, opacity: Number(getComputedStyle(close!).opacity), visible: getComputedStyle(close!).visibility },
          iconShown: close ? getComputedStyle(close.querySelector(".icon") ?? close).backgroundImage !== "none" : false,
        };
      });
      expect(help.cells).toBeGreaterThan(20);
      expect(help.lowest).toBeGreaterThanOrEqual(4.5);
      expect(help.outside).toBe(0);
      expect(help.scrolls).toBe(false);
      expect(help.close).toMatchObject({ visible: "visible" });
      expect(help.close!.width).toBeGreaterThanOrEqual(24);
      expect(help.close!.top).toBeGreaterThanOrEqual(0);
      expect(help.close!.right).toBeLessThanOrEqual(1024);
      expect(help.close!.opacity).toBeGreaterThan(0.9);
      await page.screenshot({ path: path.join(scratch, "help-1024x768.png") });
      await page.keyboard.press("Escape");
      await page.waitForFunction(() => !document.querySelector(".r-overlay-help"));
      await openHelp();
      await page.click(".r-overlay-close");
      await page.waitForFunction(() => !document.querySelector(".r-overlay-help"));
    } finally {
      await page.close();
    }
  });

  it("prints ?print-pdf with the browser's own print (the page's CSS page size) as 16:9 pages, one per slide", async () => {
    // A plain tab: the deck's Content-Security-Policy applies (the build's printer bypasses it; a browser does not).
    const page = await browser.newPage();
    const csp: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy/.test(message.text())) csp.push(message.text());
    });
    try {
      const listener = await listenForPdfReady(page);
      await page.setViewport({ width: 1280, height: 720 });
      await page.goto(`${deckUrl()}?print-pdf`, { waitUntil: "load" });
      await pdfReady(page);
      await page.removeScriptToEvaluateOnNewDocument(listener.identifier);
      const pdf = path.join(scratch, "browser-print.pdf");
      writeFileSync(pdf, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
      const info = pdfInfo(pdf);
      expect(info.pages).toBe(pdfInfo(path.join(deckDir(), `${SLUG}.pdf`)).pages);
      expect(info.widthPt / info.heightPt).toBeCloseTo(16 / 9, 3);
      // reveal's own page-size style was refused, as in any browser: the deck's stylesheet set the page.
      expect(csp.some((m) => /style-src/.test(m))).toBe(true);
    } finally {
      await page.close();
    }
  });

  it("shows presenter, event and date on the title slide, and offers the prebuilt files while it shows", async () => {
    const page = await openDeck(deckUrl());
    try {
      const title = await page.evaluate(() => ({
        byline: document.querySelector<HTMLElement>(".slide-title .deck-byline")?.innerText.replace(/\s+/g, " ").trim(),
        date: document.querySelector(".slide-title time")?.getAttribute("datetime"),
        files: [...document.querySelectorAll<HTMLAnchorElement>(".deck-files a")].map((a) => ({ text: a.textContent, href: a.href })),
        shown: getComputedStyle(document.querySelector(".deck-files")!).display,
      }));
      expect(title.byline).toBe("Dr Ada Fixture, sports medicine Fixture grand rounds · March 5, 2026");
      expect(title.date).toBe("2026-03-05");
      expect(title.shown).not.toBe("none");
      expect(title.files.map((f) => f.text)).toEqual(["Slides PDF (16:9)", "Slides with notes PDF", "PowerPoint", "One-file deck"]);
      for (const file of title.files) expect(existsSync(fileURLToPath(file.href)), file.href).toBe(true);
      await page.keyboard.press("ArrowRight");
      await page.waitForFunction(() => getComputedStyle(document.querySelector(".deck-files")!).display === "none");
      await page.screenshot({ path: path.join(scratch, "slide-2.png") });
    } finally {
      await page.close();
    }
  });

  it("shows arrows a mouse can click to change slides", async () => {
    const page = await openDeck(deckUrl());
    try {
      const arrow = await page.$(".reveal .controls .navigate-right");
      const visible = await arrow!.evaluate((el) => {
        const style = getComputedStyle(el.closest(".controls")!);
        const box = el.getBoundingClientRect();
        return style.display !== "none" && Number(style.opacity) > 0.5 && box.width > 10 && box.height > 10;
      });
      expect(visible).toBe(true);
      await arrow!.click();
      await page.waitForFunction(() => (window as unknown as { Reveal: { getIndices(): { h: number } } }).Reveal.getIndices().h === 1);
    } finally {
      await page.close();
    }
  });

  it("sets the references at 28 px or more on a 1920×1080 screen", async () => {
    const page = await openDeck(deckUrl(), { width: 1920, height: 1080 });
    try {
      const sizes = await page.evaluate(() => {
        const api = (window as unknown as { Reveal: { getScale(): number } }).Reveal;
        return [...document.querySelectorAll(".slide-references .references li")].map((li) => Number.parseFloat(getComputedStyle(li).fontSize) * api.getScale());
      });
      expect(sizes.length).toBe(24);
      expect(Math.min(...sizes)).toBeGreaterThanOrEqual(28);
    } finally {
      await page.close();
    }
  });

  it("shows the planned minutes as a pacing target in the speaker view, with the prebuilt PDF linked from its notes", async () => {
    const page = await openDeck(deckUrl());
    try {
      const popupTarget = browser.waitForTarget((target) => target.opener() === page.target(), { timeout: 10_000 });
      await page.keyboard.press("s");
      const speaker = (await (await popupTarget).page())!;
      try {
        await speaker.waitForFunction(() => getComputedStyle(document.querySelector(".speaker-controls-time .pacing")!).display !== "none", { timeout: 10_000 });
        await speaker.waitForFunction(() => (document.querySelector(".speaker-controls-notes .value")?.textContent ?? "").includes("Prebuilt files"), { timeout: 10_000 });
        const view = await speaker.evaluate(() => ({
          title: document.querySelector(".pacing-title")?.textContent,
          notes: document.querySelector(".speaker-controls-notes .value")?.textContent?.replace(/\s+/g, " "),
          pdf: document.querySelector<HTMLAnchorElement>(".speaker-controls-notes a")?.href,
        }));
        expect(view.title).toMatch(/Pacing/);
        expect(view.notes).toContain("planned length 20 minutes");
        expect(view.pdf).toMatch(new RegExp(`/rounds/slides/${SLUG}/${SLUG}\\.pdf$`));
        expect(existsSync(fileURLToPath(view.pdf!))).toBe(true);
      } finally {
        await speaker.close();
      }
    } finally {
      await page.close();
    }
  });
});

