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
 * - Phone numbers, web addresses, email addresses and codes (R01, 555-0142, bme.example.org/knee) are not words
 *   a reader reads as prose, in any language: they are taken out before counting (`withoutNonWords`).
 *
 * Issue 14: the formula goes by the document's language (`formulaFor`). English: Flesch–Kincaid grade (lower
 * is easier). Spanish: Szigriszt-Pazos perspicuity, read on the INFLESZ scale (higher is easier) with Spanish
 * syllables (spanish-syllables.ts); see README, "Readability per language", for why this one and not
 * Fernández-Huerta. Another language has no formula: the gate says once that it was not measured.
 */
import { fleschKincaid } from "flesch-kincaid";
import { syllable } from "syllable";
import { spanishNumberSyllables, spanishSyllables } from "./spanish-syllables.ts";

export interface ReadingFormula {
  /** Shown in messages, like "Flesch–Kincaid grade". */
  name: string;
  /** A grade is a ceiling (lower is easier); an ease is a floor (higher is easier). */
  kind: "grade" | "ease";
  syllables: (word: string) => number;
  score: (counts: { sentence: number; word: number; syllable: number }) => number;
  /** Words that end a sentence with a full stop without ending it (lower case, no stop). */
  abbreviations: ReadonlySet<string>;
}

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
  /** The formula's score (Flesch–Kincaid grade for English, INFLESZ ease for Spanish), NaN when there is no text to measure. */
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
const SPANISH_ABBREVIATIONS = new Set(["p. ej", "ej", "etc", "dr", "dra", "sr", "sra", "srta", "ud", "uds", "aprox", "fig", "núm", "pág", "tel"]);
const WORD = /[\p{L}\p{N}]+(?:['’.\-][\p{L}\p{N}]+)*/gu;

export function splitSentences(text: string, abbreviations: ReadonlySet<string> = ABBREVIATIONS): string[] {
  const sentences: string[] = [];
  let start = 0;
  for (const match of text.matchAll(/[.!?]+["”’)\]]*(?=\s|$)/g)) {
    const end = (match.index ?? 0) + match[0].length;
    const before = text.slice(start, match.index).split(/\s+/).pop()?.toLowerCase() ?? "";
    if (match[0].startsWith(".") && abbreviations.has(before.replace(/^[("“‘¿¡]+/, ""))) continue;
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

export function readingStats(blocks: readonly TextBlock[], formula: ReadingFormula = FLESCH_KINCAID): ReadingStats {
  const sentences: Sentence[] = [];
  for (const block of blocks) {
    const text = withoutNonWords(block.text.replace(/\s+/g, " ").trim());
    if (!text) continue;
    if (block.heading && !/[.!?]["”’)\]]*$/.test(text)) continue;
    for (const sentence of splitSentences(text, formula.abbreviations)) {
      const list = words(sentence);
      sentences.push({ text: sentence, words: list.length, syllables: list.reduce((sum, w) => sum + formula.syllables(w), 0) });
    }
  }
  const totals = sentences.reduce((t, s) => ({ words: t.words + s.words, syllables: t.syllables + s.syllables }), { words: 0, syllables: 0 });
  const wordSyllables = new Map<string, number>();
  for (const s of sentences) for (const w of words(s.text)) wordSyllables.set(w.toLowerCase(), formula.syllables(w));
  return {
    grade: sentences.length && totals.words ? formula.score({ sentence: sentences.length, word: totals.words, syllable: totals.syllables }) : Number.NaN,
    sentences: sentences.length,
    words: totals.words,
    syllables: totals.syllables,
    longestSentences: [...sentences].sort((a, b) => b.words - a.words),
    longestWords: [...wordSyllables].map(([word, n]) => ({ word, syllables: n })).sort((a, b) => b.syllables - a.syllables),
  };
}

/**
 * The text without what is not prose: web and email addresses, phone numbers, and codes of capitals and digits
 * (R01, C3). Each is replaced by a space, keeping a full stop that ended the sentence after it.
 */
export function withoutNonWords(text: string): string {
  const drop = (match: string): string => {
    const end = /[.,;:!?)»”’]+$/.exec(match)?.[0] ?? "";
    return ` ${end}`;
  };
  return text
    .replace(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+[.,;:!?)]*/g, drop)
    .replace(/\b(?:https?:\/\/|www\.)\S+/gi, drop)
    .replace(/\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\/\S*/gi, drop)
    .replace(/\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:org|com|net|gov|edu|info|io|health|es|mx|us|uk|ca|au|nz|ie)\b/gi, " ")
    .replace(/\+\d[\d ().-]{6,}\d|\(\d{2,4}\) ?\d{3,4}[ .-]?\d{3,4}|\b\d{2,4}-\d{3,4}(?:-\d{3,4})?\b|\b\d{3}\.\d{3}\.\d{4}\b/g, " ")
    .replace(/\b(?=[A-Z0-9-]*\d)(?=[A-Z0-9-]*[A-Z])[A-Z0-9]+(?:-[A-Z0-9]+)*\b/g, " ");
}

export const FLESCH_KINCAID: ReadingFormula = {
  name: "Flesch–Kincaid grade",
  kind: "grade",
  syllables: syllablesIn,
  score: (counts) => fleschKincaid(counts),
  abbreviations: ABBREVIATIONS,
};

// Letter names as said in Spanish, for initialisms read letter by letter (RM: "erre eme").
const SPANISH_LETTER_SYLLABLES: Record<string, number> = { F: 2, H: 2, J: 2, L: 2, M: 2, N: 2, Ñ: 2, R: 2, S: 2, V: 2, W: 4, X: 2, Z: 2 };

export function spanishSyllablesIn(word: string): number {
  if (/^\d+$/.test(word)) return spanishNumberSyllables(word);
  if (/^[\d.,\-]+$/.test(word)) return word.split(/[.,\-]/).filter(Boolean).reduce((sum, part) => sum + spanishNumberSyllables(part), 0) + (word.match(/[.,]/g)?.length ?? 0) * 2;
  if (/^[A-ZÑ]{2,4}s?$/.test(word) && !/[AEIOU]{1}[^AEIOU]*[AEIOU]/.test(word.replace(/s$/, ""))) {
    return [...word.replace(/s$/, "")].reduce((sum, ch) => sum + (SPANISH_LETTER_SYLLABLES[ch] ?? 1), 0);
  }
  return spanishSyllables(word);
}

/**
 * Szigriszt-Pazos perspicuity (1993), 206.835 − 62.3 × syllables/words − words/sentences, read on the INFLESZ
 * scale (Barrio-Cantalejo et al., 2008): under 40 very hard, 40–55 somewhat hard, 55–65 normal, 65–80 fairly
 * easy, over 80 very easy.
 */
export const SZIGRISZT_PAZOS: ReadingFormula = {
  name: "INFLESZ ease (Szigriszt-Pazos)",
  kind: "ease",
  syllables: spanishSyllablesIn,
  score: ({ sentence, word, syllable: syllables }) => 206.835 - (62.3 * syllables) / word - word / sentence,
  abbreviations: SPANISH_ABBREVIATIONS,
};

const FORMULAS: Record<string, ReadingFormula> = { en: FLESCH_KINCAID, es: SZIGRISZT_PAZOS };

/** The formula for a language tag (its language part: es-MX uses es), or undefined when there is none. */
export function formulaFor(lang: string): ReadingFormula | undefined {
  return FORMULAS[(lang.split("-")[0] ?? lang).toLowerCase()];
}
