//! The annual report as a form for the campus's coordinator: the grid in sections, each field with its French
//! label, help and the messages of the rules it breaks; the narrative; one explanation field per missed target;
//! the computed indicators; save, upload of the spreadsheet, submission with a confirmation.

use super::format::{self, date, time_left};
use super::layout::{csrf_field, error_summary, input_id, notice, page};
use super::session::Session;
use chrono::{DateTime, Utc};
use maud::{html, Markup};
use pilotage_app::error::FieldError;
use pilotage_app::reports::{IndicatorView, ReportView};
use pilotage_domain::grid::{FieldKind, FieldSpec, Section};
use pilotage_domain::indicators::indicator;
use pilotage_domain::{Direction, ReportStatus, GRID_FIELDS};

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

/// The messages about one field: errors first, then warnings.
struct Messages<'a> {
    errors: Vec<&'a str>,
    warnings: Vec<&'a str>,
}

fn messages<'a>(
    field: &str,
    errors: &[&'a FieldError],
    warnings: &'a [FieldError],
) -> Messages<'a> {
    Messages {
        errors: errors
            .iter()
            .filter(|e| e.field == field)
            .map(|e| e.message.as_str())
            .collect(),
        warnings: warnings
            .iter()
            .filter(|e| e.field == field)
            .map(|e| e.message.as_str())
            .collect(),
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
            div id={ "erreur-" (id) } {
                @for e in &m.errors { p.error-message { "Erreur : " (e) } }
                @for w in &m.warnings { p.warning-message { "Attention : " (w) } }
            }
            input id=(id) name=(spec.name) type="text" inputmode=(mode) value=(value)
                aria-describedby=(described) aria-invalid=[invalid.then_some("true")]
                readonly[!editable] autocomplete="off";
        }
    }
}

fn text_area(
    name: &str,
    label: &str,
    hint: &str,
    value: &str,
    m: &Messages<'_>,
    editable: bool,
) -> Markup {
    let id = input_id(name);
    let invalid = !m.errors.is_empty();
    html! {
        div class={ "field" @if invalid { " field-error" } } {
            label for=(id) { (label) }
            @if !hint.is_empty() { p.hint id={ "aide-" (id) } { (hint) } }
            div id={ "erreur-" (id) } {
                @for e in &m.errors { p.error-message { "Erreur : " (e) } }
            }
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
    let mut errors: Vec<&FieldError> = entry.errors.iter().collect();
    if entry.typed.is_none() {
        errors.extend(
            view.validation
                .errors
                .iter()
                .filter(|e| e.code != "required" && !entry.errors.contains(e)),
        );
    }
    let warnings = &view.validation.warnings;
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
            (error_summary(&format!("{} point(s) à corriger", errors.len()), &errors.iter().map(|e| (*e).clone()).collect::<Vec<_>>()))
        }
        @if let (ReportStatus::Returned, Some(comment)) = (view.status, &view.review_comment) {
            (notice("error", &format!("Renvoyé pour correction. Commentaire de l'opérateur : {comment}")))
        }
        dl.summary {
            dt { "Statut" } dd { (format::report_status(view.status)) }
            dt { "Échéance" } dd { (date(view.deadline)) " (" (time_left(view.deadline, now)) ")" }
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
        @if !editable {
            (notice("info", &format!("Ce rapport est {} : il n'est pas modifiable.", format::report_status(view.status))))
        }
        form #grille method="post" action=(base) novalidate {
            (csrf_field(session))
            input type="hidden" name="version" value=(view.version);
            @for section in SECTIONS {
                fieldset {
                    legend { (section.label()) }
                    div.grid-fields {
                        @for spec in GRID_FIELDS.iter().filter(|f| f.section == section) {
                            @let value = entry.typed(spec.name).map_or_else(|| format::input_value(spec, &view.grid), str::to_owned);
                            (grid_field(spec, &value, &messages(&format!("grid.{}", spec.name), &errors, warnings), editable))
                        }
                    }
                }
            }
            fieldset {
                legend { "Récit" }
                @let achievements = entry.typed("narrative.achievements").map_or_else(|| view.narrative.achievements.clone().unwrap_or_default(), str::to_owned);
                (text_area("narrative.achievements", "Réalisations de l'année", "Actions menées, partenariats, faits marquants", &achievements, &messages("narrative.achievements", &errors, &[]), editable))
                @let comment = entry.typed("narrative.financial_comment").map_or_else(|| view.narrative.financial_comment.clone().unwrap_or_default(), str::to_owned);
                (text_area("narrative.financial_comment", "Commentaire du rapport financier", "", &comment, &messages("narrative.financial_comment", &errors, &[]), editable))
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
                    (text_area(&name, &format!("Écart : {}", ind.label), &hint, &value, &messages(&name, &errors, &[]), editable))
                }
            }
            @if editable {
                div.buttons { button type="submit" { "Enregistrer le brouillon" } }
            }
        }
        h2 #indicateurs { "Indicateurs calculés" }
        p.hint #source-indicateurs aria-live="polite" { "Calculés à partir de la grille enregistrée." }
        table #table-indicateurs data-apercu={ (base) "/apercu" } {
            thead { tr { th scope="col" { "Indicateur" } th scope="col" { "Valeur" } th scope="col" { "Cible" } th scope="col" { "Situation" } } }
            (indicator_rows(&view.indicators))
        }
        @if editable {
            h2 { "Importer la grille remplie" }
            form.stack method="post" action={ (base) "/fichier" } enctype="multipart/form-data" {
                (csrf_field(session))
                input type="hidden" name="version" value=(view.version);
                div.field {
                    label for="fichier" { "Grille (XLSX ou CSV)" }
                    p.hint id="aide-fichier" { "Le modèle téléchargé ci-dessus, rempli. La grille importée remplace celle du brouillon ; le récit et les explications sont conservés." }
                    input #fichier type="file" name="fichier" accept=".xlsx,.csv" aria-describedby="aide-fichier" required;
                }
                button.secondary type="submit" { "Importer la grille" }
            }
            h2 { "Transmettre le rapport" }
            form.stack method="post" action={ (base) "/transmettre" } {
                (csrf_field(session))
                input type="hidden" name="version" value=(view.version);
                @let confirm = messages("confirmation", &errors, &[]);
                div class={ "field checkbox" @if !confirm.errors.is_empty() { " field-error" } } {
                    div id="erreur-champ-confirmation" {
                        @for e in &confirm.errors { p.error-message { "Erreur : " (e) } }
                    }
                    input #champ-confirmation type="checkbox" name="confirmation" value="oui" required aria-describedby="erreur-champ-confirmation";
                    label for="champ-confirmation" { "Je confirme l'exactitude des chiffres et je transmets le rapport à l'opérateur ; il ne sera plus modifiable sauf renvoi pour correction." }
                }
                button type="submit" { "Transmettre le rapport" }
            }
        }
    };
    page(&title, Some(session), content)
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
        td { @if let Some(g) = &ind.gap { (format::gap_status(g.status)) } @else { "sans cible" } }
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
