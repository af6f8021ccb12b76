/* Fabrique: small progressive enhancements. Every page works without this file. */
(function () {
  "use strict";

  document.documentElement.classList.add("js");

  /* Phones: the main menu folds behind a button; without JS it stays open. */
  function setUpMenu() {
    var toggle = document.querySelector(".nav-toggle");
    var menu = document.getElementById("site-menu");
    if (!toggle || !menu) {
      return;
    }
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") === "true";
      toggle.setAttribute("aria-expanded", open ? "false" : "true");
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
        toggle.setAttribute("aria-expanded", "false");
        toggle.focus();
      }
    });
  }

  /* Click-to-load videos: the platform is contacted only after the visitor asks. */
  function setUpVideos() {
    var boxes = document.querySelectorAll("[data-video-embed]");
    Array.prototype.forEach.call(boxes, function (box) {
      var button = box.querySelector(".video-consent__play");
      var src = box.getAttribute("data-video-embed");
      if (!button || !/^https:\/\/(www\.youtube-nocookie\.com\/embed\/|player\.vimeo\.com\/video\/)/.test(src)) {
        return;
      }
      button.hidden = false;
      button.addEventListener("click", function () {
        var frame = document.createElement("iframe");
        frame.src = src + (src.indexOf("?") === -1 ? "?" : "&") + "autoplay=1";
        frame.title = box.getAttribute("data-video-title") || "";
        frame.allow = "autoplay; fullscreen; picture-in-picture; encrypted-media";
        frame.referrerPolicy = "strict-origin-when-cross-origin";
        frame.className = "video-frame";
        var wrapper = document.createElement("div");
        wrapper.className = "video-player";
        wrapper.appendChild(frame);
        box.replaceWith(wrapper);
        frame.focus();
      });
    });
  }

  /* A form sent back with errors: focus its summary, so a screen reader reads it out
     (role="alert" alone is not announced when the page has just loaded) and a keyboard
     starts from the links to the fields. */
  function focusErrorSummary() {
    var summary = document.querySelector(".error-summary[tabindex]");
    if (summary) {
      summary.focus();
    }
  }

  function start() {
    setUpMenu();
    setUpVideos();
  }

  /* After load: the browser's own move to the URL's #fragment would take focus back. */
  window.addEventListener("load", focusErrorSummary);

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
