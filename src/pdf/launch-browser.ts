/**
 * Launches one headless Chromium for a whole run and guarantees it is closed: after success, after an error,
 * and on Ctrl-C or SIGTERM. Killing Node without closing leaves Chromium processes and a temp profile behind.
 */
import puppeteer, { type Browser } from "puppeteer-core";
import { InterruptedError } from "../errors.ts";

/** Root needs --no-sandbox; the rest stop Chromium calling home on a closed network at every start. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-default-apps",
  "--disable-extensions",
  "--no-first-run",
  "--no-default-browser-check",
  "--font-render-hinting=none",
];

/** Runs `work` with a launched browser and closes it whatever happens, also when the process is signalled. */
export async function withBrowser<T>(executablePath: string, work: (browser: Browser) => Promise<T>): Promise<T> {
  const browser = await puppeteer.launch({
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
    // We handle signals ourselves so the browser closes before we exit, then re-raise the interruption.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  let interrupted: ((signal: NodeJS.Signals) => void) | undefined;
  const interruption = new Promise<never>((_, reject) => {
    interrupted = (signal) => reject(new InterruptedError(signal));
  });
  interruption.catch(() => undefined);
  const onSignal = (signal: NodeJS.Signals): void => interrupted?.(signal);
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    return await Promise.race([work(browser), interruption]);
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    await closeBrowser(browser);
  }
}

async function closeBrowser(browser: Browser): Promise<void> {
  const child = browser.process();
  try {
    await Promise.race([browser.close(), new Promise((resolve) => setTimeout(resolve, 5000))]);
  } finally {
    // If a graceful close hung, make sure no Chromium outlives us.
    if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  }
}
