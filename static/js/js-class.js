/* Loaded in <head> without defer: marks the page as scripted before its first paint,
   so the phone menu is folded from the start instead of folding under the reader's
   eyes when site.js runs (a layout shift). */
document.documentElement.classList.add("js");
