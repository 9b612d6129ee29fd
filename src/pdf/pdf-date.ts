/**
 * The date written into a PDF as its creation and modification date. Never the time of the build, or two builds
 * of the same sources would differ: the content's review date, or, when the environment sets the reproducible-
 * builds convention SOURCE_DATE_EPOCH (seconds since 1970, UTC), that instant for every PDF of the build.
 */
import { ExitCode, UserError } from "../errors.ts";

/** The instant SOURCE_DATE_EPOCH names, undefined when it is unset or empty; anything else is refused. */
export function sourceDateFromEnv(env: NodeJS.ProcessEnv = process.env): Date | undefined {
  const value = env["SOURCE_DATE_EPOCH"]?.trim();
  if (value === undefined || value === "") return undefined;
  const seconds = /^\d{1,12}$/.test(value) ? Number(value) : Number.NaN;
  const date = new Date(seconds * 1000);
  // PDF dates have four-digit years.
  if (Number.isNaN(date.getTime()) || date.getUTCFullYear() > 9999) {
    throw new UserError(
      `SOURCE_DATE_EPOCH must be a whole number of seconds since 1 January 1970 UTC, like 1767225600 for 1 January 2026 (it is "${value}"). ` +
        "Unset it to date each PDF by its review date.",
      ExitCode.usage,
    );
  }
  return date;
}

/** The PDF's date: SOURCE_DATE_EPOCH when given, else midnight UTC of the review date (YYYY-MM-DD). */
export function pdfDate(reviewed: string, sourceDate: Date | undefined): Date {
  return sourceDate ?? new Date(`${reviewed}T00:00:00Z`);
}

/** A date as PDF writes it: D:YYYYMMDDHHmmSSZ, always in UTC. */
export function formatPdfDate(date: Date): string {
  return `D:${date.toISOString().replace(/\.\d{3}Z$/, "Z").replace(/[-:T]/g, "")}`;
}
