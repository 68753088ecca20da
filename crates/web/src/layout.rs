//! The frame of every page in the State's design system (DSFR: skip links, header with the Marianne block,
//! navigation by role, breadcrumb, standard footer) and the small pieces the pages share: alerts, badges, the
//! confirmation dialog of irreversible actions.

use super::page_error::PageError;
use super::session::{Session, CSRF_FIELD};
use crate::format::{gap_status, report_status};
use actix_web::http::{header, StatusCode};
use actix_web::{HttpResponse, ResponseError};
use maud::{html, Markup, DOCTYPE};
use pilotage_app::error::{ApiError, FieldError};
use pilotage_domain::{GapStatus, Progress, ReportStatus, Role};

/// An HTML answer, never cached (pages show personal data).
pub fn html(status: StatusCode, page: Markup) -> HttpResponse {
    HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(page.into_string())
}

/// A 303 to `location` (after a form is handled: reloading the page does not post it again).
pub fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location.to_owned()))
        .finish()
}

/// A whole page, with no trail between the home page and it.
pub fn page(title: &str, session: Option<&Session>, content: Markup) -> Markup {
    page_in(title, session, &[], content)
}

/// A whole page in the State's design system (DSFR): skip links, the header with the Marianne block, the devise
/// and the service's name, the navigation of the signed-in role, a breadcrumb (home, then `trail`'s pages as
/// (label, address), then this page), the content under its title, and the standard footer with its mandatory
/// links. The DSFR's script only enhances it: without script, the narrow-screen menu is shown in place.
pub fn page_in(
    title: &str,
    session: Option<&Session>,
    trail: &[(&str, String)],
    content: Markup,
) -> Markup {
    html! {
        (DOCTYPE)
        html lang="fr" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1, shrink-to-fit=no";
                meta name="format-detection" content="telephone=no";
                title { (title) " — Pilotage Campus connecté" }
                link rel="icon" href="/static/dsfr/favicon/favicon.svg" type="image/svg+xml";
                link rel="stylesheet" href="/static/dsfr/dsfr.min.css";
                link rel="stylesheet" href="/static/pilotage.css";
                script type="module" src="/static/dsfr/dsfr.module.min.js" {}
                script nomodule src="/static/dsfr/dsfr.nomodule.min.js" {}
                script src="/static/pilotage.js" defer {}
            }
            body {
                div.fr-skiplinks {
                    nav.fr-container role="navigation" aria-label="Accès rapide" {
                        ul.fr-skiplinks__list {
                            li { a.fr-link href="#contenu" { "Aller au contenu" } }
                            @if session.is_some() { li { a.fr-link href="#navigation" { "Aller au menu" } } }
                            li { a.fr-link href="#pied-de-page" { "Aller au pied de page" } }
                        }
                    }
                }
                (header(session))
                main #contenu role="main" tabindex="-1" {
                    div.fr-container {
                        (breadcrumb(title, trail))
                        h1 { (title) }
                        (content)
                    }
                }
                (footer())
            }
        }
    }
}

/// « République française » in the Marianne block (the State's logo, drawn by the DSFR's stylesheet).
fn marianne_block() -> Markup {
    html! { p.fr-logo { "République" br; "française" } }
}

