// Enhancement only: selecting text in the reader or a compare column shows a small action bar next
// to the selection. "Note" opens the note form right there, filled in; "Contradiction…" keeps the
// passage and asks for the other one (in another column or article), then opens the creation
// form with both. Without JavaScript the forms below the article and on /contradictions/new do the same.
(function () {
  "use strict";
  var CONTEXT = 32;
  var KEY = "readingroom-contradiction-passage";  // survives moving to another article in this tab
  var bar = null;

  function textOf(node) {
    var el = node && (node.nodeType === 1 ? node : node.parentElement);
    return el ? el.closest(".para:not(.kind-share) .ptext") : null;
  }

  var offsetIn = window.readingRoom.offsetIn;  // app.js, loaded first

  // The selected passage when it lies in one paragraph: article, paragraph, quote and its context.
  function selectedPassage() {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed || !selection.rangeCount) return null;
    var range = selection.getRangeAt(0);
    var text = textOf(range.startContainer);
    if (!text || text !== textOf(range.endContainer)) return null;
    var full = text.textContent;
    var start = offsetIn(text, range.startContainer, range.startOffset);
    var end = offsetIn(text, range.endContainer, range.endOffset);
    var holder = text.closest("[data-slug]");
    if (end <= start || !holder || !full.slice(start, end).trim()) return null;
    return {
      slug: holder.dataset.slug, paragraph: text.closest(".para").dataset.paragraph, exact: full.slice(start, end),
      start: start, end: end, prefix: full.slice(Math.max(0, start - CONTEXT), start), suffix: full.slice(end, end + CONTEXT),
      title: (document.querySelector('[data-slug="' + CSS.escape(holder.dataset.slug) + '"] h2, .reader h1') || {}).textContent || "",
      element: text, rect: range.getBoundingClientRect()
    };
  }

  function pending() {
    try { return JSON.parse(window.sessionStorage.getItem(KEY) || "null"); } catch (e) { return null; }
  }

  function hideBar() {
    if (bar) { bar.remove(); bar = null; }
  }

  function button(label, action) {
    var b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    b.addEventListener("mousedown", function (event) { event.preventDefault(); });  // keep the selection
    b.addEventListener("click", action);
    return b;
  }

  function showBar(passage) {
    hideBar();
    bar = document.createElement("div");
    bar.className = "selection-actions";
    bar.setAttribute("role", "toolbar");
    bar.setAttribute("aria-label", "Selected text");
    if (canWriteNotes()) bar.appendChild(button("Note", function () { hideBar(); openNote(passage); }));
    var first = pending();
    if (first && !(first.slug === passage.slug && first.paragraph === passage.paragraph && first.start === passage.start)) {
      bar.appendChild(button("Contradiction with the kept passage", function () { hideBar(); createContradiction(first, passage); }));
    } else {
      bar.appendChild(button("Contradiction…", function () { hideBar(); keepPassage(passage); }));
    }
    document.body.appendChild(bar);
    var width = bar.offsetWidth;
    var left = Math.min(Math.max(4, passage.rect.left), document.documentElement.clientWidth - width - 4);
    bar.style.top = (window.scrollY + passage.rect.bottom + 6) + "px";
    bar.style.left = (window.scrollX + left) + "px";
  }

  function canWriteNotes() {
    return !!(document.getElementById("note-form") || document.getElementById("note-form-template"));
  }

  function fill(form, passage) {
    var fields = {paragraph: passage.paragraph, exact: passage.exact, start: passage.start, end: passage.end,
                  prefix: passage.prefix, suffix: passage.suffix};
    Object.keys(fields).forEach(function (name) { if (form.elements[name]) form.elements[name].value = fields[name]; });
  }

  // The note form, filled in, placed right under the paragraph (the reader's own form is moved
  // there; in compare a copy is made for that column's article), then focused without a jump.
  function openNote(passage) {
    var row = passage.element.closest(".row, .cell");
    var section = document.getElementById("add-note");
    if (!section) {
      var template = document.getElementById("note-form-template");
      document.querySelectorAll(".floating-note").forEach(function (old) { old.remove(); });
      section = template.content.firstElementChild.cloneNode(true);
      var form = section.querySelector("form");
      form.action = "/articles/" + encodeURIComponent(passage.slug) + "/annotations";
      form.elements.next.value = window.location.pathname + window.location.search + "#" + row.id;
      section.querySelector(".cancel").addEventListener("click", function () { section.remove(); });
    }
    row.after(section);
    section.classList.add("beside-passage");
    var note = section.querySelector("form");
    fill(note, passage);
    var status = section.querySelector(".selection-status");
    if (status) status.textContent = "Quote taken from paragraph " + passage.paragraph + ".";
    var box = note.elements.body;
    box.focus({preventScroll: true});
    var bottom = section.getBoundingClientRect().bottom;
    if (bottom > window.innerHeight) window.scrollBy(0, Math.min(bottom - window.innerHeight + 8, section.getBoundingClientRect().top - 8));
  }

  function keepPassage(passage) {
    var kept = {slug: passage.slug, paragraph: passage.paragraph, exact: passage.exact, start: passage.start, title: passage.title.trim()};
    window.sessionStorage.setItem(KEY, JSON.stringify(kept));
    showKept();
  }

  function createContradiction(a, b) {
    window.sessionStorage.removeItem(KEY);
    var query = new URLSearchParams({article_a: a.slug, paragraph_a: a.paragraph, exact_a: a.exact,
                                     article_b: b.slug, paragraph_b: b.paragraph, exact_b: b.exact});
    window.location.href = "/contradictions/new?" + query.toString();
  }

  // While a passage is kept, a banner says so and how to go on (or give up).
  function showKept() {
    var old = document.querySelector(".kept-passage");
    if (old) old.remove();
    var kept = pending();
    if (!kept || !document.querySelector(".ptext")) return;
    var banner = document.createElement("div");
    banner.className = "kept-passage";
    banner.setAttribute("role", "status");
    banner.textContent = "Kept for a contradiction: “" + kept.exact.slice(0, 80) + (kept.exact.length > 80 ? "…" : "") +
      "” (¶" + kept.paragraph + "). Select the other passage, in another column or article. ";
    banner.appendChild(button("Forget it", function () { window.sessionStorage.removeItem(KEY); banner.remove(); }));
    document.body.appendChild(banner);
  }

  function onSelectionEnd(event) {
    if (bar && event && bar.contains(event.target)) return;
    window.setTimeout(function () {  // after the browser has settled the selection
      var passage = selectedPassage();
      if (passage) showBar(passage); else hideBar();
    }, 0);
  }

  document.addEventListener("mouseup", onSelectionEnd);
  document.addEventListener("keyup", function (event) { if (event.shiftKey || event.key === "Shift") onSelectionEnd(event); });
  document.addEventListener("keydown", function (event) { if (event.key === "Escape") hideBar(); });
  // A drag that starts on an actor name selects text: browsers would drag the link instead, so
  // the selection is drawn here from the caret under the mouse; the click that ends such a
  // selection does not follow the link. A click without a drag still does.
  function caretAt(x, y) {
    if (document.caretRangeFromPoint) return document.caretRangeFromPoint(x, y);
    var position = document.caretPositionFromPoint && document.caretPositionFromPoint(x, y);
    if (!position) return null;
    var range = document.createRange();
    range.setStart(position.offsetNode, position.offset);
    return range;
  }

  document.addEventListener("mousedown", function (down) {
    var link = down.button === 0 && !down.ctrlKey && !down.metaKey && !down.shiftKey && down.target.closest && down.target.closest(".ptext a");
    var start = link && caretAt(down.clientX, down.clientY);
    if (!start) return;
    down.preventDefault();
    var dragged = false;
    function move(event) {
      if (!dragged && Math.abs(event.clientX - down.clientX) + Math.abs(event.clientY - down.clientY) < 4) return;
      dragged = true;
      var end = caretAt(event.clientX, event.clientY);
      if (end) window.getSelection().setBaseAndExtent(start.startContainer, start.startOffset, end.startContainer, end.startOffset);
    }
    function up() {
      document.removeEventListener("mousemove", move);
      document.removeEventListener("mouseup", up, true);
      if (!dragged) window.getSelection().removeAllRanges();
    }
    document.addEventListener("mousemove", move);
    document.addEventListener("mouseup", up, true);
  });

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".ptext a");
    var selection = window.getSelection();
    if (link && selection && !selection.isCollapsed && link.closest(".ptext").contains(selection.anchorNode)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);
  document.addEventListener("DOMContentLoaded", showKept);
})();
