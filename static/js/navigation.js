// Progressive enhancement for the mega-menu (it works without this file):
// one panel open at a time, Escape closes and returns focus, click outside closes.
(function () {
  "use strict";
  var menus = document.querySelectorAll(".mega-menu__details");
  if (!menus.length) return;
  function closeAll(except) {
    menus.forEach(function (menu) { if (menu !== except) menu.open = false; });
  }
  menus.forEach(function (menu) {
    menu.addEventListener("toggle", function () { if (menu.open) closeAll(menu); });
    menu.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && menu.open) {
        menu.open = false;
        menu.querySelector("summary").focus();
      }
    });
  });
  document.addEventListener("click", function (event) {
    if (!event.target.closest(".mega-menu__details")) closeAll(null);
  });
  document.addEventListener("focusin", function (event) {
    if (!event.target.closest(".mega-menu__details")) closeAll(null);
  });
})();
