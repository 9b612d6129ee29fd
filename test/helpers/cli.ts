/** Runs `npm run build`'s script as a child process, as an editor would, and collects what it says. */
import { spawn } from "node:child_process";
import path from "node:path";
import { repoRoot } from "./fixtures.ts";

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runBuildCli(args: string[], options: { onStdout?: (text: string, child: ReturnType<typeof spawn>) => void } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repoRoot, "scripts", "build.ts"), ...args], { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      options.onStdout?.(stdout, child);
    });
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
