/**
 * One Eleventy build, run in a worker thread by build-site.ts. Reports back once: success, or the error that
 * stopped it. A user's mistake (a UserError somewhere in Eleventy's wrapped errors) crosses over as its name,
 * message and exit code, since a class does not survive the trip between threads.
 */
import Eleventy from "@11ty/eleventy";
import { parentPort, workerData } from "node:worker_threads";
import { findUserError } from "../errors.ts";

export interface SiteJob {
  input: string;
  output: string;
  configPath: string;
}

export type SiteResult =
  | { ok: true }
  | { ok: false; userError: { name: string; message: string; exitCode: number } }
  | { ok: false; failure: string };

const job = workerData as SiteJob;
let result: SiteResult;
try {
  const eleventy = new Eleventy(job.input, job.output, { configPath: job.configPath, quietMode: true });
  await eleventy.write();
  result = { ok: true };
} catch (error) {
  const user = findUserError(error);
  result = user
    ? { ok: false, userError: { name: user.name, message: user.message, exitCode: user.exitCode } }
    : { ok: false, failure: describeFailure(error) };
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
