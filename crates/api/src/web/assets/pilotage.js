// Pilotage Campus connecté: enhancements only; every page works without this script.
// After a refused form, the error summary gets the focus so that screen readers announce it first.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector(".notice-error[aria-labelledby]");
  if (summary) {
    summary.setAttribute("tabindex", "-1");
    summary.focus();
  }
});
