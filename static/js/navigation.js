// Progressive enhancement for the mega-menu, which works without this file as <details>.
// Each <details> becomes a disclosure button (aria-expanded, aria-controls) and its panel,
// after the WAI-ARIA APG "disclosure navigation menu" (aria-expanded is ignored on a
// <summary>): one panel open at a time; Escape closes it and returns focus; Left/Right,
// Home/End move between entries, Down opens a panel and Up/Down move through its links;
// a "Menu" button collapses the bar on narrow screens. Links to the current page get
// aria-current="page" here because the header is one cached fragment shared by all pages.
(function () {
  "use strict";
  var nav = document.querySelector(".mega-menu");
  if (!nav) { return; }
  var bar = nav.querySelector(".mega-menu__bar");
  var toggle = nav.querySelector(".mega-menu__toggle");
  var buttons = [];

  function panelOf(button) { return document.getElementById(button.getAttribute("aria-controls")); }
  function isOpen(button) { return button.getAttribute("aria-expanded") === "true"; }
  function linksOf(button) { return Array.prototype.slice.call(panelOf(button).querySelectorAll("a[href]")); }
  function openButton() { return buttons.filter(isOpen)[0] || null; }

  function setOpen(button, open) {
    if (open) { buttons.forEach(function (other) { if (other !== button) { setOpen(other, false); } }); }
    button.setAttribute("aria-expanded", open ? "true" : "false");
    panelOf(button).hidden = !open;
  }

  function closeAll() { buttons.forEach(function (button) { setOpen(button, false); }); }

  nav.querySelectorAll(".mega-menu__details").forEach(function (details, index) {
    var summary = details.querySelector("summary");
    var panel = details.querySelector(".mega-menu__panel");
    if (!summary || !panel) { return; }
    var button = document.createElement("button");
    button.type = "button";
    button.className = summary.className;
    button.textContent = summary.textContent;
    panel.id = panel.id || "mega-menu-panel-" + (index + 1);
    button.setAttribute("aria-controls", panel.id);
    details.replaceWith(button, panel);
    setOpen(button, false);
    button.addEventListener("click", function () { setOpen(button, !isOpen(button)); });
    buttons.push(button);
  });

  function labels() { return Array.prototype.slice.call(bar.querySelectorAll(".mega-menu__label")); }

  function moveAmong(items, current, key) {
    var i = items.indexOf(current);
    var last = items.length - 1;
    var next = { ArrowRight: i + 1, ArrowDown: i + 1, ArrowLeft: i - 1, ArrowUp: i - 1, Home: 0, End: last }[key];
    if (next === undefined) { return false; }
    items[(next + items.length) % items.length].focus();
    return true;
  }

  nav.addEventListener("keydown", function (event) {
    var target = event.target;
    var handled = false;
    if (event.key === "Escape") {
      var open = openButton();
      if (open) {
        setOpen(open, false);
        open.focus();
        handled = true;
      } else if (toggle && nav.classList.contains("mega-menu--open")) {
        setMenuOpen(false);
        toggle.focus();
        handled = true;
      }
    } else if (target.classList.contains("mega-menu__label")) {
      if (event.key === "ArrowDown" && buttons.indexOf(target) !== -1) {
        setOpen(target, true);
        var links = linksOf(target);
        if (links.length) { links[0].focus(); }
        handled = true;
      } else if (["ArrowRight", "ArrowLeft", "Home", "End"].indexOf(event.key) !== -1) {
        handled = moveAmong(labels(), target, event.key);
      }
    } else {
      var owner = buttons.filter(function (button) { return panelOf(button).contains(target); })[0];
      if (owner && ["ArrowDown", "ArrowUp", "Home", "End"].indexOf(event.key) !== -1) {
        var items = linksOf(owner);
        if (event.key === "ArrowUp" && items.indexOf(target) === 0) {
          owner.focus();
          handled = true;
        } else {
          handled = moveAmong(items, target, event.key);
        }
      }
    }
    if (handled) { event.preventDefault(); }
  });

  document.addEventListener("click", function (event) {
    if (!nav.contains(event.target)) { closeAll(); }
  });
  document.addEventListener("focusin", function (event) {
    var open = openButton();
    if (open && event.target !== open && !panelOf(open).contains(event.target)) { setOpen(open, false); }
  });

  function setMenuOpen(open) {
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    nav.classList.toggle("mega-menu--open", open);
    if (!open) { closeAll(); }
  }
  if (toggle) {
    toggle.hidden = false;
    nav.classList.add("mega-menu--collapsible");
    setMenuOpen(false);
    toggle.addEventListener("click", function () { setMenuOpen(toggle.getAttribute("aria-expanded") !== "true"); });
  }

  nav.querySelectorAll("a[href]").forEach(function (link) {
    if (link.origin === location.origin && link.pathname === location.pathname) {
      link.setAttribute("aria-current", "page");
      var entry = link.closest(".mega-menu__entry");
      if (entry) { entry.classList.add("mega-menu__entry--current"); }
    }
  });
})();
