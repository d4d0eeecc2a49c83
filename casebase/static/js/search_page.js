// The search page (templates/search/search.html) without inline script, as the
// Content-Security-Policy requires: choosing a sort order or a section submits the form, and
// selecting a facet value applies it at once (the 应用筛选 button does the same without JavaScript).
document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
  select.addEventListener("change", function () { select.form.submit(); });
});
document.querySelectorAll(".facets input[type=checkbox]").forEach(function (box) {
  box.addEventListener("change", function () { window.location.search = box.dataset.url.slice(1); });
});
