//! `GET /analyse/parametres?annee=`: what frames a year for the operator — its dates, the targets that apply and
//! the lock exceptions granted to campuses — and, for an analyst, the forms that change them: every scope, campus
//! and indicator picked by its French name, and whatever was typed kept in its form after a refusal.

use super::format::date;
use super::layout::{csrf_field, error_summary, html, input_id, notice, page_in};
use super::overview::year_picker;
use super::page_error::PageResult;
use super::session::Session;
use actix_web::http::StatusCode;
use actix_web::{get, web, HttpResponse};
use maud::{html as markup, Markup};
use pilotage_app::db;
use pilotage_app::deadlines::Deadlines;
use pilotage_app::error::ApiError;
use pilotage_app::error::FieldError;
use pilotage_app::state::AppState;
use pilotage_app::stats::year_or_default;
use pilotage_domain::default_targets::national_defaults;
use pilotage_domain::french::{decimal_input, paris_date};
use pilotage_domain::indicators::indicator;
use pilotage_domain::region::Region;
use pilotage_domain::{
    AcademicYear, Campus, DeadlineKind, Direction, Role, Target, TargetScope, INDICATORS,
};
use pilotage_store::{campuses, deadlines, targets};

/// The year's dates as the page's form names them: field, French label, and whether the date is an opening
/// (00:00 Paris time) rather than a deadline (23:59:59 Paris time).
pub const DATE_FIELDS: [(&str, &str, bool); 4] = [
    ("annual_report_due", "Rapport annuel dû le", false),
    ("annual_report_closing", "Clôture de la saisie", false),
    ("flash_survey_opens", "Ouverture de l'enquête flash", true),
    ("flash_survey_due", "Enquête flash due le", false),
];

/// The forms of the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Target,
    Exception,
    Dates,
    /// A stored target's removal (its row's small form).
    Remove,
    /// The copy of the previous year's targets.
    Copy,
}

/// A form of the page with what was typed or chosen in it, shown again in it.
pub struct Kept {
    pub form: Form,
    pub fields: Vec<(String, String)>,
}

impl Kept {
    pub fn new(form: Form, fields: &[(String, String)]) -> Self {
        Self {
            form,
            fields: fields.to_vec(),
        }
    }

    /// What was typed in `form`, if it is this one.
    fn of(kept: Option<&Self>, form: Form) -> Option<&[(String, String)]> {
        kept.filter(|k| k.form == form).map(|k| k.fields.as_slice())
    }
}

/// The value of `name` in a kept form.
fn kept_value<'a>(fields: Option<&'a [(String, String)]>, name: &str) -> Option<&'a str> {
    fields.and_then(|f| super::form::field(f, name))
}

/// A scope in words: « France entière », the région's name, the campus's name.
fn scope_label(scope: &TargetScope, campuses: &[Campus]) -> String {
    match scope {
        TargetScope::Nation => "France entière".to_owned(),
        TargetScope::Region(r) => r.name().to_owned(),
        TargetScope::Campus(c) => campuses
            .iter()
            .find(|x| &x.id == c)
            .map_or_else(|| format!("campus {c}"), |x| x.name.clone()),
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n > 1 { many } else { one })
}

#[derive(serde::Deserialize)]
pub struct SettingsQuery {
    annee: Option<String>,
    fait: Option<String>,
    copiees: Option<String>,
    conservees: Option<String>,
    /// The target to edit: its indicator and scope (the form is filled in with it).
    indicateur: Option<String>,
    portee: Option<String>,
}

#[get("/analyse/parametres")]
pub async fn settings(
    state: web::Data<AppState>,
    session: Session,
    query: web::Query<SettingsQuery>,
) -> PageResult<HttpResponse> {
    let year = year_or_default(query.annee.as_deref(), state.now())?;
    let count = |v: &Option<String>| v.as_deref().and_then(|v| v.parse::<usize>().ok());
    let message = match query.fait.as_deref() {
        Some("cible") => Some(notice("success", "Cible enregistrée.")),
        Some("derogation") => Some(notice("success", "Dérogation accordée.")),
        Some("dates") => Some(notice("success", "Dates de l'année enregistrées.")),
        Some("suppression") => Some(notice("success", "Cible supprimée.")),
        Some("copie") => {
            let previous = year
                .previous()
                .map_or_else(|_| "l'année précédente".to_owned(), |p| p.to_string());
            let copied = count(&query.copiees).unwrap_or(0);
            let kept = count(&query.conservees).unwrap_or(0);
            let text = if copied == 0 && kept == 0 {
                format!("Aucune cible enregistrée en {previous} : rien à copier.")
            } else {
                format!(
                    "{} de {previous} ; {} pour {year} {}.",
                    plural(copied, "cible copiée", "cibles copiées"),
                    plural(kept, "cible déjà fixée", "cibles déjà fixées"),
                    if kept > 1 {
                        "conservées"
                    } else {
                        "conservée"
                    },
                )
            };
            Some(notice("success", &text))
        }
        _ => None,
    };
    let edit = match (query.indicateur.as_deref(), query.portee.as_deref()) {
        (Some(i), Some(s)) => Some(Kept {
            form: Form::Target,
            fields: vec![
                ("indicator".to_owned(), i.to_owned()),
                ("scope".to_owned(), s.to_owned()),
            ],
        }),
        _ => None,
    };
    render(
        &state,
        &session,
        year,
        StatusCode::OK,
        message,
        &[],
        edit.as_ref(),
    )
    .await
}

