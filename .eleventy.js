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
    // input and output are given by whoever runs Eleventy: scripts/build.ts (content/ into a staging folder
    // that replaces output/ when everything succeeded) and `npm run dev`. Eleventy 3 lets a config file's
    // folders win over the programmatic API's, so they must not be set here.
    // Global data comes from the plugin, validated; Eleventy must not read content/_data raw.
    data: "_no_raw_data",
  },
  templateFormats: ["md"],
  // Content is data: no template tags inside Markdown.
  markdownTemplateEngine: false,
  htmlTemplateEngine: "njk",
};
