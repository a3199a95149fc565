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

// The sampled business signs on the sampler's screen; the drawing goes with the form as a PNG. Optional: the checkbox
// and the signer's name are the record when the phone has no touch screen.
(function () {
  'use strict';
  var pad = document.getElementById('signature-pad');
  if (!pad) { return; }
  var target = document.getElementById(pad.dataset.target);
  var ctx = pad.getContext('2d');
  var drawing = false;
  var drawn = false;
  ctx.lineWidth = 3;
  ctx.lineCap = 'round';
  ctx.strokeStyle = '#000';
  function point(e) {
    var r = pad.getBoundingClientRect();
    return { x: (e.clientX - r.left) * pad.width / r.width, y: (e.clientY - r.top) * pad.height / r.height };
  }
  pad.addEventListener('pointerdown', function (e) {
    drawing = true;
    pad.setPointerCapture(e.pointerId);
    var p = point(e);
    ctx.beginPath();
    ctx.moveTo(p.x, p.y);
  });
  pad.addEventListener('pointermove', function (e) {
    if (!drawing) { return; }
    var p = point(e);
    ctx.lineTo(p.x, p.y);
    ctx.stroke();
    drawn = true;
  });
  function end() {
    if (drawing && drawn && target) { target.value = pad.toDataURL('image/png'); }
    drawing = false;
  }
  pad.addEventListener('pointerup', end);
  pad.addEventListener('pointercancel', end);
  var clear = document.getElementById('signature-clear');
  if (clear) {
    clear.addEventListener('click', function () {
      ctx.clearRect(0, 0, pad.width, pad.height);
      drawn = false;
      if (target) { target.value = ''; }
    });
  }
}());
