/* The door page (guests/views/door.py): check guests in from a phone at the entrance.
 *
 * A code comes from the camera (the browser's BarcodeDetector where it exists, else the
 * vendored jsQR), from the keyboard or a USB scanner (which types into the code field and
 * presses Enter), from the name search or from a delegation's member list. Each scan gets a
 * nonce here; the server records a nonce once, so a retry or a replayed queue counts once.
 *
 * Offline: the card's signature (HMAC-SHA256 under the door key, as guests/codes.py makes it)
 * is checked here, a forged card is refused at once, and every scan is queued in
 * localStorage with its nonce and time, then sent to the sync address when the network is
 * back. crypto.subtle exists only on HTTPS and localhost; on a plain-http LAN address the
 * small SHA-256 below does the same.
 */
(function () {
  "use strict";

  var body = document.body;
  var data = body.dataset;
  var ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  var CONFUSED = { O: "0", I: "1", L: "1", U: "V" };
  var TOKEN = [26, 6];
  var SHORT = [6, 4];
  var QUEUE_KEY = "moqdad-door-queue";
  var DOOR_KEY = "moqdad-door-name";
  var DEVICE_KEY = "moqdad-door-device";
  var TOKEN_IN_TEXT = /([0-9a-zA-Z]{32})(?:\/|$|\?|#)/;

  function $(id) { return document.getElementById(id); }

  // --- SHA-256 and HMAC ---------------------------------------------------------------------
  var K = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
  ];

  function sha256(bytes) {
    var h = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
    var length = bytes.length;
    var padded = new Uint8Array(((length + 9 + 63) >> 6) << 6);
    padded.set(bytes);
    padded[length] = 0x80;
    var bits = length * 8;
    for (var i = 0; i < 4; i++) { padded[padded.length - 1 - i] = (bits >>> (8 * i)) & 0xff; }
    var w = new Array(64);
    for (var block = 0; block < padded.length; block += 64) {
      for (var t = 0; t < 16; t++) {
        var j = block + 4 * t;
        w[t] = (padded[j] << 24) | (padded[j + 1] << 16) | (padded[j + 2] << 8) | padded[j + 3];
      }
      for (t = 16; t < 64; t++) {
        var a0 = w[t - 15], a1 = w[t - 2];
        var s0 = ((a0 >>> 7) | (a0 << 25)) ^ ((a0 >>> 18) | (a0 << 14)) ^ (a0 >>> 3);
        var s1 = ((a1 >>> 17) | (a1 << 15)) ^ ((a1 >>> 19) | (a1 << 13)) ^ (a1 >>> 10);
        w[t] = (w[t - 16] + s0 + w[t - 7] + s1) | 0;
      }
      var a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
      for (t = 0; t < 64; t++) {
        var S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
        var ch = (e & f) ^ (~e & g);
        var t1 = (k + S1 + ch + K[t] + w[t]) | 0;
        var S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
        var maj = (a & b) ^ (a & c) ^ (b & c);
        var t2 = (S0 + maj) | 0;
        k = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
      }
      h = [(h[0] + a) | 0, (h[1] + b) | 0, (h[2] + c) | 0, (h[3] + d) | 0,
           (h[4] + e) | 0, (h[5] + f) | 0, (h[6] + g) | 0, (h[7] + k) | 0];
    }
    var out = new Uint8Array(32);
    for (i = 0; i < 8; i++) {
      out[4 * i] = h[i] >>> 24; out[4 * i + 1] = (h[i] >>> 16) & 0xff;
      out[4 * i + 2] = (h[i] >>> 8) & 0xff; out[4 * i + 3] = h[i] & 0xff;
    }
    return out;
  }

  function hmacSha256(key, message) {
    var inner = new Uint8Array(64 + message.length);
    var outer = new Uint8Array(64 + 32);
    for (var i = 0; i < 64; i++) {
      var byte = i < key.length ? key[i] : 0;
      inner[i] = byte ^ 0x36;
      outer[i] = byte ^ 0x5c;
    }
    inner.set(message, 64);
    outer.set(sha256(inner), 64);
    return sha256(outer);
  }

  function hexBytes(hex) {
    var out = new Uint8Array(hex.length / 2);
    for (var i = 0; i < out.length; i++) { out[i] = parseInt(hex.substr(2 * i, 2), 16); }
    return out;
  }

  var doorKey = hexBytes(data.doorKey || "");

  function signature(text, length) {
    var digest = hmacSha256(doorKey, new TextEncoder().encode(text));
    var number = BigInt(0);
    for (var i = 0; i < 8; i++) { number = (number << BigInt(8)) | BigInt(digest[i]); }
    var chars = "";
    for (i = 0; i < length; i++) {
      chars += ALPHABET[Number(number % BigInt(32))];
      number = number / BigInt(32);
    }
    return chars;
  }

  // --- codes --------------------------------------------------------------------------------
  function canonical(text) {
    var latin = String(text || "").replace(/[۰-۹]/g, function (ch) { return String(ch.charCodeAt(0) - 0x06f0); })
      .replace(/[٠-٩]/g, function (ch) { return String(ch.charCodeAt(0) - 0x0660); }).toUpperCase();
    var out = "";
    for (var i = 0; i < latin.length; i++) {
      var ch = CONFUSED[latin[i]] || latin[i];
      if (ALPHABET.indexOf(ch) >= 0) { out += ch; }
    }
    return out;
  }

  function codeOf(text) {
    var found = TOKEN_IN_TEXT.exec(String(text || "").trim());
    return canonical(found ? found[1] : text);
  }

  function isGenuine(text) {
    var code = codeOf(text);
    var parts = code.length === TOKEN[0] + TOKEN[1] ? TOKEN : code.length === SHORT[0] + SHORT[1] ? SHORT : null;
    if (!parts) { return false; }
    return signature(code.slice(0, parts[0]), parts[1]) === code.slice(parts[0]);
  }

  // --- device, door, nonce, queue -----------------------------------------------------------
  function randomId() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID().replace(/-/g, ""); }
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join("");
  }

  function device() {
    var id = localStorage.getItem(DEVICE_KEY);
    if (!id) { id = "phone-" + randomId().slice(0, 8); localStorage.setItem(DEVICE_KEY, id); }
    return id;
  }

  var doorInput = $("door-name");
  doorInput.value = localStorage.getItem(DOOR_KEY) || "";
  doorInput.addEventListener("change", function () { localStorage.setItem(DOOR_KEY, doorInput.value.trim()); });

  function queue() {
    try { return JSON.parse(localStorage.getItem(QUEUE_KEY) || "[]"); } catch (e) { return []; }
  }

  function saveQueue(items) {
    localStorage.setItem(QUEUE_KEY, JSON.stringify(items));
    $("door-queued").textContent = faDigits(items.length);
  }

  function faDigits(value) {
    return String(value).replace(/[0-9]/g, function (d) { return "۰۱۲۳۴۵۶۷۸۹"[d]; });
  }

  // --- answers ------------------------------------------------------------------------------
  var result = $("door-result");
  var lastAnswer = null;

  function show(outcome, message, who) {
    result.dataset.outcome = outcome;
    result.querySelector(".door__result-message").textContent = message;
    result.querySelector(".door__result-who").textContent = who || "";
    result.querySelector(".door__undo").hidden = !(data.undoUrl && outcome === "welcome");
  }

  function showAnswer(answer) {
    lastAnswer = answer;
    var who = [answer.title, answer.organization].filter(Boolean).join("، ");
    show(answer.outcome, answer.message, who);
    showMembers(answer.members || []);
  }

  function showMembers(members) {
    var section = $("door-members");
    var list = $("door-member-list");
    list.textContent = "";
    section.hidden = members.length === 0;
    members.forEach(function (member) {
      var item = document.createElement("li");
      var name = document.createElement("span");
      name.textContent = member.name + (member.title ? " · " + member.title : "");
      item.appendChild(name);
      var button = document.createElement("button");
      button.type = "button";
      button.dataset.invitation = member.invitation_id;
      if (member.checked_in_at) {
        button.disabled = true;
        button.textContent = data.msgChecked + " " + member.checked_in_at;
      } else {
        button.textContent = data.msgCheckIn;
        button.addEventListener("click", function () { checkInMember(button); });
      }
      item.appendChild(button);
      list.appendChild(item);
    });
  }

  function checkInMember(button) {
    return submit({ invitation_id: button.dataset.invitation, method: "list" }, { keepMembers: true })
      .then(function (answer) {
        if (answer && (answer.outcome === "welcome" || answer.outcome === "already")) {
          button.disabled = true;
          button.textContent = data.msgChecked + " " + (answer.checked_in_at || "");
        }
      });
  }

  $("door-members-all").addEventListener("click", function () {
    var buttons = Array.prototype.filter.call(
      $("door-member-list").querySelectorAll("button"), function (b) { return !b.disabled; });
    buttons.reduce(function (chain, button) {
      return chain.then(function () { return checkInMember(button); });
    }, Promise.resolve());
  });

  // --- talking to the server ----------------------------------------------------------------
  function post(url, payload) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": data.csrf },
      body: JSON.stringify(payload)
    });
  }

  function setNetwork(online) {
    var badge = $("door-network");
    badge.dataset.state = online ? "online" : "offline";
    badge.textContent = online ? badge.dataset.online : badge.dataset.offline;
  }

  function queueOffline(payload) {
    var items = queue();
    items.push(payload);
    saveQueue(items);
    setNetwork(false);
    if (payload.code && !isGenuine(payload.code)) {
      show("forged", data.msgOfflineForged, "");
    } else {
      show("queued", payload.code ? data.msgOfflineGenuine : data.msgNetwork, "");
    }
    return null;
  }

  function submit(fields, options) {
    var payload = Object.assign({
      nonce: randomId(),
      door: doorInput.value.trim(),
      device: device(),
      scanned_at: new Date().toISOString()
    }, fields);
    if (payload.code && !isGenuine(payload.code)) {
      // Forged or mistyped: no need to wait for the server to say so; it still records it.
      show("forged", data.msgOfflineForged, "");
    }
    if (!navigator.onLine) { return Promise.resolve(queueOffline(payload)); }
    return post(data.scanUrl, payload).then(function (response) {
      if (!response.ok) { throw new Error("HTTP " + response.status); }
      return response.json();
    }).then(function (answer) {
      setNetwork(true);
      if (!(options && options.keepMembers)) { showAnswer(answer); }
      else { show(answer.outcome, answer.message, answer.title); }
      refreshCounts();
      return answer;
    }).catch(function (error) {
      if (error instanceof TypeError) { return queueOffline(payload); }
      show("unknown", String(error.message), "");
      return null;
    });
  }

  var syncing = false;
  function sync() {
    var items = queue();
    if (!items.length || syncing) { return Promise.resolve(); }
    syncing = true;
    return post(data.syncUrl, { scans: items }).then(function (response) {
      if (!response.ok) { throw new Error("HTTP " + response.status); }
      return response.json();
    }).then(function (reply) {
      var sent = {};
      reply.answers.forEach(function (answer) { sent[answer.nonce] = answer; });
      saveQueue(queue().filter(function (item) { return !sent[item.nonce]; }));
      setNetwork(true);
      var flagged = reply.answers.filter(function (answer) { return answer.needs_attention; });
      if (flagged.length) { showAnswer(flagged[flagged.length - 1]); }
      refreshCounts();
    }).catch(function () { setNetwork(false); }).then(function () { syncing = false; });
  }

  function refreshCounts() {
    if (!navigator.onLine) { return; }
    fetch(data.countsUrl, { credentials: "same-origin" }).then(function (r) { return r.json(); })
      .then(function (counts) {
        $("door-total").textContent = faDigits(counts.total);
        $("door-expected").textContent = faDigits(counts.expected);
        var doors = $("door-counts-doors");
        doors.textContent = "";
        Object.keys(counts.by_door).forEach(function (name) {
          var li = document.createElement("li");
          li.textContent = (name || "-") + ": " + faDigits(counts.by_door[name]);
          doors.appendChild(li);
        });
      }).catch(function () { /* the next refresh tries again */ });
  }

  window.addEventListener("online", function () { setNetwork(true); sync(); });
  window.addEventListener("offline", function () { setNetwork(false); });
  setInterval(function () { if (navigator.onLine) { sync(); refreshCounts(); } }, 15000);
  saveQueue(queue());
  if (navigator.onLine) { sync(); } else { setNetwork(false); }

  // --- typed codes and USB scanners ---------------------------------------------------------
  var codeInput = $("door-code");
  $("door-code-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var code = codeInput.value.trim();
    if (!code) { return; }
    codeInput.value = "";
    // A USB scanner types a whole address in a few milliseconds; a person types a short code.
    var method = code.length > 20 ? "scanner" : "typed";
    submit({ code: code, method: method }).then(function () { codeInput.focus(); });
  });

  // --- camera -------------------------------------------------------------------------------
  var video = $("door-video");
  var canvas = $("door-canvas");
  var stream = null;
  var detector = null;
  var lastCode = "";
  var lastAt = 0;

  function found(text) {
    var now = Date.now();
    if (text === lastCode && now - lastAt < 4000) { return; }
    lastCode = text;
    lastAt = now;
    submit({ code: text, method: "camera" });
  }

  function readFrame() {
    if (!stream) { return; }
    if (video.readyState >= 2) {
      if (detector) {
        detector.detect(video).then(function (codes) {
          if (codes.length) { found(codes[0].rawValue); }
        }).catch(function () { detector = null; });
      } else if (window.jsQR) {
        var width = video.videoWidth, height = video.videoHeight;
        canvas.width = width;
        canvas.height = height;
        var context = canvas.getContext("2d", { willReadFrequently: true });
        context.drawImage(video, 0, 0, width, height);
        var image = context.getImageData(0, 0, width, height);
        var code = window.jsQR(image.data, width, height, { inversionAttempts: "dontInvert" });
        if (code && code.data) { found(code.data); }
      }
    }
    setTimeout(readFrame, 200);
  }

  $("door-camera-start").addEventListener("click", function () {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      show("unknown", data.msgCamera, "");
      return;
    }
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false })
      .then(function (media) {
        stream = media;
        video.srcObject = media;
        video.hidden = false;
        $("door-camera-start").hidden = true;
        $("door-camera-stop").hidden = false;
        if ("BarcodeDetector" in window) {
          try { detector = new window.BarcodeDetector({ formats: ["qr_code"] }); } catch (e) { detector = null; }
        }
        return video.play();
      }).then(readFrame).catch(function () { show("unknown", data.msgCamera, ""); });
  });

  $("door-camera-stop").addEventListener("click", function () {
    if (stream) { stream.getTracks().forEach(function (track) { track.stop(); }); }
    stream = null;
    video.hidden = true;
    $("door-camera-start").hidden = false;
    $("door-camera-stop").hidden = true;
  });

  // --- name search --------------------------------------------------------------------------
  var searchInput = $("door-search");
  var searchTimer = null;
  searchInput.addEventListener("input", function () {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(function () {
      var query = searchInput.value.trim();
      var list = $("door-search-results");
      if (query.length < 2) { list.textContent = ""; return; }
      fetch(data.searchUrl + "?q=" + encodeURIComponent(query), { credentials: "same-origin" })
        .then(function (r) { return r.json(); })
        .then(function (reply) {
          list.textContent = "";
          if (!reply.results.length) {
            var empty = document.createElement("li");
            empty.textContent = data.msgNoResults;
            list.appendChild(empty);
          }
          reply.results.forEach(function (row) {
            var item = document.createElement("li");
            var label = document.createElement("span");
            label.textContent = row.name + (row.title ? " · " + row.title : "") + " (" + row.status + ")";
            item.appendChild(label);
            var button = document.createElement("button");
            button.type = "button";
            button.textContent = row.checked_in ? data.msgChecked : data.msgCheckIn;
            button.disabled = row.checked_in;
            button.addEventListener("click", function () {
              submit({ invitation_id: row.invitation_id, method: "search" }).then(function (answer) {
                if (answer && answer.outcome === "welcome") {
                  button.disabled = true;
                  button.textContent = data.msgChecked;
                }
              });
            });
            item.appendChild(button);
            list.appendChild(item);
          });
        }).catch(function () { list.textContent = ""; });
    }, 250);
  });

  // --- walk-ins and undo --------------------------------------------------------------------
  $("door-walk-in-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var form = event.target;
    var payload = { nonce: randomId(), door: doorInput.value.trim(), device: device() };
    new FormData(form).forEach(function (value, name) { payload[name] = value; });
    post(data.walkInUrl, payload).then(function (r) { return r.json(); }).then(function (answer) {
      if (answer.errors) {
        var messages = [];
        Object.keys(answer.errors).forEach(function (k) { messages = messages.concat(answer.errors[k]); });
        show("unknown", messages.join(" "), "");
        return;
      }
      form.reset();
      showAnswer(answer);
      refreshCounts();
    }).catch(function () { show("unknown", data.msgNetwork, ""); });
  });

  $("door-undo").addEventListener("click", function () {
    if (!lastAnswer || !lastAnswer.invitation_id) { return; }
    post(data.undoUrl, { invitation_id: lastAnswer.invitation_id, nonce: randomId() })
      .then(function (r) {
        if (r.ok) { show("undone", data.msgUndone, lastAnswer.name); refreshCounts(); }
      });
  });
})();
