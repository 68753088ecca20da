// Pilotage Campus connecté: enhancements only; every page works without this script.
document.addEventListener("DOMContentLoaded", function () {
  // After a refused form, the error summary gets the focus so that screen readers announce it first.
  var summary = document.querySelector(".notice-error[aria-labelledby]");
  if (summary) {
    summary.setAttribute("tabindex", "-1");
    summary.focus();
  }

  // The report's indicators, recomputed by the server from the values as typed (nothing is saved).
  var grid = document.getElementById("grille");
  var table = document.getElementById("table-indicateurs");
  var source = document.getElementById("source-indicateurs");
  if (!grid || !table || !table.dataset.apercu) {
    return;
  }
  var timer = null;
  var refresh = function () {
    var body = new URLSearchParams(new FormData(grid));
    fetch(table.dataset.apercu, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: body.toString()
    }).then(function (response) {
      if (!response.ok) {
        throw new Error(response.status);
      }
      return response.text();
    }).then(function (rows) {
      var old = table.querySelector("tbody");
      var holder = document.createElement("table");
      holder.innerHTML = rows;
      var fresh = holder.querySelector("tbody");
      if (old && fresh) {
        table.replaceChild(fresh, old);
        source.textContent = "Calculés à partir des valeurs saisies (non enregistrées).";
      }
    }).catch(function () {
      source.textContent = "Calculés à partir de la grille enregistrée (le calcul des valeurs saisies a échoué).";
    });
  };
  grid.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(refresh, 400);
  });
});
