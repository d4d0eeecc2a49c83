/* Case editor: the city list follows the province, the county list follows the city.
   Each dependent <select data-region-parent="id_…" data-region-level="2|3" data-region-url="…">
   is refilled from the JSON endpoint when the field it depends on changes. */
(function () {
  "use strict";

  function refill(select, parentId) {
    var keep = select.value;
    var url = select.dataset.regionUrl + "?parent=" + encodeURIComponent(parentId) + "&level=" + select.dataset.regionLevel;
    var request = parentId ? fetch(url, { credentials: "same-origin" }).then(function (r) { return r.ok ? r.json() : { children: [] }; })
                           : Promise.resolve({ children: [] });
    return request.then(function (data) {
      var blank = select.querySelector('option[value=""]');
      select.innerHTML = "";
      select.appendChild(blank || new Option("---------", ""));
      data.children.forEach(function (division) {
        select.appendChild(new Option(division.name, division.id, false, String(division.id) === keep));
      });
      select.dispatchEvent(new Event("change", { bubbles: true }));
    });
  }

  function connect(select) {
    var parent = document.getElementById(select.dataset.regionParent);
    if (!parent || select.dataset.regionConnected) return;
    select.dataset.regionConnected = "1";
    parent.addEventListener("change", function () { refill(select, parent.value); });
  }

  function connectAll() {
    document.querySelectorAll("select[data-region-parent]").forEach(connect);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", connectAll);
  } else {
    connectAll();
  }
})();
