/* aware 404 page: a host serves 404.html for any missing address, at any depth, so the
   page offers this script at several depths (see templates/404.html). A module script:
   a host's HTML answer for a wrong depth is refused, not run, and one address runs once.
   Knowing its own address, it makes the page's relative links point into the site's root
   and loads the scripts every page runs (course.js, aware.js) from there. */
const root = new URL("../", import.meta.url).href;
if (!window.AWARE_404_ROOT) {
  window.AWARE_404_ROOT = root;
  const relative = (v) => !!v && !/^([a-z][a-z0-9+.-]*:|\/|#)/i.test(v);
  document.body.setAttribute("data-root", root);
  for (const a of document.querySelectorAll("a[href], area[href], form[action], img[src]")) {
    const attr = a.hasAttribute("href") ? "href" : a.hasAttribute("action") ? "action" : "src";
    const v = a.getAttribute(attr);
    if (relative(v)) a.setAttribute(attr, new URL(v, root).href);
  }
  for (const src of ["course.js", "static/aware.js"]) {
    const s = document.createElement("script");
    s.src = root + src;
    s.async = false;
    document.body.appendChild(s);
  }
}
