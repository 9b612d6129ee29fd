/**
 * Content is data, never code: the content check refuses what the docs forbid, naming the file (and line), with
 * one line per real problem. Most cases run the check itself on a broken copy of the basic fixture (fast); a few
 * run `npm run build` to show the refusal keeps the last good output and leaves no Chromium behind, and that
 * CRLF, BOM and `_`-files build the way the docs say.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadContent } from "../src/content/load-content.ts";
import { ContentError, ContentErrors, UserError } from "../src/errors.ts";
import { createMarkdown } from "../src/markdown/markdown.ts";
import { copyFixture, repoRoot, writeContent } from "./helpers/fixtures.ts";
import Eleventy from "@11ty/eleventy";
import { runBuildCli } from "./helpers/cli.ts";
import { chromiumProcesses } from "./helpers/processes.ts";
import { pdfInfo, pdfText } from "./helpers/pdf.ts";
import { folderFingerprint } from "./helpers/snapshot.ts";

const copies: string[] = [];
afterEach(() => {
  for (const dir of copies.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh copy of the basic fixture, changed by `edit`; returns its content folder. */
function fixture(edit: (content: string) => void = () => undefined): string {
  const copy = copyFixture("basic");
  copies.push(copy.dir);
  edit(copy.content);
  return copy.content;
}

/** Every problem the content check reports, as the lines an editor reads. */
function problems(contentDir: string): string[] {
  try {
    loadContent(contentDir);
    return [];
  } catch (error) {
    if (error instanceof ContentErrors) return error.errors.map((e) => e.message);
    if (error instanceof ContentError) return [error.message];
    throw error;
  }
}

/** What a build said on stderr, less Eleventy's notes about slow steps on a loaded machine. */
const problemsSaid = (stderr: string): string[] => stderr.split("\n").filter((line) => line.trim() && !line.startsWith("[11ty] Benchmark"));
const read = (content: string, file: string): string => readFileSync(path.join(content, file), "utf8");
const edit = (content: string, file: string, change: (text: string) => string): void => writeContent(content, file, change(read(content, file)));
const HANDOUT = "sample/handouts/short.md";
const addToHandout = (text: string) => (content: string) => edit(content, HANDOUT, (t) => `${t}\n${text}\n`);
const outside = mkdtempSync(path.join(tmpdir(), "content-safety-outside-"));
afterAll(() => rmSync(outside, { recursive: true, force: true }));

describe("the content check accepts the fixture as it is", () => {
  it("finds no problem in the basic fixture", () => {
    expect(problems(fixture())).toEqual([]);
  });
});

describe("S1, S5: nothing in content/ is code or unchecked data for Eleventy's data cascade", () => {
  it.each([
    ["sample/handouts/short.11tydata.js", "export default { title: 'x' };"],
    ["sample/handouts/short.11tydata.json", '{ "title": "a third-party image" }'],
    ["sample/handouts/short.11tydata.cjs", "module.exports = {};"],
    ["content.11tydata.mjs", "export default {};"],
    ["sample/handouts/handouts.json", '{ "title": "folder data" }'],
    ["sample/sample.11tydata.json", "{}"],
    ["_data/site.js", "export default {};"],
    ["_data/extra.json", "{}"],
    ["sample/pages/extra.njk", "{{ 7 * 7 }}"],
    ["sample/pages/embed.html", "<script>x</script>"],
  ])("refuses %s, naming it", (file, text) => {
    const found = problems(fixture((c) => writeContent(c, file, text)));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(new RegExp(`^content/${file.replace(/\./g, "\\.")}: `));
    expect(found[0]).toMatch(/never code|only content\/_data\/clinic\.json may be JSON|template or web page file/);
  });

  it("configures Eleventy to look for no data file beside a document, in its folders or in a global data folder", async () => {
    const content = fixture((c) => {
      writeContent(c, "sample/handouts/short.11tydata.json", "{}");
      writeContent(c, "sample/handouts/handouts.json", "{}");
    });
    // Eleventy's own internals (no public API says which data files it would read).
    const eleventy = new Eleventy(content, path.join(content, "..", "out"), { configPath: path.join(repoRoot, ".eleventy.js"), quietMode: true }) as unknown as {
      init(): Promise<void>;
    };
    await eleventy.init();
    const data = (eleventy as unknown as { templateData: { getLocalDataPaths(file: string): Promise<string[]>; getGlobalDataFiles(): Promise<string[]> } }).templateData;
    expect(await data.getLocalDataPaths(path.join(content, HANDOUT))).toEqual([]);
    expect(await data.getGlobalDataFiles()).toEqual([]);
  });

  it("refuses a folder named like Eleventy's redirected data folder", () => {
    expect(problems(fixture((c) => writeContent(c, "_no_raw_data/x.json", "{}")))).toEqual([expect.stringMatching(/^content\/_no_raw_data: the folder name `_no_raw_data` is reserved/)]);
  });
});

