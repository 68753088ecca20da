//! The annual report as a form for the campus's coordinator: the grid in sections, each field with its French
//! label, help and the messages of the rules it breaks; the narrative; one explanation field per missed target;
//! the computed indicators; save, upload of the spreadsheet, submission with a confirmation.

use super::format::{self, date, time_left};
use super::layout::{
    confirm_dialog, csrf_field, gap_badge, input_id, notice, page_in, report_status_badge,
};
use super::session::Session;
use chrono::{DateTime, Utc};
use maud::{html, Markup};
use pilotage_app::error::FieldError;
use pilotage_app::reports::{text_label, IndicatorView, ReportView};
use pilotage_domain::grid::{
    field as grid_field_spec, groups, FieldKind, FieldSpec, FieldValue, Section,
};
use pilotage_domain::indicators::indicator;
use pilotage_domain::validation::{SumGroup, SUM_GROUPS};
use pilotage_domain::{french, Direction, ReportStatus, GRID_FIELDS};
use pilotage_spreadsheet::parse_typed;

const SECTIONS: [Section; 4] = [
    Section::Enrolment,
    Section::Outcomes,
    Section::Support,
    Section::Finances,
];

/// What the form shows beyond the stored report: the values as typed (after a refused post), the errors of that
/// post, and a message.
#[derive(Default)]
pub struct Entry<'a> {
    pub typed: Option<&'a [(String, String)]>,
    pub errors: Vec<FieldError>,
    pub message: Option<Markup>,
}

impl Entry<'_> {
    fn typed(&self, name: &str) -> Option<&str> {
        self.typed.and_then(|t| super::form::field(t, name))
    }
}

/// The codes of the budget's rules, shown on the budget's totals rather than beside each amount.
const BUDGET_CODES: [&str; 2] = ["budget_unbalanced", "implausible_cost_per_student"];

/// Where a message is shown on the form: on its breakdown's total for a sum, on the budget's totals for the budget,
/// else beside its (first) field. The error summary links there.
fn anchor(e: &FieldError) -> String {
    if let Some(group) = SUM_GROUPS.iter().find(|g| g.code == e.code) {
        format!("total-{}", group.code)
    } else if BUDGET_CODES.contains(&e.code.as_str()) {
        "total-budget".to_owned()
    } else {
        input_id(&e.field)
    }
}

/// Each message once, in order: the API names a rule once per field it concerns, the form says it once.
fn distinct<'a>(messages: impl IntoIterator<Item = &'a FieldError>) -> Vec<&'a FieldError> {
    let mut seen: Vec<&FieldError> = Vec::new();
    for m in messages {
        if !seen
            .iter()
            .any(|s| s.code == m.code && s.message == m.message)
        {
            seen.push(m);
        }
    }
    seen
}

/// « 1 erreur à corriger », « 3 erreurs à corriger ».
fn errors_title(count: usize) -> String {
    if count == 1 {
        "1 erreur à corriger".to_owned()
    } else {
        format!("{count} erreurs à corriger")
    }
}

/// The messages shown at one place of the form (see [`anchor`]): errors first, then warnings.
struct Messages<'a> {
    errors: Vec<&'a str>,
    warnings: Vec<&'a str>,
}

