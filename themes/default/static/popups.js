/* aware glossary pop-ups: what opens, fills, places and closes a module's term pop-ups,
   and fills in the definitions under "Terms in this module". Loaded by module.js
   (aware-glossary-popups) when a term is first hovered, focused or pressed or the list is
   opened, with popups.css and the module's definitions (<slug>.terms.js, which sets
   window.AWARE_TERMS: {<term id>: <definition HTML, as rendered at build time>}); the
   terms are already buttons, each with its empty pop-up. */
"use strict";

(function (A) {
  var U = A.util;
  /* For the module text `root` and the terms listed under "Terms in this module", `items`
     (id → list item): fills in the list, installs the closing rules and returns
     toggle(button). */
  A.popups = function (root, items) {
    var open = null;
    /* A term's definition: the module's file's, or (a theme of its own that kept the
       definitions in the page) the list item's <dd>. */
    function definition(id) {
      var defs = window.AWARE_TERMS || {};
      if (Object.prototype.hasOwnProperty.call(defs, id)) return defs[id];
      var dd = items[id] && U.$("dd", items[id]);
      return dd ? dd.innerHTML : "";
    }
    Object.keys(items).forEach(function (id) {
      var li = items[id];
      if (U.$("dd", li) || U.$(".term-def-text", li)) return;
      li.appendChild(U.el("span", { "class": "term-def-text" })).innerHTML = definition(id);
    });
    function close(restoreFocus) {
      if (!open) return;
      open.btn.setAttribute("aria-expanded", "false");
      open.pop.hidden = true;
      if (restoreFocus) open.btn.focus();
      open = null;
    }
    /* Below the term, or above it when it fits only there (under the sticky exit bar);
       inside the screen, relative to the root (positioned in the CSS; a table's scrolling
       wrapper is not, so a pop-up in a table is never clipped). When it fits neither way,
       it goes below and is scrolled into view as it opens: `opening` is true only from
       toggle (the resize listener passes an event). */
    function place(opening) {
      if (!open) return;
      var b = open.btn.getBoundingClientRect();
      var r = root.getBoundingClientRect();
      var pop = open.pop;
      var gap = 6;
      var height = pop.offsetHeight + 2 * gap;
      var room = document.documentElement.clientWidth;
      var left = Math.max(8, Math.min(b.left, room - pop.offsetWidth - 8));
      var bar = U.$(".exit-bar");
      var barBottom = bar ? bar.getBoundingClientRect().bottom : 0;
      var fitsBelow = window.innerHeight - b.bottom >= height;
      var up = !fitsBelow && b.top - barBottom >= height;
      pop.style.top = (up ? b.top - r.top - pop.offsetHeight - gap : b.bottom - r.top + gap) + "px";
      pop.style.left = left - r.left + "px";
      if (opening === true && !fitsBelow && !up) pop.scrollIntoView({ block: "nearest" });
    }
    /* The pop-up's content, the first time: the term as the list names it, its
       definition's markup, and a link to the glossary entry. */
    function fill(btn, pop) {
      if (pop.firstChild) return;
      var id = btn.getAttribute("data-term");
      pop.appendChild(U.el("strong", { "class": "term-popup-title" }, U.$("a, dt", items[id]).textContent));
      var dd = pop.appendChild(U.el("span", { "class": "term-popup-text" }));
      dd.innerHTML = " " + definition(id) + " ";
      pop.appendChild(U.el("a", { href: btn.getAttribute("data-href") }, "See the glossary"));
    }
    window.addEventListener("resize", place);
    /* Focus leaving the term and its pop-up closes it: nothing focused is ever under it. */
    root.addEventListener("focusout", function (ev) {
      if (open && ev.relatedTarget && !open.btn.contains(ev.relatedTarget) && !open.pop.contains(ev.relatedTarget)) close(false);
    });
    document.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape" && open) close(true);
    });
    document.addEventListener("click", function (ev) {
      if (open && !open.btn.contains(ev.target) && !open.pop.contains(ev.target)) close(false);
    });
    return function toggle(btn) {
      var was = open && open.btn === btn;
      close(false);
      if (was) return;
      var pop = document.getElementById(btn.getAttribute("aria-controls"));
      fill(btn, pop);
      btn.setAttribute("aria-expanded", "true");
      pop.hidden = false;
      open = { btn: btn, pop: pop };
      place(true);
    };
  };
})(window.AWARE);
