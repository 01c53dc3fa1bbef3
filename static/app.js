// Enhancements only: every page works without this file.
// 1. Selecting text in the reader fills the note form with W3C quote and position selectors.
// 2. A "copy link" button copies the URL of the current view; scrolling keeps the passage in view in the URL.
// 3. Clicking an actor marks it in every column without a page load.
// 4. Clicking disputed words marks every passage of their contradiction (?contradiction=ID).
(function () {
  "use strict";
  var CONTEXT = 32;

  function paragraphOf(node) {
    var el = node && (node.nodeType === 1 ? node : node.parentElement);
    return el ? el.closest(".reader .para:not(.kind-share) .ptext") : null;
  }

  // Character offset of (node, offset) within the paragraph text element.
  function offsetIn(container, node, offset) {
    var range = document.createRange();
    range.selectNodeContents(container);
    range.setEnd(node, offset);
    return range.toString().length;
  }
  window.readingRoom = {offsetIn: offsetIn};  // shared with selection.js

  function captureSelection() {
    var form = document.getElementById("note-form");
    var selection = window.getSelection();
    if (!form || !selection || selection.isCollapsed || selection.rangeCount === 0) return;
    var range = selection.getRangeAt(0);
    var text = paragraphOf(range.startContainer);
    if (!text || text !== paragraphOf(range.endContainer)) return; // one paragraph at a time
    var full = text.textContent;
    var start = offsetIn(text, range.startContainer, range.startOffset);
    var end = offsetIn(text, range.endContainer, range.endOffset);
    if (end <= start) return;
    var index = text.closest(".para").dataset.paragraph;
    form.elements.paragraph.value = index;
    form.elements.exact.value = full.slice(start, end);
    form.elements.start.value = start;
    form.elements.end.value = end;
    form.elements.prefix.value = full.slice(Math.max(0, start - CONTEXT), start);
    form.elements.suffix.value = full.slice(end, end + CONTEXT);
    var status = form.querySelector(".selection-status");
    if (status) status.textContent = "Quote taken from paragraph " + index + ". Write your note below.";
  }

  function clearPositionOnEdit() {
    var form = document.getElementById("note-form");
    if (!form) return;
    // A hand-edited quote no longer matches the captured offsets: let the server find it.
    form.elements.exact.addEventListener("input", function () {
      form.elements.start.value = "";
      form.elements.end.value = "";
    });
  }

  function copyLink() {
    var button = document.querySelector(".copy-link");
    if (!button) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      // The clipboard API exists only on HTTPS or localhost; elsewhere, offer the link to copy by hand.
      if (!navigator.clipboard) { window.prompt("Copy this link:", window.location.href); return; }
      navigator.clipboard.writeText(window.location.href).then(function () {
        button.textContent = "Link copied";
      });
    });
  }

  // After the reader scrolls, the URL names the paragraph at the top (#p-N), so a copied link
  // opens the same passage. Only on user scrolls: a #note-N the page was opened with is kept until then.
  function trackPassage() {
    var paras = document.querySelectorAll(".row[id], .aligned-row[id]");  // aligned compare: the first column's paragraph
    if (!paras.length) return;
    var timer = null;
    window.addEventListener("scroll", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        for (var i = 0; i < paras.length; i++) {
          if (paras[i].getBoundingClientRect().bottom > 80) {
            if (window.location.hash !== "#" + paras[i].id) window.history.replaceState(null, "", "#" + paras[i].id);
            return;
          }
        }
      }, 250);
    }, {passive: true});
  }

  // Opening a link to a folded furniture line unfolds it.
  function openTarget() {
    var target = window.location.hash && document.getElementById(window.location.hash.slice(1));
    var details = target && target.closest("details");
    if (details) details.open = true;
  }

  // Clicking or focusing an actor marks it in every column at once; the URL keeps ?actor=slug.
  function selectActor(slug) {
    document.querySelectorAll("a.actor.selected").forEach(function (el) {
      if (el.dataset.actor !== slug) el.classList.remove("selected");
    });
    document.querySelectorAll('a.actor[data-actor="' + CSS.escape(slug) + '"]').forEach(function (el) {
      el.classList.add("selected");
    });
    var url = new URL(window.location.href);
    url.searchParams.set("actor", slug);
    window.history.replaceState(null, "", url);
  }

  // Clicking disputed words (outside an actor link) marks all passages of that contradiction.
  function selectContradiction(id) {
    document.querySelectorAll(".contra.selected, .contra-marker.selected").forEach(function (el) { el.classList.remove("selected"); });
    document.querySelectorAll(".contra[data-contradictions]").forEach(function (el) {
      if (el.dataset.contradictions.split(" ").indexOf(id) >= 0) el.classList.add("selected");
    });
    document.querySelectorAll('.contra-marker[data-contradiction="' + CSS.escape(id) + '"]').forEach(function (el) {
      el.classList.add("selected");
    });
    var url = new URL(window.location.href);
    url.searchParams.set("contradiction", id);
    window.history.replaceState(null, "", url);
  }

  document.addEventListener("click", function (event) {
    var disputed = event.target.closest && event.target.closest(".contra[data-contradictions]");
    var selection = window.getSelection();
    if (disputed && !event.target.closest("a") && (!selection || selection.isCollapsed)) {
      selectContradiction(disputed.dataset.contradictions.split(" ")[0]);
      return;
    }
    var link = event.target.closest && event.target.closest("a.actor[data-actor]");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    selectActor(link.dataset.actor);
  });
  document.addEventListener("focusin", function (event) {
    if (event.target.matches && event.target.matches("a.actor[data-actor]")) selectActor(event.target.dataset.actor);
  });
  document.addEventListener("mouseup", captureSelection);
  document.addEventListener("keyup", function (event) { if (event.shiftKey) captureSelection(); });
  // A long article comes in pages of paragraphs: a link to #p-N on another page opens that page.
  function reachParagraph() {
    var nav = document.querySelector("nav.paragraph-pages[data-page]");
    var m = /^#p-(\d+)$/.exec(window.location.hash);
    if (!nav || !m || document.getElementById("p-" + m[1])) return;
    var size = parseInt(nav.dataset.page, 10), n = parseInt(m[1], 10);
    var url = new URL(window.location.href);
    url.searchParams.set("from", String(Math.floor(n / size) * size));
    window.location.replace(url.toString());
  }

  document.addEventListener("DOMContentLoaded", function () { reachParagraph(); clearPositionOnEdit(); copyLink(); openTarget(); trackPassage(); });
  window.addEventListener("hashchange", function () { reachParagraph(); openTarget(); });
})();
