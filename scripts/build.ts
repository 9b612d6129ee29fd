/**
 * `npm run build`: content/ → output/ (site, handout PDFs in Letter and A4, slide PDFs, manifest.json).
 *
 *   --browser <path>     Chromium or Chrome to print with (else PUPPETEER_EXECUTABLE_PATH, CHROME_PATH, system paths)
 *   --concurrency <n>    pages printing at once in the one browser (default 3)
 *   --content <dir>      content folder (default content)
 *   --out <dir>          output folder (default output)
 *   --site-only          build the site without PDFs
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { rmSync } from "node:fs";
import { build, activeStagingDir } from "../src/build/build.ts";
import { findUserError, ExitCode } from "../src/errors.ts";

const root = path.resolve(import.meta.dirname, "..");
const { values } = parseArgs({
  options: {
    browser: { type: "string" },
    concurrency: { type: "string" },
    content: { type: "string", default: "content" },
    out: { type: "string", default: "output" },
    "site-only": { type: "boolean", default: false },
  },
});

// Ctrl-C while Eleventy runs: drop the half-built staging folder and leave output/ alone. While PDFs print,
// the renderer handles the signal itself (it must close Chromium first) and the error below ends the run.
let rendering = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (rendering) return;
    if (activeStagingDir) rmSync(activeStagingDir, { recursive: true, force: true });
    console.error(`\nStopped by ${signal}; the previous output/ was left as it was.`);
    process.exit(ExitCode.interrupted);
  });
}

try {
  const started = performance.now();
  const report = await build({
    root,
    contentDir: path.resolve(values.content),
    outDir: path.resolve(values.out),
    browserFlag: values.browser,
    concurrency: values.concurrency ? Number(values.concurrency) : undefined,
    skipPdfs: values["site-only"],
    log: (line) => {
      if (line.startsWith("site:")) rendering = true;
      console.log(line);
    },
  });
  console.log(`Built ${report.documents} documents and ${report.pdfs.length} PDFs into ${values.out}/ in ${((performance.now() - started) / 1000).toFixed(2)} s.`);
} catch (error) {
  const userError = findUserError(error);
  if (userError) {
    console.error(`Build failed: ${userError.message}`);
    console.error("The previous output/ was left as it was.");
    process.exitCode = userError.exitCode;
  } else {
    console.error(error);
    process.exitCode = ExitCode.bug;
  }
}
