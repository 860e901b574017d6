// The pages' one script: charts from the JSON each page writes beside its canvas (Chart.js, shipped with the app), and
// forms that submit themselves when a choice changes (data-autosubmit). No inline script anywhere (CSP: script-src 'self').
(function () {
  "use strict";
  function drawCharts(root) {
    if (!window.Chart) return;
    root.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      if (canvas.dataset.drawn) return;
      var source = document.getElementById(canvas.dataset.chart);
      if (!source) return;
      var spec = JSON.parse(source.textContent);
      var locale = document.documentElement.lang || "ru";
      var palette = ["#0b5cad", "#d9822b", "#1e7a34", "#b3261e", "#6b4fbb", "#0f8b8d"];
      var type = spec.kind === "bar" ? "bar" : "line";
      var chart = new Chart(canvas, {
        type: type,
        data: {
          labels: spec.labels,
          datasets: spec.series.map(function (s, i) {
            return {
              label: s.name, data: s.values, borderColor: palette[i % palette.length],
              backgroundColor: palette[i % palette.length] + (type === "bar" ? "cc" : "33"),
              // A step holds its value until the next change (a figure's history: the value after each event).
              stepped: spec.kind === "step" ? "after" : false, spanGaps: true, tension: 0, pointRadius: 3
            };
          })
        },
        options: {
          locale: locale, responsive: true, maintainAspectRatio: false, animation: false,
          indexAxis: type === "bar" && spec.labels.length > 12 ? "y" : "x",
          plugins: { legend: { display: spec.series.length > 1 }, title: { display: false } },
          scales: type === "bar" && spec.labels.length > 12
            ? { x: { beginAtZero: true, max: spec.max || undefined, title: { display: !!spec.valueLabel, text: spec.valueLabel } } }
            : { y: { beginAtZero: type === "bar", max: spec.max || undefined, title: { display: !!spec.valueLabel, text: spec.valueLabel } } }
        }
      });
      canvas.dataset.drawn = "1";
      canvas.chart = chart;
    });
  }
  function autosubmit(root) {
    root.querySelectorAll("[data-autosubmit]").forEach(function (el) {
      if (el.dataset.bound) return;
      el.dataset.bound = "1";
      el.addEventListener("change", function () { if (el.form) el.form.requestSubmit(); });
    });
  }
  // A choice that excludes others (a campaign, or a period and kind): choosing it empties the fields named in data-clears.
  function clears(root) {
    root.querySelectorAll("[data-clears]").forEach(function (el) {
      if (el.dataset.clearsBound) return;
      el.dataset.clearsBound = "1";
      el.addEventListener("change", function () {
        if (!el.value || !el.form) return;
        el.dataset.clears.split(" ").forEach(function (name) {
          var other = el.form.elements.namedItem(name);
          if (other) other.value = "";
        });
      });
    });
  }
  // GET forms with data-timezone send the browser's time zone (tz), in which their date-time pickers are read.
  function timezone(root) {
    root.querySelectorAll("form[data-timezone] input[name=tz]").forEach(function (input) {
      if (input.value) return;
      try { input.value = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) { /* UTC then */ }
    });
  }
  function printButtons(root) {
    root.querySelectorAll("[data-print]").forEach(function (el) {
      if (el.dataset.bound) return;
      el.dataset.bound = "1";
      el.addEventListener("click", function () { window.print(); });
    });
  }
  function init(root) { drawCharts(root); autosubmit(root); clears(root); timezone(root); printButtons(root); }
  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:afterSettle", function (e) { init(e.target); });
})();
