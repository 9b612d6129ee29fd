// The deck's static print page (slides/<slug>/print.html). No reveal.js: every slide is already a 1280×720 page box
// in the page's markup. This script only does what needs a browser's measurements, as the presentation does
// (deck.js): it sets a slide that runs long a step smaller, moves references that do not fit onto "continued"
// slides, and numbers the pages. Then it says it is ready: <html data-print-ready>, for the PDF renderer.
//   print.html          the 16:9 slides, one a page (print it from any browser: the page sets its size);
//   print.html?notes    the slides-with-notes handout: each slide, scaled down, beside its speaker notes.
// The renderer may also switch a loaded page to the handout: window.deckPrint.notes() (then <html data-notes-ready>).
(function () {
  "use strict";

  // The slide fitting and the references' run-on are the presentation's own (deck-layout.js, loaded first).
  var layout = window.deckLayout;
  var fontsLoaded = layout.fontsLoaded;
  var assetsUrl = document.currentScript ? document.currentScript.src.replace(/[^/]*$/, "") : "../../assets/";

  function pages() {
    return Array.prototype.slice.call(document.querySelectorAll(".reveal .slides > .pdf-page"));
  }

  function fitSlides() {
    var bodies = pages().map(function (page) {
      return page.querySelector(":scope > section:not(.slide-references) > .slide-body");
    });
    layout.fitBodies(bodies.filter(Boolean));
  }

  /** Sources that do not fit move to "References (continued)" pages, numbered on, as in the presentation. */
  function paginateReferences() {
    var page = pages().filter(function (p) { return p.querySelector(":scope > section.slide-references"); })[0];
    var guard = 0;
    while (page && guard++ < 50) {
      var next = layout.continueReferences(page);
      if (!next) return;
      page.after(next);
      page = next;
    }
  }

  function layOutSlides() {
    // Printed, every step of a slide shows at once (as reveal.js prints it).
    document.querySelectorAll(".reveal .fragment:not(.fade-out)").forEach(function (fragment) {
      fragment.classList.add("visible");
    });
    fitSlides();
    paginateReferences();
    pages().forEach(function (page, index) {
      var number = page.querySelector(":scope > .slide-number-pdf");
      if (number) number.textContent = String(index + 1);
    });
  }

  // ---- The slides-with-notes handout ----

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  /** The slide's own page box, as printed on its 16:9 page, drawn smaller by deck-print.css. */
  function miniature(page) {
    var frame = element("div", "nh-thumb");
    var canvas = element("div", "reveal nh-canvas");
    var slides = element("div", "slides");
    var copy = page.cloneNode(true);
    // The picture is the slide: no page number, and the notes are printed beside it, not hidden inside it.
    copy.querySelectorAll(".slide-number-pdf, aside.notes").forEach(function (node) { node.remove(); });
    slides.appendChild(copy);
    canvas.appendChild(slides);
    frame.appendChild(canvas);
    return frame;
  }

  function notesOf(section) {
    var box = element("div", "nh-notes");
    var notes = section.querySelectorAll("aside.notes");
    if (!notes.length) box.appendChild(element("p", "nh-no-notes", layout.text("noNotes")));
    notes.forEach(function (aside) {
      Array.prototype.forEach.call(aside.childNodes, function (child) {
        // The speaker view's pointer to the prebuilt files is no note for paper (this handout is one of them).
        if (child.nodeType === 1 && child.classList.contains("deck-files-note")) return;
        box.appendChild(child.cloneNode(true));
      });
    });
    return box;
  }

  /** Lists of sources and QR codes are set full width on paper, readable and scannable, not shrunk. */
  function fullWidthBlock(section, label, continued) {
    var block = element("section", "nh-block " + section.className.replace(/\bslide-references-continued\b/, "").trim());
    block.appendChild(element("p", "nh-label", label));
    var body = section.querySelector(".slide-body");
    if (body) {
      Array.prototype.forEach.call(body.childNodes, function (child) { block.appendChild(child.cloneNode(true)); });
    }
    // The sources run on in one list, as they did before the slides split them.
    var list = block.querySelector("ol.references");
    continued.forEach(function (more) {
      more.querySelectorAll("ol.references > li").forEach(function (item) {
        if (list) list.appendChild(item.cloneNode(true));
      });
    });
    return block;
  }

  /** The 16:9 page size goes; the handout's paper and margins come from deck-notes.css and whoever prints. */
  function dropSlidePageSize() {
    Array.prototype.forEach.call(document.styleSheets, function (sheet) {
      if (!sheet.href || !/deck-print\.css$/.test(sheet.href)) return;
      var rules;
      try {
        rules = sheet.cssRules;
      } catch (error) {
        // Opened from disk (file:), a page may not read its own stylesheets' rules; deck-notes.css's later @page
        // rule still sets the paper, so the handout is built all the same.
        return;
      }
      for (var i = rules.length - 1; i >= 0; i--) {
        if (rules[i].type === CSSRule.PAGE_RULE) sheet.deleteRule(i);
      }
    });
  }

  function loadNotesCss() {
    var css = element("link");
    css.rel = "stylesheet";
    css.href = assetsUrl + "deck-notes.css";
    var deckTitle = document.title;
    var loaded = new Promise(function (resolve) {
      css.onload = function () {
        // The deck's title in every page's footer (through the CSSOM, which a strict CSP allows).
        try {
          css.sheet.insertRule("@page { @bottom-left { content: " + cssString(deckTitle) + "; font-family: \"Atkinson Hyperlegible\", sans-serif; font-size: 8pt; color: #4f5b67; } }", css.sheet.cssRules.length);
          // "Page 1 of 4" in the deck's language: CSS content made from the strings file's words and the counters.
          css.sheet.insertRule("@page { @bottom-right { content: " + counterText(layout.text("pageOfPages")) + "; } }", css.sheet.cssRules.length);
        } catch (error) {
          // Browsers without page-margin boxes print without the footer.
        }
        resolve();
      };
      css.onerror = resolve;
    });
    document.head.appendChild(css);
    return loaded;
  }

  function buildNotesHandout() {
    var root = document.documentElement;
    root.classList.add("notes-handout-doc", "deck-notes-mode");
    document.body.classList.remove("reveal-viewport");
    dropSlidePageSize();
    var cssLoaded = loadNotesCss();

    var reveal = document.querySelector(".reveal");
    var all = pages();
    var doc = element("main", "notes-handout");
    var header = element("header", "nh-header");
    var titleSlide = document.querySelector(".reveal .slide-title .slide-body");
    if (titleSlide) {
      Array.prototype.forEach.call(titleSlide.children, function (child) { header.appendChild(child.cloneNode(true)); });
    }
    header.appendChild(element("p", "nh-kind", layout.text("notesHandout")));
    doc.appendChild(header);

    var continued = all.filter(function (page) { return page.querySelector(":scope > section.slide-references-continued"); });
    all.forEach(function (page, index) {
      var section = page.querySelector(":scope > section");
      if (!section || section.classList.contains("slide-references-continued")) return;
      var label = layout.text("slide", { number: index + 1 });
      if (section.classList.contains("slide-references") || section.classList.contains("slide-handouts")) {
        var more = section.classList.contains("slide-references") ? continued.map(function (p) { return p.querySelector("section"); }) : [];
        doc.appendChild(fullWidthBlock(section, label, more));
        return;
      }
      var heading = section.querySelector("h1, h2");
      var row = element("article", "nh-row");
      row.setAttribute("aria-label", label + (heading ? ": " + heading.textContent : ""));
      row.appendChild(miniature(page));
      var notes = notesOf(section);
      notes.insertBefore(element("p", "nh-label", label), notes.firstChild);
      row.appendChild(notes);
      doc.appendChild(row);
    });
    reveal.replaceWith(doc);
    return cssLoaded.then(fontsLoaded).then(function () {
      root.setAttribute("data-notes-ready", "");
    });
  }

  /** "Page {page} of {pages}" → "Page " counter(page) " of " counter(pages), for a page-margin box. */
  function counterText(template) {
    return template.split(/(\{page\}|\{pages\})/).filter(Boolean).map(function (part) {
      return part === "{page}" ? "counter(page)" : part === "{pages}" ? "counter(pages)" : cssString(part);
    }).join(" ");
  }

  function cssString(text) {
    return '"' + String(text).replace(/[\\"]/g, "\\$&").replace(/[\r\n]+/g, " ") + '"';
  }

  var notesBuilt = null;
  var slidesReady = fontsLoaded().then(function () {
    layOutSlides();
    document.documentElement.setAttribute("data-print-ready", "");
  });
  window.deckPrint = {
    notes: function () {
      notesBuilt = notesBuilt || slidesReady.then(buildNotesHandout);
      return notesBuilt;
    },
  };
  if (new URLSearchParams(window.location.search).has("notes")) window.deckPrint.notes();
})();
