/**
 * Finds a Chromium or Chrome to print with, in a fixed, documented order:
 *   1. the `--browser <path>` command-line flag;
 *   2. the PUPPETEER_EXECUTABLE_PATH, then the CHROME_PATH environment variable;
 *   3. the usual system locations (Debian's chromium first).
 * Puppeteer cannot download its own browser on machines without internet access, so none is downloaded.
 */
import { accessSync, constants, statSync } from "node:fs";
import { BrowserNotFoundError } from "../errors.ts";

export const SYSTEM_BROWSER_PATHS = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/lib/chromium/chromium",
  "/snap/bin/chromium",
  "/usr/bin/google-chrome-stable",
  "/usr/bin/google-chrome",
  "/opt/google/chrome/chrome",
  "/Applications/Chromium.app/Contents/MacOS/Chromium",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
];

export interface BrowserSearch {
  flag?: string | undefined;
  env?: Record<string, string | undefined>;
  systemPaths?: readonly string[];
  isExecutable?: (file: string) => boolean;
}

function isExecutableFile(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function findBrowser(search: BrowserSearch = {}): string {
  const env = search.env ?? process.env;
  const isExecutable = search.isExecutable ?? isExecutableFile;
  const tried: string[] = [];
  const candidates: { where: string; file: string | undefined; explicit: boolean }[] = [
    { where: "--browser flag", file: search.flag, explicit: true },
    { where: "PUPPETEER_EXECUTABLE_PATH", file: env["PUPPETEER_EXECUTABLE_PATH"], explicit: true },
    { where: "CHROME_PATH", file: env["CHROME_PATH"], explicit: true },
    ...(search.systemPaths ?? SYSTEM_BROWSER_PATHS).map((file) => ({ where: "system path", file, explicit: false })),
  ];
  for (const { where, file, explicit } of candidates) {
    if (!file) continue;
    if (isExecutable(file)) return file;
    // A path the user gave that does not work is an error, not something to skip silently.
    if (explicit) throw new BrowserNotFoundError(`The browser given by ${where} (${file}) is not an executable file. Fix the path, or unset it to use a system Chromium.`);
    tried.push(file);
  }
  throw new BrowserNotFoundError(
    [
      "No Chromium or Chrome found to render PDFs.",
      "Tried: --browser flag (not given), PUPPETEER_EXECUTABLE_PATH (not set), CHROME_PATH (not set), then:",
      ...tried.map((file) => `  ${file}`),
      "Install one: on Debian or Ubuntu run `apt-get install -y chromium` as root (scripts/setup.sh does this),",
      "or point PUPPETEER_EXECUTABLE_PATH at an existing Chrome or Chromium.",
    ].join("\n"),
  );
}
