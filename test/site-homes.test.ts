/**
 * Issue 14, the site as a library of topics: each topic describes itself (topic.yaml), the site makes its own home
 * page and a home for each topic, the libraries group documents by topic and say their language, and documents that
 * translate each other are linked (a visible switch, alternates in the head and in sitemap.xml). Real Eleventy
 * builds (site only, no PDFs) of fixture content folders.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../src/build/build.ts";
import { loadContent } from "../src/content/load-content.ts";
import { ContentErrors, type ContentError } from "../src/errors.ts";
import { copyFixture, repoRoot } from "./helpers/fixtures.ts";

const scratch = mkdtempSync(path.join(tmpdir(), "handouts-site-homes-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function buildSiteOnly(contentDir: string, name: string): Promise<string> {
  const outDir = path.join(scratch, name);
  await build({ root: repoRoot, contentDir, outDir, skipPdfs: true, log: () => {} });
  return outDir;
}

const read = (out: string, file: string): string => readFileSync(path.join(out, file), "utf8");

/** A link as the page writes it, page-relative, turned back into a site path from the page's own folder. */
function sitePath(pageUrl: string, href: string): string {
  const resolved = new URL(href, `https://site.invalid${pageUrl}`).pathname;
  return resolved.replace(/index\.html$/, "");
}

/** Every link target on a page (as site paths), with the link's text and attributes. */
function links(html: string, pageUrl: string): { href: string; text: string; attrs: string }[] {
  return [...html.matchAll(/<a\s([^>]*)>([\s\S]*?)<\/a>/g)].map(([, attrs = "", text = ""]) => ({
    href: sitePath(pageUrl, /href="([^"]*)"/.exec(attrs)?.[1] ?? ""),
    text: text.replace(/<[^>]+>/g, "").replace(/\s+/g, " ").trim(),
    attrs,
  }));
}

/** The element starting at the first match of `open`, up to its own closing tag (nested ones of its name counted). */
function section(html: string, open: RegExp): string {
  const start = html.search(open);
  if (start < 0) return "";
  const tag = /^<(\w+)/.exec(html.slice(start))?.[1] ?? "section";
  const pattern = new RegExp(`<(/?)${tag}\\b[^>]*>`, "g");
  pattern.lastIndex = start;
  let depth = 0;
  for (let match = pattern.exec(html); match; match = pattern.exec(html)) {
    depth += match[1] ? -1 : 1;
    if (depth === 0) return html.slice(start, match.index + match[0].length);
  }
  return html.slice(start);
}

function contentErrors(fn: () => unknown): readonly ContentError[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof ContentErrors) return error.errors;
    throw error;
  }
  throw new Error("expected content errors");
}

