import { describe, expect, it } from "vitest";
import { relativeUrl } from "../src/eleventy/relative-urls.ts";
import { fileForUrl } from "../src/pdf/serve-from-output.ts";

describe("relative links", () => {
  it("turn site-absolute URLs into page-relative ones so the site works under any sub-path", () => {
    expect(relativeUrl("/assets/site.css", "/handouts/knee/")).toBe("../../assets/site.css");
    expect(relativeUrl("/handouts/knee/knee.a4.pdf", "/handouts/knee/")).toBe("knee.a4.pdf");
  });

  it("name a folder's index.html, so a page opened from disk opens pages, never a folder listing", () => {
    expect(relativeUrl("/", "/handouts/knee/")).toBe("../../index.html");
    expect(relativeUrl("/handouts/knee/", "/handouts/knee/")).toBe("index.html");
    expect(relativeUrl("/faq/#top", "/")).toBe("faq/index.html#top");
    expect(relativeUrl("/slides/?x=1", "/handouts/")).toBe("../slides/index.html?x=1");
  });

  it("leave external, protocol-relative and already relative URLs alone", () => {
    expect(relativeUrl("https://example.org/x", "/a/")).toBe("https://example.org/x");
    expect(relativeUrl("//cdn.example.org/x", "/a/")).toBe("//cdn.example.org/x");
    expect(relativeUrl("#ref-R01", "/a/")).toBe("#ref-R01");
  });
});

describe("serving the built folder to the renderer", () => {
  it("maps URLs under the base URL to files and refuses everything else", () => {
    expect(fileForUrl("https://x.org/guide/handouts/knee/", "https://x.org/guide/", "/out")).toBe("/out/handouts/knee/index.html");
    expect(fileForUrl("https://x.org/guide/assets/a.css", "https://x.org/guide/", "/out")).toBe("/out/assets/a.css");
    expect(fileForUrl("https://fonts.example.com/font.woff2", "https://x.org/guide/", "/out")).toBeUndefined();
    expect(fileForUrl("https://x.org/guide/../../etc/passwd", "https://x.org/guide/", "/out")).toBeUndefined();
  });
});
