/**
 * Replacing an output folder atomically, for the build and the merge: everything is written into a staging
 * folder beside it, and the staging folder is swapped into place only when complete.
 */
import { existsSync, readdirSync, rmSync } from "node:fs";
import { rename, rm } from "node:fs/promises";
import path from "node:path";

/** The staging folder for `outDir`: beside it (same file system, so the swap is a rename), named for this process. */
export function stagingFolder(outDir: string): string {
  return `${path.resolve(outDir)}.staging-${process.pid}`;
}

/** Two renames on one file system: the old output disappears only after the new one is complete. */
export async function swapIntoPlace(staging: string, outDir: string): Promise<void> {
  const previous = `${outDir}.previous-${process.pid}`;
  const hadOutput = existsSync(outDir);
  if (hadOutput) await rename(outDir, previous);
  try {
    await rename(staging, outDir);
  } catch (error) {
    if (hadOutput) await rename(previous, outDir);
    throw error;
  }
  if (hadOutput) await rm(previous, { recursive: true, force: true });
}

/** Staging folders left by a build that was killed outright (SIGKILL gives no chance to clean up). */
export function removeStaleStaging(outDir: string): void {
  const parent = path.dirname(outDir);
  const base = path.basename(outDir);
  if (!existsSync(parent)) return;
  for (const name of readdirSync(parent)) {
    if (name.startsWith(`${base}.staging-`) || name.startsWith(`${base}.previous-`)) {
      const pid = Number(name.split("-").pop());
      if (pid !== process.pid && !isRunning(pid)) rmSync(path.join(parent, name), { recursive: true, force: true });
    }
  }
}

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
