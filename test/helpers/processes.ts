/**
 * Chromium processes started by this test file, to prove a run leaves none behind. Puppeteer creates each
 * browser's profile under the temp folder, so pointing TMPDIR at a folder of our own (inherited by the build
 * commands the tests spawn) marks our browsers apart from any other Chromium on the machine.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const profileRoot = mkdtempSync(path.join(tmpdir(), "handouts-test-"));
process.env["TMPDIR"] = profileRoot;

export function chromiumProcesses(): string[] {
  try {
    // `--` first: the pattern itself starts with dashes, and pgrep would take it for an option.
    return execFileSync("pgrep", ["-a", "-f", "--", `--user-data-dir=${profileRoot}`], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] })
      .split("\n")
      .filter(Boolean);
  } catch (error) {
    // pgrep exits 1 when nothing matches; anything else is a broken check, which must not pass for "none left".
    if ((error as { status?: number }).status === 1) return [];
    throw error;
  }
}
