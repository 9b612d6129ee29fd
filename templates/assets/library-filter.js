// The handout and deck libraries' filter (issue 14). Without this script the filter's links still work: a topic
// jumps to its heading, a language opens the library in that language. With it, the same links filter in place:
// cards of other topics or languages are hidden, the chosen links are marked, and the count is announced.
// Kept in a file (no inline script) so the Content-Security-Policy holds.
window.addEventListener("DOMContentLoaded", function () {
  var filter = document.querySelector(".library-filter");
  if (!filter) return;
  var chosen = { topic: "", lang: "" };
  var status = filter.querySelector("[data-filter-status]");
  var links = filter.querySelectorAll("[data-filter-topic], [data-filter-lang]");

  function apply() {
    var shown = 0;
    document.querySelectorAll(".library-topic").forEach(function (section) {
      var topicOk = !chosen.topic || section.getAttribute("data-topic") === chosen.topic;
      var any = false;
      section.querySelectorAll(".library-language").forEach(function (part) {
        var ok = topicOk && (!chosen.lang || part.getAttribute("data-lang") === chosen.lang);
        part.hidden = !ok;
        if (ok) {
          any = true;
          shown += part.querySelectorAll(".card").length;
        }
      });
      section.hidden = !any;
    });
    links.forEach(function (link) {
      var topic = link.getAttribute("data-filter-topic");
      var lang = link.getAttribute("data-filter-lang");
      var on = topic !== null ? topic === chosen.topic : lang === chosen.lang;
      if (on) link.setAttribute("aria-current", "true");
      else link.removeAttribute("aria-current");
    });
    if (status) status.textContent = (status.getAttribute("data-count-template") || "{count}").replace("{count}", String(shown));
  }

  links.forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      var topic = link.getAttribute("data-filter-topic");
      if (topic !== null) chosen.topic = topic;
      else chosen.lang = link.getAttribute("data-filter-lang") || "";
      apply();
    });
  });
  filter.classList.add("library-filter-active");
  apply();
});
