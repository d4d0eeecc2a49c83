// On a case's edit page, loads the 裁量参考 panel under the fine field (罚款金额).
(function () {
  var template = document.currentScript.dataset.discretionUrl;
  function load() {
    var match = window.location.pathname.match(/\/pages\/(\d+)\/edit\//);
    var field = document.getElementById("id_fine_yuan");
    if (!match || !field) return;
    fetch(template.replace("{id}", match[1]), {credentials: "same-origin"}).then(function (r) { return r.ok ? r.text() : ""; }).then(function (html) {
      if (!html) return;
      var panel = document.createElement("div");
      panel.className = "help-block casebase-discretion";
      panel.innerHTML = html;
      (field.closest("[data-field-wrapper]") || field.parentNode).appendChild(panel);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", load); else load();
})();
