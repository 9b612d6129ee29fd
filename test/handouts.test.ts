/**
 * Handouts fit for clinic printing: automatic fitting, large print, clinic branding, QR codes and the footer
 * stamp, checked on real PDFs built from a fixture folder.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import puppeteer from "puppeteer-core";
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../src/build/build.ts";
import type { Manifest } from "../src/eleventy/manifest.ts";
import type { RenderedPdf } from "../src/pdf/render-pdfs.ts";
import { FIT_STEPS } from "../src/pdf/print-handout.ts";
import { copyFixture, repoRoot, writeContent } from "./helpers/fixtures.ts";
import { decodeQrCodes, medianWordHeight, pdfFonts, pdfInfo, pdfText } from "./helpers/pdf.ts";
import { findBrowser } from "../src/pdf/find-browser.ts";
import { CHROMIUM_ARGS } from "../src/pdf/launch-browser.ts";
import { serveFolder } from "./helpers/static-server.ts";
import { execFileSync } from "node:child_process";

const fixture = copyFixture("basic");
const out = (file: string): string => path.join(fixture.out, file);
let manifest: Manifest;
let report: RenderedPdf[];

/** Two lists of 15 steps: more than one Letter page at full size, one page once the type steps down. */
function longHandout(): string {
  const steps = Array.from({ length: 15 }, (_, i) => `- Step ${i + 1}: keep weight off the sore leg and rest when it aches.`).join("\n");
  const sections = `## Steps\n\n${steps}\n\n## More steps\n\n${steps}\n`;
  return `---\nkind: handout\ntitle: A long fixture handout\nsummary: A handout that needs smaller type to fit on one page.\nreviewed: 2026-01-10\nnextReview: 2027-01-10\nreviewedBy: Content team\nredFlags: [general]\n---\n\nThis one is long [@REF1].\n\n${sections}\n## When to get help\n\n![[red-flags]]\n`;
}

async function buildFixture(): Promise<void> {
  await build({ root: repoRoot, contentDir: fixture.content, outDir: fixture.out });
  manifest = JSON.parse(readFileSync(out("manifest.json"), "utf8")) as Manifest;
  report = JSON.parse(readFileSync(out("render-report.json"), "utf8")) as RenderedPdf[];
}

/** A clinician's handout: numbered citations and a source list stay; a list mixes tick items and plain items. */
const STAFF_HANDOUT = `---
kind: handout
title: Resting a sore leg, for staff
summary: A one-page handout for the clinic's staff, with its sources listed.
audience: clinician
reviewed: 2026-01-10
nextReview: 2027-01-10
reviewedBy: Content team
clinicalReview: {by: "Orthopaedic lead", date: 2026-01-08}
redFlags: [general, knee]
---

Check the weight-bearing plan at every visit [@REF1].

## Plan

- [ ] Crutches given
- Explain the plan in plain words [@REF2]
- [ ] Follow-up booked

## When to get help

![[red-flags]]
`;

beforeAll(async () => {
  writeContent(fixture.content, "sample/handouts/long.md", longHandout());
  writeContent(fixture.content, "sample/handouts/staff.md", STAFF_HANDOUT);
  writeContent(fixture.content, "_data/logo.svg", '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="5" fill="#2a6f4f"/></svg>');
  const clinic = JSON.parse(readFileSync(path.join(fixture.content, "_data/clinic.json"), "utf8")) as Record<string, string>;
  writeFileSync(path.join(fixture.content, "_data/clinic.json"), JSON.stringify({ ...clinic, logo: "_data/logo.svg" }, null, 2));
  await buildFixture();
});
afterAll(() => rmSync(fixture.dir, { recursive: true, force: true }));

const fitOf = (output: string): number | undefined => report.find((r) => r.output === output)?.fit;

describe("fitting a handout to one page", () => {
  it("prints a short handout at full size", () => {
    expect(fitOf("sample/handouts/short/short.letter.pdf")).toBe(1);
  });

  it("steps the type down for a handout that runs long, and still prints one page in both sizes", () => {
    for (const size of ["letter", "a4"] as const) {
      const file = `sample/handouts/long/long.${size}.pdf`;
      expect(pdfInfo(out(file)).pages).toBe(1);
      expect(fitOf(file)).toBeGreaterThanOrEqual(Math.min(...FIT_STEPS.standard));
    }
    // Letter is the shorter sheet: there the fixture needs the smaller type.
    expect(fitOf("sample/handouts/long/long.letter.pdf")).toBeLessThan(1);
    expect(pdfText(out("sample/handouts/long/long.letter.pdf"))).toContain("Step 15");
  });

  it("keeps the words at least 12 pt tall, even on the handout that had to shrink", () => {
    // The long handout's body text is the bulk of its words; the short one's median word is partly small print,
    // so the two medians are not compared: the long one printed at a smaller step, and its words are 12 pt or more.
    expect(fitOf("sample/handouts/long/long.letter.pdf")).toBeLessThan(1);
    const shrunk = medianWordHeight(out("sample/handouts/long/long.letter.pdf"));
    // Poppler's word boxes are about 1.24 times the font size.
    expect(shrunk / 1.24).toBeGreaterThanOrEqual(12 * 0.98);
  });
});

