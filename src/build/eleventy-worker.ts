/**
 * One Eleventy build, run in a worker thread by build-site.ts. Reports back once: success, or the error that
 * stopped it. A user's mistake (a UserError somewhere in Eleventy's wrapped errors) crosses over as its name,
 * message and exit code, since a class does not survive the trip between threads.
 */
import Eleventy from "@11ty/eleventy";
import { parentPort, workerData } from "node:worker_threads";
import { findUserError, writeErrorFrom } from "../errors.ts";

export interface SiteJob {
  input: string;
  output: string;
  configPath: string;
  /** `serve` for `npm run dev`: the pages' policy allows the dev server's live-reload script. */
  runMode?: "build" | "serve";
}

export type SiteResult =
  | { ok: true }
  | { ok: false; userError: { name: string; message: string; exitCode: number } }
  | { ok: false; failure: string; summary: string };

const job = workerData as SiteJob;
let result: SiteResult;
try {
  const eleventy = new Eleventy(job.input, job.output, { configPath: job.configPath, quietMode: true, runMode: job.runMode ?? "build" });
  await eleventy.write();
  result = { ok: true };
} catch (error) {
  // A full disk or a read-only folder is the user's to fix, not a bug: it crosses over as a user error.
  const user = findUserError(error) ?? writeErrorFrom(error);
  result = user
    ? { ok: false, userError: { name: user.name, message: user.message, exitCode: user.exitCode } }
    : { ok: false, failure: describeFailure(error), summary: summarizeFailure(error) };
}
parentPort?.postMessage(result);

/** The error and everything Eleventy wrapped inside it (originalError, cause): the root cause is the useful part. */
function describeFailure(error: unknown): string {
  const parts: string[] = [];
  const seen = new Set<unknown>();
  for (let current: unknown = error; current !== undefined && current !== null && !seen.has(current); ) {
    seen.add(current);
    parts.push(current instanceof Error ? (current.stack ?? `${current.name}: ${current.message}`) : String(current));
    current = typeof current === "object" ? ((current as { originalError?: unknown }).originalError ?? (current as { cause?: unknown }).cause) : undefined;
  }
  return parts.join("\nCaused by: ");
}

/**
 * The messages alone, outermost first, without stacks or repeats: for the dev server's error overlay, where a
 * template's mistake (Nunjucks names the file, line and column) must be readable at a glance.
 */
function summarizeFailure(error: unknown): string {
  const lines: string[] = [];
  const seen = new Set<unknown>();
  for (let current: unknown = error; current !== undefined && current !== null && !seen.has(current); ) {
    seen.add(current);
    const message = current instanceof Error ? current.message : String(current);
    if (!lines.some((line) => line.includes(message.trim()))) lines.push(message.trim());
    current = typeof current === "object" ? ((current as { originalError?: unknown }).originalError ?? (current as { cause?: unknown }).cause) : undefined;
  }
  return lines.join("\n");
}