describe("S2, S4: every file the build copies or renders is a real file inside content/", () => {
  it("refuses an image that is a link to a file outside content/, naming the link", () => {
    const found = problems(fixture((c) => symlinkSync("/etc/passwd", path.join(c, "sample/handouts/scan.png"))));
    expect(found).toEqual([expect.stringMatching(/^content\/sample\/handouts\/scan\.png: is a link to \/etc\/passwd, outside the content folder/)]);
  });

  it("refuses a linked Markdown file and a linked folder from outside, naming each link and nothing inside it", () => {
    writeContent(outside, "topic/handouts/evil.md", "---\nkind: handout\n---\n<script>x</script>\n");
    writeContent(outside, "leaflet.md", read(fixture(), HANDOUT));
    const found = problems(
      fixture((c) => {
        symlinkSync(path.join(outside, "topic"), path.join(c, "linked"));
        symlinkSync(path.join(outside, "leaflet.md"), path.join(c, "sample/handouts/leaflet.md"));
      }),
    );
    expect(found).toEqual([
      expect.stringMatching(/^content\/linked: is a link to .*outside the content folder/),
      expect.stringMatching(/^content\/sample\/handouts\/leaflet\.md: is a link to .*outside the content folder/),
    ]);
  });

  it("refuses a link even when it points inside content/, and a broken link", () => {
    const found = problems(
      fixture((c) => {
        symlinkSync(path.join(c, HANDOUT), path.join(c, "sample/handouts/copy.md"));
        symlinkSync(path.join(c, "nowhere.png"), path.join(c, "sample/handouts/gone.png"));
      }),
    );
    expect(found).toEqual([
      expect.stringMatching(/^content\/sample\/handouts\/copy\.md: is a link to content\/sample\/handouts\/short\.md; the build does not follow links/),
      expect.stringMatching(/^content\/sample\/handouts\/gone\.png: is a link to a file that does not exist/),
    ]);
  });

  it("refuses images whose bytes are not what their extension says, and accepts real ones", () => {
    const png = Buffer.from("89504e470d0a1a0a0000000d49484452", "hex");
    const found = problems(
      fixture((c) => {
        writeContent(c, "sample/handouts/real.png", "");
        writeFileSync(path.join(c, "sample/handouts/real.png"), png);
        writeFileSync(path.join(c, "sample/handouts/photo.jpg"), png);
        writeFileSync(path.join(c, "sample/handouts/notes.gif"), "root:x:0:0:root:/root:/bin/bash\n");
        writeFileSync(path.join(c, "sample/handouts/ok.webp"), Buffer.concat([Buffer.from("RIFF\0\0\0\0WEBPVP8 ")]));
      }),
    );
    expect(found).toEqual([
      "content/sample/handouts/notes.gif: is named .gif but the file is not an image: export the picture again as a real .gif file, or give it the right extension",
      "content/sample/handouts/photo.jpg: is named .jpg but the file is a PNG image: export the picture again as a real .jpg file, or give it the right extension",
    ]);
  });
});

describe("S3: every SVG the build copies or inlines is safe", () => {
  const bad = '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><a href="https://example.com/"><rect width="1" height="1"/></a></svg>';

  it("refuses a content SVG with a script or a link out, naming the file and each problem's line", () => {
    const found = problems(fixture((c) => writeContent(c, "sample/handouts/leg.svg", `<svg xmlns="http://www.w3.org/2000/svg">\n<script>fetch("https://example.com/")</script>\n</svg>`)));
    expect(found).toEqual([expect.stringMatching(/^content\/sample\/handouts\/leg\.svg: unsafe or broken SVG, line 2: a <script> element/)]);
  });

  it("refuses a clinic logo that is a broken link once, as a link", () => {
    const found = problems(
      fixture((c) => {
        symlinkSync(path.join(outside, "no-such-logo.png"), path.join(c, "_data/logo.png"));
        edit(c, "_data/clinic.json", (t) => t.replace('"paper"', '"logo": "_data/logo.png",\n  "paper"'));
      }),
    );
    expect(found).toEqual([expect.stringMatching(/^content\/_data\/logo\.png: is a link to a file that does not exist/)]);
  });

  it("refuses an unsafe clinic logo, naming the logo file", () => {
    const found = problems(
      fixture((c) => {
        writeContent(c, "_data/logo.svg", bad);
        edit(c, "_data/clinic.json", (t) => t.replace('"paper"', '"logo": "_data/logo.svg",\n  "paper"'));
      }),
    );
    expect(found).toHaveLength(2);
    for (const line of found) expect(line).toMatch(/^content\/_data\/logo\.svg: unsafe or broken SVG/);
  });
});

