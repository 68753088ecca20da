// Pilotage Campus connecté: enhancements only; every page works without this script.
document.addEventListener("DOMContentLoaded", function () {
  // After a refused form, the error summary gets the focus so that screen readers announce it first.
  var summary = document.querySelector(".notice-error[aria-labelledby]");
  if (summary) {
    summary.setAttribute("tabindex", "-1");
    summary.focus();
  }

  var grid = document.getElementById("grille");
  if (grid) {
    keepTypedWork(grid);
    runningTotals(grid);
  }

  // The report's indicators, recomputed by the server from the values as typed (nothing is saved).
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

// A number as typed the French way (« 1 234,56 € »), or NaN.
function typedNumber(text) {
  var clean = String(text).replace(/[\s\u00a0\u202f€]/g, "").replace(",", ".");
  return clean === "" ? NaN : Number(clean);
}

function frenchNumber(value, decimals) {
  return value.toLocaleString("fr-FR", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

// Each breakdown's total, beside it, as people type.
function runningTotals(form) {
  var totals = form.querySelectorAll("[data-somme]");
  var update = function () {
    totals.forEach(function (span) {
      var sum = 0;
      span.dataset.somme.split(" ").forEach(function (name) {
        var input = form.elements[name];
        var value = input ? typedNumber(input.value) : NaN;
        if (!isNaN(value)) {
          sum += value;
        }
      });
      if (span.dataset.euros) {
        span.textContent = frenchNumber(sum, 0) + "\u00a0€";
        return;
      }
      var text = frenchNumber(sum, 0);
      var expected = form.elements[span.dataset.attendu];
      var of = expected ? typedNumber(expected.value) : NaN;
      if (!isNaN(of)) {
        text += " sur " + frenchNumber(of, 0) + " étudiants accueillis";
      }
      span.textContent = text;
    });
  };
  form.addEventListener("input", update);
}

// Typed work is never lost: a warning before leaving with unsaved changes, and the draft saved as people type
// (« Brouillon enregistré à 14 h 32 »). A form button waits for a save under way, then posts from its version.
function keepTypedWork(form) {
  var url = form.dataset.brouillon;
  var status = document.getElementById("etat-brouillon");
  var version = document.getElementById("version");
  var dirty = false;
  var changes = 0;
  var pending = null;
  var timer = null;
  var leaving = false;
  var save = function () {
    var sent = changes;
    var body = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      if (typeof value === "string") {
        body.append(name, value);
      }
    });
    pending = fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json" },
      body: body.toString()
    }).then(function (response) {
      var json = (response.headers.get("Content-Type") || "").indexOf("application/json") === 0;
      if (!json) {
        // A session that expired (or a form token that aged) sends the sign-in page back, not the draft's answer.
        var signIn = response.redirected || response.status === 401 || response.status === 403;
        return {
          saved: false,
          message: signIn
            ? "Brouillon non enregistré : votre session a expiré. Reconnectez-vous dans un autre onglet puis revenez ici : vos saisies restent dans la page."
            : "Brouillon non enregistré : le service ne répond pas ; vos saisies restent dans la page."
        };
      }
      return response.json();
    }).then(function (answer) {
      if (answer.saved) {
        version.value = answer.version;
        if (changes === sent) {
          dirty = false;
        }
      }
      status.textContent = answer.message;
    }).catch(function () {
      status.textContent = "Brouillon non enregistré : le service ne répond pas ; vos saisies restent dans la page.";
    }).then(function () {
      pending = null;
    });
  };
  form.addEventListener("input", function () {
    dirty = true;
    changes += 1;
    if (url && status && version) {
      clearTimeout(timer);
      timer = setTimeout(save, 1500);
    }
  });
  form.addEventListener("submit", function (event) {
    clearTimeout(timer);
    if (pending) {
      event.preventDefault();
      var button = event.submitter;
      pending.then(function () {
        form.requestSubmit(button);
      });
      return;
    }
    leaving = true;
  });
  window.addEventListener("beforeunload", function (event) {
    if (dirty && !leaving) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
}

// Irreversible actions (submitting a report, accepting one): once the form's confirmation box is ticked, the button
// marked `data-confirm` opens the DSFR dialog it names instead of posting; the dialog's confirm button posts the form
// with that button, « Annuler » closes it and nothing is sent. With the box unticked the form posts as it is and the
// server says what is missing; without script (or without the DSFR's), the ticked box alone confirms.
(function () {
  var pending = null;
  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target : null;
    if (!target) {
      return;
    }
    var button = target.closest("button[data-confirm]");
    if (button && button.form && typeof window.dsfr === "function") {
      var box = button.form.querySelector("input[name=confirmation]");
      var dialog = document.getElementById(button.dataset.confirm);
      if (dialog && (!box || box.checked)) {
        event.preventDefault();
        pending = button;
        window.dsfr(dialog).modal.disclose();
      }
      return;
    }
    var confirm = target.closest("button[data-confirm-submit]");
    if (confirm && pending) {
      var chosen = pending;
      pending = null;
      window.dsfr(document.getElementById(confirm.dataset.confirmSubmit)).modal.conceal();
      chosen.form.requestSubmit(chosen);
    }
  });
})();
