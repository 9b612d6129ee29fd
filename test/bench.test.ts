/**
 * The pieces of `npm run bench` that can be checked without timing anything: the synthetic handouts it builds,
 * the statistics and tables it prints, the process-tree memory sampling it reports, and what its floors print.
 */
import { spawn } from "node:child_process";
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { descendants, peaksOf, sampleOnce } from "../src/bench/memory.ts";
import { markdownTable, median, medianOf, textTable } from "../src/bench/stats.ts";
import { SYNTHETIC_TOPIC, referenceKeys, syntheticHandout, writeSyntheticContent } from "../src/bench/synthetic.ts";
import { loadContent } from "../src/content/load-content.ts";
import { FloorMismatchError, measureFloor, measurePagesFloor, verifyAgainstBuild, verifyTrivial, type PrintedShape } from "../src/bench/floor.ts";
import { pdfInfo } from "./helpers/pdf.ts";
import { withoutHandouts, writeDecksOnlyContent } from "../src/bench/decks-only.ts";
import { build } from "../src/build/build.ts";
import { findBrowser } from "../src/pdf/find-browser.ts";
import { jobsFromManifest, readManifest, type PdfJob } from "../src/pdf/jobs.ts";
import { pageCountOf, pageSizesOf } from "../src/pdf/pdf-metadata.ts";
import { copyFixture, repoRoot } from "./helpers/fixtures.ts";
import { chromiumProcesses } from "./helpers/processes.ts";

const scratch = mkdtempSync(path.join(tmpdir(), "handouts-bench-test-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const words = (markdown: string): number => markdown.split(/^---$/m).slice(2).join("").split(/\s+/).filter(Boolean).length;

describe("the synthetic topic", () => {
  const content = path.join(scratch, "content");
  writeSyntheticContent(path.join(repoRoot, "content"), content, 40);
  const files = readdirSync(path.join(content, SYNTHETIC_TOPIC, "handouts")).sort();

  it("writes N handouts that pass the content checks, with the shipped clinic, references and snippets", () => {
    expect(files).toHaveLength(40);
    expect(files[0]).toBe("handout-0001.md");
    const loaded = loadContent(content);
    expect(loaded.documents.filter((d) => d.data.kind === "handout")).toHaveLength(40);
  });

  it("gives every handout a realistic length, citations and the help box, and no two the same", () => {
    const texts = files.map((f) => readFileSync(path.join(content, SYNTHETIC_TOPIC, "handouts", f), "utf8"));
    expect(new Set(texts).size).toBe(texts.length);
    for (const text of texts) {
      // About 200–280 words of its own; the snippet adds about a hundred more on the printed page.
      expect(words(text)).toBeGreaterThan(170);
      expect(words(text)).toBeLessThan(300);
      expect(text).toMatch(/\[@R\d+(; @R\d+)?\]/);
      expect(text).toContain("![[red-flags]]");
    }
  });

  it("is the same for the same N, so runs compare", () => {
    const keys = referenceKeys(content).slice(0, 12);
    expect(syntheticHandout(7, keys)).toBe(syntheticHandout(7, keys));
    expect(syntheticHandout(7, keys)).not.toBe(syntheticHandout(8, keys));
  });
});

describe("the statistics", () => {
  it("takes the middle value, or the mean of the two middle values", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
    expect(medianOf([{ a: 1, b: 10 }, { a: 3, b: 30 }, { a: 2, b: 20 }])).toEqual({ a: 2, b: 20 });
  });

  it("prints tables with aligned columns, numbers to the right, and as Markdown", () => {
    const table = textTable(["content", "PDFs", "s"], [["shipped", "25", "3.10"], ["1000 handouts", "3000", "120.55"]]);
    expect(table.split("\n")).toEqual([
      "content        PDFs       s",
      "-------------  ----  ------",
      "shipped          25    3.10",
      "1000 handouts  3000  120.55",
    ]);
    expect(markdownTable(["a", "b"], [["x|y", "1"]])).toBe("| a | b |\n| --- | ---: |\n| x\\|y | 1 |");
  });
});

describe("the memory sampling", () => {
  it("finds the processes this one started, with their children, and adds up their memory", async () => {
    // A shell that starts a sleeping child: two generations below this process.
    const shell = spawn("sh", ["-c", "sleep 30 & wait"], { stdio: "ignore" });
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const tree = descendants(process.pid);
      expect(tree).toContain(shell.pid);
      const sleep = descendants(shell.pid!);
      expect(sleep).toHaveLength(1);
      expect(tree).toContain(sleep[0]);
      const sample = sampleOnce(true);
      expect(sample.nodeKiB).toBeGreaterThan(10_000);
      expect(sample.childrenKiB).toBeGreaterThan(0);
      expect(sample.pssKiB).toBeGreaterThan(0);
      const peaks = peaksOf([sample, { ...sample, nodeKiB: sample.nodeKiB * 2, pssKiB: undefined }]);
      expect(peaks.nodeMiB).toBeCloseTo((sample.nodeKiB * 2) / 1024);
      expect(peaks.pssMiB).toBeCloseTo(sample.pssKiB! / 1024);
    } finally {
      for (const pid of descendants(shell.pid!)) process.kill(pid, "SIGKILL");
      shell.kill("SIGKILL");
    }
  });
});

