/**
 * Languages (issue 14): every interface string per language from templates/i18n/<lang>.yaml, dates and numbers
 * per locale, clinic values per language, and `lang` marks on every element in another language than its page.
 * The Spanish fixture (test/fixtures/spanish) is built for real, PDFs included, and read back with pdftotext.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Parser } from "htmlparser2";
import yaml from "js-yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../src/build/build.ts";
import { readableDate } from "../src/eleventy/filters.ts";
import { documentLocale, valueIn } from "../src/i18n/locale.ts";
import { FALLBACK_LANG, I18N_DIR, flatKeys, onFallback, reloadStrings, translate, type Tree } from "../src/i18n/strings.ts";
import { cssCounterText } from "../src/pdf/print-stylesheet.ts";
import { copyFixture, repoRoot } from "./helpers/fixtures.ts";
import { pdfInfo, pdfText } from "./helpers/pdf.ts";

const stringsFile = (lang: string): Tree => yaml.load(readFileSync(path.join(I18N_DIR, `${lang}.yaml`), "utf8")) as Tree;
const stringAt = (tree: Tree, key: string): string | undefined => {
  let node: string | Tree | undefined = tree;
  for (const part of key.split(".")) node = node && typeof node === "object" ? node[part] : undefined;
  return typeof node === "string" ? node : undefined;
};
const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
const otherLanguages = readdirSync(I18N_DIR)
  .filter((file) => file.endsWith(".yaml") && file !== `${FALLBACK_LANG}.yaml`)
  .map((file) => file.replace(/\.yaml$/, ""));

describe("strings files", () => {
  const english = stringsFile(FALLBACK_LANG);

  it("ships at least one language besides English", () => {
    expect(otherLanguages).toContain("es");
  });

  it.each(otherLanguages)("%s.yaml has every key of en.yaml, with the same {placeholders}, and no key en.yaml lacks", (lang) => {
    const other = stringsFile(lang);
    const problems: string[] = [];
    for (const key of flatKeys(english)) {
      const text = stringAt(other, key);
      if (text === undefined) problems.push(`${key}: missing`);
      else if (placeholders(text).join() !== placeholders(stringAt(english, key)!).join()) problems.push(`${key}: placeholders ${placeholders(text).join()} ≠ ${placeholders(stringAt(english, key)!).join()}`);
    }
    for (const key of flatKeys(other)) if (stringAt(english, key) === undefined) problems.push(`${key}: not in en.yaml`);
    expect(problems).toEqual([]);
  });

  it("warns once, naming the strings file to write, when a page's language prints English", () => {
    const warnings: string[] = [];
    const stop = onFallback((message) => warnings.push(message));
    try {
      reloadStrings();
      expect(translate("sheet.scan", "xx")).toBe("Scan to read online");
      translate("sheet.scan", "xx");
      expect(translate("sheet.scan", "en-GB")).toBe("Scan to read online");
      expect(translate("sheet.scan", "es")).toBe("Escanee y lea en línea");
    } finally {
      stop();
      reloadStrings();
    }
    expect(warnings).toEqual([expect.stringMatching(/^templates\/i18n\/xx\.yaml does not exist: .*Copy templates\/i18n\/en\.yaml to templates\/i18n\/xx\.yaml/)]);
  });
});

describe("dates, numbers and clinic values per language", () => {
  it("uses the clinic's locale for its own language, and the clinic's region for another language", () => {
    expect(documentLocale("en", "en-GB")).toBe("en-GB");
    expect(documentLocale(undefined, "en-GB")).toBe("en-GB");
    expect(documentLocale("es", "en-US")).toBe("es-US");
    expect(documentLocale("es-MX", "en-US")).toBe("es-MX");
    expect(documentLocale("es", "en")).toBe("es");
  });

  it("writes 15 November 2026 for an en-GB clinic and 15 de noviembre de 2026 in Spanish", () => {
    expect(readableDate("2026-11-15", documentLocale("en", "en-GB"))).toBe("15 November 2026");
    expect(readableDate("2026-11-15", documentLocale("es", "en-US"))).toBe("15 de noviembre de 2026");
    expect(readableDate("2026-11-15", documentLocale("en", "en-US"))).toBe("November 15, 2026");
  });

  it("takes a clinic value in the page's language, else the main language's, saying which", () => {
    const afterHours = { en: "555-0199 (on-call nurse)", es: "555-0199 (enfermera de guardia)" };
    expect(valueIn(afterHours, "es", "en")).toEqual({ text: "555-0199 (enfermera de guardia)", lang: "es" });
    expect(valueIn(afterHours, "es-MX", "en")).toEqual({ text: "555-0199 (enfermera de guardia)", lang: "es" });
    expect(valueIn({ en: "1 Road" }, "es", "en")).toEqual({ text: "1 Road", lang: "en" });
    expect(valueIn("1 Road", "es", "en")).toEqual({ text: "1 Road", lang: "en" });
  });

  it("turns the page footer's words into CSS content around the printer's counters", () => {
    expect(cssCounterText(translate("print.pageOfPages", "es"))).toBe('"Página " counter(page) " de " counter(pages)');
    expect(cssCounterText('Side {page} "av" {pages}')).toBe('"Side " counter(page) " \\"av\\" " counter(pages)');
  });
});

/**
 * The literal words of every English interface string (the parts between placeholders) that a Spanish page
 * must not show unmarked: those the Spanish file writes the same way (PDF, A4, PowerPoint) are left out.
 */
