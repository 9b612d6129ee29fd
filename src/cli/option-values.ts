/** Option values that must be numbers or dates: checked once, refused as a usage mistake (exit 64). */
import { badValue } from "./command-line.ts";

export function positiveInteger(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw badValue(name, `a whole number of at least 1, like --${name} 3`, text);
  return n;
}

export function wholeNumber(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw badValue(name, `a whole number, like --${name} 3`, text);
  return n;
}

export function finiteNumber(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (text.trim() === "" || !Number.isFinite(n)) throw badValue(name, `a number, like --${name} 8`, text);
  return n;
}
