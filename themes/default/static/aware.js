/* aware learner script (classic script, not an ES module, so it runs from file://).
   This file grows with the learner-experience work; today it provides quick exit. */
(function () {
  "use strict";
  function exitNow(url) {
    // Replace this page in the history, so Back does not return to the course.
    try { document.body.style.visibility = "hidden"; } catch (e) { /* ignore */ }
    window.location.replace(url);
  }
  var link = document.querySelector("[data-quick-exit]");
  if (link) {
    var url = link.getAttribute("data-exit-url") || link.href;
    link.addEventListener("click", function (ev) { ev.preventDefault(); exitNow(url); });
    var presses = [];
    document.addEventListener("keydown", function (ev) {
      if (ev.key !== "Shift" || ev.repeat) return;
      var now = Date.now();
      presses = presses.filter(function (t) { return now - t < 1000; });
      presses.push(now);
      if (presses.length >= 3) exitNow(url);
    });
  }
})();
