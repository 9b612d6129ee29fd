/**
 * Flesch–Kincaid grade of a document's own text, counted the way a reader meets it:
 *
 * - The text comes as blocks (paragraphs, list items, table cells, headings; see page-facts.ts). A block's end
 *   ends a sentence, so a list item without a full stop is one sentence, not glued to the next item.
 * - A heading counts only when it ends with . ? or ! ("What is bone marrow edema?"). A label heading ("Common
 *   causes") is not a sentence: counting it would lower the grade, merging it into the next sentence would raise it.
 * - Inside a block, a sentence ends at . ? or ! followed by a space, except after a few abbreviations (e.g., Dr.).
 *   Colons and semicolons do not end a sentence.
 * - Citation numbers are dropped before this (they are not read aloud).
 * - Syllables are counted word by word with `syllable`, then summed; numbers are counted as spoken ("11" is
 *   "eleven", 3 syllables; a phone number digit by digit), and short all-capital initialisms letter by letter
 *   ("MRI" is 3 syllables), where `syllable` would say 0 and 1.
 */
import { fleschKincaid } from "flesch-kincaid";
import { syllable } from "syllable";

export interface TextBlock {
  text: string;
  heading: boolean;
}

export interface Sentence {
  text: string;
  words: number;
  syllables: number;
}

export interface ReadingStats {
  /** Flesch–Kincaid grade, NaN when there is no text to measure. */
  grade: number;
  sentences: number;
  words: number;
  syllables: number;
  /** The sentences with the most words first, for the fix message. */
  longestSentences: Sentence[];
  /** The words with the most syllables first (distinct, lower case). */
  longestWords: { word: string; syllables: number }[];
}

const ABBREVIATIONS = new Set(["e.g", "i.e", "etc", "vs", "dr", "mr", "mrs", "ms", "st", "no", "approx", "fig"]);
const WORD = /[\p{L}\p{N}]+(?:['’.\-][\p{L}\p{N}]+)*/gu;

export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  let start = 0;
  for (const match of text.matchAll(/[.!?]+["”’)\]]*(?=\s|$)/g)) {
    const end = (match.index ?? 0) + match[0].length;
    const before = text.slice(start, match.index).split(/\s+/).pop()?.toLowerCase() ?? "";
    if (match[0].startsWith(".") && ABBREVIATIONS.has(before.replace(/^[("“‘]+/, ""))) continue;
    sentences.push(text.slice(start, end).trim());
    start = end;
  }
  sentences.push(text.slice(start).trim());
  return sentences.filter((s) => words(s).length > 0);
}

export function words(text: string): string[] {
  return text.match(WORD) ?? [];
}

export function syllablesIn(word: string): number {
  if (/^\d+$/.test(word)) return numberSyllables(word);
  if (/^[\d.,\-]+$/.test(word)) {
    // A phone number, a decimal or a range: read digit by digit ("point" for a decimal point).
    return [...word].reduce((sum, ch) => sum + (/\d/.test(ch) ? DIGIT_SYLLABLES[Number(ch)]! : ch === "." ? 1 : 0), 0);
  }
  if (/^[A-Z]{2,3}s?$/.test(word) || (/^[A-Z]{4}s?$/.test(word) && !/[AEIOU]/.test(word))) {
    // An initialism is read letter by letter: "MRI", "CT", "FDA". "W" is three syllables ("double-u").
    return [...word.replace(/s$/, "")].reduce((sum, ch) => sum + (ch === "W" ? 3 : 1), 0);
  }
  return Math.max(1, syllable(word));
}

// zero one two three four five six seven eight nine ten eleven twelve thirteen … nineteen
const UNDER_20 = [2, 1, 1, 1, 1, 1, 1, 2, 1, 1, 1, 3, 1, 2, 2, 2, 2, 3, 2, 2];
// -, -, twenty thirty forty fifty sixty seventy eighty ninety
const TENS = [0, 0, 2, 2, 2, 2, 2, 3, 2, 2];
const DIGIT_SYLLABLES = UNDER_20.slice(0, 10);

/** Syllables of a whole number as it is spoken; long numbers (phone numbers, codes) digit by digit. */
function numberSyllables(digits: string): number {
  // Phone numbers, codes, and the N11 service numbers ("nine one one") are read digit by digit.
  if (digits.length > 4 || (digits.length > 1 && digits.startsWith("0")) || /^[2-9]11$/.test(digits)) {
    return [...digits].reduce((sum, ch) => sum + DIGIT_SYLLABLES[Number(ch)]!, 0);
  }
  const below100 = (x: number): number => (x < 20 ? UNDER_20[x]! : TENS[Math.floor(x / 10)]! + (x % 10 ? UNDER_20[x % 10]! : 0));
  const n = Number(digits);
  if (n < 100) return below100(n);
  // "three hundred (and) twelve"
  if (n < 1000) return UNDER_20[Math.floor(n / 100)]! + 2 + (n % 100 ? below100(n % 100) : 0);
  // Four digits are read in pairs, as years are: "twenty twenty-six", "nineteen hundred".
  const high = Math.floor(n / 100);
  const low = n % 100;
  return below100(high) + (low === 0 ? 2 : low < 10 ? 1 + UNDER_20[low]! : below100(low));
}

export function readingStats(blocks: readonly TextBlock[]): ReadingStats {
  const sentences: Sentence[] = [];
  for (const block of blocks) {
    const text = block.text.replace(/\s+/g, " ").trim();
    if (!text) continue;
    if (block.heading && !/[.!?]["”’)\]]*$/.test(text)) continue;
    for (const sentence of splitSentences(text)) {
      const list = words(sentence);
      sentences.push({ text: sentence, words: list.length, syllables: list.reduce((sum, w) => sum + syllablesIn(w), 0) });
    }
  }
  const totals = sentences.reduce((t, s) => ({ words: t.words + s.words, syllables: t.syllables + s.syllables }), { words: 0, syllables: 0 });
  const wordSyllables = new Map<string, number>();
  for (const s of sentences) for (const w of words(s.text)) wordSyllables.set(w.toLowerCase(), syllablesIn(w));
  return {
    grade: fleschKincaid({ sentence: sentences.length, word: totals.words, syllable: totals.syllables }),
    sentences: sentences.length,
    words: totals.words,
    syllables: totals.syllables,
    longestSentences: [...sentences].sort((a, b) => b.words - a.words),
    longestWords: [...wordSyllables].map(([word, n]) => ({ word, syllables: n })).sort((a, b) => b.syllables - a.syllables),
  };
}
