/**
 * One base class for every error a user can fix, so the command line can print a sentence instead of a stack.
 * Anything that is not a UserError is a bug and keeps its stack.
 */

/** Exit codes, in one table, so scripts and CI can tell failures apart. */
export const ExitCode = {
  ok: 0,
  bug: 1,
  content: 2,
  browser: 3,
  layout: 4,
  usage: 64,
  /** `npm run check` found errors in the built output (or there is no built output to check). */
  check: 5,
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

export class InterruptedError extends UserError {
  constructor(signal: string) {
    super(`Stopped by ${signal}; the previous output/ was left as it was.`, ExitCode.interrupted);
  }
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