describe("the large-print edition", () => {
  it("is listed in the manifest and printed on at most two pages of the clinic's paper, with page numbers", () => {
    for (const slug of ["short", "long"]) {
      const artifact = manifest.artifacts.find((a) => a.slug === slug && a.kind === "handout");
      expect(artifact?.pdf).toMatchObject({ largePrint: `sample/handouts/${slug}/${slug}.large.pdf` });
      const info = pdfInfo(out(`sample/handouts/${slug}/${slug}.large.pdf`));
      expect(info.pages).toBeLessThanOrEqual(2);
      // The fixture clinic prints on A4.
      expect(info.widthPt).toBeCloseTo(595, 0);
    }
    const text = pdfText(out("sample/handouts/long/long.large.pdf"));
    expect(text).toMatch(/Page 1 of 2/);
    expect(text).toMatch(/Page 2 of 2/);
  });

  it("sets body text at 16 pt or more, clearly larger than the standard sheet", () => {
    const large = medianWordHeight(out("sample/handouts/long/long.large.pdf"));
    const standard = medianWordHeight(out("sample/handouts/long/long.letter.pdf"));
    // Poppler's word boxes are about 1.24 times the font size.
    expect(large / 1.24).toBeGreaterThanOrEqual(16 * 0.98);
    expect(large).toBeGreaterThan(standard * 1.3);
  });

  it("embeds only the project's typeface, page numbers included", () => {
    for (const font of pdfFonts(out("sample/handouts/long/long.large.pdf"))) {
      expect(font.name).toMatch(/AtkinsonHyperlegible/);
      expect(font.embedded).toBe(true);
    }
  });
});

describe("the help box (parts-print)", () => {
  it("prints three labelled levels, each with its own phone number inside it and its own signs, in every edition", () => {
    for (const file of ["sample/handouts/short/short.a4.pdf", "sample/handouts/short/short.letter.pdf", "sample/handouts/short/short.large.pdf"]) {
      const text = pdfText(out(file)).replace(/\s+/g, " ");
      const emergency = text.search(/EMERGENCY NOW Call 911 or go to the emergency room now/);
      const today = text.search(/CALL US TODAY Call 555-0111 the same day/);
      const soon = text.search(/CALL WITHIN 2–3 DAYS Call 555-0111 within 2–3 days/);
      expect([emergency, today, soon].every((at) => at >= 0), file).toBe(true);
      expect(emergency < today && today < soon, file).toBe(true);
      // Each sign sits inside its own level, and the after-hours line inside the today level.
      const at = (words: string): number => text.indexOf(words);
      expect(at("You cannot stand on the leg at all.")).toBeGreaterThan(emergency);
      expect(at("You cannot stand on the leg at all.")).toBeLessThan(today);
      expect(at("The pain keeps getting worse. Rest the leg until you are seen.")).toBeGreaterThan(today);
      expect(at("After hours: 555-0112")).toBeGreaterThan(today);
      expect(at("After hours: 555-0112")).toBeLessThan(soon);
      expect(at("The leg is no better after two weeks of rest.")).toBeGreaterThan(soon);
    }
  });

  it("shows only the document's own sets: the knee sign on the knee-set handout, not on the general one", () => {
    expect(pdfText(out("sample/handouts/staff/staff.letter.pdf"))).toContain("Your knee locks or gives way.");
    expect(pdfText(out("sample/handouts/short/short.letter.pdf"))).not.toContain("knee");
  });
});

