/** checkSvg: a drawing may hold shapes, text and references to its own parts, nothing that runs or fetches. */
import { describe, expect, it } from "vitest";
import { checkSvg } from "../src/content/svg-safety.ts";

const svg = (inner: string, attrs = ""): string => `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 100 100"${attrs}>\n${inner}\n</svg>\n`;

describe("checkSvg", () => {
  it("passes a drawing of shapes, text, gradients and uses of its own parts", () => {
    const ok = svg(`<defs><linearGradient id="knee-g"><stop offset="0"/></linearGradient></defs>
<rect id="knee-bone" width="10" height="10" fill="url(#knee-g)" style="stroke: url('#knee-g')"/>
<use href="#knee-bone"/><use xlink:href="#knee-bone"/><a href="#knee-bone"><text font-family="Atkinson Hyperlegible, sans-serif">Knee</text></a>
<style>.a { fill: url(#knee-g); }</style>`);
    expect(checkSvg(ok)).toEqual([]);
    expect(checkSvg(`\uFEFF<?xml version="1.0" encoding="UTF-8"?>\r\n${ok}`)).toEqual([]);
  });

  it("refuses scripts, event attributes and foreignObject, naming the line", () => {
    const problems = checkSvg(svg(`<script>alert(1)</script>\n<rect onclick="steal()"/>\n<foreignObject><div/></foreignObject>`, ' onLoad="x()"'));
    expect(problems).toEqual([
      expect.stringMatching(/^line 1: the attribute onLoad on <svg> runs code/),
      expect.stringMatching(/^line 2: a <script> element/),
      expect.stringMatching(/^line 3: the attribute onclick on <rect> runs code/),
      expect.stringMatching(/^line 4: a <foreignObject> element/),
    ]);
  });

  it("refuses every reference outside the drawing: links, images, data: and javascript: addresses", () => {
    const problems = checkSvg(svg(`<a href="https://example.com/">x</a>
<a xlink:href="javascript:alert(1)">y</a>
<image href="data:image/png;base64,AAAA"/>
<image xlink:href="../secret.png"/>
<set attributeName="xlink:href" to="#x"/>`));
    expect(problems.filter((p) => p.includes("points outside the drawing"))).toHaveLength(4);
    expect(problems.some((p) => p.includes("<set> changes the attribute xlink:href"))).toBe(true);
  });

  it("refuses url() that leaves the drawing and @import, in attributes, style attributes and <style>", () => {
    const problems = checkSvg(svg(`<rect fill="url(https://example.com/p.svg#g)"/>
<rect style="fill: url( 'http://example.com/x' )"/>
<style><![CDATA[ @import "https://example.com/a.css"; .b { background: url(b.png) } ]]></style>`));
    expect(problems).toEqual([
      expect.stringContaining("url(https://example.com/p.svg#g)"),
      expect.stringContaining("url(http://example.com/x)"),
      expect.stringContaining("@import"),
      expect.stringContaining("url(b.png)"),
    ]);
  });

  it("refuses a DOCTYPE with entities, stylesheet instructions, broken XML and files that are not SVG", () => {
    expect(checkSvg(`<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<svg xmlns="http://www.w3.org/2000/svg">&x;</svg>`)[0]).toMatch(/<!DOCTYPE>/);
    expect(checkSvg(`<?xml-stylesheet href="https://example.com/s.css"?>\n${svg("")}`)).toEqual([expect.stringMatching(/<\?xml-stylesheet/)]);
    expect(checkSvg(`<svg xmlns="http://www.w3.org/2000/svg">\n<rect>\n</svg>`)).toEqual([expect.stringMatching(/^line 3: .*not well-formed SVG/)]);
    expect(checkSvg("<html><body/></html>")).toEqual(["the file starts with <html>, not <svg>: it is not an SVG drawing"]);
    expect(checkSvg("just text")[0]).toMatch(/not well-formed|no drawing/);
  });

  it("refuses CSS that loads a file another way or hides an address behind escapes", () => {
    const problems = checkSvg(svg(`<style>.a { background: image-set("https://example.com/a.png" 1x) }</style>\n<style>@\\69mport "x.css";</style>`));
    expect(problems).toEqual([expect.stringMatching(/^line 2: .*loads a file by its address/), expect.stringMatching(/^line 3: .*CSS escape/)]);
  });
});
