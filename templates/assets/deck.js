// Starts a deck. One page serves three uses, picked by the address:
//   index.html               the presentation (reveal.js: keys, touch, "s" speaker view, "o" overview, "?" help);
//   index.html?print-pdf     reveal's print layout, one 16:9 page per slide (the slides PDF);
//   index.html?print-notes   opens the slides-with-notes handout, the deck's print page (print.html?notes).
// Kept in a file (no inline script) so a strict Content-Security-Policy can apply.
/* global Reveal, RevealNotes */
(function () {
  "use strict";

  var SLIDE_WIDTH = 1280;
  var SLIDE_HEIGHT = 720;

  // The slide fitting and the references' run-on, shared with the print page (deck-layout.js, loaded first).
  var layout = window.deckLayout;

  /** Runs `measure` with a slide laid out but invisible: reveal.js hides every slide but the current one. */
  function withLayout(section, measure) {
    section.style.display = "block";
    section.style.visibility = "hidden";
    try {
      return measure();
    } finally {
      section.style.display = "";
      section.style.visibility = "";
    }
  }

  function fitSlides() {
    var sections = document.querySelectorAll(".reveal .slides > section:not(.slide-references)");
    Array.prototype.forEach.call(sections, function (section) {
      var body = section.querySelector(":scope > .slide-body");
      if (body) withLayout(section, function () { layout.fitBody(body); });
    });
  }

  /** Sources that do not fit move to "References (continued)" slides, measured here: only the browser knows how long each sets. */
  function paginateReferences() {
    var section = document.querySelector(".reveal .slides > section.slide-references");
    var guard = 0;
    while (section && guard++ < 50) {
      var current = section;
      var next = withLayout(current, function () { return layout.continueReferences(current); });
      if (!next) return;
      current.after(next);
      section = next;
    }
  }

  /** The planned length (front matter `minutes`), as reveal's notes plugin wants it: seconds for the whole deck. */
  function plannedSeconds() {
    var minutes = Number(document.querySelector(".reveal").getAttribute("data-minutes"));
    return minutes > 0 ? minutes * 60 : undefined;
  }

  // ---- The speaker view ----
  // reveal's notes plugin writes the speaker view into a new window of its own (about:blank, under this page's
  // Content-Security-Policy, so no <style> or <link> of ours can be written there). A constructed stylesheet is not
  // markup and the policy allows it: the notes get the deck's typeface (its @font-face rules, with their addresses
  // made absolute) and citation numbers in the text's colour, not the browser's blue underlined links.
  var SPEAKER_CSS =
    ".speaker-controls-notes .value, .speaker-controls-notes .value * { font-family: \"Atkinson Hyperlegible\", sans-serif; }\n" +
    ".speaker-controls-notes .value a { color: inherit; text-decoration: none; }\n" +
    ".speaker-controls-notes .value sup.cite { font-size: 0.65em; line-height: 0; color: #4f5b67; }\n" +
    ".speaker-controls-notes .value .deck-files-note a { text-decoration: underline; }\n";

  function fontFaceRules() {
    var rules = [];
    Array.prototype.forEach.call(document.styleSheets, function (sheet) {
      var list;
      try { list = sheet.cssRules; } catch (e) { return; } // a sheet we may not read
      Array.prototype.forEach.call(list, function (rule) {
        if (rule.type !== 5 /* CSSRule.FONT_FACE_RULE */) return;
        var base = sheet.href || location.href;
        rules.push(rule.cssText.replace(/url\((["']?)([^"')]+)\1\)/g, function (_, quote, url) {
          return /^data:/.test(url) ? _ : 'url("' + new URL(url, base).href + '")';
        }));
      });
    });
    return rules.join("\n");
  }

  function styleSpeakerView(speaker) {
    try {
      var doc = speaker.document;
      if (!doc || !speaker.CSSStyleSheet || "deckStyled" in doc.documentElement.dataset) return;
      var sheet = new speaker.CSSStyleSheet();
      sheet.replaceSync(fontFaceRules() + "\n" + SPEAKER_CSS);
      doc.adoptedStyleSheets = doc.adoptedStyleSheets.concat([sheet]);
      doc.documentElement.dataset.deckStyled = "";
    } catch (e) {
      // The speaker view works unstyled; nothing here may stop the talk.
    }
  }

  /** Watches for the notes plugin opening its window (by its name), and styles it once written. */
  function watchSpeakerView() {
    var open = window.open;
    window.open = function (url, name) {
      var opened = open.apply(window, arguments);
      if (opened && name === "reveal.js - Notes") {
        // The plugin writes the page right after open() returns; style it when that is done.
        setTimeout(function () { styleSpeakerView(opened); }, 0);
        setTimeout(function () { styleSpeakerView(opened); }, 500);
      }
      return opened;
    };
  }

  function startPresentation() {
    watchSpeakerView();
    fitSlides();
    paginateReferences();
    var totalTime = plannedSeconds();
    // The deck's files (PDF, PowerPoint) are offered on screen while the title slide shows, not over the talk.
    Reveal.on("ready", markTitleSlide);
    Reveal.on("ready", localizeReveal);
    Reveal.on("slidechanged", markTitleSlide);
    Reveal.initialize({
      width: SLIDE_WIDTH,
      height: SLIDE_HEIGHT,
      // The slide's own padding is the margin, so the PDF's pages are exactly 16:9 with nothing around them.
      margin: 0,
      center: false,
      hash: true,
      // Conference rooms: no spinning transitions, the slide number on every slide, arrows for touch and mouse.
      transition: "fade",
      transitionSpeed: "fast",
      backgroundTransition: "none",
      controls: true,
      controlsTutorial: false,
      progress: true,
      slideNumber: "c/t",
      showSlideNumber: "all",
      showNotes: false,
      help: true,
      pdfSeparateFragments: false,
      pdfMaxPagesPerSlide: 1,
      // With a planned length, the speaker view shows pacing: whether the talk is ahead of or behind time.
      totalTime: totalTime,
      plugins: [RevealNotes],
    });
  }

  // ---- reveal.js's own words, in the deck's language ----
  // reveal.js writes English into its arrow buttons' labels and its keyboard help (press ?); the words come from
  // the page instead (deck-layout.js reads them from the deck's strings block).
  var SHORTCUTS = [
    ["N  ,  SPACE", "keyNext"],
    ["P  ,  Shift SPACE", "keyPrevious"],
    ["&#8592;  ,  H", "keyLeft"],
    ["&#8594;  ,  L", "keyRight"],
    ["&#8593;  ,  K", "keyUp"],
    ["&#8595;  ,  J", "keyDown"],
    ["Alt + &#8592;/&#8593/&#8594;/&#8595;", "keyNoFragments"],
    ["Shift + &#8592;/&#8593/&#8594;/&#8595;", "keyFirstLast"],
    ["B  ,  .", "keyPause"],
    ["F", "keyFullscreen"],
    ["G", "keyJump"],
    ["ESC, O", "keyOverview"],
  ];
  var CONTROLS = [
    [".navigate-left, .navigate-prev", "previousSlide"],
    [".navigate-right, .navigate-next", "nextSlide"],
    [".navigate-up", "aboveSlide"],
    [".navigate-down", "belowSlide"],
  ];

  function localizeReveal() {
    var text = layout.text;
    SHORTCUTS.forEach(function (pair) { Reveal.registerKeyboardShortcut(pair[0], text(pair[1])); });
    // The notes plugin's "S" binding, described in the deck's language (same key, same action).
    var notes = Reveal.getPlugin("notes");
    if (notes && typeof notes.open === "function") {
      Reveal.removeKeyBinding(83);
      Reveal.addKeyBinding({ keyCode: 83, key: "S", description: text("keySpeaker") }, function () { notes.open(); });
    }
    CONTROLS.forEach(function (pair) {
      document.querySelectorAll(".reveal .controls " + pair[0].split(", ").join(", .reveal .controls ")).forEach(function (button) {
        button.setAttribute("aria-label", text(pair[1]));
      });
    });
    // The help overlay's title and column heads are written each time it opens.
    new MutationObserver(function () {
      var help = document.querySelector(".reveal .r-overlay-help");
      if (!help || help.hasAttribute("data-localized")) return;
      help.setAttribute("data-localized", "");
      var title = help.querySelector(".title");
      if (title) title.textContent = text("helpTitle");
      var heads = help.querySelectorAll("th");
      if (heads[0]) heads[0].textContent = text("helpKey");
      if (heads[1]) heads[1].textContent = text("helpAction");
    }).observe(document.querySelector(".reveal"), { childList: true, subtree: true });
  }

  function markTitleSlide() {
    document.documentElement.classList.toggle("deck-on-title", Reveal.getIndices().h === 0);
  }


  var params = new URLSearchParams(window.location.search);
  if (params.has("print-notes")) {
    // The slides-with-notes handout is the deck's print page (print.html?notes, deck-print.js): each slide there
    // is the slide itself scaled, the same page the notes PDF is printed from. One handout, one implementation.
    window.location.replace("print.html?notes");
  } else {
    layout.fontsLoaded().then(startPresentation);
  }
})();
