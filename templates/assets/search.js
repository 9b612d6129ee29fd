// The search page: Pagefind's own interface over the index the build writes to pagefind/. Kept in a file (no
// inline script) so the Content-Security-Policy holds. Runs the search in `?q=` so the plain search forms on
// other pages work, with or without JavaScript there. Its words come from the page, in the page's language
// (<script type="application/json" id="interface-strings">, from templates/i18n/<lang>.yaml); Pagefind searches
// the index of the page's <html lang> and its own words follow that language too.
/* global PagefindUI */
window.addEventListener("DOMContentLoaded", function () {
  var box = document.getElementById("search");
  var status = document.getElementById("search-status");
  if (!box || !status) return;
  var strings = {};
  try {
    strings = JSON.parse(document.getElementById("interface-strings").textContent);
  } catch (e) {
    // Without its strings the page keeps its plain form, which still searches.
    return;
  }
  var guide = box.getAttribute("data-guide") || "";
  // Browsers do not let a page opened from disk fetch files, and Pagefind must fetch its index.
  if (window.location.protocol === "file:") {
    status.textContent = strings.fileProtocol.replace("{guide}", guide);
    return;
  }
  if (typeof PagefindUI !== "function") return;
  var query = new URLSearchParams(window.location.search).get("q");
  box.replaceChildren();
  var ui = new PagefindUI({
    element: "#search",
    showSubResults: true,
    showImages: false,
    resetStyles: false,
    autofocus: !query,
    // issue 14: each result says its topic and who it is for (the pages' data-pagefind-meta, in their language).
    processResult: function (result) {
      var meta = result.meta || {};
      var about = [meta.topic, meta.audience].filter(Boolean).join(" · ");
      if (about) result.meta.title = (meta.title || "") + " — " + about;
      return result;
    },
    translations: { placeholder: strings.placeholder, zero_results: strings.zeroResults },
  });
  // Pagefind's field has only a placeholder: give it a visible label, as the site's other forms have.
  var input = box.querySelector("input.pagefind-ui__search-input");
  if (input) {
    input.id = "search-input";
    var label = document.createElement("label");
    label.className = "search-label";
    label.htmlFor = "search-input";
    label.textContent = strings.label;
    box.prepend(label);
  }
  if (query) ui.triggerSearch(query);
});
