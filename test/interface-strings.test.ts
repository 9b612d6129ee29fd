/**
 * The words around the content (parts-print): interface strings by language with English as the fallback,
 * dates in the clinic's locale, and phone numbers kept on one line.
 */
import { describe, expect, it } from "vitest";
import { readableDate } from "../src/eleventy/filters.ts";
import { translate } from "../src/i18n/strings.ts";
import { withPhoneNumbers } from "../src/markdown/red-flags.ts";

describe("interface strings", () => {
  it("fills in the values a string names", () => {
    expect(translate("help.emergency.call", "en", { number: "112" })).toBe("Call 112 or go to the emergency room now");
  });

  it("falls back from a regional tag to its language, and from a language without a file to English", () => {
    expect(translate("sheet.scan", "en-GB")).toBe("Scan to read online");
    expect(translate("sheet.scan", "xx")).toBe("Scan to read online");
    expect(translate("sheet.scan", undefined)).toBe("Scan to read online");
  });

  it("refuses a string that no file has, naming the key", () => {
    expect(() => translate("sheet.nothing", "en")).toThrow(/`sheet\.nothing` is missing from templates\/i18n\/en\.yaml/);
  });
});

describe("dates and phone numbers", () => {
  it("writes a review date with the month in words, in the clinic's locale, on the day written", () => {
    expect(readableDate("2026-11-15")).toBe("November 15, 2026");
    expect(readableDate("2026-11-15", "en-GB")).toBe("15 November 2026");
    expect(readableDate("2026-01-01", "en-US")).toBe("January 1, 2026");
  });

  it("makes each phone number a tel: link of its digits, printed as written, and escapes the rest of the text", () => {
    expect(withPhoneNumbers("Call 555-0142 or +44 20 7946 0958 <now>")).toBe(
      'Call <a class="phone" href="tel:5550142">555-0142</a> or <a class="phone" href="tel:+442079460958">+44 20 7946 0958</a> &lt;now&gt;',
    );
    expect(withPhoneNumbers("within 2–3 days")).toBe("within 2–3 days");
  });
});
