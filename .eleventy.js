// Eleventy reads content/ and writes output/; everything else, including where the templates/ folder is,
// lives in the plugin (src/eleventy/plugin.ts).
import contentPlugin, { templateDirectories } from "./src/eleventy/plugin.ts";

export default function (eleventyConfig) {
  const dirs = templateDirectories(eleventyConfig.directories.input);
  eleventyConfig.setIncludesDirectory(dirs.includes);
  eleventyConfig.setLayoutsDirectory(dirs.layouts);
  eleventyConfig.addPlugin(contentPlugin);
}

export const config = {
  dir: {
    input: "content",
    // Global data comes from the plugin, validated; Eleventy must not read content/_data raw.
    data: "_no_raw_data",
    // output/ is given by scripts/build.ts (through a staging folder) and the dev script.
  },
  templateFormats: ["md"],
  // Content is data: no template tags inside Markdown.
  markdownTemplateEngine: false,
  htmlTemplateEngine: "njk",
};
