// 抽样单 food category: the select lists every active category in tree order, indented by level, and works on its own;
// with JS a search box above it narrows the list to the categories whose full path (大类 › 亚类 …) contains the text,
// and picks the only match. No inline script: the CSP forbids it.
(function () {
  'use strict';
  var search = document.getElementById('category-search');
  if (!search) { return; }
  var select = document.getElementById(search.dataset.for);
  if (!select) { return; }
  search.hidden = false;
  search.addEventListener('input', function () {
    var q = search.value.trim().toLowerCase();
    var matches = [];
    Array.prototype.forEach.call(select.options, function (option) {
      if (!option.value) { return; }
      var path = (option.dataset.path || option.textContent).toLowerCase();
      var show = q === '' || path.indexOf(q) >= 0 || option.value.indexOf(q) === 0;
      option.hidden = !show && !option.selected;
      option.disabled = option.hidden;
      if (show) { matches.push(option); }
    });
    if (matches.length === 1) {
      select.value = matches[0].value;
    }
  });
}());