fn header(session: Option<&Session>) -> Markup {
    html! {
        header.fr-header role="banner" {
            div.fr-header__body {
                div.fr-container {
                    div.fr-header__body-row {
                        div.fr-header__brand.fr-enlarge-link {
                            div.fr-header__brand-top {
                                div.fr-header__logo { (marianne_block()) }
                                @if session.is_some() {
                                    div.fr-header__navbar {
                                        button.fr-btn--menu.fr-btn #bouton-menu type="button" data-fr-opened="false"
                                            aria-controls="menu-principal" title="Menu" { "Menu" }
                                    }
                                }
                            }
                            div.fr-header__service {
                                a href="/" title="Accueil — Pilotage Campus connecté — Ministère chargé de l'enseignement supérieur" {
                                    p.fr-header__service-title { "Pilotage Campus connecté" }
                                }
                                p.fr-header__service-tagline { "Rapports annuels et tableaux de bord du réseau" }
                            }
                        }
                        @if let Some(session) = session {
                            div.fr-header__tools {
                                div.fr-header__tools-links { (account(session)) }
                            }
                        }
                    }
                }
            }
            @if let Some(session) = session {
                div.fr-header__menu.fr-modal #menu-principal aria-labelledby="bouton-menu" {
                    div.fr-container {
                        button.fr-btn--close.fr-btn type="button" aria-controls="menu-principal" title="Fermer" { "Fermer" }
                        // The same links as the tools' for narrow screens (the DSFR's script copies them here too).
                        div.fr-header__menu-links { (account(session)) }
                        nav.fr-nav #navigation role="navigation" aria-label="Menu principal" {
                            ul.fr-nav__list {
                                @for (href, label) in links(session) {
                                    li.fr-nav__item { a.fr-nav__link href=(href) { (label) } }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Who is signed in, and the sign-out button.
fn account(session: &Session) -> Markup {
    let caller = &session.caller;
    html! {
        ul.fr-btns-group {
            li { p.who { (caller.subject) " (" (caller.role.label()) ")" } }
            li {
                form.sign-out method="post" action="/deconnexion" {
                    (csrf_field(session))
                    button.fr-btn.fr-btn--tertiary-no-outline type="submit" { "Se déconnecter" }
                }
            }
        }
    }
}

/// The navigation of the signed-in role: (address, label).
fn links(session: &Session) -> Vec<(String, String)> {
    let caller = &session.caller;
    let fixed = |items: &[(&str, &str)]| -> Vec<(String, String)> {
        items
            .iter()
            .map(|(h, l)| ((*h).to_owned(), (*l).to_owned()))
            .collect()
    };
    match caller.role {
        Role::Coordinator => caller
            .campus_ids
            .iter()
            .map(|id| (format!("/campus/{id}"), format!("Mon campus ({id})")))
            .collect(),
        Role::Analyst => fixed(&[
            ("/analyse", "Suivi du réseau"),
            ("/analyse/parametres", "Cibles et échéances"),
            ("/tableaux-de-bord", "Tableaux de bord"),
        ]),
        Role::Ministry => fixed(&[
            ("/tableaux-de-bord", "Tableaux de bord"),
            ("/analyse", "Suivi du réseau"),
        ]),
        Role::Admin => fixed(&[
            ("/administration", "Administration"),
            ("/administration/comptes", "Comptes"),
            ("/administration/clients-api", "Clients API"),
            ("/administration/taches", "Tâches et envois"),
            ("/administration/journal", "Journal"),
            ("/tableaux-de-bord", "Tableaux de bord"),
            ("/analyse", "Suivi du réseau"),
        ]),
        Role::Regional => fixed(&[("/tableaux-de-bord", "Tableaux de bord")]),
    }
}

/// The breadcrumb: home, the trail, then the current page (not a link). None on the home page itself.
fn breadcrumb(title: &str, trail: &[(&str, String)]) -> Markup {
    html! {
        nav.fr-breadcrumb role="navigation" aria-label="vous êtes ici :" {
            button.fr-breadcrumb__button type="button" aria-expanded="false" aria-controls="fil-ariane" { "Voir le fil d'Ariane" }
            div.fr-collapse #fil-ariane {
                ol.fr-breadcrumb__list {
                    li { a.fr-breadcrumb__link href="/" { "Accueil" } }
                    @for (label, href) in trail {
                        li { a.fr-breadcrumb__link href=(href) { (label) } }
                    }
                    li { a.fr-breadcrumb__link aria-current="page" { (title) } }
                }
            }
        }
    }
}

/// The standard footer: the Marianne block, what the service is, the State's sites, and the mandatory links.
fn footer() -> Markup {
    html! {
        footer.fr-footer #pied-de-page role="contentinfo" {
            div.fr-container {
                div.fr-footer__body {
                    div.fr-footer__brand.fr-enlarge-link {
                        a href="/" title="Retour à l'accueil — Pilotage Campus connecté — Ministère chargé de l'enseignement supérieur" {
                            (marianne_block())
                        }
                    }
                    div.fr-footer__content {
                        p.fr-footer__content-desc {
                            "Pilotage recueille les rapports annuels et les enquêtes des Campus connectés et en tire \
                             les tableaux de bord du réseau, pour le ministère chargé de l'enseignement supérieur et \
                             l'opérateur de l'État qui le cofinance."
                        }
                        ul.fr-footer__content-list {
                            li.fr-footer__content-item { a.fr-footer__content-link href="https://www.info.gouv.fr" rel="noopener external" { "info.gouv.fr" } }
                            li.fr-footer__content-item { a.fr-footer__content-link href="https://www.service-public.gouv.fr" rel="noopener external" { "service-public.gouv.fr" } }
                            li.fr-footer__content-item { a.fr-footer__content-link href="https://www.legifrance.gouv.fr" rel="noopener external" { "legifrance.gouv.fr" } }
                            li.fr-footer__content-item { a.fr-footer__content-link href="https://www.data.gouv.fr" rel="noopener external" { "data.gouv.fr" } }
                        }
                    }
                }
                div.fr-footer__bottom {
                    ul.fr-footer__bottom-list {
                        li.fr-footer__bottom-item { a.fr-footer__bottom-link href="/accessibilite" { "Accessibilité : non conforme" } }
                        li.fr-footer__bottom-item { a.fr-footer__bottom-link href="/mentions-legales" { "Mentions légales" } }
                        li.fr-footer__bottom-item { a.fr-footer__bottom-link href="/donnees-personnelles" { "Données personnelles" } }
                    }
                    div.fr-footer__bottom-copy {
                        p {
                            "Sauf mention contraire, les contenus de ce site sont proposés sous "
                            a href="https://github.com/etalab/licence-ouverte/blob/master/LO.md" rel="noopener external" { "licence etalab-2.0" }
                        }
                    }
                }
            }
        }
    }
}

/// The hidden anti-forgery field of a form.
pub fn csrf_field(session: &Session) -> Markup {
    html! { input type="hidden" name=(CSRF_FIELD) value=(session.csrf); }
}

/// A message at the top of a page: `info`, `success` or `error`.
pub fn notice(kind: &str, text: &str) -> Markup {
    let role = if kind == "error" { "alert" } else { "status" };
    html! { div class={ "fr-alert fr-alert--sm fr-alert--" (kind) " notice notice-" (kind) } role=(role) { p { (text) } } }
}

/// The error summary of a form: every message, each linked to its field.
pub fn error_summary(title: &str, errors: &[FieldError]) -> Markup {
    html! {
        div.fr-alert.fr-alert--error.notice.notice-error role="alert" aria-labelledby="resume-erreurs" {
            h2.fr-alert__title #resume-erreurs { (title) }
            ul {
                @for e in errors {
                    li { a href={ "#" (input_id(&e.field)) } { (e.message) } }
                }
            }
        }
    }
}

/// A DSFR badge: `kind` is `success`, `error`, `warning`, `info` or `new`.
pub fn badge(kind: &str, text: &str) -> Markup {
    html! { span class={ "fr-badge fr-badge--sm fr-badge--" (kind) } { (text) } }
}

/// A report's status as a badge: accepted in green, returned in red, waiting for review in blue, a draft plain.
pub fn report_status_badge(status: ReportStatus) -> Markup {
    let kind = match status {
        ReportStatus::Accepted => "success",
        ReportStatus::Returned => "error",
        ReportStatus::Submitted => "info",
        ReportStatus::Draft => "new",
    };
    badge(kind, report_status(status))
}

/// Where a document stands against its deadline, as a badge.
pub fn progress_badge(progress: Progress) -> Markup {
    let kind = match progress {
        Progress::OnTime => "success",
        Progress::SubmittedLate | Progress::Late => "warning",
        Progress::Missing => "error",
        Progress::Upcoming | Progress::InProgress => "info",
    };
    badge(kind, progress.label())
}

/// Whether an indicator meets its target, as a badge.
pub fn gap_badge(status: GapStatus) -> Markup {
    let kind = match status {
        GapStatus::Met => "success",
        GapStatus::Missed => "error",
        GapStatus::Undefined => "new",
    };
    badge(kind, gap_status(status))
}

/// The confirmation of an irreversible action. With script, the form's button marked `data-confirm="id"` opens
/// this dialog instead of posting, and its confirm button posts the form with that button. Without script the
/// dialog stays hidden, and the form's own confirmation box (checked by the server) is the safeguard.
pub fn confirm_dialog(id: &str, title: &str, text: &str, confirm: &str) -> Markup {
    html! {
        dialog.fr-modal id=(id) aria-labelledby={ (id) "-titre" } {
            div.fr-container.fr-container--fluid.fr-container-md {
                div.fr-grid-row.fr-grid-row--center {
                    div.fr-col-12.fr-col-md-8.fr-col-lg-6 {
                        div.fr-modal__body {
                            div.fr-modal__header {
                                button.fr-btn--close.fr-btn type="button" aria-controls=(id) title="Fermer" { "Fermer" }
                            }
                            div.fr-modal__content {
                                h2.fr-modal__title id={ (id) "-titre" } { (title) }
                                p { (text) }
                            }
                            div.fr-modal__footer {
                                ul.fr-btns-group.fr-btns-group--inline-md {
                                    li { button.fr-btn type="button" data-confirm-submit=(id) { (confirm) } }
                                    li { button.fr-btn.fr-btn--secondary type="button" aria-controls=(id) { "Annuler" } }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The id of the input of an API field name (`grid.prog_bts` → `champ-prog_bts`).
pub fn input_id(field: &str) -> String {
    let name = field.strip_prefix("grid.").unwrap_or(field);
    format!("champ-{}", name.replace('.', "-"))
}

/// The page of an error, with a way back.
pub fn error_page(status: StatusCode, message: &str) -> Markup {
    let title = match status.as_u16() {
        403 => "Accès refusé",
        404 => "Page introuvable",
        409 => "Action impossible",
        422 => "Données refusées",
        429 => "Trop de tentatives",
        s if s >= 500 => "Erreur du service",
        _ => "Demande invalide",
    };
    page(
        title,
        None,
        html! {
            (notice("error", message))
            p { a href="/" { "Revenir à l'accueil" } }
        },
    )
}

/// A page's error answers as pages: the sign-in page when there is no session, otherwise the French error page with
/// the API's status and message (kept here, beside the page frame it is drawn in).
impl ResponseError for PageError {
    fn status_code(&self) -> StatusCode {
        match self {
            Self::SignIn => StatusCode::SEE_OTHER,
            Self::Api(e) => e.status_code(),
        }
    }

    fn error_response(&self) -> HttpResponse {
        match self {
            Self::SignIn => HttpResponse::SeeOther()
                .insert_header((header::LOCATION, "/connexion"))
                .finish(),
            Self::Api(e) => {
                if let ApiError::Internal(cause) = e {
                    tracing::error!(%cause, "internal error");
                }
                let status = e.status_code();
                html(status, error_page(status, &e.to_string()))
            }
        }
    }
}
