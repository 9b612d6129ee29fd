/**
 * A QR code as inline SVG: vector paths, so it prints sharp at any size and stays vector inside the PDF.
 * Error correction level M survives a smudged or folded printout; a 4-module quiet zone is what scanners expect.
 */
import QRCode from "qrcode";

export interface QrOptions {
  /** Accessible name; defaults to "QR code: <url>". */
  label?: string;
  /** CSS class on the <svg>. */
  className?: string;
}

export function qrSvg(text: string, options: QrOptions = {}): string {
  const qr = QRCode.create(text, { errorCorrectionLevel: "M" });
  const size = qr.modules.size;
  const quiet = 4;
  const total = size + quiet * 2;
  // One horizontal run per row segment keeps the path short and avoids hairline gaps between modules.
  let path = "";
  for (let y = 0; y < size; y++) {
    let x = 0;
    while (x < size) {
      if (!qr.modules.get(x, y)) {
        x++;
        continue;
      }
      const start = x;
      while (x < size && qr.modules.get(x, y)) x++;
      path += `M${start + quiet} ${y + quiet}h${x - start}v1h-${x - start}z`;
    }
  }
  const label = escapeAttribute(options.label ?? `QR code: ${text}`);
  const className = options.className ? ` class="${escapeAttribute(options.className)}"` : "";
  return (
    `<svg xmlns="http://www.w3.org/2000/svg"${className} viewBox="0 0 ${total} ${total}" role="img" aria-label="${label}" shape-rendering="crispEdges">` +
    `<rect width="${total}" height="${total}" fill="#fff"/><path fill="#000" d="${path}"/></svg>`
  );
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
}
