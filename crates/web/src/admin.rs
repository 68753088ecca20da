//! `GET /administration`: the administration's index (admin role only), and what its pages share: the role
//! check, dates written out in French, fields with their errors beside them.

use super::layout::{html, page, page_in};
use super::page_error::PageResult;
use super::session::Session;
use actix_web::http::StatusCode;
use actix_web::{get, HttpResponse};
use chrono::{DateTime, Utc};
use maud::{html as markup, Markup};
use pilotage_app::admin::require_admin;
use pilotage_app::error::FieldError;
use pilotage_domain::french::clock_time;
use pilotage_domain::notification::french_date;
use pilotage_domain::region::Region;

/// The sections of the administration: address, French title, what it holds.
pub const SECTIONS: [(&str, &str, &str); 4] = [
    (
        "/administration/comptes",
        "Comptes",
        "Créer, désactiver et réactiver les comptes des personnes (coordinations, analystes, ministère, régions, administration).",
    ),
    (
        "/administration/clients-api",
        "Clients API",
        "Les systèmes régionaux qui interrogent l'API : créer un client et sa clé, le désactiver ou le réactiver.",
    ),
    (
        "/administration/taches",
        "Tâches planifiées et notifications",
        "Les tâches automatiques, leur dernière et leur prochaine exécution ; les notifications en échec, à relancer.",
    ),
    (
        "/administration/journal",
        "Journal des modifications",
        "Qui a fait quoi et quand : recherche par auteur, par action et par période.",
    ),
];

/// A page of a section of the administration: its breadcrumb goes through the administration's index.
pub fn admin_page(title: &str, session: &Session, content: Markup) -> Markup {
    page_in(
        title,
        Some(session),
        &[("Administration", "/administration".to_owned())],
        content,
    )
}

/// 403 unless the session is an admin's.
pub fn admin_only(session: &Session) -> PageResult<()> {
    Ok(require_admin(&session.caller)?)
}

#[get("/administration")]
pub async fn administration(session: Session) -> PageResult<HttpResponse> {
    admin_only(&session)?;
    let content = markup! {
        p.lead { "Gestion des accès et suivi du fonctionnement du service." }
        ul {
            @for (href, title, about) in SECTIONS {
                li { a href=(href) { (title) } " — " (about) }
            }
        }
    };
    Ok(html(
        StatusCode::OK,
        page("Administration", Some(&session), content),
    ))
}

/// A time in Paris, written out: « 3 décembre 2026 à 14 h 30 », « 1er mars 2026 à 9 h 05 ».
pub fn long_date(at: DateTime<Utc>) -> String {
    format!("{} à {}", french_date(at), clock_time(at))
}

/// The errors of `field`, to put beside its input (`id` is that input's).
pub fn field_errors(errors: &[FieldError], field: &str, id: &str) -> Markup {
    markup! {
        div id={ "erreur-" (id) } {
            @for e in errors.iter().filter(|e| e.field == field) { p.error-message { "Erreur : " (e.message) } }
        }
    }
}

/// The class of a field's block: marked when it has an error.
pub fn field_class(errors: &[FieldError], field: &str) -> &'static str {
    if errors.iter().any(|e| e.field == field) {
        "field field-error"
    } else {
        "field"
    }
}

/// The errors as a summary lists them: each named by its field's label (`labels`: field, label).
pub fn labelled(errors: &[FieldError], labels: &[(&str, &str)]) -> Vec<FieldError> {
    errors
        .iter()
        .map(|e| match labels.iter().find(|(f, _)| *f == e.field) {
            Some((_, label)) => FieldError {
                message: format!("{label} : {}", e.message),
                ..e.clone()
            },
            None => e.clone(),
        })
        .collect()
}

/// The régions académiques in the alphabetical order of their names.
pub fn regions_by_name() -> Vec<Region> {
    let mut all = Region::ALL.to_vec();
    all.sort_by_key(|r| r.name.replace('Î', "I"));
    all
}

/// « actif » or « désactivé ».
pub fn standing(active: bool) -> &'static str {
    if active {
        "actif"
    } else {
        "désactivé"
    }
}

#[cfg(test)]
mod tests {
    use super::long_date;

    #[test]
    fn dates_are_written_out_in_paris_time() {
        let at = |s: &str| s.parse().unwrap_or_default();
        assert_eq!(
            long_date(at("2026-12-03T13:30:00Z")),
            "3 décembre 2026 à 14 h 30"
        );
        assert_eq!(
            long_date(at("2026-03-01T08:05:00Z")),
            "1er mars 2026 à 9 h 05"
        );
        assert_eq!(
            long_date(at("2026-07-14T22:00:00Z")),
            "15 juillet 2026 à 0 h 00"
        );
    }
}
