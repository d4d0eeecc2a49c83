// Autocomplete for the search box: suggestions from /api/v1/suggest/ (titles, laws, violation types).
document.querySelectorAll("input[data-suggest]").forEach(function (input) {
  var list = document.getElementById(input.getAttribute("aria-controls"));
  var timer = null;
  function hide() { list.hidden = true; list.innerHTML = ""; }
  function show(names) {
    list.innerHTML = "";
    names.forEach(function (name) {
      var item = document.createElement("li");
      item.setAttribute("role", "option");
      item.tabIndex = -1;
      item.textContent = name;
      item.addEventListener("mousedown", function (event) {
        event.preventDefault();
        input.value = name;
        hide();
        input.form.submit();
      });
      list.appendChild(item);
    });
    list.hidden = names.length === 0;
  }
  input.addEventListener("input", function () {
    clearTimeout(timer);
    var prefix = input.value.trim();
    if (!prefix) { hide(); return; }
    timer = setTimeout(function () {
      fetch(input.dataset.suggest + "?q=" + encodeURIComponent(prefix))
        .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
        .then(function (data) { show(data.suggestions); })
        .catch(hide);
    }, 150);
  });
  input.addEventListener("keydown", function (event) { if (event.key === "Escape") hide(); });
  input.addEventListener("blur", function () { setTimeout(hide, 100); });
});