/// The page again after a refused form (422): what was typed kept in its form, the errors beside their fields.
pub async fn refused(
    state: &AppState,
    session: &Session,
    year: AcademicYear,
    errors: Vec<FieldError>,
    kept: Kept,
) -> PageResult<HttpResponse> {
    render(
        state,
        session,
        year,
        StatusCode::UNPROCESSABLE_ENTITY,
        None,
        &errors,
        Some(&kept),
    )
    .await
}

/// The French label of a field of the page's forms (the dates' are in their messages already).
fn field_label(field: &str) -> Option<&'static str> {
    Some(match field {
        "indicator" => "Indicateur",
        "scope" => "Portée",
        "direction" => "Sens",
        "value" => "Valeur",
        "campus_id" => "Campus",
        "kind" => "Document",
        "due_at" => "Nouvelle date limite",
        "reason" => "Motif",
        "confirmation" => "Confirmation de la suppression",
        "annee" => "Année universitaire",
        _ => return None,
    })
}

/// The errors as the summary lists them: each named by its field's label.
fn labelled(errors: &[FieldError]) -> Vec<FieldError> {
    errors
        .iter()
        .map(|e| match field_label(&e.field) {
            Some(label) => FieldError {
                message: format!("{label} : {}", e.message),
                ..e.clone()
            },
            None => e.clone(),
        })
        .collect()
}

/// A row of the targets' table: a stored target, or a national default no stored target replaces.
struct Row {
    target: Target,
    default: bool,
}

