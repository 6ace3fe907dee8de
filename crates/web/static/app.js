// The page behaviours that were inline handlers, so that the Content-Security-Policy can
// forbid inline script (issue 14, finding 10). Each is opted into by a data attribute.
document.addEventListener("change", function (e) {
  var t = e.target;
  if (t.matches && t.matches("[data-autosubmit]") && t.form) {
    t.form.requestSubmit ? t.form.requestSubmit() : t.form.submit();
  }
});
document.addEventListener("click", function (e) {
  var t = e.target.closest ? e.target.closest("[data-print], [data-back]") : null;
  if (!t) return;
  if (t.hasAttribute("data-print")) {
    window.print();
  } else if (t.hasAttribute("data-back") && history.length > 1) {
    e.preventDefault();
    history.back();
  }
});
document.addEventListener("submit", function (e) {
  var f = e.target;
  if (f.matches && f.matches("[data-next-here]") && f.elements.next) {
    f.elements.next.value = location.pathname + location.search;
  }
});
// Pickers (issue 16): a text box filters a list of checkboxes or a <select>'s options.
// The box is drawn hidden and shown here, so without JavaScript the list is a plain list.
// Ticked boxes and the chosen option stay visible whatever is typed.
function foldText(s) {
  return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "d").toLowerCase();
}
function showFilters(root) {
  var boxes = (root || document).querySelectorAll("input[data-filter][hidden]");
  for (var i = 0; i < boxes.length; i++) boxes[i].hidden = false;
}
document.addEventListener("DOMContentLoaded", function () { showFilters(document); });
document.addEventListener("htmx:load", function (e) { showFilters(e.target); });
document.addEventListener("input", function (e) {
  var box = e.target;
  if (!box.matches || !box.matches("input[data-filter]")) return;
  var list = document.getElementById(box.getAttribute("data-filter"));
  if (!list) return;
  var words = foldText(box.value).split(/\s+/).filter(Boolean);
  var entries = list.querySelectorAll("label, option");
  for (var i = 0; i < entries.length; i++) {
    var el = entries[i];
    var input = el.tagName === "LABEL" ? el.querySelector("input") : null;
    var kept = el.tagName === "OPTION" ? el.selected : (input && input.checked);
    var text = foldText(el.textContent + " " + (el.value || (input && input.value) || ""));
    var match = words.every(function (w) { return text.indexOf(w) !== -1; });
    el.hidden = !(kept || match);
  }
});
// The menu on a phone (issue 16): folded behind one button, so that the page's own content
// is on the first screen. The button is drawn hidden and shown here; without JavaScript the
// menu stays unfolded. A page loaded through htmx brings a fresh menu (out of band), which
// is folded again.
document.addEventListener("DOMContentLoaded", function () {
  document.documentElement.classList.add("js");
  var toggle = document.getElementById("menu-toggle");
  if (toggle) toggle.hidden = false;
});
document.addEventListener("click", function (e) {
  var toggle = e.target.closest ? e.target.closest("#menu-toggle") : null;
  if (!toggle) return;
  var nav = document.getElementById("nav");
  if (!nav) return;
  var open = nav.classList.toggle("open");
  toggle.setAttribute("aria-expanded", open ? "true" : "false");
});
document.addEventListener("htmx:afterSettle", function () {
  var toggle = document.getElementById("menu-toggle");
  var nav = document.getElementById("nav");
  if (toggle && nav && !nav.classList.contains("open")) toggle.setAttribute("aria-expanded", "false");
});
// Long uploads show how far they are (issue 13): a form with data-progress="ID" is sent
// with XMLHttpRequest, its progress bar filled as the bytes leave; the answer then
// replaces the page (or the browser follows the redirect). Without JavaScript the form
// posts as usual.
document.addEventListener("submit", function (e) {
  var form = e.target;
  var bar = form.dataset && form.dataset.progress ? document.getElementById(form.dataset.progress) : null;
  if (!bar || !window.FormData) return;
  e.preventDefault();
  var xhr = new XMLHttpRequest();
  xhr.open("POST", form.action);
  bar.hidden = false;
  xhr.upload.onprogress = function (p) { if (p.lengthComputable) bar.value = Math.round(100 * p.loaded / p.total); };
  xhr.onload = function () {
    if (xhr.responseURL && xhr.responseURL !== form.action) { window.location.href = xhr.responseURL; return; }
    document.open(); document.write(xhr.responseText); document.close();
  };
  xhr.onerror = function () { bar.hidden = true; form.submit(); };
  xhr.send(new FormData(form));
});
