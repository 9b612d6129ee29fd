/**
 * One small argument parser for every command (build, check, bench, dev, merge): Node's `util.parseArgs` in
 * strict mode, plus what it lacks for people: `--help` prints the options and exits 0, and an unknown or
 * mistyped option, or a missing value, is one line naming it (with the nearest real option) and exit 64,
 * instead of Node's stack trace.
 */
import { parseArgs } from "node:util";
import { ExitCode } from "../errors.ts";

export interface OptionSpec {
  type: "string" | "boolean";
  /** What the value looks like in the help, like `<dir>`; strings only. */
  value?: string;
  help: string;
  default?: string | boolean;
  multiple?: boolean;
}

export interface CommandSpec<O extends Record<string, OptionSpec>> {
  /** The npm script, like `build`: the help says `npm run build -- [options]`. */
  name: string;
  /** One or two sentences on what the command does. */
  summary: string;
  options: O;
  /** Arguments after the options, like `SHARD_DIR...`; none are accepted when absent. */
  positionals?: { name: string; help: string; min?: number };
}

type ValueOf<S extends OptionSpec> = S["type"] extends "boolean"
  ? boolean
  : S["multiple"] extends true
    ? string[] | undefined
    : S["default"] extends string
      ? string
      : string | undefined;

export type OptionValues<O extends Record<string, OptionSpec>> = { -readonly [K in keyof O]: ValueOf<O[K]> };

export interface ParsedCommandLine<O extends Record<string, OptionSpec>> {
  values: OptionValues<O>;
  positionals: string[];
}

/** Thrown for a mistake on the command line; `exitOnUsageError` turns it into one line and exit 64. */
export class UsageError extends Error {
  readonly isUsageError = true;
}

/**
 * Parses `args` (default: the process's) against `spec`. Prints the help and exits 0 on `--help` or `-h`;
 * prints one line and exits 64 on a usage mistake.
 */
export function parseCommandLine<O extends Record<string, OptionSpec>>(spec: CommandSpec<O>, args: string[] = process.argv.slice(2)): ParsedCommandLine<O> {
  if (args.includes("--help") || args.includes("-h")) {
    console.log(helpText(spec));
    process.exit(ExitCode.ok);
  }
  try {
    return parseOrThrow(spec, args);
  } catch (error) {
    exitOnUsageError(spec, error);
  }
}

/** The parsing without exiting, for tests and for callers that check values further. */
export function parseOrThrow<O extends Record<string, OptionSpec>>(spec: CommandSpec<O>, args: string[]): ParsedCommandLine<O> {
  const options: Record<string, { type: "string" | "boolean"; multiple?: boolean; default?: string | boolean }> = {};
  for (const [name, option] of Object.entries(spec.options)) {
    options[name] = { type: option.type, ...(option.multiple ? { multiple: true } : {}), ...(option.default !== undefined ? { default: option.default } : {}) };
  }
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({ args, options, strict: true, allowPositionals: spec.positionals !== undefined }) as typeof parsed;
  } catch (error) {
    throw new UsageError(describeParseError(spec, error), { cause: error });
  }
  const min = spec.positionals?.min ?? 0;
  if (spec.positionals && parsed.positionals.length < min) {
    throw new UsageError(`${spec.name}: give at least ${min} ${spec.positionals.name} (${spec.positionals.help}).`);
  }
  return { values: parsed.values as OptionValues<O>, positionals: parsed.positionals };
}

/** One line for a usage mistake (with where the help is), exit 64; anything else is rethrown. */
export function exitOnUsageError(spec: { name: string }, error: unknown): never {
  if ((error as { isUsageError?: unknown } | undefined)?.isUsageError !== true) throw error;
  const message = (error as Error).message;
  console.error(`${message.startsWith(`${spec.name}:`) ? "" : `${spec.name}: `}${message} See \`npm run ${spec.name} -- --help\`.`);
  process.exit(ExitCode.usage);
}

/** A bad value for an option the parser accepted, like `--concurrency many`. */
export function badValue(option: string, expected: string, got: string): UsageError {
  return new UsageError(`--${option} takes ${expected} (got "${got}").`);
}

function describeParseError(spec: CommandSpec<Record<string, OptionSpec>>, error: unknown): string {
  const code = (error as { code?: string }).code;
  const message = (error as Error).message ?? String(error);
  const quoted = /'([^']+)'/.exec(message)?.[1] ?? "";
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    const name = quoted.replace(/^-+/, "").split("=")[0] ?? "";
    const near = nearest(name, Object.keys(spec.options));
    return `${spec.name}: there is no option ${quoted}${near ? `; did you mean --${near}?` : "."}`;
  }
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    const option = /--[a-z0-9-]+/.exec(message)?.[0] ?? quoted;
    const name = option.replace(/^-+/, "");
    const spec1 = spec.options[name];
    return spec1?.type === "boolean" ? `${spec.name}: ${option} takes no value.` : `${spec.name}: ${option} needs a value${spec1?.value ? `, like ${option} ${spec1.value}` : ""}.`;
  }
  if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") return `${spec.name}: unexpected argument "${quoted}"; options start with --.`;
  return `${spec.name}: ${message.split("\n")[0]}`;
}

/** The known option nearest to a mistyped one (edit distance at most 2, or a prefix), if any. */
export function nearest(name: string, known: readonly string[]): string | undefined {
  let best: { option: string; distance: number } | undefined;
  for (const option of known) {
    const distance = option.startsWith(name) && name.length >= 2 ? 1 : editDistance(name, option);
    if (distance <= 2 && (!best || distance < best.distance)) best = { option, distance };
  }
  return best?.option;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** The help: what the command does, its usage line, then one line per option with its default. */
export function helpText(spec: CommandSpec<Record<string, OptionSpec>>): string {
  const rows = Object.entries(spec.options).map(([name, option]) => {
    const left = `--${name}${option.type === "string" ? ` ${option.value ?? "<value>"}` : ""}`;
    const defaults = typeof option.default === "string" ? ` (default ${option.default})` : "";
    const repeat = option.multiple ? " Repeat for several." : "";
    return { left, right: `${option.help}${defaults}${repeat}` };
  });
  rows.push({ left: "--help", right: "print this help and exit" });
  const width = Math.max(...rows.map((r) => r.left.length)) + 2;
  const positional = spec.positionals ? ` ${spec.positionals.name}...` : "";
  return [
    `Usage: npm run ${spec.name} -- [options]${positional}`,
    "",
    spec.summary,
    "",
    ...(spec.positionals ? [`  ${spec.positionals.name.padEnd(width)}${spec.positionals.help}`, ""] : []),
    "Options:",
    ...rows.map((r) => `  ${r.left.padEnd(width)}${r.right}`),
  ].join("\n");
}
