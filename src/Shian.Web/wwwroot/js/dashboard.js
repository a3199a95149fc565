// Draws the plan dashboard's charts with ECharts from the JSON the page renders into #dashboard-data.
// The tables beneath each chart hold the same numbers, so nothing is lost without script.
(() => {
  const source = document.getElementById("dashboard-data");
  if (!source || typeof echarts === "undefined") return;
  const data = JSON.parse(source.textContent);
  const labels = data.labels;

  const css = getComputedStyle(document.documentElement);
  const color = (name) => css.getPropertyValue(name).trim();
  const palette = { ok: color("--ok"), warn: color("--warn"), bad: color("--bad"), none: color("--draft"), brand: color("--brand"), line: color("--line") };
  const progressColor = { Completed: palette.ok, InProgress: palette.brand, NotStarted: palette.none, Blocked: palette.bad };
  const statusColor = { Met: palette.ok, AtRisk: palette.warn, Missed: palette.bad, NoData: palette.none };
  const font = css.fontFamily;

  const short = (text, length) => (text.length > length ? text.slice(0, length - 1) + "…" : text);

  // Horizontal bars need room per row; CSP forbids style attributes in markup, so the height is set here.
  function draw(name, rows, option) {
    const element = document.querySelector(`[data-chart="${name}"]`);
    if (!element) return;
    element.style.height = `${Math.max(220, rows * 30 + 90)}px`;
    const chart = echarts.init(element, null, { renderer: "canvas" });
    chart.setOption({ textStyle: { fontFamily: font }, animation: false, tooltip: { trigger: "axis", axisPointer: { type: "shadow" } }, ...option });
    window.addEventListener("resize", () => chart.resize());
  }

  const categories = (names) => ({ type: "category", data: names, inverse: true, axisLabel: { formatter: (v) => short(v, 18) } });

  draw("tasks", data.tasks.length, {
    legend: { top: 0, data: [labels.percentDone, labels.remaining] },
    grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: "value", max: 100, axisLabel: { formatter: "{value}%" } },
    yAxis: categories(data.tasks.map((t) => `${t.number}. ${t.title}`)),
    series: [
      {
        name: labels.percentDone, type: "bar", stack: "progress", color: palette.brand,
        data: data.tasks.map((t) => ({ value: t.percentDone, itemStyle: { color: progressColor[t.progress] ?? palette.none } })),
        label: {
          show: true, position: "insideLeft", color: "#fff",
          formatter: (p) => (data.tasks[p.dataIndex].progress ? `${p.value}% ${data.progress[data.tasks[p.dataIndex].progress]}` : ""),
        },
      },
      { name: labels.remaining, type: "bar", stack: "progress", color: palette.line, data: data.tasks.map((t) => 100 - t.percentDone) },
    ],
  });

  draw("units", data.units.length * 2, {
    legend: { top: 0 },
    grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: "value", minInterval: 1 },
    yAxis: categories(data.units.map((u) => u.unit)),
    series: [
      { name: labels.tasksOwned, type: "bar", color: palette.brand, data: data.units.map((u) => u.tasksOwned) },
      { name: labels.reportsFiled, type: "bar", color: palette.none, data: data.units.map((u) => u.reportsFiled) },
      { name: labels.reportsAccepted, type: "bar", color: palette.ok, data: data.units.map((u) => u.reportsAccepted) },
      { name: labels.reportsOverdue, type: "bar", color: palette.bad, data: data.units.map((u) => u.reportsOverdue) },
    ],
  });

  // Targets have different units (家, %, 批次/千人); each bar pair is read against its own label, not across rows.
  draw("indicators", data.indicators.length * 1.5, {
    legend: { top: 0, data: [labels.target, labels.actual] },
    tooltip: {
      trigger: "axis", axisPointer: { type: "shadow" },
      formatter: (points) => {
        const i = data.indicators[points[0].dataIndex];
        const actual = i.actual === null ? labels.noValue : `${i.actual}${i.unit}`;
        return `${echarts.format.encodeHTML(i.subject)}<br>${labels.target}: ${echarts.format.encodeHTML(i.target)}<br>${labels.actual}: ${echarts.format.encodeHTML(actual)} · ${data.status[i.status]}`;
      },
    },
    grid: { left: 8, right: 72, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: "value" },
    yAxis: categories(data.indicators.map((i) => `${i.task}. ${i.subject}`)),
    series: [
      { name: labels.target, type: "bar", color: palette.line, data: data.indicators.map((i) => i.targetValue) },
      {
        name: labels.actual, type: "bar", color: palette.ok,
        data: data.indicators.map((i) => ({ value: i.actual ?? 0, itemStyle: { color: statusColor[i.status] } })),
        label: {
          show: true, position: "right",
          formatter: (p) => {
            const i = data.indicators[p.dataIndex];
            return i.actual === null ? labels.noValue : `${i.actual}${i.unit} ${data.status[i.status]}`;
          },
        },
      },
    ],
  });

  draw("overdue", data.overdue.length, {
    grid: { left: 8, right: 24, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: "value", minInterval: 1 },
    yAxis: categories(data.overdue.map((u) => u.unit)),
    series: [{ name: labels.reportsOverdue, type: "bar", color: palette.bad, data: data.overdue.map((u) => u.reportsOverdue), label: { show: true, position: "right" } }],
  });
})();