describe("S6: files whose name starts with _ are not documents", () => {
  it("does not read a _draft.md in a topic folder as a document, even with a permalink", () => {
    const content = fixture((c) => writeContent(c, "sample/handouts/_draft.md", "---\npermalink: /draft/\n---\n<b>not checked</b>\n"));
    expect(loadContent(content).documents.map((d) => d.source)).not.toContain("content/sample/handouts/_draft.md");
  });
});

describe("D1: CRLF line ends and a byte-order mark change nothing", () => {
  const crlf = (text: string): string => `\uFEFF${text.replace(/\n/g, "\r\n")}`;

  it("loads a content folder whose every Markdown, YAML and JSON file has a BOM and CRLF line ends", () => {
    const lf = loadContent(fixture());
    const windows = loadContent(
      fixture((c) => {
        for (const file of [HANDOUT, "sample/decks/intro.md", "sample/pages/index.md", "_snippets/when-to-get-help.md", "_data/references/sample.yaml", "_data/clinic.json"]) edit(c, file, crlf);
      }),
    );
    expect(windows.documents.map((d) => [d.source, d.data, d.body, d.bodyStartLine])).toEqual(lf.documents.map((d) => [d.source, d.data, d.body, d.bodyStartLine]));
    expect(windows.clinic).toEqual(lf.clinic);
    expect([...windows.referencesByTopic]).toEqual([...lf.referencesByTopic]);
  });

  it("renders a help list from a CRLF snippet exactly like the LF one: each item stays under its own heading", () => {
    const help = "**Call 911 if:**\n\n- You cannot breathe\n\n**Call your clinic soon if:**\n\n- The pain keeps getting worse\n";
    const render = (snippet: string): string =>
      createMarkdown({ hasReference: () => true, snippets: { read: () => ({ text: snippet, file: "content/_snippets/help.md" }) } }).render("Intro.\n\n![[help]]\n");
    const html = render(help);
    expect(html).toMatch(/Call your clinic soon if:<\/strong><\/p>\n<ul>\n<li>The pain keeps getting worse<\/li>/);
    expect(render(crlf(help))).toBe(html);
  });
});

describe("D3: nesting deeper than the parser follows is an error, not lost text", () => {
  it("names the file and the line where the lists nest too deep", () => {
    const deep = Array.from({ length: 14 }, (_, i) => `${"  ".repeat(i)}- level ${i + 1}`).join("\n");
    const content = fixture(addToHandout(deep));
    const firstLine = read(content, HANDOUT).split("\n").indexOf("- level 1") + 1;
    const found = problems(content);
    expect(found).toEqual([expect.stringMatching(new RegExp(`^content/sample/handouts/short\\.md:${firstLine + 10}: lists or quotes are nested more than 10 levels deep`))]);
  });

  it("never drops the deepest text when rendering, even without the content check", () => {
    const md = createMarkdown({ hasReference: () => true, snippets: { read: () => undefined } });
    const deep = Array.from({ length: 60 }, (_, i) => `${">".repeat(i + 1)} quote ${i + 1}`).join("\n");
    expect(() => md.render(deep, { page: { inputPath: "./content/t/pages/x.md" } })).toThrow(/content\/t\/pages\/x\.md:\d+: lists or quotes are nested too deeply/);
  });
});

