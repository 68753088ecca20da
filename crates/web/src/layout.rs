//! The frame of every page (skip link, header in the manner of a French public service, navigation by role,
//! sign-out) and the small pieces the pages share.

use super::page_error::PageError;
use super::session::{Session, CSRF_FIELD};
use actix_web::http::{header, StatusCode};
use actix_web::{HttpResponse, ResponseError};
use maud::{html, Markup, DOCTYPE};
use pilotage_app::error::{ApiError, FieldError};
use pilotage_domain::Role;

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

/// A whole page.
pub fn page(title: &str, session: Option<&Session>, content: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="fr" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " — Pilotage Campus connecté" }
                link rel="stylesheet" href="/static/pilotage.css";
                script src="/static/pilotage.js" defer {}
            }
            body {
                a.skip-link href="#contenu" { "Aller au contenu" }
                header.site-header {
                    div.brand {
                        p.marianne { "République" br; "française" }
                        div {
                            p.service { a href="/" { "Pilotage Campus connecté" } }
                            p.tagline { "Rapports annuels et tableaux de bord du réseau" }
                        }
                    }
                    @if let Some(session) = session {
                        (navigation(session))
                    }
                }
                main #contenu tabindex="-1" {
                    h1 { (title) }
                    (content)
                }
                footer.site-footer {
                    p { "Ministère chargé de l'enseignement supérieur — réseau Campus connecté" }
                }
            }
        }
    }
}

fn navigation(session: &Session) -> Markup {
    let caller = &session.caller;
    html! {
        nav aria-label="Navigation principale" {
            ul {
                @match caller.role {
                    Role::Coordinator => {
                        @for id in &caller.campus_ids {
                            li { a href={ "/campus/" (id) } { "Mon campus (" (id) ")" } }
                        }
                    }
                    Role::Analyst => {
                        li { a href="/analyse" { "Suivi du réseau" } }
                        li { a href="/analyse/parametres" { "Cibles et échéances" } }
                        li { a href="/tableaux-de-bord" { "Tableaux de bord" } }
                    }
                    Role::Ministry | Role::Admin => {
                        li { a href="/tableaux-de-bord" { "Tableaux de bord" } }
                        li { a href="/analyse" { "Suivi du réseau" } }
                    }
                    Role::Regional => {
                        li { a href="/tableaux-de-bord" { "Tableaux de bord" } }
                    }
                }
            }
            form.sign-out method="post" action="/deconnexion" {
                (csrf_field(session))
                span.who { (caller.subject) " (" (caller.role.label()) ")" }
                button.secondary type="submit" { "Se déconnecter" }
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
    html! { div class={ "notice notice-" (kind) } role=(role) { p { (text) } } }
}

/// The error summary of a form: every message, each linked to its field.
pub fn error_summary(title: &str, errors: &[FieldError]) -> Markup {
    html! {
        div.notice.notice-error role="alert" aria-labelledby="resume-erreurs" {
            h2 #resume-erreurs { (title) }
            ul {
                @for e in errors {
                    li { a href={ "#" (input_id(&e.field)) } { (e.message) } }
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
