// Progressive enhancement for public forms (they work without it): a form that comes
// back with errors moves focus to its error summary, and a submitted form shows a busy,
// disabled button so that a second click cannot post it twice.
(function () {
  "use strict";
  document.querySelectorAll("form[data-lumen-form]").forEach(function (form) {
    var summary = form.querySelector("[data-error-summary]");
    if (summary) { summary.focus(); }
    var button = form.querySelector("button[type=submit]");
    if (!button) { return; }
    var label = button.textContent;
    form.addEventListener("submit", function (event) {
      if (form.getAttribute("data-submitting") === "true") { event.preventDefault(); return; }
      form.setAttribute("data-submitting", "true");
      button.setAttribute("aria-busy", "true");
      button.setAttribute("aria-disabled", "true");
      button.textContent = button.getAttribute("data-busy-text") || label;
    });
    // Back/forward cache: a page restored after submitting must be usable again.
    window.addEventListener("pageshow", function () {
      form.removeAttribute("data-submitting");
      button.removeAttribute("aria-busy");
      button.removeAttribute("aria-disabled");
      button.textContent = label;
    });
  });
}());