/// The page, with a message, or the errors of a refused form (then with its status) and what was typed in it.
pub async fn render(
    state: &AppState,
    session: &Session,
    year: AcademicYear,
    status: StatusCode,
    message: Option<Markup>,
    errors: &[FieldError],
    kept: Option<&Kept>,
) -> PageResult<HttpResponse> {
    session
        .caller
        .require(&[Role::Analyst, Role::Ministry, Role::Admin])?;
    let now = state.now();
    let now_year = AcademicYear::containing(now).map_err(|e| ApiError::Internal(e.to_string()))?;
    let (dates, year_targets, exceptions, mut all_campuses) = db::run(state, move |conn| {
        Ok((
            Deadlines::load(conn, year)?,
            targets::list(conn, Some(year))?,
            deadlines::exceptions(conn, Some(year))?,
            campuses::all(conn)?,
        ))
    })
    .await?;
    all_campuses.sort_by(|a, b| a.name.cmp(&b.name));
    let mut rows: Vec<Row> = year_targets
        .iter()
        .cloned()
        .map(|target| Row {
            target,
            default: false,
        })
        .collect();
    for d in national_defaults(year) {
        let replaced = year_targets
            .iter()
            .any(|t| t.scope == TargetScope::Nation && t.indicator == d.indicator);
        if !replaced {
            rows.push(Row {
                target: d,
                default: true,
            });
        }
    }
    // Editing a target: its form filled in with the target's direction and value.
    let edit;
    let kept = match kept {
        Some(k) if k.form == Form::Target && k.fields.len() == 2 => {
            let (i, s) = (
                kept_value(Some(&k.fields), "indicator").unwrap_or(""),
                kept_value(Some(&k.fields), "scope").unwrap_or(""),
            );
            edit = rows
                .iter()
                .find(|r| r.target.indicator == i && r.target.scope.to_string() == s)
                .map(|r| Kept {
                    form: Form::Target,
                    fields: vec![
                        ("indicator".to_owned(), r.target.indicator.clone()),
                        ("scope".to_owned(), r.target.scope.to_string()),
                        (
                            "direction".to_owned(),
                            r.target.direction.as_str().to_owned(),
                        ),
                        ("value".to_owned(), decimal_input(r.target.value)),
                    ],
                });
            edit.as_ref()
        }
        other => other,
    };
    let errors_of = |form: Form| {
        if kept.is_some_and(|k| k.form == form) {
            errors
        } else {
            &[]
        }
    };
    let analyst = session.caller.role == Role::Analyst;
    let previous = year.previous().ok();
    let content = markup! {
        @if let Some(message) = message { (message) }
        @if !errors.is_empty() { (error_summary("La modification n'a pas été faite", &labelled(errors))) }
        (year_picker("/analyse/parametres", year, now_year))
        h2 { "Échéances " (year) }
        dl.summary {
            dt { "Rapport annuel dû le" } dd { (date(dates.annual_report_due)) }
            dt { "Clôture de la saisie" } dd { (date(dates.annual_report_closing)) }
            dt { "Ouverture de l'enquête flash" } dd { (date(dates.flash_survey_opens)) }
            dt { "Enquête flash due le" } dd { (date(dates.flash_survey_due)) }
        }
        @if analyst { (dates_form(session, year, &dates, Kept::of(kept, Form::Dates), errors_of(Form::Dates))) }
        h2 { "Dérogations accordées (" (exceptions.len()) ")" }
        @if exceptions.is_empty() {
            p { "Aucune dérogation pour cette année." }
        } @else {
            table {
                thead { tr { th scope="col" { "Campus" } th scope="col" { "Document" } th scope="col" { "Nouvelle date" } th scope="col" { "Motif" } } }
                tbody {
                    @for e in &exceptions {
                        tr {
                            th scope="row" { a href={ "/campus/" (e.campus_id) } { (scope_label(&TargetScope::Campus(e.campus_id.clone()), &all_campuses)) } }
                            td { @if e.kind == DeadlineKind::FlashSurvey { "Enquête flash" } @else { "Rapport annuel" } }
                            td { (date(e.due_at)) }
                            td { (e.reason) }
                        }
                    }
                }
            }
        }
        @if analyst { (exception_form(session, year, &all_campuses, Kept::of(kept, Form::Exception), errors_of(Form::Exception))) }
        h2 #cibles { "Cibles (" (rows.len()) ")" }
        @if rows.iter().any(|r| r.default) {
            p.hint { "Les cibles « par défaut (cahier des charges) » s'appliquent tant qu'aucune cible nationale enregistrée ne les remplace." }
        }
        table {
            thead {
                tr {
                    th scope="col" { "Indicateur" } th scope="col" { "Portée" } th scope="col" { "Cible" } th scope="col" { "Origine" }
                    @if analyst { th scope="col" { "Actions" } }
                }
            }
            tbody {
                @for (i, r) in rows.iter().enumerate() {
                    @let t = &r.target;
                    @let label = indicator(&t.indicator).map_or(t.indicator.as_str(), |i| i.label);
                    @let scope = scope_label(&t.scope, &all_campuses);
                    tr {
                        th scope="row" { (label) }
                        td { (scope) }
                        td {
                            (if t.direction == Direction::AtLeast { "au moins " } else { "au plus " })
                            @if let Some(def) = indicator(&t.indicator) { (super::format::indicator_value(def, Some(t.value))) } @else { (t.value) }
                        }
                        td { @if r.default { "par défaut (cahier des charges)" } @else { "enregistrée" } }
                        @if analyst {
                            td {
                                a href={ "/analyse/parametres?annee=" (year) "&indicateur=" (t.indicator) "&portee=" (t.scope) "#fixer-cible" }
                                    aria-label={ "Modifier la cible " (label) " — " (scope) } { "Modifier" }
                                @if !r.default {
                                    (remove_form(session, year, i, t, &format!("{label} — {scope}"), Kept::of(kept, Form::Remove), errors_of(Form::Remove)))
                                }
                            }
                        }
                    }
                }
            }
        }
        @if analyst {
            @if let Some(previous) = previous {
                form.inline method="post" action="/analyse/parametres/cibles/copier" {
                    (csrf_field(session))
                    input type="hidden" name="annee" value=(year);
                    p.hint #aide-copie { "Les cibles enregistrées en " (previous) " sont reprises pour " (year) " ; celles déjà fixées pour " (year) " sont conservées telles quelles." }
                    button.fr-btn.fr-btn--secondary type="submit" aria-describedby="aide-copie" { "Copier les cibles de " (previous) }
                }
            }
            (target_form(session, year, &all_campuses, Kept::of(kept, Form::Target), errors_of(Form::Target)))
        }
    };
    Ok(html(
        status,
        page_in(
            &format!("Cibles et échéances — {year}"),
            Some(session),
            &[("Suivi du réseau", "/analyse".to_owned())],
            content,
        ),
    ))
}

