/**
 * `npm run bench`: builds a content folder from scratch into a temporary folder (no PDF cache), with the real
 * build, timing each phase and sampling memory, then measures the floor (bare Chromium printing as many trivial
 * PDFs through the same pool) and compares. scripts/bench.ts prints what this returns.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { build, type BuildReport } from "../build/build.ts";
import { buildDeckPdfs } from "../build/build-deck-pdfs.ts";
import { spawnChromium } from "../pdf/spawn-chromium.ts";
import { runChecks } from "../check/run-checks.ts";
import { findBrowser } from "../pdf/find-browser.ts";
import { DEFAULT_CONCURRENCY, renderPdfs } from "../pdf/render-pdfs.ts";
import { STEPS, type Step } from "../pdf/timing.ts";
import type { PdfJob } from "../pdf/jobs.ts";
import { measureFloor, measurePagesFloor } from "./floor.ts";
import { startSampling } from "./memory.ts";
import { writeSyntheticContent } from "./synthetic.ts";

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  chromium: string;
  node: string;
}

export function machine(browserPath: string): Machine {
  let chromium = "unknown";
  try {
    chromium = execFileSync(browserPath, ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    // a browser that cannot say its version still prints
  }
  return {
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model.trim() ?? "unknown",
    memoryGiB: os.totalmem() / 1024 ** 3,
    chromium,
    node: process.version,
  };
}

/** One build of one content folder, and the floor for the same number of PDFs. */
export interface RunFigures extends Record<string, number> {
  documents: number;
  pdfs: number;
  checkContentMs: number;
  eleventyMs: number;
  searchMs: number;
  pdfsMs: number;
  swapMs: number;
  buildMs: number;
  /** `npm run check` over the built output; NaN when not run. */
  checksMs: number;
  floorMs: number;
  /** Mean ms of one deck's 16:9 slides PDF (its print page's load and layout included), and of one slides-with-notes PDF; NaN without decks. */
  deckPdfMs: number;
  notesPdfMs: number;
  /** The same pages printed bare: one load and one print per PDF, nothing else (see measurePagesFloor). */
  pagesFloorMs: number;
  /** Peak memory during the whole build (Node + its child processes), MiB. */
  peakRssMiB: number;
  peakPssMiB: number;
  /** Peak memory during the PDF phase alone, MiB. */
  pdfPeakRssMiB: number;
  pdfPeakPssMiB: number;
  pdfPeakNodeMiB: number;
  pdfPeakChromiumMiB: number;
  floorPeakRssMiB: number;
  floorPeakPssMiB: number;
  /** System load average (1 min) when the run started and ended. */
  loadBefore: number;
  loadAfter: number;
}

export interface BenchOptions {
  root: string;
  contentDir: string;
  concurrency?: number | undefined;
  browserFlag?: string | undefined;
  /** Also time `npm run check` over the built output. */
  checks: boolean;
  log?: (line: string) => void;
  signal?: AbortSignal | undefined;
}