describe("C1: raw HTML, non-web links, template tags and HTML in fields are refused with file, line and fix", () => {
  it.each([
    ["<b>Important</b> rest the leg.", /raw HTML `<b>` is not allowed/],
    ["<script>alert(1)</script>", /raw HTML `<script>alert\(1\)<\/script>` is not allowed/],
    ["<!-- a note to self -->", /raw HTML `<!-- a note to self -->`/],
    ["[Call us](javascript:alert(1))", /link to `javascript:alert\(1\)`: a `javascript:` address is not a web page/],
    ["[Open](data:text/html,hello)", /a `data:` address is not a web page/],
    ["[Run](vbscript:msgbox)", /a `vbscript:` address/],
    ["[Read](file:///etc/passwd)", /a `file:` address/],
    ["[Chat](irc://example.org/room)", /a `irc:` address/],
    ["<javascript:alert(1)>", /a `javascript:` address/],
    ["![A leg](data:image/png;base64,iVBORw0KGgo=)", /image address `data:image\/png;base64,iVBORw0KGgo=` is not a file/],
    ["![A leg](file:///etc/passwd.png)", /image address `file:\/\/\/etc\/passwd\.png` is not a file/],
    ["Call {{ clinic.phone }} today.", /template tag `\{\{` is not allowed in content/],
    ["{% include 'x.njk' %}", /template tag `\{%` is not allowed/],
    ["A {# comment #} here.", /template tag `\{#` is not allowed/],
  ])("refuses %s in a handout's body at its line", (text, says) => {
    const content = fixture(addToHandout(`\nBefore.\n\n${text}\n`));
    const line = read(content, HANDOUT).split("\n").indexOf(text) + 1;
    const found = problems(content);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(new RegExp(`^content/sample/handouts/short\\.md:${line}: `));
    expect(found[0]).toMatch(says);
  });

  it("allows web, mail and phone links and template-like text inside code", () => {
    expect(problems(fixture(addToHandout("[Site](https://example.org/) [Mail](mailto:a@example.org) [Call](tel:555-0111) `{{ shown as code }}`")))).toEqual([]);
  });

  it("refuses HTML and template tags in a snippet, naming the snippet", () => {
    const found = problems(fixture((c) => edit(c, "_snippets/when-to-get-help.md", (t) => `${t}\n<div>More</div>\n`)));
    expect(found).toEqual([expect.stringMatching(/^content\/_snippets\/when-to-get-help\.md:9: raw HTML `<div>More<\/div>`/)]);
  });

  it("refuses template tags and HTML in front matter strings, at the field's line", () => {
    const found = problems(
      fixture((c) =>
        edit(c, HANDOUT, (t) => t.replace("title: A short fixture handout", "title: \"{{ clinic.name }} handout\"").replace("summary: A one-page", "summary: A <em>one-page</em>")),
      ),
    );
    expect(found).toEqual([
      expect.stringMatching(/^content\/sample\/handouts\/short\.md:3: field `title` holds the template tag `\{\{`/),
      expect.stringMatching(/^content\/sample\/handouts\/short\.md:4: field `summary` holds HTML `<em>`/),
    ]);
  });

  it("refuses HTML in clinic fields and in references, naming the file and field", () => {
    const found = problems(
      fixture((c) => {
        edit(c, "_data/clinic.json", (t) => t.replace('"Fixture Test Clinic"', '"Fixture <script>x</script> Clinic"'));
        edit(c, "_data/references/sample.yaml", (t) => t.replace("title: A second sample reference", "title: A <b>second</b> reference"));
      }),
    );
    expect(found).toEqual([
      expect.stringMatching(/^content\/_data\/references\/sample\.yaml:7: reference `REF2`, field `title` holds HTML `<b>`/),
      expect.stringMatching(/^content\/_data\/clinic\.json:2: field `name` holds HTML `<script>`/),
    ]);
  });
});

describe("C2: slugs are lower-case letters, digits and hyphens", () => {
  it.each(["Knee-Pain.md", "knee pain.md", "genou-bless\u00e9.md", "knee_pain.md"])("refuses the file name %s, naming the file", (name) => {
    const found = problems(fixture((c) => writeContent(c, `sample/handouts/${name}`, read(c, HANDOUT))));
    expect(found.filter((p) => p.includes("cannot be a web address"))).toEqual([expect.stringMatching(new RegExp(`^content/sample/handouts/${name.replace(/[.]/g, "\\.")}: file name`))]);
  });

  it("refuses a Markdown file whose extension is not lower case", () => {
    const found = problems(fixture((c) => writeContent(c, "sample/handouts/knee.MD", read(c, HANDOUT))));
    expect(found).toEqual([expect.stringMatching(/^content\/sample\/handouts\/knee\.MD: the extension must be written `\.md` in lower case/)]);
  });

  it("refuses a topic folder with capitals or spaces", () => {
    const found = problems(fixture((c) => writeContent(c, "Knee Topic/pages/extra.md", read(c, "sample/pages/index.md").replace("order: 0", "order: 1"))));
    expect(found.some((p) => /^content\/Knee Topic: folder name `Knee Topic` cannot be part of a web address: .*`knee-topic`/.test(p))).toBe(true);
  });
});

