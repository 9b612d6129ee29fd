/**
 * One base class for every error a user can fix, so the command line can print a sentence instead of a stack.
 * Anything that is not a UserError is a bug and keeps its stack.
 */

/**
 * Exit codes, in one table, so scripts and CI can tell failures apart. The README's table of exit codes is this
 * one (a test compares them).
 */
export const ExitCode = {
  /** Done. */
  ok: 0,
  /** A bug: the command printed a stack trace (please report it). */
  bug: 1,
  /** A mistake in `content/`: each one named with its file, line and fix. */
  content: 2,
  /** No Chromium found, or it would not start, or it stopped while printing. */
  browser: 3,
  /** A handout or slide does not fit its page. */
  layout: 4,
  /** `npm run check` found errors in the built output (or there is no built output to check). */
  check: 5,
  /** The output could not be written (disk full, read-only, no permission); the previous output is untouched. */
  write: 6,
  /** `npm run merge` refused the shard folders (one missing, overlapping or different). */
  merge: 7,
  /** An unknown or mistyped option, or a bad option value. */
  usage: 64,
  /** Stopped by Ctrl-C or SIGTERM; the previous output is untouched. */
  interrupted: 130,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

export class UserError extends Error {
  /** Marker checked instead of `instanceof`: Eleventy may load our modules a second time (cache-busted import). */
  readonly isUserError = true;
  readonly exitCode: ExitCodeValue;
  constructor(message: string, exitCode: ExitCodeValue, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.exitCode = exitCode;
  }
}

/** A mistake in a content file: names the file, the line or field, and the fix. */
export class ContentError extends UserError {
  readonly file: string;
  readonly line: number | undefined;
  constructor(file: string, problem: string, options?: { line?: number | undefined; cause?: unknown }) {
    const where = options?.line ? `${file}:${options.line}` : file;
    super(`${where}: ${problem}`, ExitCode.content, { cause: options?.cause });
    this.file = file;
    this.line = options?.line;
  }
}

/** Several content mistakes found in one pass, reported together so an editor fixes them all at once. */
export class ContentErrors extends UserError {
  readonly errors: readonly ContentError[];
  constructor(errors: readonly ContentError[]) {
    super(
      `${errors.length} content problem${errors.length === 1 ? "" : "s"}:\n` + errors.map((e) => `  - ${e.message}`).join("\n"),
      ExitCode.content,
    );
    this.errors = errors;
  }
}

export class BrowserNotFoundError extends UserError {
  constructor(message: string) {
    super(message, ExitCode.browser);
  }
}

/** A print layout that does not fit its page (a handout over one page, a slide over its box). */
export class LayoutError extends UserError {
  constructor(message: string) {
    super(message, ExitCode.layout);
  }
}

/** Ctrl-C or SIGTERM. What was kept is the command's to say (it knows the folder), once. */
export class InterruptedError extends UserError {
  constructor(signal: string) {
    super(`Stopped by ${signal}.`, ExitCode.interrupted);
  }
}

/** Chromium died (crashed, killed, out of memory) while printing: not the content's fault, and not a bug of ours. */
export class BrowserStoppedError extends UserError {
  constructor(document: string) {
    super(`Chromium stopped while printing ${document}; try again, or use --browser <path> to print with another Chromium or Chrome.`, ExitCode.browser);
  }
}

/** A file could not be written: the disk is full, read-only, or the folder is not ours to write. */
export class WriteError extends UserError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, ExitCode.write, options);
  }
}

const WRITE_PROBLEMS: Record<string, string> = {
  ENOSPC: "the disk is full",
  EDQUOT: "the disk quota is used up",
  EROFS: "the file system is read-only",
  EACCES: "permission was denied",
  EPERM: "the operation was not permitted",
};

/**
 * A full disk, a read-only file system or a folder without permission, anywhere in an error's chain (Eleventy,
 * Pagefind and our own writes all end in Node's system errors), as one sentence with the path. Undefined for
 * anything else.
 */
export function writeErrorFrom(error: unknown): WriteError | undefined {
  const seen = new Set<unknown>();
  for (let current: unknown = error; current && typeof current === "object" && !seen.has(current); ) {
    seen.add(current);
    const { code, path: file, dest } = current as { code?: unknown; path?: unknown; dest?: unknown };
    if (typeof code === "string" && WRITE_PROBLEMS[code]) {
      const where = typeof dest === "string" ? dest : typeof file === "string" ? file : undefined;
      return new WriteError(`Could not write${where ? ` ${where}` : " the output"}: ${WRITE_PROBLEMS[code]} (${code}). Free some space or fix the folder's permissions, then build again.`, { cause: error });
    }
    current = (current as { originalError?: unknown }).originalError ?? (current as { cause?: unknown }).cause;
  }
  // Errors that crossed from a worker thread arrive as text only.
  const text = error instanceof Error ? error.message : typeof error === "string" ? error : "";
  const match = /\b(ENOSPC|EDQUOT|EROFS|EACCES|EPERM)\b(?:[^'\n]*'([^'\n]+)')?/.exec(text);
  if (match) return new WriteError(`Could not write ${match[2] ?? "the output"}: ${WRITE_PROBLEMS[match[1]!]} (${match[1]}). Free some space or fix the folder's permissions, then build again.`, { cause: error });
  return undefined;
}

/**
 * Eleventy wraps errors thrown while rendering (TemplateContentRenderError and friends) and keeps the original
 * under `originalError`; walk that chain and `cause` to find ours.
 */
export function findUserError(error: unknown): UserError | undefined {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === "object" && !seen.has(current)) {
    if ((current as { isUserError?: unknown }).isUserError === true) return current as UserError;
    seen.add(current);
    const next = (current as { originalError?: unknown; cause?: unknown }).originalError ?? (current as { cause?: unknown }).cause;
    current = next;
  }
  return undefined;
}
