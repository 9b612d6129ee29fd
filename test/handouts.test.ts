/**
 * Handouts fit for clinic printing: automatic fitting, large print, clinic branding, QR codes and the footer
 * stamp, checked on real PDFs built from a fixture folder.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../src/build/build.ts";
import type { Manifest } from "../src/eleventy/manifest.ts";
import type { RenderedPdf } from "../src/pdf/render-pdfs.ts";
import { FIT_STEPS } from "../src/pdf/print-handout.ts";
import { copyFixture, repoRoot, writeContent } from "./helpers/fixtures.ts";
import { decodeQrCodes, medianWordHeight, pdfFonts, pdfInfo, pdfText } from "./helpers/pdf.ts";

const fixture = copyFixture("basic");
const out = (file: string): string => path.join(fixture.out, file);
let manifest: Manifest;
let report: RenderedPdf[];

/** Two lists of 13 steps: more than one Letter page at full size, one page once the type steps down. */
function longHandout(): string {
  const steps = Array.from({ length: 13 }, (_, i) => `- Step ${i + 1}: keep weight off the sore leg and rest when it aches.`).join("\n");
  const sections = `## Steps\n\n${steps}\n\n## More steps\n\n${steps}\n`;
  return `---\nkind: handout\ntitle: A long fixture handout\nsummary: A handout that needs smaller type to fit on one page.\nreviewed: 2026-01-10\nnextReview: 2027-01-10\nreviewedBy: Content team\n---\n\nThis one is long [@REF1].\n\n${sections}\n## When to get help\n\n![[when-to-get-help]]\n`;
}

async function buildFixture(): Promise<void> {
  await build({ root: repoRoot, contentDir: fixture.content, outDir: fixture.out });
  manifest = JSON.parse(readFileSync(out("manifest.json"), "utf8")) as Manifest;
  report = JSON.parse(readFileSync(out("render-report.json"), "utf8")) as RenderedPdf[];
}

beforeAll(async () => {
  writeContent(fixture.content, "sample/handouts/long.md", longHandout());
  writeContent(fixture.content, "_data/logo.svg", '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="5" fill="#2a6f4f"/></svg>');
  const clinic = JSON.parse(readFileSync(path.join(fixture.content, "_data/clinic.json"), "utf8")) as Record<string, string>;
  writeFileSync(path.join(fixture.content, "_data/clinic.json"), JSON.stringify({ ...clinic, logo: "_data/logo.svg" }, null, 2));
  await buildFixture();
});
afterAll(() => rmSync(fixture.dir, { recursive: true, force: true }));

const fitOf = (output: string): number | undefined => report.find((r) => r.output === output)?.fit;

describe("fitting a handout to one page", () => {
  it("prints a short handout at full size", () => {
    expect(fitOf("handouts/short/short.letter.pdf")).toBe(1);
  });

  it("steps the type down for a handout that runs long, and still prints one page in both sizes", () => {
    for (const size of ["letter", "a4"] as const) {
      const file = `handouts/long/long.${size}.pdf`;
      expect(pdfInfo(out(file)).pages).toBe(1);
      expect(fitOf(file)).toBeGreaterThanOrEqual(Math.min(...FIT_STEPS.standard));
    }
    // Letter is the shorter sheet: there the fixture needs the smaller type.
    expect(fitOf("handouts/long/long.letter.pdf")).toBeLessThan(1);
    expect(pdfText(out("handouts/long/long.letter.pdf"))).toContain("Step 13");
  });

  it("keeps the words at least 11 pt tall, even on the handout that had to shrink", () => {
    const full = medianWordHeight(out("handouts/short/short.letter.pdf"));
    const shrunk = medianWordHeight(out("handouts/long/long.letter.pdf"));
    expect(shrunk).toBeLessThan(full);
    expect(shrunk).toBeGreaterThanOrEqual(11);
  });
});

describe("the large-print edition", () => {
  it("is listed in the manifest and printed on at most two pages of the clinic's paper, with page numbers", () => {
    for (const slug of ["short", "long"]) {
      const artifact = manifest.artifacts.find((a) => a.slug === slug && a.kind === "handout");
      expect(artifact?.pdf).toMatchObject({ largePrint: `handouts/${slug}/${slug}.large.pdf` });
      const info = pdfInfo(out(`handouts/${slug}/${slug}.large.pdf`));
      expect(info.pages).toBeLessThanOrEqual(2);
      // The fixture clinic prints on A4.
      expect(info.widthPt).toBeCloseTo(595, 0);
    }
    const text = pdfText(out("handouts/long/long.large.pdf"));
    expect(text).toMatch(/Page 1 of 2/);
    expect(text).toMatch(/Page 2 of 2/);
  });

  it("sets body text at 16 pt or more, clearly larger than the standard sheet", () => {
    const large = medianWordHeight(out("handouts/long/long.large.pdf"));
    const standard = medianWordHeight(out("handouts/long/long.letter.pdf"));
    // Poppler's word boxes are about 1.24 times the font size.
    expect(large / 1.24).toBeGreaterThanOrEqual(16 * 0.98);
    expect(large).toBeGreaterThan(standard * 1.3);
  });

  it("embeds only the project's typeface, page numbers included", () => {
    for (const font of pdfFonts(out("handouts/long/long.large.pdf"))) {
      expect(font.name).toMatch(/AtkinsonHyperlegible/);
      expect(font.embedded).toBe(true);
    }
  });
});

describe("what every handout carries", () => {
  it("has a QR code that decodes to its own page on the public site, and that page exists in output/", () => {
    for (const file of ["handouts/short/short.letter.pdf", "handouts/short/short.a4.pdf", "handouts/long/long.letter.pdf"]) {
      const codes = decodeQrCodes(out(file));
      const slug = file.split("/")[1];
      expect(codes).toEqual([`https://fixture.example.org/guide/handouts/${slug}/`]);
      const local = codes[0]!.replace("https://fixture.example.org/guide/", "");
      expect(existsSync(out(`${local}index.html`))).toBe(true);
    }
  });

  it("shows the review dates and the content stamp listed in the manifest", () => {
    const text = pdfText(out("handouts/short/short.letter.pdf")).replace(/\s+/g, " ");
    const stamp = manifest.artifacts.find((a) => a.slug === "short")?.stamp;
    expect(stamp).toMatch(/^[0-9a-f]{10}$/);
    expect(text).toContain(`Content stamp ${stamp}`);
    expect(text).toContain("Reviewed January 10, 2026");
    expect(text).toContain("Next review January 10, 2027");
  });

  it("carries the clinic's logo, and metadata naming the clinic as author with keywords", () => {
    expect(existsSync(out("assets/clinic-logo.svg"))).toBe(true);
    expect(readFileSync(out("handouts/short/index.html"), "utf8")).toContain('class="sheet-logo" src="../../assets/clinic-logo.svg"');
    const info = pdfInfo(out("handouts/short/short.letter.pdf"));
    expect(info.author).toBe("Fixture Test Clinic");
    expect(info.keywords).toBe("patient handout letter short");
    // Bookmarks from the headings.
    expect(readFileSync(out("handouts/short/short.letter.pdf")).toString("latin1")).toMatch(/\/Type \/Outlines/);
  });

  it("gets a picture of its printed page for the handout library", () => {
    const png = readFileSync(out("handouts/short/short.thumb.png"));
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
