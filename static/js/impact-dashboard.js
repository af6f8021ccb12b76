/* Charts of the staff figures pages (attendance and impact, donation totals), drawn
   with the vendored Chart.js from the figures the page carries in its "chart-data"
   block (Django's json_script). Each <canvas data-chart="name"> gets the chart of that
   name; the tables on the page keep the same figures as text. Colours follow the
   admin's light or dark theme through the text colour of the page. */
(function () {
  "use strict";

  // Okabe–Ito: told apart with the common colour-vision deficiencies, on light and dark.
  var PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00"];

  function translucent(colour, alpha) {
    var parts = colour.match(/\d+(\.\d+)?/g);
    if (!parts || parts.length < 3) {
      return colour;
    }
    return "rgba(" + parts.slice(0, 3).join(", ") + ", " + alpha + ")";
  }

  function formatter(spec, language) {
    if (spec.money) {
      var euros = new Intl.NumberFormat(language, {
        style: "currency",
        currency: "EUR",
        minimumFractionDigits: 0,
      });
      return function (value) { return euros.format(value); };
    }
    if (spec.percent) {
      var rate = new Intl.NumberFormat(language, { style: "percent", maximumFractionDigits: 1 });
      return function (value) { return rate.format(value / 100); };
    }
    var count = new Intl.NumberFormat(language);
    return function (value) { return count.format(value); };
  }

  function draw(canvas, spec, theme) {
    var format = formatter(spec, theme.language);
    var line = spec.type === "line";
    var datasets = spec.datasets.map(function (dataset, index) {
      var colour = PALETTE[index % PALETTE.length];
      return {
        label: dataset.label,
        data: dataset.data,
        backgroundColor: colour,
        borderColor: colour,
        borderWidth: line ? 2 : 0,
        pointRadius: line ? 4 : 0,
        spanGaps: false,
      };
    });
    var valueAxis = {
      beginAtZero: true,
      stacked: Boolean(spec.stacked),
      grid: { color: theme.grid },
      ticks: { callback: format, precision: spec.money || spec.percent ? undefined : 0 },
    };
    if (spec.percent) {
      valueAxis.max = 100;
    }
    return new window.Chart(canvas, {
      type: spec.type,
      data: { labels: spec.labels, datasets: datasets },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        locale: theme.language,
        animation: theme.still ? false : undefined,
        scales: {
          x: { stacked: Boolean(spec.stacked), grid: { display: false } },
          y: valueAxis,
        },
        plugins: {
          legend: { display: datasets.length > 1, position: "bottom" },
          tooltip: {
            callbacks: {
              label: function (item) {
                return item.dataset.label + theme.colon + format(item.parsed.y);
              },
            },
          },
        },
      },
    });
  }

  function drawAll() {
    var block = document.getElementById("chart-data");
    if (!block || !window.Chart) {
      return;
    }
    var charts = JSON.parse(block.textContent);
    var page = window.getComputedStyle(document.body);
    var theme = {
      language: document.documentElement.lang || "fr",
      colon: /^fr/.test(document.documentElement.lang) ? "\u00a0: " : ": ",
      grid: translucent(page.color, 0.15),
      still: window.matchMedia("(prefers-reduced-motion: reduce)").matches,
    };
    window.Chart.defaults.color = page.color;
    window.Chart.defaults.borderColor = theme.grid;
    window.Chart.defaults.font.family = page.fontFamily;
    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      var spec = charts[canvas.dataset.chart];
      if (spec) {
        draw(canvas, spec, theme);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