describe("dates exist in the calendar, and a review is never in the future", () => {
  it.each(["2026-13-20", "2026-02-30", "2025-02-29"])("refuses reviewed: %s at its line", (date) => {
    const found = problems(fixture((c) => edit(c, HANDOUT, (t) => t.replace("reviewed: 2026-01-10", `reviewed: ${date}`))));
    expect(found).toEqual([expect.stringMatching(new RegExp(`^content/sample/handouts/short\\.md:5: field \`reviewed\` is invalid .*${date} is not a day of the calendar`))]);
  });

  it("accepts 29 February in a leap year", () => {
    expect(problems(fixture((c) => edit(c, HANDOUT, (t) => t.replace("reviewed: 2026-01-10", "reviewed: 2024-02-29"))))).toEqual([]);
  });

  it("refuses a reviewed date after today, with today set by CONTENT_TODAY", () => {
    const content = fixture((c) => edit(c, HANDOUT, (t) => t.replace("reviewed: 2026-01-10", "reviewed: 2026-06-01")));
    const saved = process.env["CONTENT_TODAY"];
    try {
      process.env["CONTENT_TODAY"] = "2026-05-31";
      expect(problems(content)).toEqual([expect.stringMatching(/^content\/sample\/handouts\/short\.md:5: field `reviewed` .*cannot be after today \(2026-05-31\); 2026-06-01 is in the future/)]);
      process.env["CONTENT_TODAY"] = "2026-06-01";
      expect(problems(content)).toEqual([]);
      process.env["CONTENT_TODAY"] = "2026-06-31";
      expect(() => loadContent(content)).toThrow(UserError);
      expect(() => loadContent(content)).toThrow(/CONTENT_TODAY=2026-06-31 is not a date/);
    } finally {
      if (saved === undefined) delete process.env["CONTENT_TODAY"];
      else process.env["CONTENT_TODAY"] = saved;
    }
  });
});

describe("one line per real problem, no cascades", () => {
  it("reports a references file broken YAML once, and not the citations of its keys", () => {
    const found = problems(fixture((c) => edit(c, "_data/references/sample.yaml", (t) => t.replace("title: A first sample reference", 'title: "A first sample reference'))));
    expect(found).toEqual([expect.stringMatching(/^content\/_data\/references\/sample\.yaml:4: broken YAML: a quote opened on this line is not closed/)]);
  });

  it("reports one invalid reference once, and not the citations of it", () => {
    const found = problems(fixture((c) => edit(c, "_data/references/sample.yaml", (t) => t.replace("  short: Example 2020\n", ""))));
    expect(found).toEqual(["content/_data/references/sample.yaml:1: reference `REF1`: field `short` is missing: add a line `  short: …` under `REF1:`"]);
  });

  it("names an unknown field of a reference in plain words", () => {
    const found = problems(fixture((c) => edit(c, "_data/references/sample.yaml", (t) => t.replace("  year: 2020\n", "  year: 2020\n  yeer: 2021\n"))));
    expect(found).toEqual(["content/_data/references/sample.yaml:1: reference `REF1`: unknown field `yeer`: remove it or check the spelling (see docs/authoring.md, Citations)"]);
  });

  it("still reports a citation of a key no file defines", () => {
    const found = problems(fixture(addToHandout("Also this [@NOPE].")));
    expect(found).toEqual([expect.stringMatching(/^content\/sample\/handouts\/short\.md:\d+: unknown citation `\[@NOPE\]`/)]);
  });

  it("lets two topics' references files both define a key: keys are per topic, so neither is reported", () => {
    const found = problems(fixture((c) => writeContent(c, "_data/references/other.yaml", "REF2:\n  short: Other 2022\n  title: Another reference with the same key\n")));
    expect(found).toEqual([]);
  });

  it("reports a snippet loop once, at the include that closes it, with no stack trace", () => {
    const found = problems(
      fixture((c) => {
        writeContent(c, "_snippets/first.md", "Some text.\n\n![[second]]\n");
        writeContent(c, "_snippets/second.md", "More text.\n\nAnd more.\n\n![[first]]\n");
        edit(c, "_snippets/when-to-get-help.md", (t) => `${t}\n![[first]]\n`);
      }),
    );
    expect(found).toEqual(["content/_snippets/second.md:5: snippets include each other in a loop (![[first]] → ![[second]] → ![[first]]), which never ends: remove this include"]);
  });

  it("reports every mistake of every kind in one round, the deck notes rule included", () => {
    const found = problems(
      fixture((c) => {
        edit(c, HANDOUT, (t) => t.replace("title: A short fixture handout\n", ""));
        edit(c, "sample/decks/intro.md", (t) => t.replace(/\nNote:\nSay the first thing\.\n/, "").replace("Note: Say the second thing.", ""));
        edit(c, "sample/pages/index.md", (t) => `${t}\n<i>html</i>\n`);
        edit(c, "_data/clinic.json", (t) => t.replace('"https://fixture.example.org/guide/"', '"http://fixture.example.org/guide/"'));
      }),
    );
    expect(found).toEqual([
      "content/_data/clinic.json:7: field `baseUrl` is invalid (it says `http://fixture.example.org/guide/`): it should be the site's public address, starting with https:// (the QR codes and links on printed sheets use it, and browsers warn on http), like https://clinic.example.org/handouts/",
      "content/sample/handouts/short.md:1: field `title` is missing: add a line `title: …`",
      expect.stringMatching(/^content\/sample\/pages\/index\.md:17: raw HTML `<i>` is not allowed/),
      expect.stringMatching(/^content\/sample\/decks\/intro\.md: deck "intro": only 0 of its 2 slides have speaker notes.*slide 2 "First slide" \(line 12\), slide 3 "Second slide" \(line 18\)/),
    ]);
  });
});

