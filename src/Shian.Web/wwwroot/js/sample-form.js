// 抽样单: suggests businesses from the registry while the sampler types a name or credit code (the server decides on
// submit; this only fills the list). No inline script: the CSP forbids it.
(function () {
  'use strict';
  var input = document.querySelector('input[data-lookup]');
  var list = document.getElementById('business-options');
  if (!input || !list) { return; }
  var timer = null;
  var last = '';
  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var q = input.value.trim();
      if (q.length < 2 || q === last) { return; }
      last = q;
      fetch(input.dataset.lookup + '&q=' + encodeURIComponent(q), { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (rows) {
          list.replaceChildren();
          rows.forEach(function (b) {
            var option = document.createElement('option');
            option.value = b.creditCode || b.name;
            option.label = b.name + (b.address ? ' · ' + b.address : '');
            list.appendChild(option);
          });
        })
        .catch(function () { /* offline on site: the sampler types the full name */ });
    }, 250);
  });
}());