/// The errors of `field`, beside its input (`id` is that input's).
fn field_errors(errors: &[FieldError], field: &str, id: &str) -> Markup {
    markup! {
        div id={ "erreur-" (id) } {
            @for e in errors.iter().filter(|e| e.field == field) { p.error-message { "Erreur : " (e.message) } }
        }
    }
}

/// The class of a field's block: marked when it has an error.
fn field_class(errors: &[FieldError], field: &str) -> &'static str {
    if errors.iter().any(|e| e.field == field) {
        "field field-error"
    } else {
        "field"
    }
}

fn dates_form(
    session: &Session,
    year: AcademicYear,
    dates: &Deadlines,
    kept: Option<&[(String, String)]>,
    errors: &[FieldError],
) -> Markup {
    let current = |name: &str| {
        let at = match name {
            "annual_report_due" => dates.annual_report_due,
            "annual_report_closing" => dates.annual_report_closing,
            "flash_survey_opens" => dates.flash_survey_opens,
            _ => dates.flash_survey_due,
        };
        paris_date(at).format("%Y-%m-%d").to_string()
    };
    markup! {
        h3 { "Modifier les dates de l'année" }
        form.stack method="post" action="/analyse/parametres/dates" {
            (csrf_field(session))
            input type="hidden" name="annee" value=(year);
            p.hint { "Dates au format JJ/MM/AAAA, heure de Paris : les échéances à 23 h 59, l'ouverture de l'enquête flash à 0 h. Une date inchangée n'est pas modifiée." }
            @for (name, label, _) in DATE_FIELDS {
                @let id = input_id(name);
                div class=(field_class(errors, name)) {
                    label for=(id) { (label) }
                    (field_errors(errors, name, &id))
                    input type="date" id=(id) name=(name) required
                        value=(kept_value(kept, name).map_or_else(|| current(name), str::to_owned))
                        aria-describedby={ "erreur-" (id) };
                }
            }
            button.fr-btn.fr-btn--secondary type="submit" { "Enregistrer les dates" }
        }
    }
}

fn exception_form(
    session: &Session,
    year: AcademicYear,
    campuses: &[Campus],
    kept: Option<&[(String, String)]>,
    errors: &[FieldError],
) -> Markup {
    let chosen = kept_value(kept, "campus_id").unwrap_or("");
    let kind = kept_value(kept, "kind").unwrap_or("annual_report");
    markup! {
        h3 { "Accorder une dérogation" }
        form.stack method="post" action="/analyse/parametres/derogations" {
            (csrf_field(session))
            input type="hidden" name="annee" value=(year);
            div class=(field_class(errors, "campus_id")) {
                label for=(input_id("campus_id")) { "Campus" }
                (field_errors(errors, "campus_id", &input_id("campus_id")))
                select id=(input_id("campus_id")) name="campus_id" required aria-describedby={ "erreur-" (input_id("campus_id")) } {
                    option value="" selected[chosen.is_empty()] { "Choisissez un campus" }
                    @for c in campuses {
                        option value=(c.id) selected[c.id.as_str() == chosen] { (c.name) }
                    }
                }
            }
            div class=(field_class(errors, "kind")) {
                label for=(input_id("kind")) { "Document" }
                (field_errors(errors, "kind", &input_id("kind")))
                select id=(input_id("kind")) name="kind" aria-describedby={ "erreur-" (input_id("kind")) } {
                    option value="annual_report" selected[kind == "annual_report"] { "Rapport annuel" }
                    option value="flash_survey" selected[kind == "flash_survey"] { "Enquête flash" }
                }
            }
            div class=(field_class(errors, "due_at")) {
                label for=(input_id("due_at")) { "Nouvelle date limite (23 h 59, heure de Paris)" }
                (field_errors(errors, "due_at", &input_id("due_at")))
                input type="date" id=(input_id("due_at")) name="due_at" required
                    value=(kept_value(kept, "due_at").unwrap_or("")) aria-describedby={ "erreur-" (input_id("due_at")) };
            }
            div class=(field_class(errors, "reason")) {
                label for=(input_id("reason")) { "Motif" }
                (field_errors(errors, "reason", &input_id("reason")))
                textarea id=(input_id("reason")) name="reason" rows="3" required aria-describedby={ "erreur-" (input_id("reason")) } {
                    (kept_value(kept, "reason").unwrap_or(""))
                }
            }
            button.fr-btn.fr-btn--secondary type="submit" { "Accorder la dérogation" }
        }
    }
}

