// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // Filter forms marked data-autosubmit apply a choice as soon as it is made.
  document.querySelectorAll("form[data-autosubmit]").forEach(function (form) {
    form.querySelectorAll("select").forEach(function (select) {
      select.addEventListener("change", function () { form.submit(); });
    });
  });
  // A share button where the browser can share (phones): booth pages become easy to pass on.
  document.querySelectorAll("[data-share]").forEach(function (button) {
    if (!navigator.share) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.share({ title: document.title, url: button.getAttribute("data-share") }).catch(function () {});
    });
  });
  // A link to a booth on the floor plan (/plan/#booth-b-42): the browser would bring only the
  // booth's top edge into view; centre the whole booth in the plan's frame and on the screen.
  function showPlanTarget() {
    var target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target && target.closest(".plan-scroll")) {
      target.scrollIntoView({ block: "center", inline: "center" });
    }
  }
  showPlanTarget();
  window.addEventListener("hashchange", showPlanTarget);
}());
