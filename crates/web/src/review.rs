//! A report read by someone other than its coordinator: the values with last year's beside them, the rules broken
//! and the warnings, the indicators against their targets with the explanations of the gaps, the narrative; for
//! an analyst, accept (once a box confirming the lock is ticked) and return with a comment (or reopen an accepted
//! report).

use super::format::{self, date};
use super::layout::{
    confirm_dialog, csrf_field, error_summary, input_id, notice, page_in, progress_badge,
    report_status_badge,
};
use super::report_form::indicator_cells;
use super::report_load::Loaded;
use super::session::Session;
use maud::{html, Markup};
use pilotage_app::error::FieldError;
use pilotage_domain::{ReportStatus, Role, GRID_FIELDS};

fn review_forms(session: &Session, loaded: &Loaded, errors: &[FieldError]) -> Markup {
    let view = &loaded.view;
    let base = format!("/campus/{}/rapports/{}", view.campus_id, view.academic_year);
    let comment_errors: Vec<_> = errors.iter().filter(|e| e.field == "comment").collect();
    let confirm_errors: Vec<_> = errors
        .iter()
        .filter(|e| e.field == "confirmation")
        .collect();
    html! {
        h2 #relecture { "Relecture" }
        @match view.status {
            ReportStatus::Submitted => {
                div.review-actions {
                    form.stack method="post" action={ (base) "/accepter" } {
                        (csrf_field(session))
                        input type="hidden" name="version" value=(view.version);
                        p { "Accepter le rapport le verrouille : la coordination ne pourra plus le modifier, sauf réouverture." }
                        div class={ "field checkbox" @if !confirm_errors.is_empty() { " field-error" } } {
                            div id={ "erreur-" (input_id("confirmation")) } {
                                @for e in &confirm_errors { p.error-message { "Erreur : " (e.message) } }
                            }
                            input type="checkbox" id=(input_id("confirmation")) name="confirmation" value="oui" required
                                aria-describedby={ "erreur-" (input_id("confirmation")) };
                            label for=(input_id("confirmation")) { "Je confirme l'acceptation : le rapport ne pourra plus être modifié par le campus" }
                        }
                        button.fr-btn type="submit" data-confirm="confirmer-acceptation" { "Accepter le rapport" }
                    }
                    (confirm_dialog(
                        "confirmer-acceptation",
                        "Accepter le rapport ?",
                        "Le rapport sera verrouillé : la coordination du campus ne pourra plus le modifier, sauf si vous le rouvrez.",
                        "Confirmer l'acceptation",
                    ))
                    form.stack method="post" action={ (base) "/renvoyer" } {
                        (csrf_field(session))
                        input type="hidden" name="version" value=(view.version);
                        div class={ "field" @if !comment_errors.is_empty() { " field-error" } } {
                            label for=(input_id("comment")) { "Commentaire pour la coordination (obligatoire pour renvoyer)" }
                            div id={ "erreur-" (input_id("comment")) } {
                                @for e in &comment_errors { p.error-message { "Erreur : " (e.message) } }
                            }
                            textarea id=(input_id("comment")) name="comment" rows="4" required
                                aria-describedby={ "erreur-" (input_id("comment")) } {}
                        }
                        button.fr-btn.fr-btn--secondary type="submit" { "Renvoyer pour correction" }
                    }
                }
            }
            ReportStatus::Accepted => {
                form.stack method="post" action={ (base) "/rouvrir" } {
                    (csrf_field(session))
                    input type="hidden" name="version" value=(view.version);
                    div.field {
                        label for="motif" { "Motif de la réouverture (facultatif)" }
                        textarea #motif name="comment" rows="3" {}
                    }
                    button.fr-btn.fr-btn--secondary type="submit" { "Rouvrir le rapport" }
                }
            }
            ReportStatus::Draft | ReportStatus::Returned => {
                p { "Le rapport n'est pas transmis : rien à relire pour l'instant." }
            }
        }
    }
}

pub fn render(
    session: &Session,
    loaded: &Loaded,
    message: Option<Markup>,
    errors: &[FieldError],
) -> Markup {
    let view = &loaded.view;
    let title = format!(
        "Rapport annuel {} — {}",
        view.academic_year, view.campus_name
    );
    let by_field = |name: &str, list: &[FieldError]| -> Vec<String> {
        list.iter()
            .filter(|e| e.field == format!("grid.{name}"))
            .map(|e| e.message.clone())
            .collect()
    };
    let previous_year = view
        .academic_year
        .previous()
        .map_or_else(|_| "année précédente".to_owned(), |y| y.to_string());
    let content = html! {
        @if let Some(message) = message { (message) }
        @if !errors.is_empty() { (error_summary("L'action n'a pas été faite", errors)) }
        dl.summary {
            dt { "Statut" } dd { (report_status_badge(view.status)) }
            dt { "Échéance" } dd { (date(view.deadline)) }
            dt { "Situation" } dd { (progress_badge(view.progress)) }
            @if let Some(at) = view.submitted_at { dt { "Transmis le" } dd { (date(at)) } }
            @if let Some(comment) = &view.review_comment { dt { "Dernier commentaire de relecture" } dd { (comment) } }
        }
        p.actions {
            a href={ "/campus/" (view.campus_id) "/rapports/" (view.academic_year) "/historique" } { "Historique du rapport" }
            " · "
            a href={ "/campus/" (view.campus_id) } { "Page du campus et tableau de bord" }
        }
        @if session.caller.role == Role::Analyst { (review_forms(session, loaded, errors)) }
        @if !view.validation.errors.is_empty() {
            (notice("error", &format!("{} règle(s) non respectée(s) : voir les valeurs signalées ci-dessous.", view.validation.errors.len())))
        }
        h2 { "Indicateurs, cibles et explications des écarts" }
        table {
            thead { tr { th scope="col" { "Indicateur" } th scope="col" { "Valeur" } th scope="col" { "Cible" } th scope="col" { "Situation" } th scope="col" { "Explication de la coordination" } } }
            tbody {
                @for ind in &view.indicators {
                    tr class=[ind.explanation_required.then_some("missed")] {
                        (indicator_cells(ind))
                        td { (view.gap_explanations.get(&ind.name).map_or("—", String::as_str)) }
                    }
                }
            }
        }
        h2 { "Valeurs déclarées" }
        table.values {
            thead { tr { th scope="col" { "Champ" } th scope="col" { (view.academic_year) } th scope="col" { (previous_year) } th scope="col" { "Contrôles" } } }
            tbody {
                @for spec in GRID_FIELDS {
                    @let errs = by_field(spec.name, &view.validation.errors);
                    @let warns = by_field(spec.name, &view.validation.warnings);
                    tr class=[(!errs.is_empty()).then_some("missed")] {
                        th scope="row" { (spec.label) }
                        td { (format::shown_value(spec, &view.grid)) }
                        td { @if let Some(p) = &loaded.previous { (format::shown_value(spec, p)) } @else { "—" } }
                        td {
                            @for e in &errs { p.error-message { "Erreur : " (e) } }
                            @for w in &warns { p.warning-message { "Attention : " (w) } }
                        }
                    }
                }
            }
        }
        h2 { "Récit" }
        h3 { "Réalisations de l'année" }
        p.prose { (view.narrative.achievements.as_deref().unwrap_or("—")) }
        h3 { "Commentaire du rapport financier" }
        p.prose { (view.narrative.financial_comment.as_deref().unwrap_or("—")) }
    };
    let trail = [(
        view.campus_name.as_str(),
        format!("/campus/{}", view.campus_id),
    )];
    page_in(&title, Some(session), &trail, content)
}
