// The cross-agency chart of the dataset page: the reader picks a measure and a year, and every body
// with a report for that year is drawn side by side, from the rows of agency_comparison embedded in
// the page (#compare-data). No network, no library; text is set as text, never as markup.
(function () {
  "use strict";
  var source = document.getElementById("compare-data");
  var chart = document.getElementById("compare-chart");
  var measure = document.getElementById("compare-measure");
  var year = document.getElementById("compare-year");
  if (!source || !chart || !measure || !year) return;
  var data = JSON.parse(source.textContent);

  function option(select, value, text) {
    var item = document.createElement("option");
    item.value = String(value);
    item.textContent = text;
    select.appendChild(item);
  }
  data.measures.forEach(function (m) { option(measure, m.column, m.label_zh + " " + m.label_en); });
  data.years.slice().reverse().forEach(function (y) { option(year, y, String(y)); });
  // The year first shown: the one with the most bodies, the latest of those.
  var counts = {};
  data.rows.forEach(function (r) { counts[r.year] = (counts[r.year] || 0) + 1; });
  year.value = String(data.years.reduce(function (best, y) { return counts[y] >= counts[best] ? y : best; }));

  function shown(value, kind) {
    if (value === null) return "未公布 not published";
    if (kind === "share") return (100 * value).toFixed(2) + "%";
    if (kind === "rate") return value.toFixed(2);
    return value.toLocaleString("en-US");
  }

  function draw() {
    var column = measure.value;
    var picked = data.measures.filter(function (m) { return m.column === column; })[0];
    var rows = data.rows.filter(function (r) { return String(r.year) === year.value; });
    rows.sort(function (a, b) {
      var x = a[column], y = b[column];
      if (x === null || y === null) return (x === null) - (y === null);
      return y - x || (a.agency < b.agency ? -1 : 1);
    });
    var top = Math.max.apply(null, rows.map(function (r) { return r[column] || 0; }).concat([0]));
    chart.textContent = "";
    rows.forEach(function (r) {
      var line = document.createElement("div");
      line.className = "bar-row";
      line.dataset.agency = r.agency;
      line.dataset.value = r[column] === null ? "" : String(r[column]);
      var name = document.createElement("span");
      name.className = "bar-name";
      name.textContent = r.name_zh + " (" + r.level + ")";
      var track = document.createElement("span");
      track.className = "bar-track";
      var bar = document.createElement("span");
      bar.className = "bar";
      bar.style.width = (r[column] === null || top <= 0 ? 0 : (100 * r[column]) / top) + "%";
      track.appendChild(bar);
      var figure = document.createElement("span");
      figure.className = "bar-value";
      figure.textContent = shown(r[column], picked.kind);
      line.appendChild(name);
      line.appendChild(track);
      line.appendChild(figure);
      chart.appendChild(line);
    });
    document.getElementById("compare-empty").hidden = rows.length > 0;
  }
  measure.addEventListener("change", draw);
  year.addEventListener("change", draw);
  draw();
})();
