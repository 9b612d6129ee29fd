// Issue 14: topic-scoped names and the URL scheme. Two topics that both have an `overview` handout, an `R01`
// reference and a `when-to-get-help` snippet both publish, each pointing inside itself; a plain name only another
// topic has is an error naming both files; a folder with only a second topic builds; the shipped topic's old
// addresses (its printed QR codes) keep resolving through redirect pages.
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { build } from "../src/build/build.ts";
import { loadContent } from "../src/content/load-content.ts";
import { documentUrl, oldDocumentUrl } from "../src/content/urls.ts";
import { ContentError, ContentErrors } from "../src/errors.ts";
import { copyFixture, repoRoot, writeContent } from "./helpers/fixtures.ts";

const TOPICS = ["heel-pain", "wrist-pain"] as const;
const other = (topic: string): string => (topic === "heel-pain" ? "wrist-pain" : "heel-pain");
const word = (topic: string): string => topic.replace("-pain", "");

/** Every problem loadContent reports, as `file:line: message` lines. */
function problems(contentDir: string): string[] {
  try {
    loadContent(contentDir);
    return [];
  } catch (error) {
    const list = error instanceof ContentErrors ? error.errors : error instanceof ContentError ? [error] : [];
    if (!list.length) throw error;
    return list.map((e) => e.message);
  }
}

/** The page's own part: the article, less the previous/next pager (site navigation, not the page's links). */
function article(html: string): string {
  const start = html.indexOf("<article");
  const end = html.lastIndexOf("</article>");
  return html.slice(start, end).replace(/<nav class="pager"[^]*?<\/nav>/, "");
}

/** The site path a relative href in the page at `pageUrl` points to. */
function target(href: string, pageUrl: string): string {
  return new URL(href, `https://site.invalid${pageUrl}`).pathname.replace(/index\.html$/, "");
}

const text = (html: string): string => html.replace(/<[^>]+>/g, "");

