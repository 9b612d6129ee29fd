/**
 * How a command line ends on an error: a user's mistake as one sentence with its own exit code, a bad option
 * (Node's parseArgs) with where the options are listed, and anything else in full with exit code 1, a bug.
 */
import { ExitCode, findUserError, type ExitCodeValue } from "../errors.ts";

export interface FailureReport {
  /** Starts the message: "Build" gives "Build failed: …". */
  command: string;
  /** For a bad option: the exit code and where the options are described. */
  badOption?: { exitCode: ExitCodeValue; seeAlso: string };
  /** A line after a user's mistake, like what was left untouched. */
  afterUserError?: string;
}

export function reportFailure(error: unknown, report: FailureReport): void {
  const userError = findUserError(error);
  if (report.badOption && (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
    console.error(`${report.command} failed: ${(error as Error).message}. ${report.badOption.seeAlso}`);
    process.exitCode = report.badOption.exitCode;
  } else if (userError) {
    console.error(`${report.command} failed: ${userError.message}`);
    if (report.afterUserError) console.error(report.afterUserError);
    process.exitCode = userError.exitCode;
  } else {
    console.error(error);
    process.exitCode = ExitCode.bug;
  }
}
