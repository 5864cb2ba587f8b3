// The admin's scripts count with Latin digits («3 از 50 انتخاب‌شده»); on a Persian page the
// texts they build through Django's `interpolate` get Persian digits, as the server's do.
(function () {
  "use strict";
  if (!(document.documentElement.lang || "").startsWith("fa") || !window.interpolate) {
    return;
  }
  var latin = window.interpolate;
  window.interpolate = function () {
    return String(latin.apply(this, arguments)).replace(/[0-9]/g, function (digit) {
      return String.fromCharCode(0x06f0 + Number(digit));
    });
  };
})();