describe("two topics with the same names (issue 14)", () => {
  let out = "";
  const read = (file: string): string => readFileSync(path.join(out, file), "utf8");
  beforeAll(async () => {
    const fixture = copyFixture("two-topics");
    out = fixture.out;
    await build({ root: repoRoot, contentDir: fixture.content, outDir: out, skipPdfs: true });
  }, 120_000);

  it("publishes each topic's overview handout, deck, pages and sources page at its own address", () => {
    for (const topic of TOPICS) {
      for (const url of [documentUrl({ topic, kind: "handout", slug: "overview" }), documentUrl({ topic, kind: "deck", slug: "talk" }), `/${topic}/`, `/${topic}/details/`, `/sources/${topic}/`]) {
        expect(existsSync(path.join(out, url, "index.html")), url).toBe(true);
      }
      expect(read(`${topic}/handouts/overview/index.html`)).toContain(`The ${word(topic)} pain overview`);
    }
    const manifest = JSON.parse(read("manifest.json")) as { artifacts: { url: string; pdf?: Record<string, string> }[] };
    expect(manifest.artifacts.find((a) => a.url === "/wrist-pain/handouts/overview/")?.pdf?.letter).toBe("wrist-pain/handouts/overview/overview.letter.pdf");
  });

  it("includes each topic's own when-to-get-help snippet, never the other topic's", () => {
    for (const topic of TOPICS) {
      for (const file of [`${topic}/index.html`, `${topic}/handouts/overview/index.html`]) {
        expect(read(file), file).toContain(`Only the ${word(topic)} topic says this`);
        expect(read(file), file).not.toContain(`Only the ${word(other(topic))} topic says this`);
      }
    }
  });

  it("points every link a page writes (Markdown links, handout and deck cards, related page) inside its own topic", () => {
    for (const topic of TOPICS) {
      for (const url of [`/${topic}/`, `/${topic}/details/`, `/${topic}/handouts/overview/`]) {
        const html = url.includes("/handouts/") ? read(`${topic}/handouts/overview/index.html`) : article(read(`${url.slice(1)}index.html`));
        const targets = [...html.matchAll(/href="([^"#]+)"/g)].map((m) => target(m[1] ?? "", url)).filter((t) => TOPICS.some((name) => t.startsWith(`/${name}/`)));
        expect(targets.length, url).toBeGreaterThan(0);
        for (const t of targets) expect(t, `${url} links to ${t}`).toMatch(new RegExp(`^/${topic}/`));
      }
      // The Markdown link written `/handouts/overview/` became this topic's handout.
      expect(article(read(`${topic}/index.html`))).toContain('href="handouts/overview/index.html"');
    }
  });

  it("gives each deck a Patient handouts slide whose QR address is its own topic's handout, and its own topic's references", () => {
    for (const topic of TOPICS) {
      const html = read(`${topic}/slides/talk/index.html`);
      const grid = html.slice(html.indexOf('class="handout-grid"'), html.indexOf("</ul>", html.indexOf('class="handout-grid"')));
      expect(text(grid)).toContain(`fixture.example.org/guide/${topic}/handouts/overview/`);
      expect(grid).toContain('href="../../handouts/overview/index.html"');
      expect(grid).toContain(`aria-label="QR code for the handout: The ${word(topic)} pain overview"`);
      expect(html).toContain(`A ${word(topic)} pain reference for the fixture`);
      expect(html).not.toContain(`A ${word(other(topic))} pain reference for the fixture`);
    }
  });

  it("lists on each sources page its own R01 with the documents of its own topic that cite it", () => {
    for (const topic of TOPICS) {
      const html = article(read(`sources/${topic}/index.html`));
      expect(html).toContain(`A ${word(topic)} pain reference for the fixture`);
      expect(html).not.toContain(`A ${word(other(topic))} pain reference`);
      const cited = [...html.matchAll(/href="([^"#]+)"/g)].map((m) => target(m[1] ?? "", `/sources/${topic}/`)).filter((t) => TOPICS.some((name) => t.startsWith(`/${name}/`)));
      expect(cited.sort()).toEqual([`/${topic}/`, `/${topic}/details/`, `/${topic}/handouts/overview/`, `/${topic}/slides/talk/`]);
      // The handout's "How we checked this" line points at its own topic's sources page.
      expect(read(`${topic}/handouts/overview/index.html`)).toContain(`href="../../../sources/${topic}/index.html"`);
    }
  });

  it("writes no redirect at an old address two topics' documents share (/handouts/overview/ could mean either)", () => {
    expect(existsSync(path.join(out, "handouts/overview/index.html"))).toBe(false);
    expect(existsSync(path.join(out, "slides/talk/index.html"))).toBe(false);
    expect(existsSync(path.join(out, "details/index.html"))).toBe(false);
  });
});

describe("names only another topic has", () => {
  it("refuses an unqualified handout, snippet, citation and link that exist only in another topic, naming the referring file and each file it could mean", () => {
    const { content } = copyFixture("two-topics");
    writeContent(content, "wrist-pain/handouts/splint.md", readFileSync(path.join(content, "wrist-pain/handouts/overview.md"), "utf8").replace("The wrist pain overview", "The wrist splint"));
    writeContent(content, "wrist-pain/_snippets/splint-care.md", "Keep the splint dry [@R01].\n");
    writeContent(content, "_data/references/wrist-pain.yaml", `${readFileSync(path.join(content, "_data/references/wrist-pain.yaml"), "utf8")}R02:\n  short: Splint 2021\n  title: A splint reference\n  year: 2021\n`);
    const index = path.join(content, "heel-pain/pages/index.md");
    writeContent(
      content,
      "heel-pain/pages/index.md",
      readFileSync(index, "utf8").replace("handouts: [overview]", "handouts: [overview, splint]").replace("![[when-to-get-help]]", "![[splint-care]]\n\nA splint helps some people [@R02]. See [the splint sheet](/handouts/splint/)."),
    );
    const found = problems(content);
    const mine = found.filter((p) => p.startsWith("content/heel-pain/pages/index.md"));
    expect(mine).toHaveLength(4);
    expect(mine.find((p) => /field `handouts`/.test(p))).toMatch(/names the handout `splint`, which topic `heel-pain` does not have; it could mean content\/wrist-pain\/handouts\/splint\.md: write `wrist-pain\/splint`/);
    expect(mine.find((p) => /snippet/.test(p))).toMatch(/`!\[\[splint-care\]\]`.*could mean content\/wrist-pain\/_snippets\/splint-care\.md: write `!\[\[wrist-pain\/splint-care\]\]`/);
    expect(mine.find((p) => /citation/.test(p))).toMatch(/`\[@R02\]`.*could mean content\/_data\/references\/wrist-pain\.yaml:\d+: write `\[@wrist-pain\/R02\]`/);
    expect(mine.find((p) => /link/.test(p))).toMatch(/`\/handouts\/splint\/`.*could mean content\/wrist-pain\/handouts\/splint\.md/);
    expect(found).toEqual(mine);
  });

  it("accepts the same names written explicitly as another topic's, and links there", async () => {
    const fixture = copyFixture("two-topics");
    const { content } = fixture;
    writeContent(content, "wrist-pain/_snippets/splint-care.md", "Keep the splint dry.\n");
    const index = path.join(content, "heel-pain/pages/index.md");
    writeContent(
      content,
      "heel-pain/pages/index.md",
      readFileSync(index, "utf8")
        .replace("handouts: [overview]", "handouts: [overview, wrist-pain/overview]")
        .replace("![[when-to-get-help]]", "![[wrist-pain/splint-care]]\n\nThe wrist topic says so too [@wrist-pain/R01]."),
    );
    // A translation beside its source: same slug, its own language's address.
    writeContent(content, "wrist-pain/handouts/overview.es.md", readFileSync(path.join(content, "wrist-pain/handouts/overview.md"), "utf8").replace("kind: handout", "kind: handout\nlang: es"));
    expect(problems(content)).toEqual([]);
    await build({ root: repoRoot, contentDir: content, outDir: fixture.out, skipPdfs: true });
    const translated = readFileSync(path.join(fixture.out, "es/wrist-pain/handouts/overview/index.html"), "utf8");
    expect(translated).toContain('<html lang="es"');
    expect(translated).toContain('<link rel="canonical" href="https://fixture.example.org/guide/es/wrist-pain/handouts/overview/">');
    // Its related page has no Spanish edition: the main language's, in its own topic.
    expect(translated).toContain('href="../../../../wrist-pain/index.html"');
    const manifest = JSON.parse(readFileSync(path.join(fixture.out, "manifest.json"), "utf8")) as { artifacts: { source: string; url: string; lang: string; pdf?: Record<string, string> }[] };
    expect(manifest.artifacts.find((a) => a.source.endsWith("overview.es.md"))).toMatchObject({ url: "/es/wrist-pain/handouts/overview/", lang: "es", pdf: { letter: "es/wrist-pain/handouts/overview/overview.letter.pdf" } });
    const html = readFileSync(path.join(fixture.out, "heel-pain/index.html"), "utf8");
    expect(html).toContain("Keep the splint dry.");
    expect(html).toContain('href="../wrist-pain/handouts/overview/index.html"');
    expect(html).toContain("A wrist pain reference for the fixture");
    // The wrist topic's sources page names the heel page among those citing its R01.
    expect(readFileSync(path.join(fixture.out, "sources/wrist-pain/index.html"), "utf8")).toContain('href="../../heel-pain/index.html"');
  }, 120_000);

  it("reports only its own errors for one broken references file: the other topic's citations stay sound", () => {
    const { content } = copyFixture("two-topics");
    writeContent(content, "_data/references/wrist-pain.yaml", "R01:\n  short: Broken\n  title: [unclosed\n");
    const found = problems(content);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^content\/_data\/references\/wrist-pain\.yaml:3: /);
  });

  it("refuses reserved topic folders and page names, and a file-name language the front matter does not say, each in one plain line", () => {
    const { content } = copyFixture("two-topics");
    writeContent(content, "handouts/pages/x.md", readFileSync(path.join(content, "heel-pain/pages/details.md"), "utf8"));
    writeContent(content, "heel-pain/pages/sources.md", readFileSync(path.join(content, "heel-pain/pages/details.md"), "utf8"));
    writeContent(content, "heel-pain/handouts/overview.es.md", readFileSync(path.join(content, "heel-pain/handouts/overview.md"), "utf8").replace("kind: handout", "kind: handout\nlang: fr"));
    const found = problems(content);
    expect(found).toContain("content/handouts: the topic folder name `handouts` is taken by the site's own /handouts/ address: rename the folder (for example `handouts-topic`)");
    expect(found).toContain("content/heel-pain/pages/sources.md: the page name `sources` is taken by the topic's /<topic>/sources/ address: rename the file");
    expect(found).toContain(
      "content/heel-pain/handouts/overview.es.md:3: the file name says the language is `es` but the front matter says `lang: fr`: make them the same (rename the file to overview.fr.md, or write `lang: es`)",
    );
    // The language suffix itself is a fine file name: only the mismatch is reported.
    expect(found.filter((line) => line.startsWith("content/heel-pain/handouts/overview.es.md"))).toHaveLength(1);
    for (const line of found) expect(line).not.toMatch(/\n|    at /);
  });
});

describe("a content folder holding only a second topic", () => {
  it("builds without error, with the topic's pages, handouts, decks and sources page", async () => {
    const fixture = copyFixture("two-topics");
    rmSync(path.join(fixture.content, "heel-pain"), { recursive: true });
    rmSync(path.join(fixture.content, "_data/references/heel-pain.yaml"));
    const report = await build({ root: repoRoot, contentDir: fixture.content, outDir: fixture.out, skipPdfs: true });
    expect(report).toBeDefined();
    for (const file of ["wrist-pain/index.html", "wrist-pain/details/index.html", "wrist-pain/handouts/overview/index.html", "wrist-pain/slides/talk/index.html", "sources/wrist-pain/index.html", "handouts/index.html", "slides/index.html"]) {
      expect(existsSync(path.join(fixture.out, file)), file).toBe(true);
    }
    expect(existsSync(path.join(fixture.out, "bone-marrow-edema"))).toBe(false);
    // The topic's unique names keep their old addresses as redirects.
    expect(readFileSync(path.join(fixture.out, "handouts/overview/index.html"), "utf8")).toContain('url=../../wrist-pain/handouts/overview/index.html"');
  }, 120_000);
});

describe("the shipped topic's old addresses (printed QR codes)", () => {
  let out = "";
  let manifest: { site: { baseUrl: string }; artifacts: { kind: string; slug: string; url: string; html: string; topic: string; lang: string }[] };
  beforeAll(async () => {
    const fixture = copyFixture("two-topics");
    out = fixture.out;
    await build({ root: repoRoot, contentDir: path.join(repoRoot, "content"), outDir: out, skipPdfs: true });
    manifest = JSON.parse(readFileSync(path.join(out, "manifest.json"), "utf8"));
  }, 180_000);

  it("still opens every shipped handout, deck and page from its old address, through a page that sends the browser on", () => {
    const shipped = manifest.artifacts.filter((a) => a.topic === "bone-marrow-edema" && a.lang === "en");
    expect(shipped.filter((a) => a.kind === "handout").length).toBeGreaterThanOrEqual(7);
    for (const artifact of shipped) {
      const old = oldDocumentUrl(artifact.kind as "page" | "handout" | "deck", artifact.slug);
      if (!old) continue;
      // What a phone opens when it scans an old sheet's code: https://<site>/handouts/knee/ → handouts/knee/index.html.
      const file = path.join(out, old, "index.html");
      expect(existsSync(file), old).toBe(true);
      const html = readFileSync(file, "utf8");
      const refresh = /<meta http-equiv="refresh" content="0; url=([^"]+)">/.exec(html)?.[1];
      expect(refresh, old).toBeDefined();
      // Relative, so it works from a copy on disk too, and it lands on the document's page.
      expect(refresh).not.toMatch(/^(\/|https?:)/);
      expect(path.resolve(path.dirname(file), refresh ?? "")).toBe(path.join(out, artifact.html));
      expect(html).toContain(`<a href="${refresh}">`);
      expect(html).toContain(`<link rel="canonical" href="${manifest.site.baseUrl}${artifact.url.slice(1)}">`);
      expect(html).toContain('<meta name="robots" content="noindex">');
      expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="[^"]*script-src 'none'/);
      expect(html).not.toContain("<script");
    }
  });

  it("lists no redirect in sitemap.xml or the search index, and writes nothing at the site's root address", () => {
    const sitemap = readFileSync(path.join(out, "sitemap.xml"), "utf8");
    expect(sitemap).toContain(`${manifest.site.baseUrl}bone-marrow-edema/handouts/knee/`);
    expect(sitemap).not.toContain(`${manifest.site.baseUrl}handouts/knee/`);
    expect(sitemap).not.toContain(`${manifest.site.baseUrl}what-is-bme/`);
    // The generated site home owns `/`: the old home page is not redirected there.
    expect(existsSync(path.join(out, "index.html")) ? readFileSync(path.join(out, "index.html"), "utf8") : "").not.toContain('http-equiv="refresh"');
    const fragments = path.join(out, "pagefind");
    expect(existsSync(fragments)).toBe(true);
  });
});
