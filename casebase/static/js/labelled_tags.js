// The keyword box of a tag field (casebase/core/admin_widgets.py): Wagtail's tag-it builds the text
// box the user types into after the page loads, without a name. Point it at the field's label
// (<label id="<id>-label">) as soon as it appears.
(function () {
  function label(source) {
    var box = source.parentElement.querySelector(".tagit-new input");
    if (!box) return false;
    box.setAttribute("aria-labelledby", source.id + "-label");
    return true;
  }
  function watch(source) {
    if (label(source)) return;
    var observer = new MutationObserver(function () { if (label(source)) observer.disconnect(); });
    observer.observe(source.parentElement, { childList: true, subtree: true });
  }
  function start() { document.querySelectorAll("input[data-controller~='w-tag'][id]").forEach(watch); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
