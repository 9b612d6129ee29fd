/**
 * The day the build treats as today, for the one content rule that depends on the calendar: a `reviewed` date
 * may not be in the future. `CONTENT_TODAY=YYYY-MM-DD` sets it (tests, or rebuilding an old release exactly).
 */
import { ExitCode, UserError } from "../errors.ts";

export function contentToday(env: NodeJS.ProcessEnv = process.env): string {
  const set = env["CONTENT_TODAY"]?.trim();
  if (set) {
    if (!isCalendarDate(set)) throw new UserError(`CONTENT_TODAY=${set} is not a date: write it as YYYY-MM-DD, like 2026-11-15, or leave it unset for today's date`, ExitCode.usage);
    return set;
  }
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
}

/** `2026-02-28` yes; `2026-02-30`, `2026-13-20` and `26-1-5` no: the day must exist in the calendar. */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
