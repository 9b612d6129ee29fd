// Eleventy 3 ships no type declarations; this is the part of its programmatic API the build uses.
declare module "@11ty/eleventy" {
  export default class Eleventy {
    constructor(input?: string, output?: string, options?: { configPath?: string; quietMode?: boolean; config?: (eleventyConfig: unknown) => void });
    write(): Promise<unknown>;
  }
}

// markdown-it-implicit-figures ships no types: a markdown-it plugin with its options.
declare module "markdown-it-implicit-figures" {
  import type { MarkdownIt } from "markdown-it";
  const implicitFigures: (md: MarkdownIt, options?: { figcaption?: boolean | "title" | "alt"; dataType?: boolean; link?: boolean; copyAttrs?: boolean | string; tabindex?: boolean; lazyLoading?: boolean; keepAlt?: boolean }) => void;
  export default implicitFigures;
}
