/** Chromium processes that belong to this machine's user, to prove a run leaves none behind. */
import { execFileSync } from "node:child_process";

export function chromiumProcesses(): string[] {
  try {
    return execFileSync("pgrep", ["-a", "-f", "chrom(e|ium).*--user-data-dir=.*puppeteer"], { encoding: "utf8" })
      .split("\n")
      .filter(Boolean);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}
