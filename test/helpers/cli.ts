/** Runs a command's script (`npm run build` and friends) as a child process, as an editor would, and collects what it says. */
import { spawn } from "node:child_process";
import path from "node:path";
import { repoRoot } from "./fixtures.ts";

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  onStdout?: (text: string, child: ReturnType<typeof spawn>) => void;
  /** Working folder (default: the repository). */
  cwd?: string;
}

/** `npm run <script> -- args` without npm in between: scripts/<script>.ts on this Node. */
export function runScript(script: string, args: string[], options: RunOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repoRoot, "scripts", `${script}.ts`), ...args], { cwd: options.cwd ?? repoRoot, stdio: ["ignore", "pipe", "pipe"] });
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

export function runBuildCli(args: string[], options: RunOptions = {}): Promise<CliResult> {
  return runScript("build", args, options);
}