function englishInterfaceWords(): string[] {
  const english = stringsFile("en");
  const spanish = stringsFile("es");
  const words = new Set<string>();
  for (const key of flatKeys(english)) {
    const text = stringAt(english, key)!;
    if (text === stringAt(spanish, key)) continue;
    for (const part of text.split(/\{\w+\}|\[[A-Z_]+\]/)) {
      const phrase = part.replace(/^[\s:,.;·()“”]+|[\s:,.;·()“”]+$/g, "");
      if (/[A-Za-z]{4}/.test(phrase)) words.add(phrase);
    }
  }
  return [...words];
}

/** Text and accessible names (aria-label, alt, title, placeholder) of a page, less anything inside another `lang`. */
function unmarkedText(html: string): { pageLang: string; text: string } {
  const langs: (string | undefined)[] = [];
  const skip: boolean[] = [];
  let pageLang = "";
  let text = "";
  const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);
  const current = (): string => [...langs].reverse().find((l) => l !== undefined) ?? pageLang;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === "html") pageLang = attributes.lang ?? "";
        const own = attributes.lang;
        const inPageLang = (own ?? current()) === pageLang;
        if (inPageLang) for (const attr of ["aria-label", "alt", "title", "placeholder"]) if (attributes[attr]) text += ` ${attributes[attr]} `;
        text += " ";
        if (VOID.has(name)) return;
        langs.push(own);
        skip.push(name === "script" || name === "style" || name === "svg" && !inPageLang);
      },
      ontext(data) {
        if (!skip.some(Boolean) && current() === pageLang) text += data;
      },
      onclosetag(name) {
        text += " ";
        if (VOID.has(name)) return;
        langs.pop();
        skip.pop();
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return { pageLang, text: text.replace(/\s+/g, " ") };
}

