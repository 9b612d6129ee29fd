/**
 * `npm run check`: runs every quality gate over the built output (run `npm run build` first; this never builds)
 * and prints one table, then each error and warning with the file to fix. Exits 0 when there is no error,
 * 5 when there is (warnings alone do not fail).
 *
 *   --out <dir>          built output to check (default output)
 *   --content <dir>      content folder, for references and source lines (default content)
 *   --max-grade <n>      highest reading grade for patient text (default 8)
 *   --warn-grade <n>     reading grade above which to warn (default 6)
 *   --today <date>       YYYY-MM-DD to compare review dates with (default: today)
 *   --gate <id>          run only this gate; repeat for several (readability, fit, parts, sources, review,
 *                        accessibility, links, privacy, pdf)
 *   --only <slug>        check only this document (a slug like knee, or an HTML path); repeat for several
 *   --browser <path>     Chromium or Chrome (else PUPPETEER_EXECUTABLE_PATH, CHROME_PATH, system paths)
 *   --concurrency <n>    pages loaded at once in the one browser (default 3)
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { ExitCode, UserError } from "../src/errors.ts";
import { reportFailure } from "../src/cli/report-failure.ts";
import { GATES, runChecks } from "../src/check/run-checks.ts";
import { formatReport } from "../src/check/table.ts";
import type { GateId } from "../src/check/types.ts";
import { abortOnSignals } from "../src/cli/abort-on-signals.ts";

function number(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new UserError(`--${name} takes a number, like --${name} 8 (got "${value}").`, ExitCode.check);
  return n;
}

const abortSignal = abortOnSignals();

try {
  const { values } = parseArgs({
    options: {
      out: { type: "string", default: "output" },
      content: { type: "string", default: "content" },
      "max-grade": { type: "string" },
      "warn-grade": { type: "string" },
      today: { type: "string" },
      gate: { type: "string", multiple: true },
      only: { type: "string", multiple: true },
      browser: { type: "string" },
      concurrency: { type: "string" },
    },
  });
  if (values.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.today)) {
    throw new UserError(`--today takes a date written as YYYY-MM-DD (got "${values.today}").`, ExitCode.check);
  }
  const known = GATES.map((g) => g.id);
  for (const gate of values.gate ?? []) {
    if (!known.includes(gate as GateId)) throw new UserError(`--gate ${gate} is not a gate; the gates are ${known.join(", ")}.`, ExitCode.check);
  }
  const maxGrade = number("max-grade", values["max-grade"]);
  const warnGrade = number("warn-grade", values["warn-grade"]);
  const report = await runChecks({
    outDir: path.resolve(values.out),
    contentDir: path.resolve(values.content),
    settings: {
      ...(maxGrade !== undefined ? { maxGrade } : {}),
      ...(warnGrade !== undefined ? { warnGrade } : {}),
      ...(values.today ? { today: values.today } : {}),
    },
    gates: values.gate as GateId[] | undefined,
    only: values.only,
    browserFlag: values.browser,
    concurrency: number("concurrency", values.concurrency),
    signal: abortSignal,
  });
  console.log(formatReport(report));
  process.exitCode = report.errors ? ExitCode.check : ExitCode.ok;
} catch (error) {
  reportFailure(error, { command: "Check", badOption: { exitCode: ExitCode.check, seeAlso: "See the options at the top of scripts/check.ts." } });
}