fn messages<'a>(at: &str, errors: &[&'a FieldError], warnings: &[&'a FieldError]) -> Messages<'a> {
    let here = |list: &[&'a FieldError]| -> Vec<&'a str> {
        list.iter()
            .filter(|e| anchor(e) == at)
            .map(|e| e.message.as_str())
            .collect()
    };
    Messages {
        errors: here(errors),
        warnings: here(warnings),
    }
}

/// The help of a field as the form shows it: money is typed in euros here, not in cents as in the API.
fn help(spec: &FieldSpec) -> &'static str {
    let help = spec.help.trim_end_matches(", en centimes d'euro");
    if help == "En centimes d'euro" {
        ""
    } else {
        help
    }
}

fn field_messages(id: &str, m: &Messages<'_>) -> Markup {
    html! {
        div id={ "erreur-" (id) } {
            @for e in &m.errors { p.error-message { "Erreur : " (e) } }
            @for w in &m.warnings { p.warning-message { "Attention : " (w) } }
        }
    }
}

fn grid_field(spec: &FieldSpec, value: &str, m: &Messages<'_>, editable: bool) -> Markup {
    let id = input_id(spec.name);
    let described = format!("aide-{id} erreur-{id}");
    let mode = match spec.kind {
        FieldKind::Count => "numeric",
        FieldKind::Money | FieldKind::Decimal => "decimal",
        FieldKind::Texts => "text",
    };
    let invalid = !m.errors.is_empty();
    html! {
        div class={ "field" @if invalid { " field-error" } @else if !m.warnings.is_empty() { " field-warning" } } {
            label for=(id) { (spec.label) }
            p.hint id={ "aide-" (id) } {
                @let help = help(spec);
                @if !help.is_empty() { (help) ". " }
                (format::kind_hint(spec.kind))
            }
            (field_messages(&id, m))
            input id=(id) name=(spec.name) type="text" inputmode=(mode) value=(value)
                aria-describedby=(described) aria-invalid=[invalid.then_some("true")]
                readonly[!editable] autocomplete="off";
        }
    }
}

/// The sum of what can be read among `fields` (as shown on the form), and whether every one could.
fn shown_total(fields: &[&str], value: &dyn Fn(&FieldSpec) -> String) -> (f64, bool) {
    let mut total = 0.0;
    let mut complete = true;
    for name in fields {
        let Some(spec) = grid_field_spec(name) else {
            continue;
        };
        match parse_typed(spec.kind, &value(spec)) {
            Ok(Some(FieldValue::Count(n))) => total += n as f64,
            Ok(Some(FieldValue::Money(cents))) => total += cents as f64 / 100.0,
            _ => complete = false,
        }
    }
    (total, complete)
}

/// A breakdown's running total, under its last field: what it adds up to against the students accueillis, and the
/// message of its rule. The page's script updates it as people type (`data-somme`, `data-attendu`).
fn group_total(group: &SumGroup, value: &dyn Fn(&FieldSpec) -> String, m: &Messages<'_>) -> Markup {
    let (total, _) = shown_total(group.fields, value);
    let (enrolled, known) = shown_total(&["students_enrolled"], value);
    let id = format!("total-{}", group.code);
    html! {
        div id=(id) class={ "group-total" @if !m.errors.is_empty() { " field-error" } } tabindex="-1" {
            p {
                (group.label) " : "
                span.total-value data-somme=(group.fields.join(" ")) data-attendu="students_enrolled" {
                    (french::count(total))
                    @if known { " sur " (french::count(enrolled)) " étudiants accueillis" }
                }
            }
            (field_messages(&id, m))
        }
    }
}

/// The budget's totals, under its last amount, with the budget's messages.
fn budget_total(value: &dyn Fn(&FieldSpec) -> String, m: &Messages<'_>) -> Markup {
    let (revenues, _) = shown_total(groups::REVENUES, value);
    let (expenses, _) = shown_total(groups::EXPENSES, value);
    html! {
        div #total-budget class={ "group-total" @if !m.warnings.is_empty() { " field-warning" } } tabindex="-1" {
            p {
                "Total des recettes : "
                span.total-value data-somme=(groups::REVENUES.join(" ")) data-euros="oui" { (french::euros(revenues)) }
                " ; total des dépenses : "
                span.total-value data-somme=(groups::EXPENSES.join(" ")) data-euros="oui" { (french::euros(expenses)) }
            }
            (field_messages("total-budget", m))
        }
    }
}

