// Online Estimator, enhanced: the form is a plain GET form that works without
// JavaScript. With it, every change asks the same page for the estimator alone
// (header X-Estimator-Partial), patches the page in place (inputs keep focus and what
// is being typed), and keeps the address bar on the estimate's canonical URL.
(function () {
  "use strict";
  var root = document.getElementById("estimator-app");
  if (!root || !window.fetch || !window.DOMParser || !window.URLSearchParams ||
      !window.FormData || !window.history || !history.pushState) { return; }

  var seq = 0;
  var controller = null;
  var timer = null;
  var lastButton = null;

  function form() { return document.getElementById("estimator-form"); }

  function query(submitter) {
    var params = new URLSearchParams();
    new FormData(form()).forEach(function (value, key) {
      if (typeof value === "string") { params.append(key, value); }
    });
    if (submitter && submitter.name) { params.append(submitter.name, submitter.value); }
    return params.toString();
  }

  function url(submitter) {
    return form().getAttribute("action").split("?")[0] + "?" + query(submitter);
  }

  // --- patching: update the live page to match the new one, node by node ----------
  function same(a, b) {
    return a.nodeType === b.nodeType && a.nodeName === b.nodeName &&
      (a.nodeType !== 1 || (a.id || "") === (b.id || ""));
  }

  function syncAttributes(from, to) {
    var keepOpen = from.nodeName === "DETAILS";
    var focused = from === document.activeElement;
    Array.prototype.slice.call(from.attributes).forEach(function (attr) {
      if (keepOpen && attr.name === "open") { return; }
      if (!to.hasAttribute(attr.name)) { from.removeAttribute(attr.name); }
    });
    Array.prototype.forEach.call(to.attributes, function (attr) {
      if (focused && attr.name === "value") { return; }
      if (from.getAttribute(attr.name) !== attr.value) { from.setAttribute(attr.name, attr.value); }
    });
  }

  function laterSibling(node, id) {
    for (var n = node; n; n = n.nextSibling) {
      if (n.nodeType === 1 && n.id === id) { return n; }
    }
    return null;
  }

  function morphChildren(from, to) {
    var a = from.firstChild;
    var b = to.firstChild;
    while (b) {
      var nextB = b.nextSibling;
      if (!a) {
        from.appendChild(document.importNode(b, true));
      } else if (same(a, b)) {
        if (a.nodeType === 1) { morph(a, b); } else if (a.nodeValue !== b.nodeValue) { a.nodeValue = b.nodeValue; }
        a = a.nextSibling;
      } else {
        var match = b.nodeType === 1 && b.id ? laterSibling(a, b.id) : null;
        if (match) {
          from.insertBefore(match, a);
          morph(match, b);
        } else {
          from.insertBefore(document.importNode(b, true), a);
        }
      }
      b = nextB;
    }
    while (a) {
      var next = a.nextSibling;
      from.removeChild(a);
      a = next;
    }
  }

  function morph(from, to) {
    syncAttributes(from, to);
    var focused = from === document.activeElement;
    if (from.nodeName === "INPUT") {
      if (from.type === "checkbox" || from.type === "radio") {
        from.checked = to.hasAttribute("checked");
      } else if (!focused) {
        from.value = to.getAttribute("value") || "";
      }
    }
    var kept = from.nodeName === "SELECT" && focused ? from.value : null;
    morphChildren(from, to);
    if (from.nodeName === "SELECT") {
      // Option nodes are reused for new options, so the old selection may now name
      // another option: choose again (the user's choice while focused, if offered).
      var offered = Array.prototype.some.call(to.options, function (o) { return o.value === kept; });
      var chosen = to.querySelector("option[selected]") || to.options[0];
      from.value = kept !== null && offered ? kept : (chosen ? chosen.value : "");
    }
  }

  // --- requests ---------------------------------------------------------------------
  function ids(selector) {
    var seen = {};
    Array.prototype.forEach.call(root.querySelectorAll(selector), function (el) { seen[el.id] = true; });
    return seen;
  }

  function focusFirstField(container) {
    var field = container && container.querySelector("input:not([type=hidden]), select, button");
    if (field) { field.focus(); }
  }

  function load(target, options) {
    options = options || {};
    var mine = ++seq;
    if (controller) { controller.abort(); }
    controller = window.AbortController ? new AbortController() : null;
    var before = ids(".est-line, .est-app");
    root.classList.add("is-busy");
    return fetch(target, {
      headers: { "X-Estimator-Partial": "1" },
      credentials: "same-origin",
      cache: "no-store",
      signal: controller ? controller.signal : undefined
    }).then(function (response) {
      if (!response.ok) { throw new Error("HTTP " + response.status); }
      return response.text();
    }).then(function (html) {
      if (mine !== seq) { return; }
      var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("estimator-app");
      if (!fresh) { throw new Error("no estimator in the response"); }
      morph(root, fresh);
      var canonical = fresh.getAttribute("data-canonical") + (options.hash || "");
      if (options.push) { history.pushState({ estimator: true }, "", canonical); }
      else { history.replaceState({ estimator: true }, "", canonical); }
      enhance();
      afterLoad(options, before);
    }).catch(function (error) {
      if (error && error.name === "AbortError") { return; }
      if (options.fallback) { window.location.assign(target); }
    }).then(function () {
      if (mine === seq) { root.classList.remove("is-busy"); }
    });
  }

  function afterLoad(options, before) {
    var summary = document.getElementById("est-error-summary");
    if (options.explicit && summary) { summary.focus(); return; }
    if (options.added) {
      var rows = root.querySelectorAll(".est-line, .est-app");
      for (var i = 0; i < rows.length; i++) {
        if (!before[rows[i].id]) { focusFirstField(rows[i]); return; }
      }
    }
    if (options.removedFrom) {
      var section = document.getElementById(options.removedFrom);
      focusFirstField(section && section.querySelector(".est-section__add"));
    }
    if (options.scrollTo) {
      var el = document.getElementById(options.scrollTo);
      if (el) { el.scrollIntoView(); }
    }
  }

  // --- events -----------------------------------------------------------------------
  root.addEventListener("click", function (event) {
    var button = event.target.closest("button");
    if (!button) { return; }
    lastButton = button;
    if (button.hasAttribute("data-print")) { window.print(); }
    if (button.hasAttribute("data-copy")) {
      var field = document.getElementById(button.getAttribute("data-copy"));
      if (field && navigator.clipboard) {
        navigator.clipboard.writeText(field.value).then(function () {
          button.textContent = "Link copied";
        });
      } else if (field) { field.select(); }
    }
  });

  root.addEventListener("submit", function (event) {
    if (event.target !== form()) { return; }
    event.preventDefault();
    clearTimeout(timer);
    var submitter = event.submitter || lastButton;
    lastButton = null;
    var name = submitter && submitter.name;
    var section = submitter && submitter.closest(".est-section");
    load(url(submitter), {
      push: name === "add" || name === "remove" || name === "compare",
      explicit: true,
      fallback: true,
      added: name === "add",
      removedFrom: name === "remove" && section ? section.id : null,
      scrollTo: name === "compare" ? "compare" : null,
      hash: name === "compare" ? "#compare" : ""
    });
  });

  root.addEventListener("change", function (event) {
    var el = event.target;
    if (!el.name || el.closest("#estimator-form") === null) { return; }
    if (el.type === "number") { return; } // handled as input
    clearTimeout(timer);
    load(url(null), {});
  });

  root.addEventListener("input", function (event) {
    var el = event.target;
    if (el.type !== "number" || !el.name) { return; }
    clearTimeout(timer);
    timer = setTimeout(function () { load(url(null), {}); }, 300);
  });

  window.addEventListener("popstate", function () {
    load(window.location.href, {});
  });

  function enhance() {
    Array.prototype.forEach.call(root.querySelectorAll("[data-print], [data-copy]"), function (el) {
      el.hidden = false;
    });
  }
  enhance();
})();
