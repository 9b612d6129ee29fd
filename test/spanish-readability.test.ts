/**
 * Readability per language (issue 14): Spanish syllables by the RAE's rules, the Szigriszt-Pazos/INFLESZ score,
 * and what is never counted as a word (phone numbers, addresses, codes) in either language.
 */
import { describe, expect, it } from "vitest";
import { FLESCH_KINCAID, formulaFor, readingStats, SZIGRISZT_PAZOS, withoutNonWords, words } from "../src/check/reading-grade.ts";
import { spanishNumberSyllables, spanishSyllables } from "../src/check/spanish-syllables.ts";

describe("Spanish syllables", () => {
  it("divides words as the RAE's Ortografía does: diphthongs, hiatus, written accents, silent u and h", () => {
    const rae: Record<string, number> = {
      // diphthongs: a weak and a strong vowel, or two weak ones
      cuidado: 3, ciudad: 2, hueso: 2, bueno: 2, siempre: 2, tratamiento: 4, inflamación: 4, hielo: 2, huevo: 2,
      // hiatus: two strong vowels, or an accented weak one
      leer: 2, poeta: 3, aéreo: 4, país: 2, río: 2, baúl: 2, reír: 2, día: 2, tenía: 3, caído: 3, búho: 2, prohíbe: 3,
      // triphthongs and y
      buey: 1, paraguay: 3, muy: 1, hay: 1, ayuda: 3, yo: 1, y: 1,
      // silent u (que, qui, gue, gui) and spoken ü
      queso: 2, guía: 2, guerra: 2, pingüino: 3, vergüenza: 3,
      // h does not stop a diphthong
      // (prohibir is [proi̯.ˈβiɾ], two syllables, in the RAE's phonology)
      prohibir: 2, ahumar: 2, ahora: 3, rodilla: 3, medicamento: 5,
    };
    const counted = Object.fromEntries(Object.keys(rae).map((w) => [w, spanishSyllables(w)]));
    expect(counted).toEqual(rae);
  });

  it("counts numbers as they are said in Spanish", () => {
    expect(spanishNumberSyllables("2")).toBe(1); // dos
    expect(spanishNumberSyllables("6")).toBe(1); // seis
    expect(spanishNumberSyllables("10")).toBe(1); // diez
    expect(spanishNumberSyllables("21")).toBe(4); // vein-ti-u-no
    expect(spanishNumberSyllables("35")).toBe(5); // trein-ta y cin-co
    expect(spanishNumberSyllables("100")).toBe(1); // cien
  });
});

describe("the Spanish reading score (Szigriszt-Pazos, INFLESZ scale)", () => {
  it("scores a counted Spanish text as the published formula gives, within 0.5", () => {
    // Counted by hand with the RAE's division: 2 sentences, 17 words, 33 syllables.
    // El (1) do-lor (2) de (1) la (1) ro-di-lla (3) ca-si (2) siem-pre (2) me-jo-ra (3) con (1) re-po-so (3). = 10 words, 19 syllables
    // Ca-mi-ne (3) un (1) po-co (2) ca-da (2) dí-a (2) con (1) cui-da-do (3). = 7 words, 14 syllables → 33 in all
    const text = "El dolor de la rodilla casi siempre mejora con reposo. Camine un poco cada día con cuidado.";
    const stats = readingStats([{ text, heading: false }], SZIGRISZT_PAZOS);
    expect({ sentences: stats.sentences, words: stats.words, syllables: stats.syllables }).toEqual({ sentences: 2, words: 17, syllables: 33 });
    // Szigriszt-Pazos (1993): 206.835 − 62.3 × 33/17 − 17/2 = 77.40 ("fairly easy" on the INFLESZ scale).
    expect(stats.grade).toBeCloseTo(206.835 - (62.3 * 33) / 17 - 17 / 2, 5);
    expect(Math.abs(stats.grade - 77.4)).toBeLessThan(0.5);
  });

  it("finds hard Spanish prose hard and plain Spanish easy", () => {
    const hard = readingStats([{ text: "Las fracturas subcondrales por insuficiencia, características de individuos osteoporóticos, requieren una evaluación radiológica exhaustiva e intervenciones terapéuticas individualizadas.", heading: false }], SZIGRISZT_PAZOS);
    const plain = readingStats([{ text: "Descanse la pierna. Camine un poco cada día. Llame si le duele más.", heading: false }], SZIGRISZT_PAZOS);
    expect(hard.grade).toBeLessThan(40);
    expect(plain.grade).toBeGreaterThan(80);
  });

  it("picks the formula by the document's language, and none for a language without one", () => {
    expect(formulaFor("en")).toBe(FLESCH_KINCAID);
    expect(formulaFor("en-GB")).toBe(FLESCH_KINCAID);
    expect(formulaFor("es-MX")).toBe(SZIGRISZT_PAZOS);
    expect(formulaFor("fr")).toBeUndefined();
  });
});

describe("what is never counted as a word", () => {
  it("leaves out phone numbers, web and email addresses and codes, in English and in Spanish", () => {
    const en = "Call 555-0142 or (555) 555-0199, see bme.example.org/knee or https://clinic.example.org/a?b=1, write to help@clinic.example.org, code R01.";
    const es = "Llame al 555-0142 o al +1 555 555 0199, vea bme.example.org/rodilla o escriba a ayuda@clinic.example.org, código R01.";
    expect(words(withoutNonWords(en))).toEqual(["Call", "or", "see", "or", "write", "to", "code"]);
    expect(words(withoutNonWords(es))).toEqual(["Llame", "al", "o", "al", "vea", "o", "escriba", "a", "código"]);
    const enStats = readingStats([{ text: en, heading: false }], FLESCH_KINCAID);
    const esStats = readingStats([{ text: es, heading: false }], SZIGRISZT_PAZOS);
    expect(enStats.words).toBe(7);
    expect(esStats.words).toBe(9);
    expect(esStats.longestWords.map((w) => w.word)).not.toContain("bme.example.org");
  });

  it("keeps ordinary numbers, ranges and decimals as words", () => {
    expect(words(withoutNonWords("Rest for 6 weeks, 2–3 times a day, 2.5 mg."))).toEqual(["Rest", "for", "6", "weeks", "2", "3", "times", "a", "day", "2.5", "mg"]);
  });
});
