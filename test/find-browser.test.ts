import { describe, expect, it } from "vitest";
import { findBrowser } from "../src/pdf/find-browser.ts";

const exists = (present: string[]) => (file: string) => present.includes(file);

describe("browser discovery", () => {
  it("prefers the command-line flag over the environment and system paths", () => {
    const found = findBrowser({ flag: "/opt/flag-chrome", env: { PUPPETEER_EXECUTABLE_PATH: "/opt/env-chrome" }, systemPaths: ["/usr/bin/chromium"], isExecutable: exists(["/opt/flag-chrome", "/opt/env-chrome", "/usr/bin/chromium"]) });
    expect(found).toBe("/opt/flag-chrome");
  });

  it("uses PUPPETEER_EXECUTABLE_PATH before CHROME_PATH, and both before system paths", () => {
    const isExecutable = exists(["/a", "/b", "/usr/bin/chromium"]);
    expect(findBrowser({ env: { PUPPETEER_EXECUTABLE_PATH: "/a", CHROME_PATH: "/b" }, systemPaths: ["/usr/bin/chromium"], isExecutable })).toBe("/a");
    expect(findBrowser({ env: { CHROME_PATH: "/b" }, systemPaths: ["/usr/bin/chromium"], isExecutable })).toBe("/b");
    expect(findBrowser({ env: {}, systemPaths: ["/nope", "/usr/bin/chromium"], isExecutable })).toBe("/usr/bin/chromium");
  });

  it("fails loudly when a path the user gave is wrong, instead of silently using another browser", () => {
    expect(() => findBrowser({ env: { CHROME_PATH: "/typo/chrome" }, systemPaths: ["/usr/bin/chromium"], isExecutable: exists(["/usr/bin/chromium"]) })).toThrow(/CHROME_PATH \(\/typo\/chrome\) is not an executable/);
  });

  it("says what it tried and how to install a browser when none is found", () => {
    expect(() => findBrowser({ env: {}, systemPaths: ["/usr/bin/chromium", "/usr/bin/google-chrome"], isExecutable: exists([]) })).toThrow(
      /Tried:[\s\S]*\/usr\/bin\/chromium[\s\S]*\/usr\/bin\/google-chrome[\s\S]*apt-get install -y chromium/,
    );
  });

  it("finds a real executable on this machine", () => {
    expect(findBrowser()).toMatch(/chrom/i);
  });
});
