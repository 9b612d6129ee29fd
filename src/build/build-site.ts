/**
 * Builds the site with Eleventy in a worker thread. The PDF phase runs next in the same process, and Eleventy's
 * heap would stay with it: V8 keeps the memory it grew (about 240 MiB for 1,000 handouts) even once nothing uses
 * it, while a worker's memory goes back to the system when the worker ends.
 */
import { Worker } from "node:worker_threads";
import { InterruptedError, UserError, type ExitCodeValue } from "../errors.ts";
import type { SiteJob, SiteResult } from "./eleventy-worker.ts";

/** Eleventy failed on something that is not a content mistake (a template's or our code's); `summary` has no stacks. */
export class SiteBuildError extends Error {
  readonly summary: string;
  constructor(message: string, summary: string) {
    super(message);
    this.name = "SiteBuildError";
    this.summary = summary;
  }
}

export function buildSite(job: SiteJob, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(new InterruptedError(String(signal.reason ?? "SIGINT")));
  return new Promise<void>((resolve, reject) => {
    const worker = new Worker(new URL("./eleventy-worker.ts", import.meta.url), { workerData: job });
    let result: SiteResult | undefined;
    let settled = false;
    const settle = (error?: unknown): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener("abort", onAbort);
      if (error) reject(error);
      else resolve();
    };
    const onAbort = (): void => {
      // Stop writing into the staging folder at once; the caller removes it.
      void worker.terminate();
      settle(new InterruptedError(String(signal?.reason ?? "SIGINT")));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    worker.on("message", (message: SiteResult) => (result = message));
    worker.on("error", (error) => settle(error));
    // Settled on exit, not on the message: by then every file Eleventy wrote is closed.
    worker.on("exit", (code) => {
      if (result?.ok) return settle();
      if (result && "userError" in result) {
        const error = new UserError(result.userError.message, result.userError.exitCode as ExitCodeValue);
        error.name = result.userError.name;
        return settle(error);
      }
      // Not a content mistake: a bug in the templates or in our code, reported with Eleventy's own account.
      settle(
        result && "failure" in result
          ? new SiteBuildError(`Eleventy failed to build the site:\n${result.failure}`, result.summary)
          : new SiteBuildError(`Eleventy stopped without finishing the site (worker exit code ${code})`, `Eleventy stopped without finishing the site (worker exit code ${code})`),
      );
    });
  });
}
