// Draws the complaint analysis charts with ECharts from the JSON the page renders into #complaint-analysis-data.
// The tables beside each chart hold the same numbers, so nothing is lost without script.
(() => {
  const source = document.getElementById("complaint-analysis-data");
  if (!source || typeof echarts === "undefined") return;
  const data = JSON.parse(source.textContent);
  const css = getComputedStyle(document.documentElement);
  const color = (name) => css.getPropertyValue(name).trim();
  const font = css.fontFamily;
  const short = (text, length) => (text.length > length ? text.slice(0, length - 1) + "…" : text);

  function draw(name, rows, horizontal) {
    const element = document.querySelector(`[data-chart="${name}"]`);
    if (!element || rows.length === 0) return;
    // CSP forbids style attributes in markup, so the height is set here.
    element.style.height = horizontal ? `${Math.max(220, rows.length * 30 + 90)}px` : "320px";
    const chart = echarts.init(element, null, { renderer: "canvas" });
    const categories = { type: "category", data: rows.map((r) => r.label), inverse: horizontal, axisLabel: { formatter: (v) => short(v, 16) } };
    const values = { type: "value", minInterval: 1 };
    chart.setOption({
      textStyle: { fontFamily: font }, animation: false, tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      legend: { top: 0 },
      grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
      xAxis: horizontal ? values : categories,
      yAxis: horizontal ? categories : values,
      series: [
        { name: data.labels.complaints, type: "bar", stack: "all", color: color("--brand"), data: rows.map((r) => r.complaints) },
        { name: data.labels.reports, type: "bar", stack: "all", color: color("--warn"), data: rows.map((r) => r.reports) },
      ],
    });
    window.addEventListener("resize", () => chart.resize());
  }

  draw("field", data.field, true);
  draw("handler", data.handler, true);
  draw("business", data.business, true);
  draw("month", data.month, false);
})();
