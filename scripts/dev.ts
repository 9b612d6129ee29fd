/**
 * `npm run dev`: builds the site into its own folder (default .dev-output/, never output/), serves it with live
 * reload, and rebuilds on every save in content/ or templates/. A content or template error shows in the open
 * page; each handout page shows whether it fits. `npm run dev -- --help` lists the options (below, in `command`).
 * Ctrl-C stops it, with its Chromium, and exits 0.
 */
import path from "node:path";
import { startDevServer } from "../src/dev/dev-server.ts";
import { findBrowser } from "../src/pdf/find-browser.ts";
import { reportFailure } from "../src/cli/report-failure.ts";
import { parseCommandLine, UsageError, type CommandSpec, type OptionSpec } from "../src/cli/command-line.ts";
import { wholeNumber } from "../src/cli/option-values.ts";

const root = path.resolve(import.meta.dirname, "..");
const command = {
  name: "dev",
  summary:
    "Builds the site (no PDFs) into its own folder and serves it with live reload, rebuilding on every save in content/\n" +
    "or templates/. A content or template error shows in the open page, naming the file and line, until it is fixed;\n" +
    "each handout page shows whether its sheet fits, and if not how far it runs over and how many words to cut.\n" +
    "It never writes into output/. After a change in src/, restart it.",
  options: {
    content: { type: "string", value: "<dir>", help: "content folder", default: "content" },
    out: { type: "string", value: "<dir>", help: "where the dev build goes, never output/", default: ".dev-output" },
    port: { type: "string", value: "<n>", help: "port to serve on (0 picks a free one)", default: "8080" },
    host: { type: "string", value: "<address>", help: "address to serve on", default: "127.0.0.1" },
    browser: { type: "string", value: "<path>", help: "Chromium or Chrome for the fit banner (else PUPPETEER_EXECUTABLE_PATH, CHROME_PATH, system paths)" },
    "no-fit": { type: "boolean", help: "do not measure whether handouts fit (no Chromium)", default: false },
  },
} as const satisfies CommandSpec<Record<string, OptionSpec>>;

const { values } = parseCommandLine(command);

try {
  const port = wholeNumber("port", values.port, 8080);
  const outDir = path.resolve(values.out);
  // output/ is what `npm run build` makes and what gets published; dev pages (a looser policy for the reload
  // script) must never land there.
  if (outDir === path.resolve("output")) throw new UsageError("--out output is what npm run build makes and you publish; the dev server builds into a folder of its own, like --out .dev-output.");
  let browserPath: string | undefined;
  if (!values["no-fit"]) {
    try {
      browserPath = findBrowser({ flag: values.browser });
    } catch (error) {
      console.log(`No Chromium found, so handout pages will not say whether they fit (${(error as Error).message.split("\n")[0]})`);
    }
  }
  const server = await startDevServer({
    root,
    contentDir: path.resolve(values.content),
    outDir,
    outLabel: values.out,
    port,
    host: values.host,
    browserPath,
    log: (line) => console.log(line),
  });
  console.log(`Serving ${values.out} at ${server.url} (Ctrl-C stops)`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) process.exit(0);
    stopping = true;
    void server.close().then(() => {
      console.log("Stopped.");
      process.exit(0);
    });
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
} catch (error) {
  reportFailure(error, { command: "Dev", script: "dev" });
}
