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
