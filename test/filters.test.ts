import { describe, expect, it } from "vitest";
import { referenceHtml } from "../src/eleventy/filters.ts";

describe("a reference as one line", () => {
  it("ends a title with a full stop, but not one that ends in its own question mark", () => {
    expect(referenceHtml({ short: "A 2020", authors: "Smith A", title: "Bone marrow edema" })).toBe("Smith A. Bone marrow edema.");
    expect(referenceHtml({ short: "B 1999", title: "Is it transient bone marrow edema?", container: "Radiology 1999" })).toBe(
      "Is it transient bone marrow edema? <i>Radiology 1999</i>.",
    );
  });
});
