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

  /* Places left: the page (maybe from the page cache) says how many there were when it
     was sent; /places/ says how many there are now, when the page comes back into view.
     Only the figure changes here: when a date fills up, the page's words change and the
     server builds it again. */
  function setUpPlaces() {
    var figures = document.querySelectorAll("[data-places-session]");
    if (!figures.length || !window.fetch) {
      return;
    }
    var ids = Array.prototype.map.call(figures, function (figure) {
      return figure.getAttribute("data-places-session");
    });
    function refresh() {
      fetch("/places/" + ids.join(",") + "/", { headers: { Accept: "application/json" } })
        .then(function (response) {
          return response.ok ? response.json() : null;
        })
        .then(function (data) {
          Array.prototype.forEach.call(figures, function (figure) {
            var left = data && data.places[figure.getAttribute("data-places-session")];
            if (left > 0) {
              figure.textContent = figure.getAttribute("data-places-label").replace("{n}", left);
            }
          });
        })
        .catch(function () {});
    }
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "visible") {
        refresh();
      }
    });
    window.addEventListener("pageshow", function (event) {
      if (event.persisted) {
        refresh();
      }
    });
  }

  function start() {
    setUpMenu();
    setUpVideos();
    setUpPlaces();
  }

  /* After load: the browser's own move to the URL's #fragment would take focus back. */
  window.addEventListener("load", focusErrorSummary);

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
