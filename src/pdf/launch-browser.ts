/**
 * Launches one headless Chromium for a whole run and guarantees it is closed: after success, after an error,
 * and on Ctrl-C or SIGTERM. Killing Node without closing leaves Chromium processes and a temp profile behind.
 */
import puppeteer, { type Browser } from "puppeteer-core";
import { BrowserNotFoundError, InterruptedError } from "../errors.ts";

import { CHROMIUM_ARGS } from "./chromium-args.ts";

export { CHROMIUM_ARGS };

/**
 * Runs `work` with a launched browser and closes it whatever happens. When `signal` aborts (the command line turns
 * Ctrl-C and SIGTERM into an abort), the work is abandoned, the browser closed, and an InterruptedError thrown.
 */
export async function withBrowser<T>(executable: string | Promise<Browser>, work: (browser: Browser) => Promise<T>, signal?: AbortSignal): Promise<T> {
  const interrupted = (): InterruptedError => new InterruptedError(String(signal?.reason ?? "SIGINT"));
  if (signal?.aborted) {
    if (typeof executable !== "string") await executable.then(closeBrowser, () => undefined);
    throw interrupted();
  }
  // A browser already launching (see launchBrowser) is used, and closed, like one launched here.
  const browser = typeof executable === "string" ? await launchBrowser(executable) : await executable;
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(interrupted());
    if (signal?.aborted) onAbort();
    else signal?.addEventListener("abort", onAbort, { once: true });
  });
  aborted.catch(() => undefined);
  try {
    return await Promise.race([work(browser), aborted]);
  } finally {
    if (onAbort) signal?.removeEventListener("abort", onAbort);
    await closeBrowser(browser);
  }
}

/**
 * Launches Chromium with the renderer's flags. Most callers want withBrowser, which also closes it; the build
 * starts it early with this, while Eleventy works, and hands the promise to withBrowser (or to closeBrowser when
 * nothing needs printing after all).
 */
export function launchBrowser(executablePath: string): Promise<Browser> {
  return puppeteer
    .launch({
      executablePath,
      headless: true,
      // A copy: puppeteer removes --disable-features from the array it is given (merging it into its own), so
      // a second launch in the same process (the bench, the tests) would lose ours.
      args: [...CHROMIUM_ARGS],
      // Signals are the command line's to handle: it aborts `signal`, and we close the browser before exiting.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    })
    .catch((error: unknown) => {
      // Not a bug of ours: a browser that crashes at start, a wrong binary, a missing library.
      const reason = (error instanceof Error ? error.message : String(error)).split("\n").find((line) => line.trim()) ?? "";
      throw new BrowserNotFoundError(`Chromium at ${executablePath} did not start (${reason.trim()}); try again, or use --browser <path> to print with another Chromium or Chrome.`);
    });
}

/** Closes a browser (again is harmless), killing it if a graceful close hangs. */
export async function closeBrowser(browser: Browser): Promise<void> {
  const child = browser.process();
  if (!browser.connected) {
    if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    return;
  }
  let timer: NodeJS.Timeout | undefined;
  try {
    // A browser that died already cannot be closed gracefully; that must not hide the error that ended the work.
    await Promise.race([browser.close().catch(() => undefined), new Promise((resolve) => (timer = setTimeout(resolve, 5000)))]);
  } finally {
    // A pending timer would keep Node alive for the full 5 s after every build.
    clearTimeout(timer);
    // If a graceful close hung, make sure no Chromium outlives us.
    if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  }
}
