// Eleventy reads content/ and writes output/; everything else lives in the plugin (src/eleventy/plugin.ts).
import contentPlugin from "./src/eleventy/plugin.ts";

export default function (eleventyConfig) {
  eleventyConfig.addPlugin(contentPlugin);
}

export const config = {
  dir: {
    input: "content",
    includes: "../templates",
    layouts: "../templates/layouts",
    // Global data comes from the plugin, validated; Eleventy must not read content/_data raw.
    data: "_no_raw_data",
    output: "output",
  },
  templateFormats: ["md"],
  // Content is data: no template tags inside Markdown.
  markdownTemplateEngine: false,
  htmlTemplateEngine: "njk",
};
