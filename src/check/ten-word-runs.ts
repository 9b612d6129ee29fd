/**
 * Runs of ten words, the unit of the copy detector: a ten-word run shared with a seed article is a copied
 * sentence, not a shared phrase. The project keeps only hashes of the seeds' runs (test/seed-runs.txt, made by
 * scripts/hash-seeds.ts), so the tests need nothing outside the repository and the seeds' text is never committed.
 */
import { createHash } from "node:crypto";

export const RUN_LENGTH = 10;

/** Lower-case words, typographic apostrophes made plain, punctuation and markup dropped. */
export function words(text: string): string[] {
  return text.toLowerCase().replace(/[’']/g, "'").match(/[a-z0-9']+/g) ?? [];
}

/** Every run of ten consecutive words, as one space-joined string, in order. */
export function tenWordRuns(text: string): string[] {
  const w = words(text);
  const runs: string[] = [];
  for (let i = 0; i + RUN_LENGTH <= w.length; i++) runs.push(w.slice(i, i + RUN_LENGTH).join(" "));
  return runs;
}

/**
 * A run's hash: the first 16 hex digits of its SHA-256 (64 bits, so a false match among a few thousand runs is
 * vanishingly unlikely, while the list stays small).
 */
export function runHash(run: string): string {
  return createHash("sha256").update(run).digest("hex").slice(0, 16);
}
