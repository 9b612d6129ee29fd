// Starts reveal.js for a deck. Kept in a file (no inline script) so a strict Content-Security-Policy can apply.
/* global Reveal, RevealNotes */
Reveal.initialize({
  width: 1280,
  height: 720,
  margin: 0,
  center: false,
  hash: true,
  slideNumber: "c/t",
  showNotes: false,
  pdfSeparateFragments: false,
  pdfMaxPagesPerSlide: 1,
  plugins: [RevealNotes],
});
