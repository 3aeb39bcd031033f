// The weekly trend of villages by colour (Chart.js, served by the app). Data: #risk-trend.
(function () {
  "use strict";
  var COLOURS = { red: "#d32f2f", orange: "#f57c00", yellow: "#f9c74f", green: "#2e7d32" };

  function draw() {
    var source = document.getElementById("risk-trend");
    var canvas = document.getElementById("risk-trend-chart");
    if (!source || !canvas || typeof Chart === "undefined") {
      return;
    }
    var trend = JSON.parse(source.textContent);
    if (!trend.labels.length) {
      canvas.parentNode.style.display = "none";
      return;
    }
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: trend.labels,
        datasets: trend.series.map(function (s) {
          return { label: s.label, data: s.data, backgroundColor: COLOURS[s.colour], stack: "villages" };
        }),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
      },
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