/// The field after which the budget's totals are shown: the last of its amounts in form order.
fn last_budget_field() -> Option<&'static str> {
    GRID_FIELDS
        .iter()
        .rev()
        .find(|f| groups::REVENUES.contains(&f.name) || groups::EXPENSES.contains(&f.name))
        .map(|f| f.name)
}

fn text_area(name: &str, hint: &str, value: &str, m: &Messages<'_>, editable: bool) -> Markup {
    let id = input_id(name);
    let label = text_label(name).unwrap_or_else(|| name.to_owned());
    let invalid = !m.errors.is_empty();
    html! {
        div class={ "field" @if invalid { " field-error" } } {
            label for=(id) { (label) }
            @if !hint.is_empty() { p.hint id={ "aide-" (id) } { (hint) } }
            (field_messages(&id, m))
            textarea id=(id) name=(name) rows="5" aria-describedby={ @if !hint.is_empty() { "aide-" (id) " " } "erreur-" (id) }
                aria-invalid=[invalid.then_some("true")] readonly[!editable] { (value) }
        }
    }
}

pub fn render(
    session: &Session,
    view: &ReportView,
    entry: &Entry<'_>,
    now: DateTime<Utc>,
) -> Markup {
    let base = format!("/campus/{}/rapports/{}", view.campus_id, view.academic_year);
    let editable = view.editable;
    // The rules the stored draft breaks, and those of the refused post (which concern what was typed). A draft may
    // be incomplete: its empty fields are counted above the form, and only a refused submission lists each one.
    let mut all: Vec<&FieldError> = entry.errors.iter().collect();
    if entry.typed.is_none() {
        all.extend(
            view.validation
                .errors
                .iter()
                .filter(|e| e.code != "required" && !entry.errors.contains(e)),
        );
    }
    let errors = distinct(all);
    let warnings = distinct(&view.validation.warnings);
    let at = |place: &str| messages(place, &errors, &warnings);
    let value = |spec: &FieldSpec| {
        entry
            .typed(spec.name)
            .map_or_else(|| format::input_value(spec, &view.grid), str::to_owned)
    };
    let budget_end = last_budget_field();
    let explained: Vec<_> = view
        .indicators
        .iter()
        .filter(|i| i.explanation_required || view.gap_explanations.contains_key(&i.name))
        .collect();
    let title = format!(
        "Rapport annuel {} — {}",
        view.academic_year, view.campus_name
    );
    let content = html! {
        @if let Some(message) = &entry.message { (message) }
        @if !errors.is_empty() {
            div.fr-alert.fr-alert--error.notice.notice-error role="alert" aria-labelledby="resume-erreurs" {
                h2.fr-alert__title #resume-erreurs { (errors_title(errors.len())) }
                ul {
                    @for e in &errors {
                        li { a href={ "#" (anchor(e)) } { (e.message) } }
                    }
                }
            }
        }
        @if let (ReportStatus::Returned, Some(comment)) = (view.status, &view.review_comment) {
            (notice("error", &format!("Renvoyé pour correction. Commentaire de l'opérateur : {comment}")))
        }
        dl.summary {
            dt { "Statut" } dd { (report_status_badge(view.status)) }
            dt { "Échéance" } dd { (date(view.deadline)) @if view.submitted_at.is_none() { " (" (time_left(view.deadline, now)) ")" } }
            dt { "Clôture de la saisie" } dd { (date(view.closing_date)) }
            @if let Some(at) = view.submitted_at { dt { "Transmis le" } dd { (date(at)) " — " (format::timeliness(view.timeliness)) } }
            @if !view.validation.missing.is_empty() { dt { "Champs à remplir" } dd { (view.validation.missing.len()) " avant la transmission" } }
        }
        p.actions {
            a href={ (base) "/historique" } { "Historique du rapport" }
            " · "
            a href={ "/api/v1/campuses/" (view.campus_id) "/reports/" (view.academic_year) "/template.xlsx" } { "Télécharger la grille (XLSX)" }
            " · "
            a href={ "/campus/" (view.campus_id) } { "Page du campus et tableau de bord" }
        }
        @if editable {
            p.hint #champs-obligatoires {
                "Tous les champs de la grille sont obligatoires pour transmettre le rapport, ainsi qu'une explication "
                "pour chaque cible manquée ; le récit est facultatif. Le brouillon peut être enregistré incomplet à "
                "tout moment."
            }
        } @else {
            (notice("info", &format!("Ce rapport est {} : il n'est pas modifiable.", format::report_status(view.status))))
        }
        nav.fr-summary role="navigation" aria-labelledby="titre-sommaire" {
            h2.fr-summary__title #titre-sommaire { "Sommaire du rapport" }
            ol {
                @for (n, section) in SECTIONS.iter().enumerate() {
                    li { a.fr-summary__link href={ "#partie-" (n + 1) } { (section.label()) } }
                }
                li { a.fr-summary__link href="#recit" { "Récit" } }
                li { a.fr-summary__link href="#ecarts" { "Explication des écarts aux cibles" } }
                li { a.fr-summary__link href="#indicateurs" { "Indicateurs calculés" } }
                @if editable {
                    li { a.fr-summary__link href="#importer" { "Importer la grille remplie" } }
                    li { a.fr-summary__link href="#transmettre" { "Transmettre le rapport" } }
                }
            }
        }
        form #grille method="post" action=(base) novalidate data-brouillon=[editable.then(|| format!("{base}/brouillon"))] {
            (csrf_field(session))
            input #version type="hidden" name="version" value=(view.version);
            @for (n, section) in SECTIONS.iter().enumerate() {
                fieldset id={ "partie-" (n + 1) } {
                    legend { (section.label()) }
                    div.grid-fields {
                        @for spec in GRID_FIELDS.iter().filter(|f| f.section == *section) {
                            (grid_field(spec, &value(spec), &at(&input_id(spec.name)), editable))
                            @if let Some(group) = SUM_GROUPS.iter().find(|g| g.fields.last() == Some(&spec.name)) {
                                (group_total(group, &value, &at(&format!("total-{}", group.code))))
                            }
                            @if budget_end == Some(spec.name) {
                                (budget_total(&value, &at("total-budget")))
                            }
                        }
                    }
                }
            }
            fieldset #recit {
                legend { "Récit" }
                @let achievements = entry.typed("narrative.achievements").map_or_else(|| view.narrative.achievements.clone().unwrap_or_default(), str::to_owned);
                (text_area("narrative.achievements", "Actions menées, partenariats, faits marquants", &achievements, &at(&input_id("narrative.achievements")), editable))
                @let comment = entry.typed("narrative.financial_comment").map_or_else(|| view.narrative.financial_comment.clone().unwrap_or_default(), str::to_owned);
                (text_area("narrative.financial_comment", "", &comment, &at(&input_id("narrative.financial_comment")), editable))
            }
            fieldset #ecarts {
                legend { "Explication des écarts aux cibles" }
                @if explained.is_empty() {
                    p { "Aucune cible manquée : rien à expliquer pour l'instant (les indicateurs sont recalculés à chaque enregistrement)." }
                }
                @for ind in &explained {
                    @let name = format!("gap_explanations.{}", ind.name);
                    @let hint = match (indicator(&ind.name), &ind.target) {
                        (Some(def), Some(t)) => format!("Valeur {} pour une cible {} {} : expliquez l'écart", format::indicator_value(def, ind.value), if t.direction == Direction::AtLeast { "d'au moins" } else { "d'au plus" }, format::indicator_value(def, Some(t.value))),
                        _ => "Expliquez l'écart".to_owned(),
                    };
                    @let value = entry.typed(&name).map_or_else(|| view.gap_explanations.get(&ind.name).cloned().unwrap_or_default(), str::to_owned);
                    (text_area(&name, &hint, &value, &at(&input_id(&name)), editable))
                }
            }
            @if editable {
                div.buttons {
                    button.fr-btn type="submit" { "Enregistrer le brouillon" }
                    p #etat-brouillon role="status" {}
                }
            }
            h2 #indicateurs { "Indicateurs calculés" }
            p.hint #source-indicateurs aria-live="polite" { "Calculés à partir de la grille enregistrée." }
            div.scroll-box tabindex="0" role="region" aria-labelledby="indicateurs" {
                table #table-indicateurs data-apercu={ (base) "/apercu" } {
                    thead { tr { th scope="col" { "Indicateur" } th scope="col" { "Valeur" } th scope="col" { "Cible" } th scope="col" { "Situation" } } }
                    (indicator_rows(&view.indicators))
                }
            }
            @if editable {
                h2 #importer { "Importer la grille remplie" }
                div.field {
                    label for="champ-file" { "Fichier de la grille (XLSX ou CSV)" }
                    p.hint id="aide-champ-file" { "Le modèle téléchargé ci-dessus, rempli. La grille du fichier remplace celle saisie ci-dessus ; le récit et les explications saisis sont enregistrés avec elle." }
                    @let file = at("champ-file");
                    (field_messages("champ-file", &file))
                    input #champ-file type="file" name="fichier" accept=".xlsx,.csv" aria-describedby="aide-champ-file erreur-champ-file";
                }
                p { button.fr-btn.fr-btn--secondary type="submit" formaction={ (base) "/fichier" } formenctype="multipart/form-data" { "Importer la grille" } }
                h2 #transmettre { "Transmettre le rapport" }
                p { "Vos saisies sont enregistrées dans le brouillon avant la transmission : rien n'est perdu si elle est refusée." }
                @let confirm = at("champ-confirmation");
                div class={ "field checkbox" @if !confirm.errors.is_empty() { " field-error" } } {
                    (field_messages("champ-confirmation", &confirm))
                    input #champ-confirmation type="checkbox" name="confirmation" value="oui" aria-describedby="erreur-champ-confirmation";
                    label for="champ-confirmation" { "Je confirme l'exactitude des chiffres et je transmets le rapport à l'opérateur ; il ne sera plus modifiable sauf renvoi pour correction." }
                }
                p { button.fr-btn type="submit" formaction={ (base) "/transmettre" } data-confirm="confirmer-transmission" { "Transmettre le rapport" } }
            }
        }
        @if editable {
            (confirm_dialog(
                "confirmer-transmission",
                "Transmettre le rapport à l'opérateur ?",
                "Une fois transmis, le rapport n'est plus modifiable, sauf si l'opérateur le renvoie pour correction. Vos saisies sont enregistrées avant la transmission.",
                "Confirmer la transmission",
            ))
        }
    };
    let trail = [(
        view.campus_name.as_str(),
        format!("/campus/{}", view.campus_id),
    )];
    page_in(&title, Some(session), &trail, content)
}

/// An indicator's row cells: its name, value, target and whether the target is met.
pub fn indicator_cells(ind: &IndicatorView) -> Markup {
    let Some(def) = indicator(&ind.name) else {
        return html! { th scope="row" { (ind.label) } td {} td {} td {} };
    };
    html! {
        th scope="row" { (ind.label) }
        td { (format::indicator_value(def, ind.value)) }
        td {
            @if let Some(t) = &ind.target {
                (if t.direction == Direction::AtLeast { "≥ " } else { "≤ " }) (format::indicator_value(def, Some(t.value)))
            } @else { "—" }
        }
        td { @if let Some(g) = &ind.gap { (gap_badge(g.status)) } @else { "sans cible" } }
    }
}

/// The body of the indicators' table.
pub fn indicator_rows(indicators: &[IndicatorView]) -> Markup {
    html! {
        tbody {
            @for ind in indicators {
                tr class=[ind.explanation_required.then_some("missed")] { (indicator_cells(ind)) }
            }
        }
    }
}
