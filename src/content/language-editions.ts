/**
 * Translated data files sit beside their source, named `<base>.<lang>.<ext>` (`terms.es.yaml`,
 * `red-flags.es-MX.yaml`, `topic.es.yaml`): one reading of such a name for every loader of topic data.
 */
const LANGUAGE_TAG = "[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*";

/**
 * The language a file name gives (`terms.es.yaml` → `es`, as written), or undefined when the name is not an edition
 * of `base`. `extension` is a pattern: `yaml`, or `ya?ml` where the source file may also end in `.yml`.
 */
export function editionLanguage(name: string, base: string, extension = "yaml"): string | undefined {
  const escaped = base.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`^${escaped}\\.(${LANGUAGE_TAG})\\.${extension}$`).exec(name)?.[1];
}
