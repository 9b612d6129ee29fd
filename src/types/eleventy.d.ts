// Eleventy 3 ships no type declarations; this is the part of its programmatic API the build uses.
declare module "@11ty/eleventy" {
  export default class Eleventy {
    constructor(input?: string, output?: string, options?: { configPath?: string; quietMode?: boolean; runMode?: "build" | "serve" | "watch"; config?: (eleventyConfig: unknown) => void });
    write(): Promise<unknown>;
  }
}
