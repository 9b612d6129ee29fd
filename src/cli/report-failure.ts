/**
 * How a command line ends on an error: a user's mistake (content, browser, a full disk, Ctrl-C) as one sentence
 * with its own exit code, then once what was kept and where; a usage mistake as one line with exit 64; anything
 * else in full with exit code 1, a bug.
 */
import { ExitCode, findUserError, writeErrorFrom } from "../errors.ts";

export interface FailureReport {
  /** Starts the message: "Build" gives "Build failed: …". */
  command: string;
  /** The npm script, for "See `npm run build -- --help`" after a usage mistake. */
  script: string;
  /** A line after a user's mistake: what was left untouched, and where. */
  kept?: string;
}

export function reportFailure(error: unknown, report: FailureReport): void {
  if ((error as { isUsageError?: unknown } | undefined)?.isUsageError === true) {
    const message = (error as Error).message;
    console.error(`${message.startsWith(`${report.script}:`) ? "" : `${report.script}: `}${message} See \`npm run ${report.script} -- --help\`.`);
    process.exitCode = ExitCode.usage;
    return;
  }
  const userError = findUserError(error) ?? writeErrorFrom(error);
  if (userError) {
    console.error(`${report.command} failed: ${userError.message}`);
    if (report.kept) console.error(report.kept);
    process.exitCode = userError.exitCode;
  } else {
    console.error(error);
    process.exitCode = ExitCode.bug;
  }
}

/** "The previous <out>/ was left as it was." or, when there was none, that nothing was written there. */
export function keptLine(outAsGiven: string, hadOutput: boolean): string {
  const folder = outAsGiven.endsWith("/") ? outAsGiven : `${outAsGiven}/`;
  return hadOutput ? `The previous ${folder} was left as it was.` : `Nothing was written to ${folder} (it did not exist before).`;
}
