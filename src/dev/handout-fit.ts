/**
 * Whether each handout fits its page, for `npm run dev`'s banner: the build's own fitting (src/pdf/print-handout.ts)
 * run on the dev build, in one Chromium kept open for the whole session, and only for the handouts whose page or
 * stylesheets changed since they were last measured. Nothing is written: the printed bytes are only counted.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import puppeteer, { type Browser } from "puppeteer-core";
import { findUserError } from "../errors.ts";
import { jobsFromManifest, readManifest, type PdfJob } from "../pdf/jobs.ts";
import { CHROMIUM_ARGS } from "../pdf/launch-browser.ts";
import { PAPER } from "../pdf/paper.ts";
import { FIT_STEPS, printHandoutEditions } from "../pdf/print-handout.ts";
import { serveFromOutput } from "../pdf/serve-from-output.ts";

export interface HandoutFit {
  lines: string[];
  over: boolean;
}

/** Body text size at a type step: 12.5 pt at full size (see FIT_STEPS). */
const BODY_PT = 12.5;

export class HandoutFitter {
  #browser: Browser | undefined;
  readonly #browserPath: string;
  /** Per handout URL: the key of what was measured, and the result. */
  readonly #measured = new Map<string, { key: string; fit: HandoutFit }>();
  readonly #scratch = mkdtempSync(path.join(tmpdir(), "handouts-dev-fit-"));

  constructor(browserPath: string) {
    this.#browserPath = browserPath;
  }

  /** Measures the handouts of the build in `siteDir` that changed; returns the fit of every handout by URL. */
  async measure(siteDir: string, log: (line: string) => void): Promise<Map<string, HandoutFit>> {
    const manifest = readManifest(siteDir);
    // The standard one-page sheet in each paper size; large print is left to the build.
    const jobs = jobsFromManifest(manifest).filter((job) => job.kind === "handout" && job.edition === "standard");
    const byUrl = new Map<string, PdfJob[]>();
    for (const job of jobs) byUrl.set(job.url, [...(byUrl.get(job.url) ?? []), { ...job, thumbnail: undefined } as PdfJob]);
    const styles = stylesheetsKey(siteDir);
    const result = new Map<string, HandoutFit>();
    for (const [url, editions] of byUrl) {
      const html = readFileSync(path.join(siteDir, url.replace(/^\//, ""), "index.html"));
      const key = createHash("sha256").update(styles).update(html).digest("hex");
      const known = this.#measured.get(url);
      if (known?.key === key) {
        result.set(url, known.fit);
        continue;
      }
      const fit = await this.#measureOne(manifest.site.baseUrl, siteDir, url, editions).catch((error: unknown) => ({
        lines: [`Fit not measured: ${(error as Error).message.split("\n")[0]}`],
        over: true,
      }));
      this.#measured.set(url, { key, fit });
      result.set(url, fit);
      log(`fit: ${url} ${fit.lines.join(" ")}`);
    }
    return result;
  }

  async #measureOne(baseUrl: string, siteDir: string, url: string, editions: PdfJob[]): Promise<HandoutFit> {
    if (!this.#browser?.connected) {
      this.#browser = await puppeteer.launch({ executablePath: this.#browserPath, headless: true, args: CHROMIUM_ARGS, handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false });
    }
    const page = await this.#browser.newPage();
    try {
      await page.setBypassCSP(true);
      await page.setCacheEnabled(false);
      await serveFromOutput(page, baseUrl, siteDir);
      const results = await printHandoutEditions(page, editions, new URL(url.replace(/^\//, ""), baseUrl).href, this.#scratch);
      const lines: string[] = [];
      let over = false;
      for (const result of results) {
        const paper = PAPER[result.job.paper ?? "letter"].label;
        if ("fit" in result) {
          const step = result.fit === FIT_STEPS.standard[0] ? "at full size" : `at type step ${result.fit}`;
          lines.push(`${paper}: fits on one page ${step} (body text ${(BODY_PT * result.fit).toFixed(1)} pt).`);
        } else {
          over = true;
          const message = findUserError(result.error)?.message ?? (result.error as Error).message;
          // The build's own sentence, without the file name it starts with (this is that file's page).
          lines.push(`${paper}: ${message.replace(/^[^:]+\.md: /, "")}`);
        }
      }
      return { lines, over };
    } finally {
      await page.close().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    const browser = this.#browser;
    this.#browser = undefined;
    rmSync(this.#scratch, { recursive: true, force: true });
    if (!browser) return;
    const child = browser.process();
    await Promise.race([browser.close().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 3000).unref())]);
    if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  }
}

/** The built stylesheets' bytes, hashed: a change in handout.css re-measures every handout. */
function stylesheetsKey(siteDir: string): string {
  const hash = createHash("sha256");
  const assets = path.join(siteDir, "assets");
  for (const file of readdirSync(assets, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".css")).sort()) {
    hash.update(file).update(readFileSync(path.join(assets, file)));
  }
  return hash.digest("hex");
}
