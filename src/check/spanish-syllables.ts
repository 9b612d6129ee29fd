/**
 * Spanish syllables, counted as the Real Academia Española's spelling rules divide words (Ortografía de la
 * lengua española, 2010, ch. I §4 and the accent rules of ch. II): a syllable is a vowel nucleus, so counting is
 * counting nuclei, and a nucleus is one vowel, a diphthong or a triphthong.
 *
 * - Strong (open) vowels: a, e, o (with or without accent). Weak (closed) vowels: i, u, ü; y when it ends a word
 *   or comes before a consonant ("hay", "muy", "reyna").
 * - Two strong vowels side by side are a hiatus: two syllables (le-er, ca-o-ba, po-e-ta).
 * - A weak and a strong vowel, or two weak ones, are a diphthong: one syllable (cui-da-do, ciu-dad, hue-so), unless
 *   the weak one carries the written accent, which breaks it (pa-ís, rí-o, ba-úl, re-ír).
 * - The u of que, qui, gue, gui is written, not spoken; ü is spoken (pin-güi-no).
 * - h between vowels does not stop a diphthong (prohi-bir, ahu-mar); an accent on either side still breaks it
 *   (bú-ho, pro-hí-be).
 * A word with no vowel (an abbreviation) counts one syllable.
 *
 * Why not the npm package `silabea`: it is the registry's only Spanish syllabifier, a single 1.0.0 release with no
 * types that ships its test tools (chai, mocha) as runtime dependencies; the rules above are short, and
 * test/spanish-readability.test.ts holds them to the RAE's own examples.
 */

const STRONG = new Set([..."aeoáéó"]);
const ACCENTED_WEAK = new Set([..."íú"]);
const WEAK = new Set([..."iuü"]);

type Letter = { ch: string; vowel: boolean };

function letters(word: string): Letter[] {
  const w = word.toLowerCase().normalize("NFC");
  const out: Letter[] = [];
  for (let i = 0; i < w.length; i++) {
    const ch = w[i]!;
    const prev = w[i - 1];
    const next = w[i + 1];
    const isVowelChar = (c: string | undefined): boolean => c !== undefined && (STRONG.has(c) || ACCENTED_WEAK.has(c) || WEAK.has(c));
    if (ch === "u" && (prev === "q" || prev === "g") && (next === "e" || next === "i" || next === "é" || next === "í")) continue; // silent u
    if (ch === "y") {
      // y is a vowel at the end of a word or before a consonant (hay, rey, muy); a consonant before a vowel (yo, ayuda).
      out.push({ ch: "i", vowel: !isVowelChar(next) });
      continue;
    }
    if (ch === "h") continue; // silent; does not separate vowels (prohibir, ahumar)
    out.push({ ch, vowel: isVowelChar(ch) });
  }
  return out;
}

/** Whether two vowels side by side belong to different syllables. */
function hiatus(a: string, b: string): boolean {
  if (ACCENTED_WEAK.has(a) || ACCENTED_WEAK.has(b)) return true;
  return STRONG.has(a) && STRONG.has(b);
}

export function spanishSyllables(word: string): number {
  let count = 0;
  let previousVowel: string | undefined;
  for (const { ch, vowel } of letters(word)) {
    if (!vowel) {
      previousVowel = undefined;
      continue;
    }
    if (previousVowel === undefined || hiatus(previousVowel, ch)) count++;
    previousVowel = ch;
  }
  return Math.max(1, count);
}

// cero uno dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce quince dieciséis diecisiete dieciocho diecinueve
const UNDER_20 = [2, 2, 1, 1, 2, 2, 1, 2, 2, 2, 1, 2, 2, 2, 3, 2, 4, 5, 4, 5];
// -, -, veinte treinta cuarenta cincuenta sesenta setenta ochenta noventa
const TENS = [0, 0, 2, 2, 3, 3, 3, 3, 3, 3];

/** Syllables of a whole number as it is said in Spanish; long ones (codes) digit by digit. */
export function spanishNumberSyllables(digits: string): number {
  const n = Number(digits);
  if (digits.length > 3 || (digits.length > 1 && digits.startsWith("0")) || !Number.isInteger(n)) {
    return [...digits].reduce((sum, ch) => sum + (/\d/.test(ch) ? UNDER_20[Number(ch)]! : 0), 0);
  }
  // veinte (2); veintiuno … veintinueve are one word, "veinti" (2) + the unit; 31 and up: "treinta y uno".
  const below100 = (x: number): number =>
    x < 20 ? UNDER_20[x]! : x < 30 ? 2 + (x > 20 ? UNDER_20[x - 20]! : 0) : TENS[Math.floor(x / 10)]! + (x % 10 ? 1 + UNDER_20[x % 10]! : 0);
  if (n < 100) return below100(n);
  // cien / ciento (2) … doscientos (3) … quinientos (3) …: two or three syllables for the hundreds.
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  const hundredSyllables = hundreds === 1 ? (rest ? 2 : 1) : 3;
  return hundredSyllables + (rest ? below100(rest) : 0);
}