/** Builds `options.contentDir` once from scratch into a temporary folder and measures the floor after it. */
export async function benchRun(options: BenchOptions): Promise<RunFigures> {
  const browserPath = findBrowser({ flag: options.browserFlag });
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const scratch = mkdtempSync(path.join(os.tmpdir(), "handouts-bench-"));
  const loadBefore = os.loadavg()[0]!;
  try {
    const outDir = path.join(scratch, "output");
    const memory = startSampling();
    const started = performance.now();
    let report: BuildReport;
    const deckMs: Record<"deck" | "deck-notes", number[]> = { deck: [], "deck-notes": [] };
    const onPdfDone = (job: PdfJob, ms: number): void => {
      if (job.kind !== "handout") deckMs[job.kind].push(ms);
    };
    try {
      report = await build({ root: options.root, contentDir: options.contentDir, outDir, browserFlag: browserPath, concurrency: options.concurrency, signal: options.signal, onPdfDone });
    } finally {
      memory.stop();
    }
    const t = report.timings;
    const pdfFrom = started + t.check + t.eleventy + t.search;
    const whole = memory.peaks();
    const pdfPhase = memory.peaks(pdfFrom, pdfFrom + t.pdfs);

    let checksMs = Number.NaN;
    if (options.checks) {
      const checkStarted = performance.now();
      await runChecks({ outDir, contentDir: options.contentDir, browserFlag: browserPath, concurrency: options.concurrency, signal: options.signal });
      checksMs = performance.now() - checkStarted;
    }

    // Before the scratch folder goes: the build's own pages, printed bare.
    const pagesFloor = await measurePagesFloor(browserPath, outDir, concurrency);

    const floorMemory = startSampling();
    const floor = await measureFloor(browserPath, report.pdfs.length, concurrency).finally(() => floorMemory.stop());
    const floorPeaks = floorMemory.peaks();
    options.log?.(
      `  ${report.pdfs.length} PDFs in ${(t.pdfs / 1000).toFixed(2)} s (floor ${(floor.ms / 1000).toFixed(2)} s, the same pages bare ${(pagesFloor.ms / 1000).toFixed(2)} s), build ${(t.total / 1000).toFixed(2)} s, ` +
        `peak ${whole.pssMiB.toFixed(0)} MiB PSS, load ${loadBefore.toFixed(1)} → ${os.loadavg()[0]!.toFixed(1)}`,
    );
    return {
      documents: report.documents,
      pdfs: report.pdfs.length,
      checkContentMs: t.check,
      eleventyMs: t.eleventy,
      searchMs: t.search,
      pdfsMs: t.pdfs,
      swapMs: t.swap,
      buildMs: t.total,
      checksMs,
      floorMs: floor.ms,
      pagesFloorMs: pagesFloor.ms,
      deckPdfMs: mean(deckMs.deck),
      notesPdfMs: mean(deckMs["deck-notes"]),
      peakRssMiB: whole.totalMiB,
      peakPssMiB: whole.pssMiB,
      pdfPeakRssMiB: pdfPhase.totalMiB,
      pdfPeakPssMiB: pdfPhase.pssMiB,
      pdfPeakNodeMiB: pdfPhase.nodeMiB,
      pdfPeakChromiumMiB: pdfPhase.childrenMiB,
      floorPeakRssMiB: floorPeaks.totalMiB,
      floorPeakPssMiB: floorPeaks.pssMiB,
      loadBefore,
      loadAfter: os.loadavg()[0]!,
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** One run of the deck-PDFs-only build (`npm run build -- --only deck-pdfs`), with no PDF cache. */
export interface DeckPdfsFigures {
  pdfs: number;
  /** The build in this process, Chromium's start included (Node's own start-up and exit are not). */
  totalMs: number;
  /** Loading and checking the content, rendering the print pages. */
  pagesMs: number;
  pdfsMs: number;
  /** Mean time of one 16:9 slides PDF (its print page's load and layout included) and of one notes PDF. */
  deckPdfMs: number;
  notesPdfMs: number;
  load: number;
}

/** Times the deck-PDFs-only build as the command line runs it: Chromium started first, then everything else. */
export async function deckPdfsOnlyRun(options: BenchOptions): Promise<DeckPdfsFigures | undefined> {
  const scratch = mkdtempSync(path.join(os.tmpdir(), "handouts-bench-decks-"));
  try {
    const started = performance.now();
    const browserPath = findBrowser({ flag: options.browserFlag });
    const chromium = spawnChromium(browserPath);
    const deckMs: Record<"deck" | "deck-notes", number[]> = { deck: [], "deck-notes": [] };
    const report = await buildDeckPdfs({
      contentDir: options.contentDir,
      outDir: path.join(scratch, "output"),
      browserPath,
      browser: chromium.browser,
      concurrency: options.concurrency,
      signal: options.signal,
      onPdfDone: (job, ms) => {
        if (job.kind !== "handout") deckMs[job.kind].push(ms);
      },
    }).finally(() => chromium.stop());
    if (!report.decks) return undefined;
    return {
      pdfs: report.pdfs.length,
      totalMs: performance.now() - started,
      pagesMs: report.timings.content + report.timings.pages,
      pdfsMs: report.timings.pdfs,
      deckPdfMs: mean(deckMs.deck),
      notesPdfMs: mean(deckMs["deck-notes"]),
      load: os.loadavg()[0]!,
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

const mean = (values: readonly number[]): number => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : Number.NaN);

/** A content folder of `count` generated handouts in a temporary folder; remove it when done. */
export function syntheticContent(sourceContentDir: string, count: number): { contentDir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), `handouts-bench-${count}-`));
  const contentDir = path.join(dir, "content");
  writeSyntheticContent(sourceContentDir, contentDir, count);
  return { contentDir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** How long a rebuild takes when nothing changed (the input fingerprint shortcut), after one build with a cache. */
export async function noChangeRebuild(options: BenchOptions): Promise<{ firstMs: number; rebuildMs: number; forcedMs: number; forcedCached: number }> {
  const scratch = mkdtempSync(path.join(os.tmpdir(), "handouts-bench-cache-"));
  try {
    const common = { root: options.root, contentDir: options.contentDir, outDir: path.join(scratch, "output"), cacheDir: path.join(scratch, "cache"), concurrency: options.concurrency, browserFlag: options.browserFlag, signal: options.signal };
    const first = await build(common);
    const rebuild = await build(common);
    if (!rebuild.upToDate) throw new Error("the rebuild with no change did not take the no-change shortcut");
    const forced = await build({ ...common, force: true });
    return { firstMs: first.timings.total, rebuildMs: rebuild.timings.total, forcedMs: forced.timings.total, forcedCached: forced.cachedPdfs };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

export interface StepProfile {
  /** The kind of job, with how many PDFs a group prints from one loaded page ("handout ×3"). */
  kind: string;
  /** Groups of this kind printed. */
  jobs: number;
  /** Mean wall time of one group, ms. */
  wallMs: number;
  /** Mean ms per job in each step. */
  ms: Record<Step, number>;
  /** Mean times each step ran per job (prints per job, requests answered per job). */
  count: Record<Step, number>;
}

/** Where a PDF job's time goes: prints the built output's PDFs again, with the renderer's step timings. */
export async function profilePdfs(options: BenchOptions): Promise<{ profile: StepProfile[]; ms: number; pdfs: number }> {
  const scratch = mkdtempSync(path.join(os.tmpdir(), "handouts-bench-profile-"));
  try {
    const outDir = path.join(scratch, "output");
    await build({ root: options.root, contentDir: options.contentDir, outDir, skipPdfs: true, signal: options.signal });
    const byKind = new Map<string, StepProfile>();
    const result = await renderPdfs({
      outDir,
      browserPath: findBrowser({ flag: options.browserFlag }),
      concurrency: options.concurrency,
      signal: options.signal,
      onGroupDone: (jobs, ms, timings) => {
        // A handout's editions print from one load of its page: one row per kind of group, like "handout ×3".
        const kind = jobs.length > 1 ? `${jobs[0]!.kind} ×${jobs.length}` : jobs[0]!.kind;
        let p = byKind.get(kind);
        if (!p) {
          p = { kind, jobs: 0, wallMs: 0, ms: emptySteps(), count: emptySteps() };
          byKind.set(kind, p);
        }
        p.jobs++;
        p.wallMs += ms;
        for (const step of STEPS) {
          p.ms[step] += timings.ms[step] ?? 0;
          p.count[step] += timings.count[step] ?? 0;
        }
      },
    });
    const profile = [...byKind.values()].map((p) => ({
      ...p,
      wallMs: p.wallMs / p.jobs,
      ms: mapSteps((s) => p.ms[s] / p.jobs),
      count: mapSteps((s) => p.count[s] / p.jobs),
    }));
    return { profile, ms: result.ms, pdfs: result.jobs.length };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

const emptySteps = (): Record<Step, number> => mapSteps(() => 0);
function mapSteps(value: (step: Step) => number): Record<Step, number> {
  return Object.fromEntries(STEPS.map((s) => [s, value(s)])) as Record<Step, number>;
}
