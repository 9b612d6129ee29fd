// What the presentation (deck.js) and the deck's print page (deck-print.js) measure alike, written once: both must
// set a slide the same step smaller and run the same references on to the same "continued" slides, or the PDF
// would not show the deck as presented. Kept in a file (no inline script) so a strict Content-Security-Policy applies.
(function () {
  "use strict";

  // Type-size steps for a slide that runs long: 36 px body text down to 30 px, still readable across a room.
  // A slide that does not fit at the last step is left as it is, and the PDF build stops naming it.
  var FIT_STEPS = [1, 0.94, 0.89, 0.84];

  // The words the deck's scripts print, in the deck's language: a JSON data block the template writes from
  // templates/i18n/<lang>.yaml (`deck.script`). A data block is not a script, so the Content-Security-Policy holds.
  var strings = {};
  try {
    var block = document.getElementById("interface-strings");
    if (block) strings = JSON.parse(block.textContent);
  } catch (e) {
    strings = {};
  }
  /** The string `key` with `{name}` filled from `values`. */
  function text(key, values) {
    var template = strings[key] === undefined ? key : strings[key];
    return template.replace(/\{(\w+)\}/g, function (whole, name) { return values && values[name] !== undefined ? String(values[name]) : whole; });
  }

  // Layout is measured, so the real typeface must be in place first (a fallback font has other widths).
  function fontsLoaded() {
    if (!document.fonts || !document.fonts.load) return Promise.resolve();
    var faces = ['400 20px "Atkinson Hyperlegible"', '700 20px "Atkinson Hyperlegible"', 'italic 400 20px "Atkinson Hyperlegible"'];
    return Promise.all(faces.map(function (face) { return document.fonts.load(face); })).then(
      function () { return document.fonts.ready; },
      function () { return undefined; },
    );
  }

  function overflows(body) {
    return body.scrollHeight > body.clientHeight + 1 || body.scrollWidth > body.clientWidth + 1;
  }

  /** Sets a slide's body a step smaller until it fits its box or the steps run out. */
  function fitBody(body) {
    for (var step = 1; step < FIT_STEPS.length && overflows(body); step++) {
      body.style.setProperty("--fit", String(FIT_STEPS[step]));
      body.setAttribute("data-fit", String(FIT_STEPS[step]));
    }
  }

  /**
   * fitBody for many slides at once, with the same outcome: each slide's box has a fixed size, so one slide's type
   * step never changes whether another fits. All are measured, then every one that runs long is set a step
   * smaller, and so on: one layout of the page per step instead of one per slide (the print page's ~30 slides).
   */
  function fitBodies(bodies) {
    var left = bodies.slice();
    for (var step = 1; step < FIT_STEPS.length && left.length; step++) {
      left = left.filter(overflows);
      left.forEach(function (body) {
        body.style.setProperty("--fit", String(FIT_STEPS[step]));
        body.setAttribute("data-fit", String(FIT_STEPS[step]));
      });
    }
  }

  /**
   * A deck cites tens of sources; one slide holds about a dozen at a readable size. Moves the references that do
   * not fit `block` (a slide, or the page box holding it) onto a copy of it titled "References (continued)",
   * numbered on, and returns that copy, or null when everything fits. So no source is ever cut off.
   */
  function continueReferences(block) {
    var body = block.querySelector(".slide-body");
    var list = block.querySelector("ol.references");
    if (!body || !list || list.children.length <= 1 || !overflows(body)) return null;
    var moved = block.cloneNode(true);
    var target = moved.querySelector("ol.references");
    target.replaceChildren();
    moved.querySelector("h2").textContent = text("referencesContinued");
    (moved.matches("section") ? moved : moved.querySelector("section")).classList.add("slide-references-continued");
    // How many sources to move: the fewest, from the end, that let the rest fit, and at most all but one. The
    // slide only grows shorter as sources leave it, so halving the range finds the same count as moving them one
    // at a time, with a handful of layouts instead of one per source (each a few ms on a print page of 30 slides).
    var items = Array.prototype.slice.call(list.children);
    var low = 1;
    var high = items.length - 1;
    while (low < high) {
      var mid = (low + high) >> 1;
      var trial = items.slice(items.length - mid).map(function (item) { return { item: item, next: item.nextSibling }; });
      trial.forEach(function (entry) { entry.item.remove(); });
      var fits = !overflows(body);
      // Put back exactly where they were (between the same text nodes), last first.
      for (var i = trial.length - 1; i >= 0; i--) list.insertBefore(trial[i].item, trial[i].next);
      if (fits) high = mid;
      else low = mid + 1;
    }
    items.slice(items.length - low).forEach(function (item) { target.appendChild(item); });
    target.setAttribute("start", String(Number(list.getAttribute("start") || 1) + list.children.length));
    return moved;
  }

  window.deckLayout = { fontsLoaded: fontsLoaded, fitBody: fitBody, fitBodies: fitBodies, continueReferences: continueReferences, text: text };
})();