describe("front matter that would take forever to check", () => {
  it("reports a YAML alias bomb in front matter at once, as a wrong field", () => {
    const bomb = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]", ...Array.from({ length: 8 }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(10).fill(`*a${i}`).join(", ")}]`)].join("\n");
    const started = performance.now();
    const found = problems(fixture((c) => edit(c, HANDOUT, (t) => t.replace("reviewedBy: Content team", `reviewedBy: Content team\n${bomb}\nsubtitle: *a8`))));
    expect(performance.now() - started).toBeLessThan(5000);
    expect(found).toEqual([expect.stringMatching(/^content\/sample\/handouts\/short\.md:8: unknown fields `a0`, `a1`/)]);
  });
});

describe("messages in plain words", () => {
  it("says where a list opened in YAML front matter is not closed, not where the file ends", () => {
    const found = problems(fixture((c) => edit(c, "sample/pages/index.md", (t) => t.replace("handouts: [short]", "handouts: [short"))));
    expect(found).toEqual([expect.stringMatching(/^content\/sample\/pages\/index\.md:10: broken YAML: a list `\[` or group `\{` opened on this line is not closed/)]);
  });

  it("names a wrong type without zod's words", () => {
    const found = problems(fixture((c) => edit(c, "sample/pages/index.md", (t) => t.replace("order: 0", "order: first"))));
    expect(found).toEqual(["content/sample/pages/index.md:9: field `order` should be a number (it says `first`)"]);
    expect(found.join("\n")).not.toMatch(/expected|received|Invalid input/);
  });

  it("names a plan box that is never closed, at the line that opens it, before anything is built", () => {
    const content = fixture(addToHandout("::: plan My plan\n- [ ] Crutches\nNext visit: ____\n\nMore text after the box."));
    const lines = read(content, HANDOUT).split("\n");
    const opened = lines.indexOf("::: plan My plan") + 1;
    expect(problems(content)).toEqual([
      `content/${HANDOUT}:${opened}: the \`::: plan\` box opened here is never closed: add a line holding only \`:::\` where the box ends`,
    ]);
    // Closed, it is no mistake; a box without a title still is, in the same round.
    expect(problems(fixture(addToHandout("::: plan My plan\n- [ ] Crutches\n:::")))).toEqual([]);
    expect(problems(fixture(addToHandout("::: remember\n- One point\n:::")))).toEqual([
      expect.stringMatching(/: `::: remember` needs a title after it, like `::: remember Remember`$/),
    ]);
  });

  it("points at the line of broken clinic JSON with a likely fix", () => {
    const found = problems(fixture((c) => edit(c, "_data/clinic.json", (t) => t.replace('"555-0111",', '"555-0111"'))));
    expect(found).toEqual([expect.stringMatching(/^content\/_data\/clinic\.json:4: the JSON cannot be read here: check for a missing comma/)]);
  });
});

