/* Remembers the elder-friendly choices (大字版, 高对比度) between pages. The switches themselves are
   pure CSS (:has(:checked)); without JavaScript they work on the current page only. */
(function () {
  var keys = ["a11y-large", "a11y-contrast"];
  function apply(id, on) { document.documentElement.classList.toggle(id, on); }
  try {
    keys.forEach(function (id) { if (localStorage.getItem(id) === "1") apply(id, true); });
  } catch (e) { /* storage disabled */ }
  document.addEventListener("DOMContentLoaded", function () {
    keys.forEach(function (id) {
      var box = document.getElementById(id);
      if (!box) return;
      box.checked = document.documentElement.classList.contains(id);
      box.addEventListener("change", function () {
        apply(id, box.checked);
        try { localStorage.setItem(id, box.checked ? "1" : "0"); } catch (e) {}
      });
    });
  });
})();
