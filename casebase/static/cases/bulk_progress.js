// The progress of a bulk import job (templates/cases/bulk_job.html): asks the job's status every
// second, shows it, and reloads the page once the check or the import has ended.
(function () {
  "use strict";
  var section = document.querySelector("[data-bulk-progress]");
  if (!section) return;
  var bar = section.querySelector("[data-bulk-bar]");
  var text = section.querySelector("[data-bulk-text]");
  function poll() {
    fetch(section.getAttribute("data-bulk-progress"), { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (status) {
        if (!status.running) { window.location.reload(); return; }
        bar.value = status.percent;
        text.textContent = status.done + " / " + status.total + " 行　" + status.note;
        window.setTimeout(poll, 1000);
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  window.setTimeout(poll, 1000);
})();
