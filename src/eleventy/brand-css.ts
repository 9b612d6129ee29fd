/**
 * assets/brand.css: the clinic's colour as CSS custom properties, written as a file (not an inline style) so a
 * strict Content-Security-Policy holds. A darker shade keeps text contrast at AA whatever colour is chosen.
 */
export function brandCss(brandColor: string): string {
  const dark = darkenUntilContrast(brandColor, 7);
  return `:root {\n  --brand: ${brandColor};\n  --brand-dark: ${dark};\n  --brand-tint: ${mix(brandColor, "#ffffff", 0.88)};\n  --focus: ${dark};\n}\n`;
}

function rgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function hex([r, g, b]: [number, number, number]): string {
  return `#${[r, g, b].map((v) => Math.round(Math.max(0, Math.min(255, v))).toString(16).padStart(2, "0")).join("")}`;
}

function mix(a: string, b: string, amountOfB: number): string {
  const x = rgb(a);
  const y = rgb(b);
  return hex([0, 1, 2].map((i) => x[i]! * (1 - amountOfB) + y[i]! * amountOfB) as [number, number, number]);
}

/** WCAG relative luminance. */
export function luminance(color: string): number {
  const channel = (v: number): number => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const [r, g, b] = rgb(color);
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

export function contrastWithWhite(color: string): number {
  return 1.05 / (luminance(color) + 0.05);
}

/** Darkens toward black until the colour reaches the given contrast ratio against white. */
export function darkenUntilContrast(color: string, ratio: number): string {
  let shade = color;
  for (let step = 0; step < 40 && contrastWithWhite(shade) < ratio; step++) shade = mix(shade, "#000000", 0.06);
  return shade;
}
