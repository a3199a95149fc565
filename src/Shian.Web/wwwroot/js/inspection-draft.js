// Keeps the inspection form's draft on the phone (localStorage) until the server has stored it.
// The draft carries an id made here (crypto.randomUUID()); the server stores each draft id once, so sending it again
// after a dropped connection cannot make a second record. Photos are not kept in the draft: they need a connection.
(function () {
    'use strict';

    // The record page after a successful submission names the draft to forget.
    var done = document.querySelector('[data-clear-draft-key]');
    if (done) {
        try { localStorage.removeItem(done.getAttribute('data-clear-draft-key')); } catch (e) { /* storage unavailable */ }
    }

    var form = document.getElementById('inspection-form');
    if (!form) {
        return;
    }
    var key = form.getAttribute('data-draft-key');
    var idField = form.querySelector('[data-draft-id]');
    var status = document.getElementById('draft-status');

    function newId() {
        if (window.crypto && typeof window.crypto.randomUUID === 'function') {
            return window.crypto.randomUUID();
        }
        // Older browsers: a random v4-shaped id from getRandomValues.
        var b = new Uint8Array(16);
        window.crypto.getRandomValues(b);
        b[6] = (b[6] & 0x0f) | 0x40;
        b[8] = (b[8] & 0x3f) | 0x80;
        var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join('');
        return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
    }

    function read() {
        try { return JSON.parse(localStorage.getItem(key) || 'null'); } catch (e) { return null; }
    }

    function save() {
        var data = { id: idField.value, fields: {}, checks: [] };
        Array.prototype.forEach.call(form.elements, function (el) {
            if (!el.name || el.type === 'file' || el.type === 'hidden' || el.name === '__RequestVerificationToken') {
                return;
            }
            if (el.type === 'radio' || el.type === 'checkbox') {
                if (el.checked) {
                    data.checks.push(el.name + '=' + el.value);
                }
            } else {
                data.fields[el.name] = el.value;
            }
        });
        try { localStorage.setItem(key, JSON.stringify(data)); } catch (e) { /* full or unavailable: the form still posts */ }
    }

    function restore(data) {
        idField.value = data.id;
        var checks = {};
        (data.checks || []).forEach(function (c) { checks[c] = true; });
        Array.prototype.forEach.call(form.elements, function (el) {
            if (!el.name || el.type === 'file' || el.type === 'hidden') {
                return;
            }
            if (el.type === 'radio' || el.type === 'checkbox') {
                el.checked = !!checks[el.name + '=' + el.value];
            } else if (Object.prototype.hasOwnProperty.call(data.fields || {}, el.name)) {
                el.value = data.fields[el.name];
            }
        });
    }

    function say(text) {
        if (status) {
            status.textContent = text;
            status.hidden = false;
        }
    }

    var draft = read();
    if (draft && draft.id && (!idField.value || idField.value === draft.id)) {
        restore(draft);
    } else if (!idField.value) {
        idField.value = newId();
    }
    save();

    form.addEventListener('change', save);
    form.addEventListener('input', save);

    var waiting = false;
    form.addEventListener('submit', function (event) {
        save();
        if (navigator.onLine === false) {
            event.preventDefault();
            waiting = true;
            say(form.getAttribute('data-offline-message'));
        }
    });
    window.addEventListener('online', function () {
        if (waiting) {
            waiting = false;
            form.submit();
        }
    });

    var clear = document.getElementById('draft-clear');
    if (clear) {
        clear.addEventListener('click', function () {
            try { localStorage.removeItem(key); } catch (e) { /* nothing kept */ }
            window.location.reload();
        });
    }
}());
