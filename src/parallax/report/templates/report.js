(function () {
  "use strict";
  var doc = document;
  doc.documentElement.classList.add("js");
  // Linkable elements: sentences (linked by claim or contradiction) and quotes (by quote match).
  var LINKABLE = ".col-body .s[data-claim], .col-body .s[data-contra], .col-body q[data-quote]";
  var items = Array.prototype.slice.call(doc.querySelectorAll(LINKABLE));
  var bodies = Array.prototype.slice.call(doc.querySelectorAll(".col-body"));
  var status = doc.getElementById("status");
  var byKey = Object.create(null);
  var lit = [];
  var pinned = null;
  var hoverTimer = 0;
  var motion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches
    ? "auto" : "smooth";

  function words(el, name) {
    var value = el.getAttribute(name);
    return value ? value.split(" ") : [];
  }
  function isQuote(el) { return el.hasAttribute("data-quote"); }
  function claimIds(el) {
    var claims = words(el, "data-claims");
    return claims.length ? claims : words(el, "data-claim");
  }
  // The keys an element is found under: its claims and contradictions, or its own quote id.
  function ownKeys(el) {
    if (isQuote(el)) { return ["q:" + el.getAttribute("data-quote")]; }
    return claimIds(el).map(function (id) { return "c:" + id; })
      .concat(words(el, "data-contra").map(function (id) { return "x:" + id; }));
  }
  // The keys it lights: its own, and for a quote those of the quotes it is matched with.
  function linkKeys(el) {
    if (!isQuote(el)) { return ownKeys(el); }
    return ownKeys(el).concat(words(el, "data-matched").map(function (id) { return "q:" + id; }));
  }
  items.forEach(function (el) {
    ownKeys(el).forEach(function (key) { (byKey[key] = byKey[key] || []).push(el); });
  });

  function clear() {
    lit.forEach(function (el) { el.classList.remove("hl", "hl-x", "active"); });
    lit = [];
    doc.body.classList.remove("focus");
    if (status) { status.textContent = ""; }
  }

  function describe(el) {
    var sources = bodies.filter(function (b) { return b.querySelector(".hl"); }).length;
    var where = " · in " + sources + " of " + bodies.length + " articles" + (pinned ? " · Esc clears" : "");
    if (isQuote(el)) {
      var speaker = el.getAttribute("data-speaker");
      var relation = (el.className.match(/qrel-(\w+)/) || ["", ""])[1];
      return "Quote " + el.getAttribute("data-quote") + (speaker ? " by " + speaker : "") +
        " · " + relation + where;
    }
    var rel = (el.className.match(/rel-(\w+)/) || ["", ""])[1];
    var contra = words(el, "data-contra");
    var text = claimIds(el).length ? "Claim " + claimIds(el).join(", ") + " · " + rel : "No shared claim";
    return text + (contra.length ? " · ≠ contradiction " + contra.join(", ") : "") + where;
  }

  function light(el) {
    clear();
    linkKeys(el).forEach(function (key) {
      var contra = key.charAt(0) === "x";
      (byKey[key] || []).forEach(function (other) {
        other.classList.add("hl");
        if (contra) { other.classList.add("hl-x"); }
        lit.push(other);
      });
    });
    el.classList.add("active");
    lit.push(el);
    doc.body.classList.toggle("focus", pinned === el);
    if (status) { status.textContent = describe(el); }
  }

  function scrollOthers(el) {
    var home = el.closest(".col-body");
    bodies.forEach(function (body) {
      if (body === home) { return; }
      var target = body.querySelector(".hl");
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

  function itemOf(event) {
    return event.target.closest ? event.target.closest(LINKABLE) : null;
  }

  function goTo(first) {
    if (!first) { return; }
    pinned = null;
    pin(first);
    first.closest(".col").scrollIntoView({ behavior: motion, block: "start", inline: "nearest" });
    var body = first.closest(".col-body");
    body.scrollTo({ top: Math.max(0, first.offsetTop - body.clientHeight / 3), behavior: motion });
    if (first.hasAttribute("tabindex")) { first.focus({ preventScroll: true }); }
  }

  doc.addEventListener("click", function (event) {
    var el = itemOf(event);
    if (el) { pin(el); return; }
    var go = event.target.closest ? event.target.closest("[data-goto], [data-goto-quote], [data-goto-contra]") : null;
    if (go) {
      var claim = go.getAttribute("data-goto");
      var contra = go.getAttribute("data-goto-contra");
      var key = claim ? "c:" + claim : contra ? "x:" + contra : "q:" + go.getAttribute("data-goto-quote");
      goTo((byKey[key] || [])[0]);
    }
  });

  doc.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { unpin(); return; }
    var el = itemOf(event);
    if (el && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      pin(el);
    }
  });

  doc.addEventListener("mouseover", function (event) {
    var el = itemOf(event);
    if (!el || pinned) { return; }
    light(el);
    clearTimeout(hoverTimer);
    hoverTimer = setTimeout(function () { if (!pinned && el.classList.contains("active")) { scrollOthers(el); } }, 300);
  });

  doc.addEventListener("mouseout", function (event) {
    var el = itemOf(event);
    if (!el || pinned) { return; }
    var to = event.relatedTarget;
    if (to && el.contains(to)) { return; }
    clearTimeout(hoverTimer);
    clear();
  });

  doc.addEventListener("focusin", function (event) {
    var el = itemOf(event);
    if (el && !pinned) { light(el); scrollOthers(el); }
  });
})();
