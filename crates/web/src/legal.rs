//! What the three public information pages share (`/accessibilite`, `/mentions-legales`, `/donnees-personnelles`):
//! who runs the service, the one contact address (the operator's, `PILOTAGE_OPERATOR_EMAIL`), and their frame.
//! They need no session; a signed-in person keeps their navigation.

use super::layout::{html, page};
use super::session::Session;
use actix_web::http::StatusCode;
use actix_web::HttpResponse;
use maud::{html as markup, Markup};
use pilotage_app::state::AppState;

/// Who publishes the service, as the pages name them (the ministry's specification designates a State operator).
pub const PUBLISHER: &str = "l'opérateur de l'État désigné par le ministère chargé de l'Enseignement supérieur, de \
                             la Recherche et de l'Espace (MESRE) pour piloter le dispositif Campus connecté";

/// The operator's address as a link.
pub fn contact(state: &AppState) -> Markup {
    let email = &state.mail.operator_email;
    markup! { a href={ "mailto:" (email) } { (email) } }
}

/// The links between the three pages, at the foot of each.
fn see_also(current: &str) -> Markup {
    let pages = [
        ("/accessibilite", "Déclaration d'accessibilité"),
        ("/mentions-legales", "Mentions légales"),
        ("/donnees-personnelles", "Données personnelles"),
    ];
    markup! {
        section.legal-links aria-labelledby="voir-aussi" {
            h2 #voir-aussi { "Voir aussi" }
            ul {
                @for (href, label) in pages {
                    @if href != current {
                        li { a href=(href) { (label) } }
                    }
                }
            }
        }
    }
}

/// One of the pages, at `path`, with its title and content.
pub fn legal_page(
    path: &str,
    title: &str,
    session: Option<&Session>,
    content: Markup,
) -> HttpResponse {
    html(
        StatusCode::OK,
        page(
            title,
            session,
            markup! {
                div.legal {
                    (content)
                    (see_also(path))
                }
            },
        ),
    )
}