describe("npm run build refuses content mistakes before anything is built", () => {
  const good = copyFixture("basic");
  beforeAll(async () => {
    // A draft in a topic folder, with a permalink: never rendered (S6).
    writeContent(good.content, "sample/pages/_draft.md", "---\npermalink: /draft/\ntitle: Draft\n---\nA DRAFT NOT FOR PATIENTS\n");
    writeContent(good.content, "sample/_old/pages/retired.md", "---\npermalink: /retired/\n---\nRETIRED\n");
    writeContent(good.content, "sample/.hidden/pages/secret.md", "---\npermalink: /secret/\n---\nSECRET\n");
    writeContent(good.content, "sample/_old/retired.svg", '<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>');
    const result = await runBuildCli(["--content", good.content, "--out", good.out, "--site-only"]);
    expect(problemsSaid(result.stderr)).toEqual([]);
    expect(result.code).toBe(0);
  }, 120_000);
  afterAll(() => rmSync(good.dir, { recursive: true, force: true }));

  it("does not render a _draft.md, a file in a _ folder or in a hidden folder, permalink or not", () => {
    const files = Object.keys(folderFingerprint(good.out));
    expect(files.filter((file) => /draft|retired|secret|hidden|_old/.test(file))).toEqual([]);
    expect(files).toContain("sample/index.html");
    expect(files).toContain("sample/handouts/short/index.html");
    expect(files).toContain("handouts/index.html");
  });

  it.each([
    {
      name: "S1: a data file that runs code",
      plant: (c: string) => writeContent(c, "sample/handouts/short.11tydata.js", `import { writeFileSync } from "node:fs"; writeFileSync(${JSON.stringify(path.join(outside, "ran"))}, "x"); export default { title: "PWNED" };`),
      says: /content\/sample\/handouts\/short\.11tydata\.js: content is data, never code/,
    },
    {
      name: "S2: an image that links to /etc/passwd",
      plant: (c: string) => symlinkSync("/etc/passwd", path.join(c, "sample/handouts/scan.png")),
      says: /content\/sample\/handouts\/scan\.png: is a link to \/etc\/passwd/,
    },
    {
      name: "S3: an SVG with a script",
      plant: (c: string) => writeContent(c, "sample/handouts/x.svg", '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      says: /content\/sample\/handouts\/x\.svg: unsafe or broken SVG, line 1: a <script> element/,
    },
    {
      name: "S4: a linked folder of Markdown from outside",
      plant: (c: string) => {
        writeContent(outside, "linked-topic/handouts/other.md", "---\nkind: handout\n---\n<b>never checked</b>\n");
        symlinkSync(path.join(outside, "linked-topic"), path.join(c, "linked-topic"));
      },
      says: /content\/linked-topic: is a link to .*outside the content folder/,
    },
    {
      name: "S5: a data file beside a handout",
      plant: (c: string) => writeContent(c, "sample/handouts/short.11tydata.json", '{ "title": "https://tracker.example/pixel.png" }'),
      says: /content\/sample\/handouts\/short\.11tydata\.json: only content\/_data\/clinic\.json may be JSON/,
    },
    {
      name: "D3: lists nested too deep",
      plant: (c: string) => edit(c, HANDOUT, (t) => `${t}\n${Array.from({ length: 14 }, (_, i) => `${"  ".repeat(i)}- level ${i + 1}`).join("\n")}\n`),
      says: /content\/sample\/handouts\/short\.md:\d+: lists or quotes are nested more than 10 levels deep/,
    },
    {
      name: "C2: a slug with capitals and a space",
      plant: (c: string) => writeContent(c, "sample/handouts/Knee Pain.md", read(c, HANDOUT)),
      says: /content\/sample\/handouts\/Knee Pain\.md: file name `Knee Pain\.md` cannot be a web address/,
    },
    {
      name: "an impossible review date",
      plant: (c: string) => edit(c, HANDOUT, (t) => t.replace("reviewed: 2026-01-10", "reviewed: 2026-13-20")),
      says: /content\/sample\/handouts\/short\.md:5: field `reviewed` is invalid .*not a day of the calendar/,
    },
    {
      name: "a broken references file (one problem, no unknown citations)",
      plant: (c: string) => edit(c, "_data/references/sample.yaml", (t) => t.replace("short: Example 2020", "short: [Example 2020")),
      says: /^Build failed: 1 content problem:\n {2}- content\/_data\/references\/sample\.yaml:2: broken YAML/m,
    },
    {
      name: "C1: raw HTML in a handout",
      plant: (c: string) => edit(c, HANDOUT, (t) => `${t}\n<img src=x onerror=alert(1)>\n`),
      says: /content\/sample\/handouts\/short\.md:23: raw HTML `<img src=x onerror=alert\(1\)>`/,
    },
  ])("$name: exit 2, the file named, the last good output kept, no Chromium left", async ({ plant, says }) => {
    const before = folderFingerprint(good.out);
    const broken = copyFixture("basic");
    try {
      plant(broken.content);
      // No --site-only: had the check let it through, Chromium would have started.
      const result = await runBuildCli(["--content", broken.content, "--out", good.out]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(says);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(folderFingerprint(good.out)).toEqual(before);
      expect(existsSync(path.join(outside, "ran"))).toBe(false);
      expect(chromiumProcesses()).toEqual([]);
    } finally {
      rmSync(broken.dir, { recursive: true, force: true });
    }
  }, 120_000);

  it("D1: builds a content folder written with CRLF and a BOM into the same pages as the LF one", async () => {
    const windows = copyFixture("basic");
    try {
      for (const file of [HANDOUT, "sample/decks/intro.md", "sample/pages/index.md", "_snippets/when-to-get-help.md", "_data/references/sample.yaml", "_data/clinic.json"]) {
        edit(windows.content, file, (t) => `\uFEFF${t.replace(/\n/g, "\r\n")}`);
      }
      const result = await runBuildCli(["--content", windows.content, "--out", windows.out, "--site-only"]);
      expect(result.code).toBe(0);
      for (const page of ["sample/handouts/short/index.html", "sample/index.html", "sample/slides/intro/index.html"]) {
        expect(read(windows.out, page), page).toBe(read(good.out, page));
      }
    } finally {
      rmSync(windows.dir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe("D2: a word too long for its column", () => {
  const long = copyFixture("basic");
  afterAll(() => rmSync(long.dir, { recursive: true, force: true }));

  it("is broken onto the next line on the printed handout, which still fits; a line that cannot break is refused for its width", async () => {
    const word = "Pneumonoultramicroscopicsilicovolcanoconiosisandlongerstill";
    edit(long.content, HANDOUT, (t) => t.replace("Rest the leg and call us if it gets worse [@REF1].", `Rest the leg and call us if it gets worse [@REF1]. ${word} here.`));
    const ok = await runBuildCli(["--content", long.content, "--out", long.out, "--no-cache"]);
    expect(problemsSaid(ok.stderr)).toEqual([]);
    expect(ok.code).toBe(0);
    for (const pdf of ["short.letter.pdf", "short.a4.pdf"]) {
      const file = path.join(long.out, "sample/handouts/short", pdf);
      expect(pdfInfo(file).pages).toBe(1);
      // Broken across lines (perhaps with a hyphen), every letter is printed.
      expect(pdfText(file).replace(/[\s\u00ad-]+/g, "")).toContain(word);
    }

    const before = folderFingerprint(long.out);
    edit(long.content, HANDOUT, (t) => `${t}\n\n\`\`\`\n${"a-line-of-preformatted-text-that-cannot-wrap-".repeat(4)}\n\`\`\`\n`);
    const wide = await runBuildCli(["--content", long.content, "--out", long.out, "--no-cache"]);
    expect(wide.code).toBe(4);
    expect(wide.stderr).toMatch(/content\/sample\/handouts\/short\.md: handout "short" does not fit across its column on the (Letter|A4) page: a block of code starting "a-line-of-preformatted.*" runs \d+ mm off the side/);
    expect(folderFingerprint(long.out)).toEqual(before);
    expect(chromiumProcesses()).toEqual([]);
  }, 240_000);
});

describe("a references file or snippet that is a link", () => {
  it("is reported once, as a link, and citations and includes of it are not reported on top", () => {
    writeContent(outside, "refs.yaml", "REF3:\n  short: Outside 2020\n  title: A reference from outside\n");
    writeContent(outside, "extra.md", "Extra text.\n");
    const found = problems(
      fixture((c) => {
        symlinkSync(path.join(outside, "refs.yaml"), path.join(c, "_data/references/outside.yaml"));
        symlinkSync(path.join(outside, "extra.md"), path.join(c, "_snippets/extra.md"));
        // The linked file is topic `outside`'s references: its key is cited explicitly, as another topic's.
        edit(c, "sample/decks/intro.md", (t) => `${t}\n![[extra]]\n\nSee [@outside/REF3].\n`);
      }),
    );
    expect(found).toEqual([
      expect.stringMatching(/^content\/_data\/references\/outside\.yaml: is a link to .*outside the content folder/),
      expect.stringMatching(/^content\/_snippets\/extra\.md: is a link to .*outside the content folder/),
    ]);
  });
});
