// The compare form, enhanced: add article boxes in place, say that a comparison is running.
// Without this script the form works the same, through the server.
(function () {
  "use strict";
  var form = document.querySelector("form.compare-form");
  if (!form) { return; }
  var slots = form.querySelector(".slots");
  var add = form.querySelector("button[name=add]");
  var status = form.querySelector(".status");
  var max = parseInt(form.getAttribute("data-max"), 10) || 2;

  function count() { return slots.querySelectorAll(".slot").length; }

  function numbered(slot, n) {
    slot.querySelector("legend").textContent = "Article " + n;
    slot.querySelectorAll("[id]").forEach(function (el) {
      el.id = el.id.replace(/\d+$/, String(n));
    });
    slot.querySelectorAll("label[for]").forEach(function (el) {
      el.htmlFor = el.htmlFor.replace(/\d+$/, String(n));
    });
    slot.querySelectorAll("input, textarea").forEach(function (el) { el.value = ""; });
    return slot;
  }

  if (add) {
    add.addEventListener("click", function (event) {
      event.preventDefault();
      var slot = numbered(slots.lastElementChild.cloneNode(true), count() + 1);
      slots.appendChild(slot);
      slot.querySelector("textarea").focus();
      add.hidden = count() >= max;
    });
  }

  form.addEventListener("submit", function (event) {
    if (event.submitter && event.submitter.name === "add") { return; }
    var button = form.querySelector("button.primary");
    if (status) { status.textContent = "Comparing… this takes a few seconds per article."; }
    // Disabled after the submission has been built, so the click still counts once.
    setTimeout(function () { button.disabled = true; }, 0);
  });

  // Coming back with the browser's Back button shows the page as it was left: usable again.
  window.addEventListener("pageshow", function () {
    form.querySelector("button.primary").disabled = false;
    if (status) { status.textContent = ""; }
  });
})();