describe("a patient's sheet without citation clutter (parts-print)", () => {
  it("prints no citation numbers and no source list on any edition, and names the topic's sources page beside the QR code", () => {
    for (const slug of ["short", "long"]) {
      const html = readFileSync(out(`sample/handouts/${slug}/index.html`), "utf8");
      // The Markdown cites its sources (the web page shows them, quietly, in a closed list that never prints: the
      // width check must not read its hidden items as running off the sheet)...
      expect(html).toContain('data-cite="REF1"');
      expect(html).toMatch(/<details class="sheet-source-list screen-only">[\s\S]*A first sample reference/);
      const stamp = manifest.artifacts.find((a) => a.slug === slug)?.stamp ?? "";
      for (const edition of ["letter", "a4", "large"]) {
        // ...the printed sheet does not: no number glued to a word, no source list.
        const text = pdfText(out(`sample/handouts/${slug}/${slug}.${edition}.pdf`)).replace(stamp, "");
        expect(text, `${slug} ${edition}`).not.toMatch(/[A-Za-z.,][0-9]/);
        expect(text).not.toMatch(/Sources:/);
        expect(text).not.toContain("A first sample reference");
        expect(text.replace(/\s+/g, " ")).toContain("How we checked this: fixture.example.org/guide/sources/sample/");
      }
    }
    expect(existsSync(out("sources/sample/index.html"))).toBe(true);
  });

  it("keeps a clinician's handout's numbered citations and its source list", () => {
    const text = pdfText(out("sample/handouts/staff/staff.letter.pdf")).replace(/\s+/g, " ");
    expect(text).toMatch(/at every visit\s1\./);
    expect(text).toMatch(/Sources: 1 \S.* 2 \S/);
    expect(text).toContain("FOR HEALTH PROFESSIONALS");
  });

  it("lists every reference of the topic on its sources page, with links to the documents that cite it", () => {
    const html = readFileSync(out("sources/sample/index.html"), "utf8");
    for (const key of ["REF1", "REF2"]) expect(html).toContain(`id="ref-${key}"`);
    const ref2 = html.slice(html.indexOf('id="ref-REF2"'), html.indexOf("</li>", html.indexOf('id="ref-REF2"')));
    // REF2 is cited only through the help box's warning signs. Links name the page file, so they also work from disk.
    expect(ref2).toContain('href="../../sample/handouts/short/index.html"');
    expect(ref2).toContain('href="../../sample/handouts/staff/index.html"');
  });
});