describe("a content folder holding only a second topic", () => {
  let out: string;
  beforeAll(async () => {
    out = await buildSiteOnly(copyFixture("heel").content, "heel");
  }, 120_000);

  it("builds a site home naming the clinic and listing the topic with its summary and a link to its home", () => {
    const home = read(out, "index.html");
    expect(home).toContain('<html lang="en">');
    expect(home).toContain("Example Foot Clinic");
    const topics = section(home, /<ul class="topic-list">/);
    expect(topics).toContain("Plantar heel pain");
    expect(topics).toContain("Pain under the heel, worst with the first steps in the morning.");
    expect(links(topics, "/").map((l) => l.href)).toEqual(["/plantar-heel-pain/"]);
    // The site's title is the clinic's, not the first topic's.
    expect(home).toContain("<title>Patient guides and handouts | Patient guides from Example Foot Clinic</title>");
  });

  it("lists the latest handouts in the home page's language, newest review first", () => {
    const latest = section(read(out, "index.html"), /<section aria-labelledby="home-latest-heading"/);
    expect(latest).toContain("Stretches for heel pain");
    expect(latest).not.toContain("Estiramientos");
    const spanish = section(read(out, "es/index.html"), /<section aria-labelledby="home-latest-heading"/);
    expect(spanish).toContain("Estiramientos para el dolor de talón");
    expect(spanish).not.toContain("Stretches for heel pain");
  });

  it("makes the Spanish home from the Spanish topic description and strings", () => {
    const home = read(out, "es/index.html");
    expect(home).toContain('<html lang="es">');
    expect(home).toContain("Dolor en la planta del talón");
    expect(home).toContain("Guías y hojas informativas para pacientes");
    expect(home).not.toContain("Recently reviewed handouts");
  });

  it("makes the topic's home from topic.yaml when it has no index page, listing its pages and handouts", () => {
    const topicHome = read(out, "plantar-heel-pain/index.html");
    expect(topicHome).toContain("<h1>Plantar heel pain</h1>");
    expect(topicHome).toContain("For adults with heel pain and their families.");
    const targets = links(section(topicHome, /<div class="topic-lists"/), "/plantar-heel-pain/").map((l) => l.href);
    expect(targets).toContain("/plantar-heel-pain/what-is-heel-pain/");
    expect(targets).toContain("/plantar-heel-pain/handouts/heel-stretches/");
    expect(targets).not.toContain("/es/plantar-heel-pain/handouts/estiramientos-talon/");
  });

  it("shows the current topic's pages in the sidebar, its home first", () => {
    const nav = section(read(out, "plantar-heel-pain/what-is-heel-pain/index.html"), /<nav class="guide-nav"/);
    expect(nav).toContain("Plantar heel pain");
    expect(links(nav, "/plantar-heel-pain/what-is-heel-pain/").map((l) => l.href)).toEqual(["/plantar-heel-pain/", "/plantar-heel-pain/what-is-heel-pain/"]);
  });

  it("links a handout and its translation both ways, each language named in its own language", () => {
    const english = read(out, "plantar-heel-pain/handouts/heel-stretches/index.html");
    const spanish = read(out, "es/plantar-heel-pain/handouts/estiramientos-talon/index.html");
    for (const html of [english, spanish]) {
      expect(html).toContain('<link rel="alternate" hreflang="en" href="https://feet.example.org/plantar-heel-pain/handouts/heel-stretches/">');
      expect(html).toContain('<link rel="alternate" hreflang="es" href="https://feet.example.org/es/plantar-heel-pain/handouts/estiramientos-talon/">');
      expect(html).toContain('<link rel="alternate" hreflang="x-default" href="https://feet.example.org/plantar-heel-pain/handouts/heel-stretches/">');
    }
    const toSpanish = links(section(english, /<nav class="language-switch/), "/plantar-heel-pain/handouts/heel-stretches/");
    expect(toSpanish).toHaveLength(1);
    expect(toSpanish[0]).toMatchObject({ href: "/es/plantar-heel-pain/handouts/estiramientos-talon/", text: "Español" });
    expect(toSpanish[0]?.attrs).toMatch(/hreflang="es"/);
    expect(toSpanish[0]?.attrs).toMatch(/lang="es"/);
    const toEnglish = links(section(spanish, /<nav class="language-switch/), "/es/plantar-heel-pain/handouts/estiramientos-talon/");
    expect(toEnglish[0]).toMatchObject({ href: "/plantar-heel-pain/handouts/heel-stretches/", text: "English" });
    expect(section(spanish, /<nav class="language-switch/)).toContain('<span aria-current="page" lang="es">Español</span>');
  });

  it("prints on the translated sheet a QR code that opens the translated page", () => {
    const spanish = read(out, "es/plantar-heel-pain/handouts/estiramientos-talon/index.html");
    expect(spanish).toContain("https://feet.example.org/es/plantar-heel-pain/handouts/estiramientos-talon/");
    expect(spanish).not.toMatch(/QR[^"]*heel-stretches/);
  });

  it("lists each language version of a translated page in sitemap.xml, the source as x-default", () => {
    const sitemap = read(out, "sitemap.xml");
    expect(sitemap).toContain('xmlns:xhtml="http://www.w3.org/1999/xhtml"');
    const entry = /<url><loc>https:\/\/feet\.example\.org\/es\/plantar-heel-pain\/handouts\/estiramientos-talon\/<\/loc>.*?<\/url>/.exec(sitemap)?.[0] ?? "";
    expect(entry).toContain('<xhtml:link rel="alternate" hreflang="en" href="https://feet.example.org/plantar-heel-pain/handouts/heel-stretches/"/>');
    expect(entry).toContain('<xhtml:link rel="alternate" hreflang="es" href="https://feet.example.org/es/plantar-heel-pain/handouts/estiramientos-talon/"/>');
    expect(entry).toContain('<xhtml:link rel="alternate" hreflang="x-default" href="https://feet.example.org/plantar-heel-pain/handouts/heel-stretches/"/>');
    // A page without a translation has no alternates (and is in the sitemap at all).
    const untranslated = /<url><loc>https:\/\/feet\.example\.org\/plantar-heel-pain\/what-is-heel-pain\/<\/loc>.*?<\/url>/.exec(sitemap)?.[0];
    expect(untranslated).toBeDefined();
    expect(untranslated).not.toContain("xhtml:link");
  });

  it("says each document's language in the library, marked with lang, and gives search the topic and audience", () => {
    const library = read(out, "handouts/index.html");
    expect(library).toMatch(/<span lang="es">Español<\/span>/);
    expect(library).toMatch(/<span lang="en">English<\/span>/);
    const page = read(out, "plantar-heel-pain/what-is-heel-pain/index.html");
    expect(page).toContain('data-pagefind-meta="topic:Plantar heel pain"');
    expect(page).toContain('data-pagefind-meta="audience:For patients"');
  });
});

describe("the shipped content", () => {
  let out: string;
  beforeAll(async () => {
    out = await buildSiteOnly(path.join(repoRoot, "content"), "shipped");
  }, 120_000);

  it("has a site home listing its topic and its latest handouts", () => {
    const home = read(out, "index.html");
    const topics = section(home, /<ul class="topic-list">/);
    expect(topics).toContain("Bone marrow edema");
    expect(links(topics, "/").map((l) => l.href)).toEqual(["/bone-marrow-edema/"]);
    const latest = links(section(home, /<section aria-labelledby="home-latest-heading"/), "/").map((l) => l.href);
    expect(latest.filter((href) => /^\/bone-marrow-edema\/handouts\/[^/]+\/$/.test(href)).length).toBeGreaterThan(0);
  });

  it("keeps the topic's own index page as the topic home, followed by the topic's generated lists", () => {
    const topicHome = read(out, "bone-marrow-edema/index.html");
    expect(topicHome).toContain("Bone marrow edema: a guide for patients and families");
    const lists = section(topicHome, /<div class="topic-lists"/);
    const targets = links(lists, "/bone-marrow-edema/").map((l) => l.href);
    expect(targets).toContain("/bone-marrow-edema/what-is-bme/");
    expect(targets).toContain("/bone-marrow-edema/handouts/overview/");
    expect(targets).toContain("/bone-marrow-edema/slides/management/");
  });
});

describe("libraries of two topics", () => {
  let out: string;
  beforeAll(async () => {
    // The shipped topic and the heel topic side by side.
    const content = path.join(scratch, "two-topics", "content");
    cpSync(path.join(repoRoot, "content"), content, { recursive: true });
    const heel = path.join(repoRoot, "test", "fixtures", "heel", "content");
    cpSync(path.join(heel, "plantar-heel-pain"), path.join(content, "plantar-heel-pain"), { recursive: true });
    cpSync(path.join(heel, "_data", "references", "plantar-heel-pain.yaml"), path.join(content, "_data", "references", "plantar-heel-pain.yaml"));
    out = await buildSiteOnly(content, "two-topics-out");
  }, 120_000);

  it("group the handouts under a heading per topic, in the topics' order, with a filter of plain links", () => {
    const library = read(out, "handouts/index.html");
    const headings = [...library.matchAll(/<h2 id="topic-([a-z-]+)-heading"/g)].map((m) => m[1]);
    expect(headings).toEqual(["bone-marrow-edema", "plantar-heel-pain"]);
    const heel = section(library, /<section class="library-topic" id="topic-plantar-heel-pain"/);
    expect(heel).toContain("Stretches for heel pain");
    expect(heel).not.toContain("Knee");
    const filter = links(section(library, /<nav class="library-filter"/), "/handouts/");
    expect(filter.map((l) => l.href)).toEqual(expect.arrayContaining(["/handouts/", "/es/handouts/"]));
    expect(section(library, /<nav class="library-filter"/)).toContain('href="#topic-plantar-heel-pain"');
    // The filter script is a file of the site's own, allowed by the library's policy; no inline script.
    expect(library).toMatch(/<script src="[^"]*assets\/library-filter\.js" defer(="")?><\/script>/);
    expect(library).toMatch(/script-src 'self'/);
    expect(library).not.toMatch(/<script>(?!<\/script>)/);
  });

  it("list the topics on the site home in their order, and the latest handouts of both", () => {
    const home = read(out, "index.html");
    const order = [...section(home, /<ul class="topic-list">/).matchAll(/<h3 class="topic-card-title"><a [^>]*>([^<]+)</g)].map((m) => m[1]);
    expect(order).toEqual(["Bone marrow edema", "Plantar heel pain"]);
  });

  it("show each topic's pages only in that topic's sidebar", () => {
    const heelNav = section(read(out, "plantar-heel-pain/what-is-heel-pain/index.html"), /<nav class="guide-nav"/);
    expect(heelNav).toContain("What is plantar heel pain?");
    expect(heelNav).not.toContain("What is bone marrow edema?");
    const bmeNav = section(read(out, "bone-marrow-edema/what-is-bme/index.html"), /<nav class="guide-nav"/);
    expect(bmeNav).toContain("What is bone marrow edema?");
    expect(bmeNav).not.toContain("What is plantar heel pain?");
  });
});

describe("topic descriptions", () => {
  it("a topic without topic.yaml is an error telling the author to add it, with its fields", () => {
    const { content } = copyFixture("heel");
    unlinkSync(path.join(content, "plantar-heel-pain", "_data", "topic.yaml"));
    const errors = contentErrors(() => loadContent(content));
    expect(errors.map((e) => e.message)).toEqual([expect.stringMatching(/^content\/plantar-heel-pain\/_data\/topic\.yaml: missing: .*`title:`.*`summary:`.*`order:`/)]);
  });

  it("a mistake in topic.yaml or its translation is one line with the file, the line and the fix", () => {
    const { content } = copyFixture("heel");
    writeFileSync(path.join(content, "plantar-heel-pain", "_data", "topic.yaml"), "title: Plantar heel pain\nsummary: Pain under the heel, worst in the morning.\norder: first\n");
    writeFileSync(path.join(content, "plantar-heel-pain", "_data", "topic.es.yaml"), "title: Dolor de talón\nsumary: Dolor debajo del talón por la mañana.\n");
    const messages = contentErrors(() => loadContent(content)).map((e) => e.message);
    expect(messages).toContain("content/plantar-heel-pain/_data/topic.yaml:3: field `order` is invalid (it says `first`): it should be a number: topics are listed from the smallest, like 1");
    expect(messages).toEqual(expect.arrayContaining([expect.stringMatching(/^content\/plantar-heel-pain\/_data\/topic\.es\.yaml:2: unknown field `sumary`/), expect.stringMatching(/^content\/plantar-heel-pain\/_data\/topic\.es\.yaml:\d+: field `summary` is missing/)]));
  });

  it("are reported in the same first round as the documents' own mistakes", () => {
    const { content } = copyFixture("heel");
    unlinkSync(path.join(content, "plantar-heel-pain", "_data", "topic.yaml"));
    const page = path.join(content, "plantar-heel-pain", "pages", "what-is-heel-pain.md");
    writeFileSync(page, readFileSync(page, "utf8").replace("reviewed: 2026-02-01", "reviewed: soon"));
    const files = contentErrors(() => loadContent(content)).map((e) => e.file);
    expect(files).toEqual(expect.arrayContaining(["content/plantar-heel-pain/_data/topic.yaml", "content/plantar-heel-pain/pages/what-is-heel-pain.md"]));
  });
});
