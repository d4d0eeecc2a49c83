// The search box's suggestions (/api/v1/suggest/: titles, laws, violation types) as an ARIA 1.2
// combobox with a listbox popup: focus stays in the text box, the option chosen with the arrow keys
// is named by aria-activedescendant, Enter takes it, Escape closes the list, and a polite live
// region says how many suggestions there are. Static file: the CSP allows no inline script.
document.querySelectorAll("input[data-suggest]").forEach(function (input) {
  var list = document.getElementById(input.getAttribute("aria-controls"));
  var status = document.getElementById(input.dataset.suggestStatus);
  var timer = null;
  var active = -1;

  function options() { return list.querySelectorAll("[role=option]"); }

  function setActive(index) {
    var items = options();
    items.forEach(function (item, i) { item.setAttribute("aria-selected", i === index ? "true" : "false"); });
    active = index;
    if (index < 0) {
      input.removeAttribute("aria-activedescendant");
    } else {
      input.setAttribute("aria-activedescendant", items[index].id);
      items[index].scrollIntoView({ block: "nearest" });
    }
  }

  function openList() {
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
  }

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    setActive(-1);
  }

  function choose(name) {
    input.value = name;
    close();
    input.form.submit();
  }

  function show(names) {
    list.innerHTML = "";
    names.forEach(function (name, i) {
      var item = document.createElement("li");
      item.id = list.id + "-" + i;
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", "false");
      item.textContent = name;
      // mousedown, not click: the text box must not lose focus (and close the list) first.
      item.addEventListener("mousedown", function (event) { event.preventDefault(); choose(name); });
      list.appendChild(item);
    });
    active = -1;
    input.removeAttribute("aria-activedescendant");
    list.hidden = names.length === 0;
    input.setAttribute("aria-expanded", names.length ? "true" : "false");
    status.textContent = names.length ? "有 " + names.length + " 条建议，按上下方向键选择，回车确认" : "没有建议";
  }

  function fetchSuggestions() {
    var prefix = input.value.trim();
    if (!prefix) { close(); list.innerHTML = ""; status.textContent = ""; return; }
    fetch(input.dataset.suggest + "?q=" + encodeURIComponent(prefix))
      .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
      .then(function (data) { if (input.value.trim() === prefix) show(data.suggestions); })
      .catch(close);
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(fetchSuggestions, 150);
  });

  input.addEventListener("keydown", function (event) {
    var count = options().length;
    var open = !list.hidden && count > 0;
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        if (!open) {
          if (!count) return;
          openList();
          if (event.altKey) return;  // Alt+Down opens the list without choosing
        }
        setActive((active + 1) % count);
        break;
      case "ArrowUp":
        event.preventDefault();
        if (!open) {
          if (!count) return;
          openList();
        }
        setActive(active <= 0 ? count - 1 : active - 1);
        break;
      case "Enter":
        if (open && active >= 0) {
          event.preventDefault();
          choose(options()[active].textContent);
        }
        break;
      case "Escape":
        if (open) {
          event.preventDefault();
          close();
        }
        break;
    }
  });

  input.addEventListener("blur", function () { setTimeout(close, 100); });
});
