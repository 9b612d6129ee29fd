/**
 * `npm run bench`: how fast the build is, against the floor of bare Chromium on this machine.
 *
 * Builds the shipped content from scratch into a temporary folder with no PDF cache, `--runs` times, and prints
 * the median wall time of each phase (content check, Eleventy, search index, PDFs, `npm run check`), PDFs per
 * second, peak memory of Node and its Chromium processes, and the floor: bare Chromium, launched once, printing
 * as many trivial one-page PDFs through the same pool size. The ratio is our PDF phase over the floor. A second
 * floor prints the build's own pages bare (one load and one print per PDF, nothing else): the floor-to-bare gap
 * is what Chromium needs for these documents, the bare-to-build gap what the pipeline adds. Then it times a
 * rebuild with no change (with a PDF cache), and the decks' PDFs alone (`npm run build -- --only deck-pdfs`) as
 * often: its time, and its ms per deck PDF and per notes PDF.
 *
 * `npm run bench -- --help` lists the options (below, in `command`).
 *
 * The machine is named in the output (CPUs, memory, Chromium, Node) with the load average before and after each
 * run: other work on the machine slows every figure, the floor included, so compare ratios more than seconds.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { reportFailure } from "../src/cli/report-failure.ts";
import { benchRun, deckPdfsOnlyRun, machine, noChangeRebuild, profilePdfs, syntheticContent, type BenchOptions, type DeckPdfsFigures, type RunFigures, type StepProfile } from "../src/bench/run-bench.ts";
import { markdownTable, median, medianOf, seconds, textTable } from "../src/bench/stats.ts";
import { findBrowser } from "../src/pdf/find-browser.ts";
import { DEFAULT_CONCURRENCY } from "../src/pdf/render-pdfs.ts";
import { STEPS } from "../src/pdf/timing.ts";
import { abortOnSignals } from "../src/cli/abort-on-signals.ts";
import { parseCommandLine, type CommandSpec, type OptionSpec } from "../src/cli/command-line.ts";
import { positiveInteger, wholeNumber } from "../src/cli/option-values.ts";

const root = path.resolve(import.meta.dirname, "..");
const DEFAULT_SIZES = "100,1000";

// `--handouts` with no value means the default sizes; parseArgs wants a value, so supply it.
const argv = process.argv.slice(2).flatMap((arg, i, all) => (arg === "--handouts" && (all[i + 1] === undefined || all[i + 1]!.startsWith("--")) ? [arg, DEFAULT_SIZES] : [arg]));

const command = {
  name: "bench",
  summary:
    "Times the build of the shipped content from scratch (no PDF cache) into a temporary folder, phase by phase,\n" +
    "against the floor of bare Chromium on this machine, then a rebuild with no change.",
  options: {
    runs: { type: "string", value: "<n>", help: "builds of the shipped content (default 3; 0 skips it)" },
    content: { type: "string", value: "<dir>", help: "build this content folder instead of content/ (e.g. one made by scripts/decks-only.ts)" },
    handouts: { type: "string", value: "[n,…]", help: `also build a synthetic topic of n handouts for each n (default ${DEFAULT_SIZES} when given without a value)` },
    "size-runs": { type: "string", value: "<n>", help: "builds per synthetic size (default 1)" },
    concurrency: { type: "string", value: "<n>", help: "pages printing at once (default: the build's default)" },
    browser: { type: "string", value: "<path>", help: "Chromium or Chrome (else PUPPETEER_EXECUTABLE_PATH, CHROME_PATH, system paths)" },
    "no-checks": { type: "boolean", help: "do not time npm run check", default: false },
    profile: { type: "boolean", help: "also show where a PDF's time goes, step by step (prints the PDFs once more)", default: false },
    markdown: { type: "string", value: "<file>", help: "also write the results as Markdown tables (for the README's Performance section)" },
    json: { type: "string", value: "<file>", help: "also write every run's figures as JSON" },
  },
} as const satisfies CommandSpec<Record<string, OptionSpec>>;

const { values } = parseCommandLine(command, argv);
const abortSignal = abortOnSignals();

interface Row {
  label: string;
  runs: RunFigures[];
  median: RunFigures;
}

try {
  const runs = wholeNumber("runs", values.runs, 3);
  const sizeRuns = Math.max(1, wholeNumber("size-runs", values["size-runs"], 1));
  const sizes = values.handouts === undefined ? [] : values.handouts.split(",").map((n) => wholeNumber("handouts", n.trim(), 0)).filter((n) => n > 0);
  const concurrency = positiveInteger("concurrency", values.concurrency);
  const browserPath = findBrowser({ flag: values.browser });
  const info = machine(browserPath);
  const contentDir = values.content === undefined ? path.join(root, "content") : path.resolve(values.content);
  const base: Omit<BenchOptions, "contentDir" | "checks"> = { root, concurrency, browserFlag: browserPath, log: (line) => console.log(line), signal: abortSignal };
  const machineLine =
    `${info.cpus} CPUs (${info.cpuModel}), ${info.memoryGiB.toFixed(1)} GiB memory, ${info.chromium}, Node ${info.node}, ` +
    `${concurrency ?? DEFAULT_CONCURRENCY} pages at once`;
  console.log(`Machine: ${machineLine}\n`);

  const rows: Row[] = [];
  let rebuild: Awaited<ReturnType<typeof noChangeRebuild>> | undefined;
  const profiles: { label: string; profile: StepProfile[] }[] = [];

  if (runs > 0) {
    console.log(`${values.content === undefined ? "Shipped content" : contentDir}, ${runs} build${runs === 1 ? "" : "s"} from scratch:`);
    const figures: RunFigures[] = [];
    for (let i = 0; i < runs; i++) figures.push(await benchRun({ ...base, contentDir, checks: !values["no-checks"] }));
    rows.push({ label: `${values.content === undefined ? "shipped" : path.basename(contentDir)} (${figures[0]!.documents} documents)`, runs: figures, median: medianOf(figures) });
    console.log("Rebuilds with a PDF cache:");
    rebuild = await noChangeRebuild({ ...base, contentDir, checks: false });
    console.log(`  no change: ${seconds(rebuild.rebuildMs)} s; forced, every PDF from the cache: ${seconds(rebuild.forcedMs)} s\n`);
    if (values.profile) profiles.push({ label: values.content === undefined ? "shipped content" : path.basename(contentDir), profile: (await profilePdfs({ ...base, contentDir, checks: false })).profile });
  }

  // The decks' PDFs alone (`npm run build -- --only deck-pdfs`), as often as the full build ran.
  const deckRuns: DeckPdfsFigures[] = [];
  for (let i = 0; i < Math.max(1, runs); i++) {
    const figures = await deckPdfsOnlyRun({ ...base, contentDir, checks: false });
    if (figures) deckRuns.push(figures);
  }
  const deckLine =
    deckRuns.length > 0
      ? `Deck PDFs only (npm run build -- --only deck-pdfs), median of ${deckRuns.length}: ${deckRuns[0]!.pdfs} PDFs in ${seconds(median(deckRuns.map((r) => r.totalMs)))} s ` +
        `(content and print pages ${seconds(median(deckRuns.map((r) => r.pagesMs)))} s, PDFs ${seconds(median(deckRuns.map((r) => r.pdfsMs)))} s; Node's start-up and exit not included), ` +
        `${median(deckRuns.map((r) => r.deckPdfMs)).toFixed(0)} ms per deck PDF, ${median(deckRuns.map((r) => r.notesPdfMs)).toFixed(0)} ms per notes PDF, ` +
        `load ${Math.min(...deckRuns.map((r) => r.load)).toFixed(1)}–${Math.max(...deckRuns.map((r) => r.load)).toFixed(1)}`
      : undefined;
  if (deckLine) console.log(`${deckLine}\n`);

  for (const size of sizes) {
    console.log(`${size} synthetic handouts, ${sizeRuns} build${sizeRuns === 1 ? "" : "s"} from scratch:`);
    const synthetic = syntheticContent(contentDir, size);
    try {
      const figures: RunFigures[] = [];
      for (let i = 0; i < sizeRuns; i++) figures.push(await benchRun({ ...base, contentDir: synthetic.contentDir, checks: false }));
      rows.push({ label: `${size} handouts`, runs: figures, median: medianOf(figures) });
      if (values.profile && size === Math.min(...sizes)) {
        profiles.push({ label: `${size} handouts`, profile: (await profilePdfs({ ...base, contentDir: synthetic.contentDir, checks: false })).profile });
      }
    } finally {
      synthetic.remove();
    }
    console.log("");
  }

  const header = ["content", "PDFs", "Eleventy s", "search s", "PDFs s", "checks s", "build s", "PDFs/s", "ms/PDF", "ms/deck PDF", "ms/notes PDF", "floor s", "ratio", "pages bare s", "ratio to bare", "peak MiB (PSS)", "peak MiB (RSS sum)", "load"];
  const tableRows = rows.map(({ label, median: m, runs: r }) => [
    label,
    String(m.pdfs),
    seconds(m.eleventyMs),
    seconds(m.searchMs),
    seconds(m.pdfsMs),
    Number.isNaN(m.checksMs) ? "n/a" : seconds(m.checksMs),
    seconds(m.buildMs),
    (m.pdfs / (m.pdfsMs / 1000)).toFixed(1),
    (m.pdfsMs / m.pdfs).toFixed(0),
    Number.isNaN(m.deckPdfMs) ? "n/a" : m.deckPdfMs.toFixed(0),
    Number.isNaN(m.notesPdfMs) ? "n/a" : m.notesPdfMs.toFixed(0),
    seconds(m.floorMs),
    `${(m.pdfsMs / m.floorMs).toFixed(2)}×`,
    seconds(m.pagesFloorMs),
    `${(m.pdfsMs / m.pagesFloorMs).toFixed(2)}×`,
    m.peakPssMiB.toFixed(0),
    m.peakRssMiB.toFixed(0),
    `${Math.min(...r.map((x) => x.loadBefore)).toFixed(1)}–${Math.max(...r.map((x) => x.loadAfter)).toFixed(1)}`,
  ]);
  console.log(`Medians (${rows.map((r) => `${r.label}: ${r.runs.length} run${r.runs.length === 1 ? "" : "s"}`).join("; ")}):\n`);
  console.log(textTable(header, tableRows));

  const growth: string[] = [];
  const synthetic = rows.filter((r) => r.label.endsWith("handouts"));
  if (synthetic.length >= 2) {
    const small = synthetic[0]!.median;
    const large = synthetic[synthetic.length - 1]!.median;
    growth.push(
      `From ${synthetic[0]!.label} to ${synthetic[synthetic.length - 1]!.label}: time per PDF ×${(large.pdfsMs / large.pdfs / (small.pdfsMs / small.pdfs)).toFixed(2)} ` +
        `(×${(large.pdfsMs / large.floorMs / (small.pdfsMs / small.floorMs)).toFixed(2)} against the floor, which ran under the same load), ` +
        `peak memory (PSS) ×${(large.peakPssMiB / small.peakPssMiB).toFixed(2)} (${small.peakPssMiB.toFixed(0)} → ${large.peakPssMiB.toFixed(0)} MiB; ` +
        `PDF phase alone ${small.pdfPeakPssMiB.toFixed(0)} → ${large.pdfPeakPssMiB.toFixed(0)} MiB).`,
    );
  }
  if (rebuild) {
    growth.push(
      `A rebuild with no change takes ${seconds(rebuild.rebuildMs)} s in the build itself (\`npm run build\` adds Node's start-up); ` +
        `a forced rebuild with every PDF from the cache ${seconds(rebuild.forcedMs)} s.`,
    );
  }
  for (const line of growth) console.log(`\n${line}`);

  const profileTables = profiles.map(({ label, profile }) => {
    const steps = STEPS.filter((s) => profile.some((p) => p.ms[s] >= 0.5));
    const h = ["printed from one page", "times", "wall ms", ...steps.map((s) => `${s} ms`)];
    const r = profile.map((p) => [p.kind, String(p.jobs), p.wallMs.toFixed(0), ...steps.map((s) => `${p.ms[s].toFixed(0)}${p.count[s] > 1.05 ? ` (×${p.count[s].toFixed(1)})` : ""}`)]);
    return { label, h, r };
  });
  for (const { label, h, r } of profileTables) {
    console.log(`\nWhere the PDF time goes (${label}; mean ms each time a page is loaded and printed, with pages printing at once; serve overlaps load):\n`);
    console.log(textTable(h, r));
  }

  if (values.markdown) {
    const md = [
      `Measured on ${machineLine}. Medians of ${rows.map((r) => `${r.runs.length} run${r.runs.length === 1 ? "" : "s"} (${r.label})`).join(", ")}; load average during the runs in the last column.`,
      "",
      markdownTable(header, tableRows),
      ...growth.map((line) => `\n${line}`),
      ...(deckLine ? ["", deckLine] : []),
      ...profileTables.flatMap(({ label, h, r }) => ["", `Where the PDF time goes (${label}), mean ms each time a page is loaded and printed:`, "", markdownTable(h, r)]),
      "",
    ].join("\n");
    writeFileSync(values.markdown, md);
    console.log(`\nWrote ${values.markdown}`);
  }
  if (values.json) {
    writeFileSync(values.json, `${JSON.stringify({ machine: info, rows, rebuild, profiles, deckPdfsOnly: deckRuns }, null, 2)}\n`);
    console.log(`Wrote ${values.json}`);
  }
} catch (error) {
  reportFailure(error, { command: "Bench", script: "bench" });
}
