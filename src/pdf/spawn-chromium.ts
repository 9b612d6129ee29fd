/**
 * Starts Chromium before puppeteer is loaded, for the deck-PDFs-only build (`--only deck-pdfs`), where every
 * tenth of a second counts: importing puppeteer-core takes 0.13 s on this machine (more under load), and
 * puppeteer.launch() only spawns Chromium after that. Here Chromium is spawned at once, with exactly the command
 * line puppeteer would give it (chromiumCommandLine; test/spawn-chromium.test.ts holds it to puppeteer's own),
 * and puppeteer connects to it over the same kind of pipe once it is loaded, while Chromium is still starting.
 *
 * As with launchBrowser, the caller must end it (stop), whatever happens: stop waits for Chromium to exit after
 * the browser's graceful close, kills its process group if that hangs, and removes its temporary profile.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Readable, Writable } from "node:stream";
import type { Browser, ConnectionTransport } from "puppeteer-core";
import { BrowserNotFoundError } from "../errors.ts";
import { CHROMIUM_ARGS } from "./chromium-args.ts";

/**
 * What puppeteer-core's defaultArgs() puts before ours for a headless launch (its list, with ours appended and
 * its --disable-features merged with ours), in its order. Any difference would change how pages print.
 */
const PUPPETEER_DEFAULTS = [
  "--allow-pre-commit-input",
  "--disable-background-networking",
  "--disable-background-timer-throttling",
  "--disable-backgrounding-occluded-windows",
  "--disable-breakpad",
  "--disable-client-side-phishing-detection",
  "--disable-component-extensions-with-background-pages",
  "--disable-crash-reporter",
  "--disable-default-apps",
  "--disable-dev-shm-usage",
  "--disable-hang-monitor",
  "--disable-infobars",
  "--disable-ipc-flooding-protection",
  "--disable-popup-blocking",
  "--disable-prompt-on-repost",
  "--disable-renderer-backgrounding",
  "--disable-search-engine-choice-screen",
  "--disable-sync",
  "--enable-automation",
  "--export-tagged-pdf",
  "--force-color-profile=srgb",
  "--generate-pdf-document-outline",
  "--metrics-recording-only",
  "--no-first-run",
  "--password-store=basic",
  "--use-mock-keychain",
];
const PUPPETEER_DISABLED_FEATURES = [
  "Translate",
  "AcceptCHFrame",
  "MediaRouter",
  "OptimizationHints",
  "WebUIReloadButton",
  "WebUIOmniboxPopup",
  "WebUIOmniboxAimPopup",
  "ProcessPerSiteUpToMainFrameThreshold",
  "IsolateSandboxedIframes",
];

/** The arguments puppeteer.launch() passes for launchBrowser's options, before its debugging and profile flags. */
export function chromiumCommandLine(): string[] {
  const ours = CHROMIUM_ARGS.filter((arg) => !arg.startsWith("--disable-features="));
  const ourDisabled = CHROMIUM_ARGS.filter((arg) => arg.startsWith("--disable-features=")).flatMap((arg) => arg.slice("--disable-features=".length).split(","));
  return [
    ...PUPPETEER_DEFAULTS,
    `--disable-features=${[...PUPPETEER_DISABLED_FEATURES, ...ourDisabled].join(",")}`,
    "--enable-features=PdfOopif",
    "--headless=new",
    "--hide-scrollbars",
    "--mute-audio",
    "--disable-extensions",
    "about:blank",
    ...ours,
  ];
}

export interface SpawnedChromium {
  /** Puppeteer's browser, connected once puppeteer is loaded and Chromium answers. */
  browser: Promise<Browser>;
  /** Waits for Chromium to exit (killing it after 5 s), and removes its profile. Safe to call more than once. */
  stop(): Promise<void>;
  /** Chromium's process id and its temporary profile folder. */
  pid: number | undefined;
  profile: string;
}

export function spawnChromium(executablePath: string): SpawnedChromium {
  const profile = mkdtempSync(path.join(os.tmpdir(), "deck-pdfs-chromium-"));
  // Detached: its own process group, so it and every process it starts can be killed at once (as puppeteer does).
  const child = spawn(executablePath, [...chromiumCommandLine(), "--remote-debugging-pipe", `--user-data-dir=${profile}`], {
    detached: true,
    stdio: ["ignore", "ignore", "ignore", "pipe", "pipe"],
  });
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    child.once("exit", () => resolve());
    child.once("error", () => resolve());
  });
  // Should Node exit without stop() (an uncaught error), Chromium must not outlive it.
  const killOnExit = (): void => killGroup(child);
  process.once("exit", killOnExit);
  const started = new Promise<void>((resolve, reject) => {
    child.once("spawn", () => resolve());
    child.once("error", (error) => reject(error));
  });
  const browser = (async (): Promise<Browser> => {
    try {
      const [{ default: puppeteer }] = await Promise.all([import("puppeteer-core"), started]);
      return await puppeteer.connect({ transport: new PipeTransport(child.stdio[3] as Writable, child.stdio[4] as Readable) });
    } catch (error) {
      const reason = (error instanceof Error ? error.message : String(error)).split("\n").find((line) => line.trim()) ?? "";
      throw new BrowserNotFoundError(`Chromium at ${executablePath} did not start (${reason.trim()}); try again, or use --browser <path> to print with another Chromium or Chrome.`);
    }
  })();
  browser.catch(() => undefined);
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      // A browser that connected is closed gracefully (here, or already by its user: closeBrowser); one that
      // never connected is ended at once.
      const connectedOnce = await browser.then((b) => {
        if (b.connected) return b.close().then(() => true, () => true);
        return true;
      }, () => false);
      if (!connectedOnce) killGroup(child);
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise<void>((resolve) => (timer = setTimeout(resolve, 5000)))]);
      clearTimeout(timer);
      killGroup(child);
      await exited;
      process.off("exit", killOnExit);
      rmSync(profile, { recursive: true, force: true, maxRetries: 3 });
    })());
  return { browser, stop, pid: child.pid, profile };
}

function killGroup(child: ChildProcess): void {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    child.kill("SIGKILL");
  }
}

/** Chromium's DevTools protocol over --remote-debugging-pipe: JSON messages, each ended by a NUL byte. */
class PipeTransport implements ConnectionTransport {
  onmessage?: (message: string) => void;
  onclose?: () => void;
  #pending: Buffer[] = [];
  #closed = false;
  readonly #write: Writable;

  constructor(write: Writable, read: Readable) {
    this.#write = write;
    read.on("data", (chunk: Buffer) => this.#receive(chunk));
    read.on("close", () => {
      this.#closed = true;
      this.onclose?.();
    });
    read.on("error", () => undefined);
    write.on("error", () => undefined);
  }

  send(message: string): void {
    if (this.#closed) return;
    this.#write.write(message);
    this.#write.write("\0");
  }

  close(): void {
    this.#closed = true;
  }

  #receive(chunk: Buffer): void {
    let start = 0;
    let end = chunk.indexOf(0);
    while (end !== -1) {
      const message = Buffer.concat([...this.#pending, chunk.subarray(start, end)]).toString();
      this.#pending = [];
      // As puppeteer's own pipe transport: one message per turn of the event loop.
      setImmediate(() => this.onmessage?.(message));
      start = end + 1;
      end = chunk.indexOf(0, start);
    }
    if (start < chunk.length) this.#pending.push(chunk.subarray(start));
  }
}