/// A stored target's removal: its key, and a box to tick to confirm (the error beside it when it was not).
fn remove_form(
    session: &Session,
    year: AcademicYear,
    row: usize,
    target: &Target,
    name: &str,
    kept: Option<&[(String, String)]>,
    errors: &[FieldError],
) -> Markup {
    let scope = target.scope.to_string();
    let this = kept_value(kept, "indicator") == Some(target.indicator.as_str())
        && kept_value(kept, "scope") == Some(scope.as_str());
    let errors = if this { errors } else { &[] };
    // The refused row's box takes the id the error summary links to.
    let id = if this {
        input_id("confirmation")
    } else {
        format!("confirmer-suppression-{row}")
    };
    markup! {
        form.stack method="post" action="/analyse/parametres/cibles/supprimer" {
            (csrf_field(session))
            input type="hidden" name="annee" value=(year);
            input type="hidden" name="indicator" value=(target.indicator);
            input type="hidden" name="scope" value=(scope);
            div class={ (field_class(errors, "confirmation")) " checkbox" } {
                (field_errors(errors, "confirmation", &id))
                input type="checkbox" id=(id) name="confirmation" value="oui" required aria-describedby={ "erreur-" (id) };
                label for=(id) { "Je confirme la suppression de la cible " (name) }
            }
            button.fr-btn.fr-btn--secondary type="submit" { "Supprimer" }
        }
    }
}

fn target_form(
    session: &Session,
    year: AcademicYear,
    campuses: &[Campus],
    kept: Option<&[(String, String)]>,
    errors: &[FieldError],
) -> Markup {
    let chosen_indicator = kept_value(kept, "indicator").unwrap_or("");
    let scope = kept_value(kept, "scope").unwrap_or("nation");
    let direction = kept_value(kept, "direction").unwrap_or("at_least");
    markup! {
        h3 #fixer-cible { "Fixer une cible" }
        form.stack method="post" action="/analyse/parametres/cibles" {
            (csrf_field(session))
            input type="hidden" name="annee" value=(year);
            div class=(field_class(errors, "indicator")) {
                label for=(input_id("indicator")) { "Indicateur" }
                (field_errors(errors, "indicator", &input_id("indicator")))
                select id=(input_id("indicator")) name="indicator" aria-describedby={ "erreur-" (input_id("indicator")) } {
                    @for ind in INDICATORS { option value=(ind.name) selected[ind.name == chosen_indicator] { (ind.label) } }
                }
            }
            div class=(field_class(errors, "scope")) {
                label for=(input_id("scope")) { "Portée" }
                p.hint #aide-portee { "La France entière, une région académique ou un campus : la cible la plus proche du campus s'applique." }
                (field_errors(errors, "scope", &input_id("scope")))
                select id=(input_id("scope")) name="scope" aria-describedby={ "aide-portee erreur-" (input_id("scope")) } {
                    option value="nation" selected[scope == "nation"] { "France entière" }
                    optgroup label="Régions académiques" {
                        @for r in Region::ALL {
                            @let value = format!("region:{}", r.code.as_str());
                            option value=(value) selected[scope == value] { (r.name) }
                        }
                    }
                    optgroup label="Campus" {
                        @for c in campuses {
                            @let value = format!("campus:{}", c.id);
                            option value=(value) selected[scope == value] { (c.name) }
                        }
                    }
                }
            }
            div class=(field_class(errors, "direction")) {
                label for=(input_id("direction")) { "Sens" }
                (field_errors(errors, "direction", &input_id("direction")))
                select id=(input_id("direction")) name="direction" aria-describedby={ "erreur-" (input_id("direction")) } {
                    option value="at_least" selected[direction == "at_least"] { "au moins" }
                    option value="at_most" selected[direction == "at_most"] { "au plus" }
                }
            }
            div class=(field_class(errors, "value")) {
                label for=(input_id("value")) { "Valeur" }
                p.hint #aide-valeur { "Dans l'unité de l'indicateur : pourcentage, euros, étudiants, heures (par exemple 82,5)" }
                (field_errors(errors, "value", &input_id("value")))
                input type="text" inputmode="decimal" id=(input_id("value")) name="value" required
                    value=(kept_value(kept, "value").unwrap_or("")) aria-describedby={ "aide-valeur erreur-" (input_id("value")) };
            }
            button.fr-btn.fr-btn--secondary type="submit" { "Enregistrer la cible" }
        }
    }
}