describe("layout defects (parts-print)", () => {
  it("keeps every phone number on one line and the large-print footer at 12 pt or more", () => {
    for (const artifact of manifest.artifacts.filter((a) => a.kind === "handout")) {
      for (const file of Object.values(artifact.pdf as Record<string, string>)) {
        expect(pdfText(out(file)), file).not.toMatch(/555-?\s*\n\s*0?11[12]/);
      }
      const bbox = execFileSync("pdftotext", ["-bbox", out(`sample/handouts/${artifact.slug}/${artifact.slug}.large.pdf`), "-"], { encoding: "utf8" });
      const version = /yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">Version</.exec(bbox);
      expect(version, artifact.slug).not.toBeNull();
      // Poppler's word boxes are about 1.24 times the font size.
      expect((Number(version![2]) - Number(version![1])) / 1.24).toBeGreaterThanOrEqual(11.9);
    }
  });

  it("prints every handout's web page from a browser (print media, its own CSS page size) as exactly one sheet of the clinic's A4 paper", async () => {
    const server = await serveFolder(fixture.out, "/guide/");
    const browser = await puppeteer.launch({ executablePath: findBrowser(), headless: true, args: CHROMIUM_ARGS });
    try {
      const handouts = manifest.artifacts.filter((a) => a.kind === "handout");
      expect(handouts.map((h) => h.slug).sort()).toEqual(["long", "short", "staff"]);
      for (const handout of handouts) {
        const page = await browser.newPage();
        // A desktop browser window, as a receptionist would print from.
        await page.setViewport({ width: 1280, height: 800 });
        await page.goto(server.url + handout.url.slice(1), { waitUntil: "networkidle0" });
        if (handout.slug === "staff") {
          // A list mixing tick items and plain items: the plain item keeps its bullet.
          const markers = await page.$$eval(".tick-list > li", (items) => items.map((li) => getComputedStyle(li).listStyleType));
          expect(markers).toEqual(["none", "disc", "none"]);
          // Neither a bullet nor the help box may split across the two columns.
          expect(await page.$eval(".sheet-body li", (li) => getComputedStyle(li).breakInside)).toBe("avoid");
          expect(await page.$eval(".help-box", (box) => getComputedStyle(box).breakInside)).toBe("avoid");
        }
        await page.emulateMediaType("print");
        const pdf = await PDFDocument.load(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
        const sizes = pdf.getPages().map((p) => `${Math.round(p.getWidth())}×${Math.round(p.getHeight())}`);
        expect(sizes, handout.slug).toEqual(["595×842"]);
        await page.close();
      }
      // The long handout needed smaller type, and its own print stylesheet carries the fitted step.
      expect(readFileSync(out("sample/handouts/long/print.css"), "utf8")).toContain(`--fit: ${fitOf("sample/handouts/long/long.a4.pdf")}`);
    } finally {
      await browser.close();
      await server.close();
    }
  }, 120_000);
});

describe("what every handout carries", () => {
  it("has a QR code that decodes to its own page on the public site, and that page exists in output/", () => {
    for (const file of ["sample/handouts/short/short.letter.pdf", "sample/handouts/short/short.a4.pdf", "sample/handouts/long/long.letter.pdf"]) {
      const codes = decodeQrCodes(out(file));
      const slug = file.split("/")[2];
      expect(codes).toEqual([`https://fixture.example.org/guide/sample/handouts/${slug}/`]);
      const local = codes[0]!.replace("https://fixture.example.org/guide/", "");
      expect(existsSync(out(`${local}index.html`))).toBe(true);
    }
  });

  it("shows the review dates, an honest review line, and the version with the content stamp listed in the manifest", () => {
    const text = pdfText(out("sample/handouts/short/short.letter.pdf")).replace(/\s+/g, " ");
    const stamp = manifest.artifacts.find((a) => a.slug === "short")?.stamp;
    expect(stamp).toMatch(/^[0-9a-f]{10}$/);
    // The review date is in the review sentence; the version line names the text by its stamp only (shorter footer).
    expect(text).toContain(`Version ${stamp} · Next review Jan 10, 2027`);
    expect(text).toContain("Reviewed Jan 10, 2026 by the content team only; not yet approved by a clinician.");
    const staff = pdfText(out("sample/handouts/staff/staff.letter.pdf")).replace(/\s+/g, " ");
    expect(staff).toContain("Reviewed Jan 10, 2026 by the content team; approved by Orthopaedic lead on Jan 8, 2026.");
  });

  it("carries the clinic's logo, and metadata naming the clinic as author with keywords", () => {
    expect(existsSync(out("assets/clinic-logo.svg"))).toBe(true);
    expect(readFileSync(out("sample/handouts/short/index.html"), "utf8")).toContain('class="sheet-logo" src="../../../assets/clinic-logo.svg"');
    const info = pdfInfo(out("sample/handouts/short/short.letter.pdf"));
    expect(info.author).toBe("Fixture Test Clinic");
    expect(info.keywords).toBe("patient handout letter short");
    // Bookmarks from the headings.
    expect(readFileSync(out("sample/handouts/short/short.letter.pdf")).toString("latin1")).toMatch(/\/Type \/Outlines/);
  });

  it("gets a picture of its printed page for the handout library", () => {
    const png = readFileSync(out("sample/handouts/short/short.thumb.png"));
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    expect(png.readUInt32BE(16)).toBeLessThan(400); // width in pixels: a thumbnail, not a full page
  });

  it("puts a changed clinic name and phone on every handout PDF after a rebuild", async () => {
    const clinicFile = path.join(fixture.content, "_data/clinic.json");
    const clinic = JSON.parse(readFileSync(clinicFile, "utf8")) as Record<string, string>;
    writeFileSync(clinicFile, JSON.stringify({ ...clinic, name: "Renamed Example Practice", phone: "555-0177" }, null, 2));
    await buildFixture();
    for (const artifact of manifest.artifacts.filter((a) => a.kind === "handout")) {
      const pdf = artifact.pdf as { letter: string; a4: string; largePrint: string };
      for (const file of [pdf.letter, pdf.a4, pdf.largePrint]) {
        const text = pdfText(out(file));
        expect(text).toContain("Renamed Example Practice");
        expect(text).toContain("555-0177");
        expect(text).not.toContain("Fixture Test Clinic");
        expect(pdfInfo(out(file)).author).toBe("Renamed Example Practice");
      }
    }
  });
});

describe("clinic settings: the emergency number and the date format (parts-print)", () => {
  it("prints the clinic's emergency number, never 911, everywhere, and dates in the clinic's locale, after a rebuild", async () => {
    const clinicFile = path.join(fixture.content, "_data/clinic.json");
    const clinic = JSON.parse(readFileSync(clinicFile, "utf8")) as Record<string, string>;
    writeFileSync(clinicFile, JSON.stringify({ ...clinic, emergencyNumber: "999", locale: "en-GB" }, null, 2));
    await buildFixture();
    const files = readdirSync(fixture.out, { recursive: true, encoding: "utf8" }).filter((file) => /\.(html|css|json|xml|txt|svg|pdf)$/.test(file));
    expect(files.filter((f) => f.endsWith(".pdf")).length).toBeGreaterThan(0);
    for (const file of files) {
      const text = file.endsWith(".pdf") ? pdfText(out(file)) : readFileSync(out(file), "utf8");
      expect(text, file).not.toMatch(/\b911\b/);
    }
    for (const artifact of manifest.artifacts.filter((a) => a.kind === "handout")) {
      for (const file of Object.values(artifact.pdf as Record<string, string>)) {
        const text = pdfText(out(file)).replace(/\s+/g, " ");
        expect(text, file).toContain("Call 999 or go to the emergency room now");
        // The help box carries the emergency number; the footer does not print it a second time.
        expect(text, file).not.toContain("In an emergency, call");
        expect(text, file).toContain("Reviewed 10 Jan 2026"); // day first, the month in words (medium style in the small print)
      }
    }
    expect(readFileSync(out("sample/index.html"), "utf8")).toContain('In an emergency, call <a class="phone" href="tel:999">999</a>.');
  });
});

