/**
 * `npm run build`: content/ → output/ (site, handout PDFs in Letter and A4, slide PDFs, manifest.json).
 *
 *   --browser <path>     Chromium or Chrome to print with (else PUPPETEER_EXECUTABLE_PATH, CHROME_PATH, system paths)
 *   --concurrency <n>    pages printing at once in the one browser (default 3)
 *   --content <dir>      content folder (default content)
 *   --out <dir>          output folder (default output)
 *   --site-only          build the site without PDFs
 *   --shard <i/n>        print only the PDFs of the i-th of n slices of the documents (the site is built in full), e.g. --shard 1/2
 *   --no-cache           print every PDF afresh, ignoring .cache/pdfs
 *   --force              build even when nothing changed since the last build into the output folder
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { build } from "../src/build/build.ts";
import type { Shard } from "../src/pdf/render-pdfs.ts";
import { ExitCode } from "../src/errors.ts";
import { reportFailure } from "../src/cli/report-failure.ts";
import { abortOnSignals } from "../src/cli/abort-on-signals.ts";

const root = path.resolve(import.meta.dirname, "..");
const { values } = parseArgs({
  options: {
    browser: { type: "string" },
    concurrency: { type: "string" },
    content: { type: "string", default: "content" },
    out: { type: "string", default: "output" },
    "site-only": { type: "boolean", default: false },
    shard: { type: "string" },
    "no-cache": { type: "boolean", default: false },
    force: { type: "boolean", default: false },
  },
});

function parseShard(text: string | undefined): Shard | undefined {
  if (text === undefined) return undefined;
  const match = /^(\d+)\/(\d+)$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) {
    console.error(`--shard takes i/n with 1 ≤ i ≤ n, like --shard 1/2 (got "${text}").`);
    process.exit(ExitCode.usage);
  }
  return { index, count };
}
const shard = parseShard(values.shard);

// Ctrl-C or SIGTERM: abort the build, which closes Chromium, removes the staging folder and leaves output/ as it
// was. A second Ctrl-C exits at once.
const abortSignal = abortOnSignals();

try {
  const started = performance.now();
  const report = await build({
    root,
    contentDir: path.resolve(values.content),
    outDir: path.resolve(values.out),
    browserFlag: values.browser,
    concurrency: values.concurrency ? Number(values.concurrency) : undefined,
    skipPdfs: values["site-only"],
    log: (line) => console.log(line),
    signal: abortSignal,
    cacheDir: values["no-cache"] ? undefined : path.join(root, ".cache"),
    shard,
    force: values.force,
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  if (report.upToDate) console.log(`${values.out}/ is up to date (${seconds} s). Use --force to build it again.`);
  else console.log(`Built ${report.documents} documents and ${report.pdfs.length} PDFs into ${values.out}/ in ${seconds} s.`);
} catch (error) {
  reportFailure(error, { command: "Build", afterUserError: "The previous output/ was left as it was." });
}