describe("the floors", () => {
  const fixture = copyFixture("basic");
  afterAll(() => rmSync(fixture.dir, { recursive: true, force: true }));

  it("prints the trivial page as many times as asked, through the pool, and closes its browser", async () => {
    const floor = await measureFloor(findBrowser({}), 5, 2);
    expect(floor).toMatchObject({ pdfs: 5, concurrency: 2, freshTabs: false });
    expect(floor.launchMs).toBeLessThanOrEqual(floor.ms);
    expect(chromiumProcesses()).toEqual([]);
  });

  const outDir = path.join(scratch, "pages-floor");

  it("prints each of the build's own PDF jobs bare, as the build printed it (same pages, same sizes), and closes its browser", async () => {
    await build({ root: repoRoot, contentDir: fixture.content, outDir });
    const printed = new Map<string, { pages: number; sizes: string[] }>();
    const floor = await measurePagesFloor(findBrowser({}), outDir, 2, (job: PdfJob, pdf) =>
      printed.set(job.output, { pages: pageCountOf(pdf), sizes: pageSizesOf(pdf).map((s) => `${Math.round(s.widthPt)}×${Math.round(s.heightPt)}`) }),
    );
    const jobs = jobsFromManifest(readManifest(outDir));
    expect(floor.pdfs).toBe(jobs.length);
    expect([...printed.keys()].sort()).toEqual(jobs.map((j) => j.output).sort());
    // Read back with poppler, not with the floor's own reader: the deck printed as 16:9 slides (not one page of
    // Letter before its layout), the A4 handout in A4, the notes on the clinic's paper.
    for (const job of jobs) {
      const built = pdfInfo(path.join(outDir, job.output));
      expect(printed.get(job.output)?.pages, job.output).toBe(built.pages);
      expect(printed.get(job.output)?.sizes[0], job.output).toBe(`${Math.round(built.widthPt)}×${Math.round(built.heightPt)}`);
    }
    const deck = jobs.find((j) => j.kind === "deck")!;
    expect(printed.get(deck.output)!.pages).toBeGreaterThan(1);
    expect(printed.get(deck.output)!.sizes[0]).toBe("960×540");
    expect(printed.get(jobs.find((j) => j.kind === "handout" && j.paper === "a4")!.output)!.sizes[0]).toBe("595×842");
    expect(chromiumProcesses()).toEqual([]);
  });

  it("fails loudly, naming the PDF, when what it printed is not what the build printed", async () => {
    const jobs = jobsFromManifest(readManifest(outDir));
    const letter = jobs.find((j) => j.kind === "handout" && j.paper === "letter")!;
    const a4 = jobs.find((j) => j.kind === "handout" && j.paper === "a4")!;
    // The build's Letter PDF swapped for its A4 one: the floor prints Letter, which no longer matches.
    const original = readFileSync(path.join(outDir, letter.output));
    copyFileSync(path.join(outDir, a4.output), path.join(outDir, letter.output));
    try {
      const failure = measurePagesFloor(findBrowser({}), outDir, 2);
      await expect(failure).rejects.toThrow(FloorMismatchError);
      await expect(failure).rejects.toThrow(`${letter.output}: pages of 612×792 pt, the build's PDF has 595×842 pt`);
    } finally {
      writeFileSync(path.join(outDir, letter.output), original);
    }
    expect(chromiumProcesses()).toEqual([]);
  });

  it("refuses a print of an error page or of the wrong number of PDFs, whichever floor printed it", () => {
    const jobs = jobsFromManifest(readManifest(outDir));
    const deck = jobs.find((j) => j.kind === "deck")!;
    const shapes = (override: Partial<PrintedShape> = {}): PrintedShape[] =>
      jobs.map((job) => {
        const built = readFileSync(path.join(outDir, job.output));
        return { job, pages: pageCountOf(built), sizes: pageSizesOf(built), ...(job === deck ? override : {}) };
      });
    expect(() => verifyAgainstBuild(outDir, jobs, shapes())).not.toThrow();
    // A 404 page printed instead of the deck: one page of Letter.
    expect(() => verifyAgainstBuild(outDir, jobs, shapes({ pages: 1, sizes: [{ widthPt: 612, heightPt: 792 }] }))).toThrow(
      new RegExp(`${deck.output}: 1 pages, the build's PDF has \\d+`),
    );
    expect(() => verifyAgainstBuild(outDir, jobs, shapes().slice(1))).toThrow(/printed \d+ PDFs for \d+ jobs/);
    expect(() => verifyTrivial(3, [{ pages: 1, sizes: [{ widthPt: 612, heightPt: 792 }] }])).toThrow(/printed 1 PDFs, not 3/);
    expect(() => verifyTrivial(1, [{ pages: 2, sizes: [{ widthPt: 612, heightPt: 792 }] }])).toThrow(/not one Letter page/);
    expect(() => verifyTrivial(1, [{ pages: 1, sizes: [{ widthPt: 612, heightPt: 792 }] }])).not.toThrow();
  });
});

describe("the decks-only content folder", () => {
  it("keeps the clinic, references, snippets and decks, drops handouts and pages, and the decks' handouts field", () => {
    const target = path.join(scratch, "decks-only");
    const { decks } = writeDecksOnlyContent(path.join(repoRoot, "content"), target);
    expect(decks.length).toBeGreaterThan(0);
    const loaded = loadContent(target);
    expect(loaded.documents.map((d) => d.data.kind)).toEqual(decks.map(() => "deck"));
    for (const deck of decks) expect(readFileSync(path.join(target, deck), "utf8")).not.toMatch(/^handouts:/m);
    expect(withoutHandouts("---\ntitle: T\nhandouts:\n  - a\n  - b\nkind: deck\n---\n\n## S\n")).toBe("---\ntitle: T\nkind: deck\n---\n\n## S\n");
  });
});
