/**
 * `npm run build`: content/ → output/ (site, handout PDFs in Letter and A4, slide PDFs, manifest.json).
 * `npm run build -- --only deck-pdfs`: just the decks' slides and slides-with-notes PDFs (src/build/build-deck-pdfs.ts).
 * `npm run build -- --help` lists the options (below, in `command`).
 *
 * The build's modules are imported only once the command line is read, and only those the chosen build needs:
 * the deck PDFs alone need neither Eleventy nor Pagefind nor the PowerPoint writer, and start Chromium before
 * importing the rest, so the browser starts while Node loads and renders the content.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import type { Shard } from "../src/pdf/render-pdfs.ts";
import { keptLine, reportFailure } from "../src/cli/report-failure.ts";
import { abortOnSignals } from "../src/cli/abort-on-signals.ts";
import { badValue, parseCommandLine, type CommandSpec, type OptionSpec } from "../src/cli/command-line.ts";
import { positiveInteger } from "../src/cli/option-values.ts";

const root = path.resolve(import.meta.dirname, "..");
const command = {
  name: "build",
  summary:
    "Checks content/ and builds the site, the handout PDFs (Letter, A4, large print) and the slide PDFs into a staging\n" +
    "folder, then swaps it into the output folder; a failed build leaves the previous output as it was.",
  options: {
    browser: { type: "string", value: "<path>", help: "Chromium or Chrome to print with (else PUPPETEER_EXECUTABLE_PATH, CHROME_PATH, system paths)" },
    concurrency: { type: "string", value: "<n>", help: "pages printing at once in the one browser (default 3)" },
    content: { type: "string", value: "<dir>", help: "content folder", default: "content" },
    out: { type: "string", value: "<dir>", help: "output folder", default: "output" },
    "site-only": { type: "boolean", help: "build the site without PDFs (no Chromium needed)", default: false },
    shard: { type: "string", value: "<i/n>", help: "print only the PDFs of the i-th of n slices of the documents (the site is built in full); merge with npm run merge" },
    "no-cache": { type: "boolean", help: "print every PDF afresh, ignoring .cache/pdfs", default: false },
    force: { type: "boolean", help: "build even when nothing changed since the last build into the output folder", default: false },
    only: {
      type: "string",
      value: "deck-pdfs",
      help: "only each deck's slides PDF and notes PDF, the full build's own, without site, search, handouts or PowerPoint",
    },
  },
} as const satisfies CommandSpec<Record<string, OptionSpec>>;

const { values } = parseCommandLine(command);
const out = values.out;
const kept = keptLine(out, existsSync(path.resolve(out)));

function parseShard(text: string | undefined): Shard | undefined {
  if (text === undefined) return undefined;
  const match = /^(\d+)\/(\d+)$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) throw badValue("shard", "i/n with 1 ≤ i ≤ n, like --shard 1/2", text);
  return { index, count };
}

// Ctrl-C or SIGTERM: abort the build, which closes Chromium, removes the staging folder and leaves the output
// folder as it was. A second Ctrl-C exits at once.
const abortSignal = abortOnSignals();

/** The part of the output `--only` names. */
const ONLY = ["deck-pdfs"] as const;

try {
  const shard = parseShard(values.shard);
  const concurrency = positiveInteger("concurrency", values.concurrency);
  const started = performance.now();
  if (values.only !== undefined) {
    if (!(ONLY as readonly string[]).includes(values.only)) throw badValue("only", ONLY.join(" or "), values.only);
    if (values["site-only"] || shard) throw badValue("only", "deck-pdfs without --site-only or --shard", values.only);
    await buildDeckPdfsOnly(concurrency, started);
  } else {
    await buildAll(shard, concurrency, started);
  }
} catch (error) {
  reportFailure(error, { command: "Build", script: "build", kept });
}

/** `--only deck-pdfs`: Chromium first, then the modules that load and render the content (see the top). */
async function buildDeckPdfsOnly(concurrency: number | undefined, started: number): Promise<void> {
  const [{ findBrowser }, { spawnChromium }] = await Promise.all([import("../src/pdf/find-browser.ts"), import("../src/pdf/spawn-chromium.ts")]);
  const browserPath = findBrowser({ flag: values.browser });
  // Chromium starts now; puppeteer is loaded and connects to it while the content loads (spawn-chromium.ts).
  const chromium = spawnChromium(browserPath);
  let report: Awaited<ReturnType<typeof import("../src/build/build-deck-pdfs.ts").buildDeckPdfs>>;
  try {
    const [{ buildDeckPdfs }, { sourceDateFromEnv }] = await Promise.all([import("../src/build/build-deck-pdfs.ts"), import("../src/pdf/pdf-date.ts")]);
    report = await buildDeckPdfs({
      contentDir: path.resolve(values.content),
      outDir: path.resolve(out),
      browserPath,
      browser: chromium.browser,
      concurrency,
      signal: abortSignal,
      cacheDir: values["no-cache"] ? undefined : path.join(root, ".cache", "pdfs"),
      sourceDate: sourceDateFromEnv(),
      log: (line) => console.log(line),
    });
  } finally {
    await chromium.stop();
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  const folder = out.endsWith("/") ? out : `${out}/`;
  console.log(`Built ${report.pdfs.length} PDFs of ${report.decks} decks into ${folder} in ${seconds} s.`);
}

/** The whole build: site, search index, every PDF, PowerPoint and one-file deck. */
async function buildAll(shard: Shard | undefined, concurrency: number | undefined, started: number): Promise<void> {
  const { build } = await import("../src/build/build.ts");
  const report = await build({
    root,
    contentDir: path.resolve(values.content),
    outDir: path.resolve(out),
    browserFlag: values.browser,
    concurrency,
    skipPdfs: values["site-only"],
    log: (line) => console.log(line),
    signal: abortSignal,
    cacheDir: values["no-cache"] ? undefined : path.join(root, ".cache"),
    shard,
    force: values.force,
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  const folder = out.endsWith("/") ? out : `${out}/`;
  if (report.upToDate) console.log(`${folder} is up to date (${seconds} s). Use --force to build it again.`);
  else console.log(`Built ${report.documents} documents and ${report.pdfs.length} PDFs into ${folder} in ${seconds} s.`);
}
