// 投诉举报 form: as the business name is typed, the register's active businesses that match (name, address or credit
// code) are offered below it; picking one fills the name and address and links the complaint to the register. Without
// JS the submitter describes the business, which the intake matches by credit code if one is given. No inline script:
// the CSP forbids it.
(function () {
  'use strict';
  var name = document.querySelector('[data-business-search]');
  if (!name) { return; }
  var list = document.querySelector('[data-business-matches]');
  var id = document.getElementById('Input_BusinessId');
  var address = document.getElementById('Input_Address');
  var timer = null;
  var asked = '';
  function clear() { list.innerHTML = ''; list.hidden = true; }
  function show(matches) {
    clear();
    matches.forEach(function (m) {
      var item = document.createElement('li');
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'btn secondary';
      button.textContent = m.name + ' · ' + m.address + ' · ' + m.township;
      button.addEventListener('click', function () {
        name.value = m.name;
        address.value = m.address;
        id.value = m.id;
        clear();
      });
      item.appendChild(button);
      list.appendChild(item);
    });
    list.hidden = matches.length === 0;
  }
  name.addEventListener('input', function () {
    id.value = ''; // typed again: no longer the picked business
    clearTimeout(timer);
    var q = name.value.trim();
    if (q.length < 2) { clear(); return; }
    // Waits for a pause in typing: the search is rate-limited with the form.
    timer = setTimeout(function () {
      if (q === asked) { return; }
      asked = q;
      fetch(name.dataset.businessSearch + '?q=' + encodeURIComponent(q), { headers: { Accept: 'application/json' } })
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(show)
        .catch(clear);
    }, 400);
  });
}());