/** A PDF's text in reading order (not laid out in columns, which splits a footer's phrases), spaces collapsed. */
const readingText = (file: string): string => execFileSync("pdftotext", [file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");

/** The English phrases in a text, in any case (the sheets print some in capitals), web addresses left out. */
const found = (withAddresses: string, words: readonly string[], text = withAddresses.replace(/\S*\/\S*/g, " ")): string[] =>
  words.filter((word) => new RegExp(`(^|[^\\p{L}])${word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}($|[^\\p{L}])`, "iu").test(text));

describe("a Spanish handout, page and deck", () => {
  const fixture = copyFixture("spanish");
  const out = (file: string): string => path.join(fixture.out, file);
  const read = (file: string): string => readFileSync(out(file), "utf8");
  const english = englishInterfaceWords();

  beforeAll(async () => {
    await build({ root: repoRoot, contentDir: fixture.content, outDir: fixture.out });
  }, 300_000);
  afterAll(() => rmSync(fixture.dir, { recursive: true, force: true }));

  const spanishPages = ["es/rodilla/handouts/rodilla-reposo/index.html", "es/rodilla/inicio/index.html", "es/rodilla/slides/charla/index.html", "es/rodilla/slides/charla/print.html", "es/search/index.html"];

  it("has some English interface words to look for", () => {
    expect(english).toEqual(expect.arrayContaining(["Scan to read online", "Questions? Call", "Emergency now", "References", "Patient handouts", "Page", "Search this site"]));
  });

  it("finds the English interface strings on the English sheet (the check below can fail)", () => {
    const { pageLang, text } = unmarkedText(read("sample/handouts/short/index.html"));
    expect(pageLang).toBe("en");
    expect(found(text, english)).toEqual(expect.arrayContaining(["Scan to read online", "Questions? Call", "Emergency now", "Large print PDF"]));
    const sheet = readingText(out("sample/handouts/short/short.a4.pdf"));
    expect(found(sheet, english)).toEqual(expect.arrayContaining(["Scan to read online", "Questions? Call", "Emergency now"]));
  });

  it.each(spanishPages)("%s is marked Spanish and shows no English interface string outside a lang mark", (file) => {
    const { pageLang, text } = unmarkedText(read(file));
    expect(pageLang).toBe("es");
    expect(found(text, english)).toEqual([]);
  });

  it("prints the Spanish sheets, large print and slides with no English interface string and a Spanish date", () => {
    for (const pdf of ["rodilla-reposo.letter.pdf", "rodilla-reposo.a4.pdf", "rodilla-reposo.large.pdf"]) {
      const text = readingText(out(`es/rodilla/handouts/rodilla-reposo/${pdf}`));
      expect(found(text, english), pdf).toEqual([]);
      expect(text, pdf).toContain("Revisado el 15 nov 2026");
      expect(text, pdf).toContain("Escanee y lea");
    }
    expect(pdfText(out("es/rodilla/handouts/rodilla-reposo/rodilla-reposo.large.pdf"))).toMatch(/Página 1 de \d/);
    for (const pdf of ["charla.pdf", "charla.notes.pdf"]) {
      const text = readingText(out(`es/rodilla/slides/charla/${pdf}`));
      // The references slide lists an English source, marked in the page; the PDF text cannot show the mark.
      const withoutSource = text.replace(/Resting an injured knee in adults/g, "");
      expect(found(withoutSource, english), pdf).toEqual([]);
      expect(text, pdf).toContain("Hojas para pacientes");
    }
    // The document properties too: keywords and the notes PDF's title.
    expect(pdfInfo(out("es/rodilla/handouts/rodilla-reposo/rodilla-reposo.large.pdf")).keywords).toBe("hoja para pacientes letra grande rodilla-reposo");
    expect(pdfInfo(out("es/rodilla/slides/charla/charla.notes.pdf")).title).toBe("Una charla de prueba (diapositivas con notas del presentador)");
    expect(pdfText(out("es/rodilla/slides/charla/charla.notes.pdf"))).toMatch(/Diapositivas con notas del presentador[\s\S]*Página 1 de \d/);
  });

  it("marks every element in another language than its page with its own lang", () => {
    const handout = read("es/rodilla/handouts/rodilla-reposo/index.html");
    // An English-only clinic value on a Spanish page, and the Spanish one where the clinic gave it.
    expect(handout).toMatch(/<li id="ref-R1" lang="en">/);
    expect(handout).toContain("Fuera de horario: <a class=\"phone\" href=\"tel:5550112\">555-0112</a> (enfermera de guardia)");
    const page = read("es/rodilla/inicio/index.html");
    expect(page).toMatch(/<a class="site-title" href="[^"]*">Guía de prueba<\/a>/);
    expect(page).toMatch(/· <span lang="en">1 Fixture Road, Testville<\/span>/);
    // The sidebar of a page with no topic of its own (here the Spanish search page) lists the topics, each in its words.
    expect(read("es/search/index.html")).toMatch(/<a href="[^"]*" lang="en">Sample topic<\/a>/);
    expect(page).toMatch(/<li id="ref-R1" lang="en">/);
    expect(read("es/search/index.html")).toMatch(/<a href="[^"]*search\/index\.html" hreflang="en" lang="en">Search in English<\/a>/);
    expect(read("search/index.html")).toMatch(/hreflang="es" lang="es">Buscar en español<\/a>/);
    expect(read("404.html")).toMatch(/<p class="not-found-other" lang="es">No encontramos esa página\. <a href="\/guide\/es\/search\/" hreflang="es">Buscar en español<\/a><\/p>/);
    // The English pages (the site home, and the English topic's home from its index page) stay English: no Spanish words.
    for (const english of ["index.html", "sample/index.html"]) {
      expect(read(english), english).toMatch(/<html lang="en"/);
      expect(read(english), english).not.toContain("Guía de prueba");
    }
  });

  it("gives the large-print sheet its page footer in its own language, from the strings file", () => {
    expect(read("es/rodilla/handouts/rodilla-reposo/print.css")).toContain('@page large-print { @bottom-center { content: "Página " counter(page) " de " counter(pages); } }');
    expect(read("sample/handouts/short/print.css")).toContain('"Page " counter(page) " of " counter(pages)');
  });
});

describe("an en-GB clinic", () => {
  const fixture = copyFixture("basic");
  afterAll(() => rmSync(fixture.dir, { recursive: true, force: true }));

  it("writes its review dates day first", async () => {
    const clinicFile = path.join(fixture.content, "_data", "clinic.json");
    const clinic = JSON.parse(readFileSync(clinicFile, "utf8")) as Record<string, unknown>;
    writeFileSync(clinicFile, JSON.stringify({ ...clinic, locale: "en-GB" }));
    const fixed = path.join(fixture.content, "sample", "handouts", "short.md");
    writeFileSync(fixed, readFileSync(fixed, "utf8").replace("reviewed: 2026-01-10", "reviewed: 2026-11-15"));
    await build({ root: repoRoot, contentDir: fixture.content, outDir: fixture.out, skipPdfs: true });
    expect(readFileSync(path.join(fixture.out, "sample", "handouts", "short", "index.html"), "utf8")).toContain("Reviewed 15 Nov 2026 by the content team"); // day first (medium style on the sheet)
  }, 120_000);
});
