/**
 * Ctrl-C and SIGTERM for the command-line scripts: the first aborts the returned signal, so the running work can
 * close Chromium and clean up before exiting; a second one exits at once.
 */
import { ExitCode } from "../errors.ts";

export function abortOnSignals(): AbortSignal {
  const controller = new AbortController();
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (controller.signal.aborted) process.exit(ExitCode.interrupted);
      controller.abort(signal);
    });
  }
  return controller.signal;
}
