/**
 * Chromium started before puppeteer is loaded (src/pdf/spawn-chromium.ts, for --only deck-pdfs) must be the
 * Chromium puppeteer.launch() starts: the same command line, or pages could print differently; and it must be
 * gone, with its profile, once stopped.
 */
import { existsSync } from "node:fs";
import puppeteer from "puppeteer-core";
import { describe, expect, it } from "vitest";
import { CHROMIUM_ARGS } from "../src/pdf/chromium-args.ts";
import { findBrowser } from "../src/pdf/find-browser.ts";
import { chromiumCommandLine, spawnChromium } from "../src/pdf/spawn-chromium.ts";

describe("Chromium spawned before puppeteer", () => {
  it("gets exactly the arguments puppeteer.launch() would give it", async () => {
    // A copy: puppeteer edits the array it is given.
    expect(chromiumCommandLine()).toEqual(await puppeteer.defaultArgs({ headless: true, args: [...CHROMIUM_ARGS] }));
  });

  it("prints through puppeteer once connected, and leaves no process or profile behind when stopped", async () => {
    const chromium = spawnChromium(findBrowser({}));
    const browser = await chromium.browser;
    const page = await browser.newPage();
    await page.setContent("<p>Hello</p>");
    const pdf = await page.pdf({ tagged: true });
    expect(Buffer.from(pdf).subarray(0, 5).toString()).toBe("%PDF-");
    expect(existsSync(chromium.profile)).toBe(true);
    await chromium.stop();
    expect(browser.connected).toBe(false);
    expect(existsSync(chromium.profile)).toBe(false);
    // Signal 0 only asks whether the process exists.
    expect(() => process.kill(chromium.pid!, 0)).toThrow(/ESRCH/);
  }, 60_000);
});
