/*
 * A small Jalali (Solar Hijri) date picker for inputs marked `data-jalali-picker`.
 *
 * A button beside the text box opens a month grid; choosing a day writes YYYY/MM/DD (Persian
 * digits when the page is Persian). Without this script the text box still works: the server
 * reads Persian and Latin digits. No inline script or style (the admin runs under a strict CSP),
 * no external library: the calendar arithmetic below is the standard Borkowski/jalaali
 * algorithm.
 *
 * Keyboard: the arrow keys move by a day or a week, Page Up/Down by a month, Home/End to the
 * first/last day, Enter or Space chooses, Escape closes and returns focus to the button.
 */
(function () {
  "use strict";

  // ---- Jalali <-> Gregorian through the Julian Day Number -------------------------------
  var BREAKS = [-61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181, 1210, 1635, 2060, 2097,
    2192, 2262, 2324, 2394, 2456, 3178];

  function div(a, b) { return ~~(a / b); }
  function mod(a, b) { return a - ~~(a / b) * b; }

  function jalCal(jy) {
    var gy = jy + 621, leapJ = -14, jp = BREAKS[0], jm, jump = 0, leap, leapG, march, n, i;
    if (jy < jp || jy >= BREAKS[BREAKS.length - 1]) { throw new RangeError("Jalali year " + jy); }
    for (i = 1; i < BREAKS.length; i += 1) {
      jm = BREAKS[i];
      jump = jm - jp;
      if (jy < jm) { break; }
      leapJ = leapJ + div(jump, 33) * 8 + div(mod(jump, 33), 4);
      jp = jm;
    }
    n = jy - jp;
    leapJ = leapJ + div(n, 33) * 8 + div(mod(n, 33) + 3, 4);
    if (mod(jump, 33) === 4 && jump - n === 4) { leapJ += 1; }
    leapG = div(gy, 4) - div((div(gy, 100) + 1) * 3, 4) - 150;
    march = 20 + leapJ - leapG;
    if (jump - n < 6) { n = n - jump + div(jump + 4, 33) * 33; }
    leap = mod(mod(n + 1, 33) - 1, 4);
    if (leap === -1) { leap = 4; }
    return { leap: leap, gy: gy, march: march };
  }

  function g2d(gy, gm, gd) {
    var d = div((gy + div(gm - 8, 6) + 100100) * 1461, 4) +
      div(153 * mod(gm + 9, 12) + 2, 5) + gd - 34840408;
    return d - div(div(gy + 100100 + div(gm - 8, 6), 100) * 3, 4) + 752;
  }

  function d2g(jdn) {
    var j = 4 * jdn + 139361631, i, gd, gm, gy;
    j = j + div(div(4 * jdn + 183187720, 146097) * 3, 4) * 4 - 3908;
    i = div(mod(j, 1461), 4) * 5 + 308;
    gd = div(mod(i, 153), 5) + 1;
    gm = mod(div(i, 153), 12) + 1;
    gy = div(j, 1461) - 100100 + div(8 - gm, 6);
    return { gy: gy, gm: gm, gd: gd };
  }

  function j2d(jy, jm, jd) {
    var r = jalCal(jy);
    return g2d(r.gy, 3, r.march) + (jm - 1) * 31 - div(jm, 7) * (jm - 7) + jd - 1;
  }

  function d2j(jdn) {
    var gy = d2g(jdn).gy, jy = gy - 621, r = jalCal(jy), k = jdn - g2d(gy, 3, r.march);
    if (k >= 0) {
      if (k <= 185) { return { jy: jy, jm: 1 + div(k, 31), jd: mod(k, 31) + 1 }; }
      k -= 186;
    } else {
      jy -= 1;
      k += 179;
      if (r.leap === 1) { k += 1; }
    }
    return { jy: jy, jm: 7 + div(k, 30), jd: mod(k, 30) + 1 };
  }

  function toJalali(gy, gm, gd) { return d2j(g2d(gy, gm, gd)); }
  function toGregorian(jy, jm, jd) { return d2g(j2d(jy, jm, jd)); }
  function isLeapYear(jy) { return jalCal(jy).leap === 0; }
  function monthLength(jy, jm) {
    if (jm <= 6) { return 31; }
    if (jm <= 11) { return 30; }
    return isLeapYear(jy) ? 30 : 29;
  }
  // Column of a day in a week that starts on Saturday (0 = Saturday ... 6 = Friday).
  function weekColumn(jy, jm, jd) { return mod(j2d(jy, jm, jd) + 2, 7); }

  // ---- Words and digits -------------------------------------------------------------------
  var TEXT = {
    fa: {
      months: ["فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان",
        "آذر", "دی", "بهمن", "اسفند"],
      weekdays: ["شنبه", "یکشنبه", "دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "جمعه"],
      weekdaysShort: ["ش", "ی", "د", "س", "چ", "پ", "ج"],
      open: "انتخاب تاریخ از تقویم", prev: "ماه قبل", next: "ماه بعد", today: "امروز",
      close: "بستن", dialog: "تقویم شمسی",
    },
    en: {
      months: ["Farvardin", "Ordibehesht", "Khordad", "Tir", "Mordad", "Shahrivar", "Mehr",
        "Aban", "Azar", "Dey", "Bahman", "Esfand"],
      weekdays: ["Saturday", "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
      weekdaysShort: ["Sa", "Su", "Mo", "Tu", "We", "Th", "Fr"],
      open: "Choose a date from the calendar", prev: "Previous month", next: "Next month",
      today: "Today", close: "Close", dialog: "Jalali calendar",
    },
  };
  var PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹";
  var ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩";

  function isPersian() {
    return (document.documentElement.lang || "fa").toLowerCase().indexOf("fa") === 0;
  }
  function text() { return isPersian() ? TEXT.fa : TEXT.en; }
  function digits(value) {
    var s = String(value);
    if (!isPersian()) { return s; }
    return s.replace(/[0-9]/g, function (d) { return PERSIAN_DIGITS.charAt(+d); });
  }
  function latinDigits(s) {
    return String(s).replace(/[۰-۹٠-٩]/g, function (d) {
      var i = PERSIAN_DIGITS.indexOf(d);
      return String(i >= 0 ? i : ARABIC_DIGITS.indexOf(d));
    });
  }
  function pad(n) { return n < 10 ? "0" + n : String(n); }

  function parse(value) {
    var parts = latinDigits(value || "").trim().split(/[\/\-.\s]+/);
    if (parts.length !== 3) { return null; }
    var jy = +parts[0], jm = +parts[1], jd = +parts[2];
    if (!(jy >= 1200 && jy <= 1500 && jm >= 1 && jm <= 12 && jd >= 1)) { return null; }
    if (jd > monthLength(jy, jm)) { return null; }
    return { jy: jy, jm: jm, jd: jd };
  }
  function format(d) { return digits(d.jy + "/" + pad(d.jm) + "/" + pad(d.jd)); }
  function today() {
    var now = new Date();
    return toJalali(now.getFullYear(), now.getMonth() + 1, now.getDate());
  }
  function sameDay(a, b) { return a && b && a.jy === b.jy && a.jm === b.jm && a.jd === b.jd; }
  function addDays(d, n) { return d2j(j2d(d.jy, d.jm, d.jd) + n); }
  function addMonths(d, n) {
    var index = d.jy * 12 + (d.jm - 1) + n, jy = div(index, 12), jm = mod(index, 12) + 1;
    return { jy: jy, jm: jm, jd: Math.min(d.jd, monthLength(jy, jm)) };
  }

  // ---- The picker -------------------------------------------------------------------------
  var open = null; // {input, toggle, popup, focused}

  function element(tag, className, content) {
    var el = document.createElement(tag);
    if (className) { el.className = className; }
    if (content !== undefined) { el.textContent = content; }
    return el;
  }

  function enhance(input) {
    if (input.getAttribute("data-jalali-ready")) { return; }
    input.setAttribute("data-jalali-ready", "1");
    var wrapper = element("span", "jalali-picker");
    input.parentNode.insertBefore(wrapper, input);
    wrapper.appendChild(input);
    var toggle = element("button", "jalali-picker-toggle");
    toggle.type = "button";
    toggle.setAttribute("aria-haspopup", "dialog");
    toggle.setAttribute("aria-expanded", "false");
    toggle.setAttribute("aria-label", text().open);
    toggle.title = text().open;
    toggle.appendChild(element("span", "jalali-picker-icon"));
    wrapper.appendChild(toggle);
  }

  function enhanceAll(root) {
    var inputs = (root || document).querySelectorAll("input[data-jalali-picker]");
    for (var i = 0; i < inputs.length; i += 1) { enhance(inputs[i]); }
  }

  function close(returnFocus) {
    if (!open) { return; }
    var toggle = open.toggle;
    open.popup.parentNode.removeChild(open.popup);
    toggle.setAttribute("aria-expanded", "false");
    toggle.removeAttribute("aria-controls");
    open = null;
    if (returnFocus) { toggle.focus(); }
  }

  function choose(day) {
    var input = open.input;
    input.value = format(day);
    input.dispatchEvent(new Event("input", { bubbles: true }));
    input.dispatchEvent(new Event("change", { bubbles: true }));
    close(false);
    input.focus();
  }

  function render() {
    var t = text(), state = open, shown = state.focused, selected = parse(state.input.value);
    var now = today(), popup = state.popup, i;
    popup.textContent = "";

    var header = element("div", "jalali-picker-header");
    var prev = element("button", "jalali-picker-prev", isPersian() ? "›" : "‹");
    prev.type = "button";
    prev.setAttribute("aria-label", t.prev);
    prev.setAttribute("data-move", "-1");
    var title = element("span", "jalali-picker-title",
      t.months[shown.jm - 1] + " " + digits(shown.jy));
    title.id = state.titleId;
    title.setAttribute("aria-live", "polite");
    var next = element("button", "jalali-picker-next", isPersian() ? "‹" : "›");
    next.type = "button";
    next.setAttribute("aria-label", t.next);
    next.setAttribute("data-move", "1");
    header.appendChild(prev);
    header.appendChild(title);
    header.appendChild(next);
    popup.appendChild(header);

    var table = element("table", "jalali-picker-grid");
    table.setAttribute("role", "grid");
    table.setAttribute("aria-labelledby", state.titleId);
    var head = element("thead"), row = element("tr");
    for (i = 0; i < 7; i += 1) {
      var th = element("th", "", t.weekdaysShort[i]);
      th.scope = "col";
      th.setAttribute("abbr", t.weekdays[i]);
      row.appendChild(th);
    }
    head.appendChild(row);
    table.appendChild(head);

    var body = element("tbody"), length = monthLength(shown.jy, shown.jm);
    var column = weekColumn(shown.jy, shown.jm, 1), focusButton = null;
    row = element("tr");
    for (i = 0; i < column; i += 1) { row.appendChild(element("td")); }
    for (var jd = 1; jd <= length; jd += 1) {
      var day = { jy: shown.jy, jm: shown.jm, jd: jd };
      var cell = element("td");
      var button = element("button", "jalali-picker-day", digits(jd));
      button.type = "button";
      button.tabIndex = jd === shown.jd ? 0 : -1;
      button.setAttribute("data-day", jd);
      button.setAttribute("aria-label", digits(jd) + " " + t.months[shown.jm - 1] + " " +
        digits(shown.jy));
      if (sameDay(day, selected)) {
        button.className += " is-selected";
        button.setAttribute("aria-pressed", "true");
      }
      if (sameDay(day, now)) {
        button.className += " is-today";
        button.setAttribute("aria-current", "date");
      }
      if (jd === shown.jd) { focusButton = button; }
      cell.appendChild(button);
      row.appendChild(cell);
      if (weekColumn(shown.jy, shown.jm, jd) === 6) {
        body.appendChild(row);
        row = element("tr");
      }
    }
    if (row.childNodes.length) { body.appendChild(row); }
    table.appendChild(body);
    popup.appendChild(table);

    var footer = element("div", "jalali-picker-footer");
    var todayButton = element("button", "jalali-picker-today", t.today);
    todayButton.type = "button";
    var closeButton = element("button", "jalali-picker-close", t.close);
    closeButton.type = "button";
    footer.appendChild(todayButton);
    footer.appendChild(closeButton);
    popup.appendChild(footer);
    return focusButton;
  }

  var counter = 0;

  function show(toggle) {
    var input = toggle.parentNode.querySelector("input[data-jalali-picker]");
    if (!input) { return; }
    close(false);
    counter += 1;
    var popup = element("div", "jalali-picker-popup");
    popup.id = "jalali-picker-" + counter;
    popup.setAttribute("role", "dialog");
    popup.setAttribute("aria-label", text().dialog);
    // On the body, so that no `overflow: hidden` of a form row clips it.
    document.body.appendChild(popup);
    toggle.setAttribute("aria-controls", popup.id);
    toggle.setAttribute("aria-expanded", "true");
    open = {
      input: input,
      toggle: toggle,
      popup: popup,
      // An empty field opens at the month its form names (the edition's), else at today.
      focused: parse(input.value) || parse(input.getAttribute("data-jalali-open-at")) || today(),
      titleId: "jalali-picker-title-" + counter,
    };
    popup.addEventListener("click", onPopupClick);
    popup.addEventListener("keydown", onPopupKeydown);
    var focusButton = render();
    place(popup, toggle.parentNode);
    focusButton.focus();
  }

  // Under the text box, aligned with its start edge (the right edge in a right-to-left page).
  // Positions are set through the CSSOM, which a strict style-src allows.
  function place(popup, anchor) {
    var rect = anchor.getBoundingClientRect();
    var rtl = document.documentElement.dir === "rtl";
    var left = rtl ? rect.right - popup.offsetWidth : rect.left;
    var maxLeft = document.documentElement.clientWidth - popup.offsetWidth;
    left = Math.max(0, Math.min(left, maxLeft));
    popup.style.top = (rect.bottom + window.scrollY + 4) + "px";
    popup.style.left = (left + window.scrollX) + "px";
  }

  function moveTo(day) {
    open.focused = day;
    render().focus();
  }

  function onPopupClick(event) {
    var target = event.target.closest("button");
    if (!target || !open) { return; }
    event.preventDefault();
    if (target.hasAttribute("data-day")) {
      choose({ jy: open.focused.jy, jm: open.focused.jm, jd: +target.getAttribute("data-day") });
    } else if (target.hasAttribute("data-move")) {
      open.focused = addMonths(open.focused, +target.getAttribute("data-move"));
      render();
      open.popup.querySelector("[data-move='" + target.getAttribute("data-move") + "']").focus();
    } else if (target.classList.contains("jalali-picker-today")) {
      choose(today());
    } else if (target.classList.contains("jalali-picker-close")) {
      close(true);
    }
  }

  function onPopupKeydown(event) {
    if (!open) { return; }
    if (event.key === "Escape") {
      event.preventDefault();
      close(true);
      return;
    }
    if (event.key === "Tab") {
      // Keep focus inside the dialog.
      var focusable = open.popup.querySelectorAll("button:not([tabindex='-1'])");
      var first = focusable[0], last = focusable[focusable.length - 1];
      if (event.shiftKey && document.activeElement === first) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first.focus();
      }
      return;
    }
    if (!event.target.hasAttribute("data-day")) { return; }
    // In a right-to-left grid the left arrow moves to the next day.
    var forward = isPersian() ? "ArrowLeft" : "ArrowRight";
    var backward = isPersian() ? "ArrowRight" : "ArrowLeft";
    var d = open.focused;
    var moves = {
      ArrowUp: function () { return addDays(d, -7); },
      ArrowDown: function () { return addDays(d, 7); },
      PageUp: function () { return addMonths(d, event.shiftKey ? -12 : -1); },
      PageDown: function () { return addMonths(d, event.shiftKey ? 12 : 1); },
      Home: function () { return { jy: d.jy, jm: d.jm, jd: 1 }; },
      End: function () { return { jy: d.jy, jm: d.jm, jd: monthLength(d.jy, d.jm) }; },
    };
    moves[forward] = function () { return addDays(d, 1); };
    moves[backward] = function () { return addDays(d, -1); };
    if (moves[event.key]) {
      event.preventDefault();
      moveTo(moves[event.key]());
    } else if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      choose(d);
    }
  }

  document.addEventListener("click", function (event) {
    var toggle = event.target.closest && event.target.closest(".jalali-picker-toggle");
    if (toggle) {
      event.preventDefault();
      if (open && open.toggle === toggle) { close(true); } else { show(toggle); }
      return;
    }
    if (open && !open.popup.contains(event.target)) { close(false); }
  });

  function ready() {
    enhanceAll(document);
    // Rows added to an inline formset are copies of the empty form, already enhanced; new
    // markup from elsewhere is enhanced here.
    document.addEventListener("formset:added", function (event) { enhanceAll(event.target); });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }

  window.moqdadJalali = {
    toJalali: toJalali,
    toGregorian: toGregorian,
    monthLength: monthLength,
    isLeapYear: isLeapYear,
    parse: parse,
    format: format,
  };
})();
