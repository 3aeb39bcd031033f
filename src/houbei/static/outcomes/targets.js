// Before / projected / after of the round's targets (Chart.js, served by the app).
// Data: #targets-chart-data.
(function () {
  "use strict";
  var COLOURS = ["#1565c0", "#f57c00", "#2e7d32", "#8e24aa", "#00838f"];

  function bar(canvas, labels, datasets, suffix) {
    new Chart(canvas, {
      type: "bar",
      data: { labels: labels, datasets: datasets },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { y: { beginAtZero: true, ticks: { callback: function (v) { return v + suffix; } } } },
      },
    });
  }

  function draw() {
    var source = document.getElementById("targets-chart-data");
    var age = document.getElementById("targets-age-chart");
    var shares = document.getElementById("targets-share-chart");
    if (!source || !age || !shares || typeof Chart === "undefined") {
      return;
    }
    var data = JSON.parse(source.textContent);
    bar(age, data.columns, [{ label: data.age.label, data: data.age.values, backgroundColor: COLOURS[0] }], "岁");
    bar(
      shares,
      data.columns,
      data.shares.map(function (s, i) {
        return { label: s.label, data: s.values, backgroundColor: COLOURS[(i + 1) % COLOURS.length] };
      }),
      "%"
    );
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
