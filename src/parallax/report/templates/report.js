
(function () {
  "use strict";
  var doc = document;
  doc.documentElement.classList.add("js");
  var spans = Array.prototype.slice.call(doc.querySelectorAll(".col-body .s[data-claim]"));
  var bodies = Array.prototype.slice.call(doc.querySelectorAll(".col-body"));
  var status = doc.getElementById("status");
  var byClaim = Object.create(null);
  var lit = [];
  var pinned = null;
  var hoverTimer = 0;
  var motion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches
    ? "auto" : "smooth";

  function claimsOf(el) {
    var all = el.getAttribute("data-claims");
    return all ? all.split(" ") : [el.getAttribute("data-claim")];
  }
  spans.forEach(function (el) {
    claimsOf(el).forEach(function (id) {
      (byClaim[id] = byClaim[id] || []).push(el);
    });
  });

  function clear() {
    lit.forEach(function (el) { el.classList.remove("hl", "active"); });
    lit = [];
    doc.body.classList.remove("focus");
    if (status) { status.textContent = ""; }
  }

  function light(el) {
    clear();
    var ids = claimsOf(el);
    ids.forEach(function (id) {
      (byClaim[id] || []).forEach(function (other) { other.classList.add("hl"); lit.push(other); });
    });
    el.classList.add("active");
    lit.push(el);
    doc.body.classList.toggle("focus", pinned === el);
    if (status) {
      var sources = bodies.filter(function (b) { return b.querySelector(".s.hl"); }).length;
      var relation = (el.className.match(/rel-(\w+)/) || ["", ""])[1];
      status.textContent = "Claim " + ids.join(", ") + " · " + relation + " · in " + sources +
        " of " + bodies.length + " articles" + (pinned ? " · Esc clears" : "");
    }
  }

  function scrollOthers(el) {
    var home = el.closest(".col-body");
    bodies.forEach(function (body) {
      if (body === home) { return; }
      var target = body.querySelector(".s.hl");
      if (!target) { return; }
      var top = target.getBoundingClientRect().top - body.getBoundingClientRect().top + body.scrollTop;
      body.scrollTo({ top: Math.max(0, top - body.clientHeight / 3), behavior: motion });
    });
  }

  function pin(el) {
    if (pinned === el) { pinned = null; clear(); return; }
    pinned = el;
    light(el);
    scrollOthers(el);
  }

  function unpin() { pinned = null; clear(); }

  function sentenceOf(event) {
    var el = event.target.closest ? event.target.closest(".col-body .s[data-claim]") : null;
    return el;
  }

  doc.addEventListener("click", function (event) {
    var el = sentenceOf(event);
    if (el) { pin(el); return; }
    var go = event.target.closest ? event.target.closest("[data-goto]") : null;
    if (go) {
      var first = (byClaim[go.getAttribute("data-goto")] || [])[0];
      if (!first) { return; }
      pinned = null;
      pin(first);
      first.closest(".col").scrollIntoView({ behavior: motion, block: "start", inline: "nearest" });
      var body = first.closest(".col-body");
      body.scrollTo({ top: Math.max(0, first.offsetTop - body.clientHeight / 3), behavior: motion });
      first.focus({ preventScroll: true });
    }
  });

  doc.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { unpin(); return; }
    var el = sentenceOf(event);
    if (el && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      pin(el);
    }
  });

  doc.addEventListener("mouseover", function (event) {
    var el = sentenceOf(event);
    if (!el || pinned) { return; }
    light(el);
    clearTimeout(hoverTimer);
    hoverTimer = setTimeout(function () { if (!pinned && el.classList.contains("active")) { scrollOthers(el); } }, 300);
  });

  doc.addEventListener("mouseout", function (event) {
    var el = sentenceOf(event);
    if (!el || pinned) { return; }
    var to = event.relatedTarget;
    if (to && el.contains(to)) { return; }
    clearTimeout(hoverTimer);
    clear();
  });

  doc.addEventListener("focusin", function (event) {
    var el = sentenceOf(event);
    if (el && !pinned) { light(el); scrollOthers(el); }
  });
})();
