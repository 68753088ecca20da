//! `GET /administration/comptes`: every account (address, name, role, campus or région by name, whether active)
//! with its deactivate or reactivate button, and the form that creates one; `POST /administration/comptes`
//! creates it as `POST /api/v1/admin/users` does (the same use case), what was typed kept after a refusal (the
//! password excepted), each error beside its field.

use super::admin::{
    admin_only, admin_page, field_class, field_errors, labelled, regions_by_name, standing,
};
use super::form::{field, Fields};
use super::layout::{csrf_field, error_summary, html, input_id, notice, see_other};
use super::page_error::{PageError, PageResult};
use super::session::{Session, CSRF_FIELD};
use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use maud::{html as markup, Markup};
use pilotage_app::admin::users::{self, NewUserRequest, MIN_PASSWORD_CHARS};
use pilotage_app::db;
use pilotage_app::error::{ApiError, FieldError};
use pilotage_app::state::AppState;
use pilotage_domain::{Campus, CampusId, RegionCode, Role, User};
use pilotage_store::campuses;

const LABELS: [(&str, &str); 6] = [
    ("email", "Adresse e-mail"),
    ("display_name", "Nom affiché"),
    ("role", "Rôle"),
    ("campus_ids", "Campus"),
    ("region_code", "Région académique"),
    ("password", "Mot de passe"),
];

#[derive(serde::Deserialize)]
pub struct Done {
    fait: Option<String>,
}

#[get("/administration/comptes")]
pub async fn accounts(
    state: web::Data<AppState>,
    session: Session,
    query: web::Query<Done>,
) -> PageResult<HttpResponse> {
    admin_only(&session)?;
    let message = match query.fait.as_deref() {
        Some("cree") => Some(notice("success", "Compte créé.")),
        Some("desactive") => Some(notice(
            "success",
            "Compte désactivé : il ne peut plus se connecter et ses sessions sont fermées.",
        )),
        Some("reactive") => Some(notice(
            "success",
            "Compte réactivé : il peut de nouveau se connecter.",
        )),
        _ => None,
    };
    render(&state, &session, StatusCode::OK, message, &[], &[]).await
}

/// The scope of an account in words: its campuses' names, its région's name, or the whole network.
fn scope(user: &User, all: &[Campus]) -> String {
    match user.role {
        Role::Coordinator => user
            .campus_ids
            .iter()
            .map(|id| {
                all.iter()
                    .find(|c| &c.id == id)
                    .map_or_else(|| id.to_string(), |c| c.name.clone())
            })
            .collect::<Vec<_>>()
            .join(", "),
        Role::Regional => user
            .region_code
            .map_or_else(String::new, |r| r.name().to_owned()),
        Role::Analyst | Role::Ministry | Role::Admin => "Tout le réseau".to_owned(),
    }
}

/// The page, with a message, or a refused form's errors and what was typed in it.
async fn render(
    state: &AppState,
    session: &Session,
    status: StatusCode,
    message: Option<Markup>,
    errors: &[FieldError],
    kept: &[(String, String)],
) -> PageResult<HttpResponse> {
    let caller = session.caller.clone();
    let (listed, mut all) = db::run(state, move |conn| {
        Ok((users::list(conn, &caller)?, campuses::all(conn)?))
    })
    .await?;
    all.sort_by(|a, b| a.name.cmp(&b.name));
    let content = markup! {
        @if let Some(message) = message { (message) }
        @if !errors.is_empty() { (error_summary("Le compte n'a pas été créé", &labelled(errors, &LABELS))) }
        h2 { "Comptes (" (listed.len()) ")" }
        div.scroll-box tabindex="0" role="region" aria-label="Comptes, tableau défilant" {
            table.admin-table {
                thead { tr {
                    th scope="col" { "Adresse e-mail" }
                    th scope="col" { "Nom" }
                    th scope="col" { "Rôle" }
                    th scope="col" { "Campus ou région" }
                    th scope="col" { "État" }
                    th scope="col" { "Action" }
                } }
                tbody {
                    @for user in &listed {
                        tr {
                            th scope="row" { (user.email) }
                            td { (user.display_name) }
                            td { (user.role.label()) }
                            td { (scope(user, &all)) }
                            td { (standing(user.active)) }
                            td { (status_button(session, user)) }
                        }
                    }
                }
            }
        }
        (create_form(session, &all, errors, kept))
    };
    Ok(html(status, admin_page("Comptes", session, content)))
}

fn status_button(session: &Session, user: &User) -> Markup {
    let (action, label) = if user.active {
        ("desactiver", "Désactiver")
    } else {
        ("reactiver", "Réactiver")
    };
    markup! {
        form method="post" action={ "/administration/comptes/" (user.id) "/" (action) } {
            (csrf_field(session))
            button.fr-btn.fr-btn--secondary type="submit" aria-label={ (label) " le compte " (user.email) } { (label) }
        }
    }
}

fn create_form(
    session: &Session,
    all: &[Campus],
    errors: &[FieldError],
    kept: &[(String, String)],
) -> Markup {
    let value = |name: &str| field(kept, name).unwrap_or("").to_owned();
    let chosen_campuses: Vec<&str> = kept
        .iter()
        .filter(|(n, _)| n == "campus_ids")
        .map(|(_, v)| v.as_str())
        .collect();
    let role = value("role");
    let region = value("region_code");
    let text = |name: &'static str,
                label: &'static str,
                kind: &'static str,
                hint: &str,
                keep: bool| {
        let id = input_id(name);
        markup! {
            div class=(field_class(errors, name)) {
                label for=(id) { (label) }
                @if !hint.is_empty() { p.hint id={ "aide-" (id) } { (hint) } }
                (field_errors(errors, name, &id))
                input type=(kind) id=(id) name=(name) required
                    value=[keep.then(|| value(name))]
                    autocomplete=[(kind == "password").then_some("new-password")]
                    aria-invalid=[errors.iter().any(|e| e.field == name).then_some("true")]
                    aria-describedby={ @if !hint.is_empty() { "aide-" (id) " " } "erreur-" (id) };
            }
        }
    };
    markup! {
        h2 #creer { "Créer un compte" }
        form.stack method="post" action="/administration/comptes" novalidate {
            (csrf_field(session))
            (text("email", "Adresse e-mail", "email", "", true))
            (text("display_name", "Nom affiché", "text", "", true))
            div class=(field_class(errors, "role")) {
                label for=(input_id("role")) { "Rôle" }
                (field_errors(errors, "role", &input_id("role")))
                select id=(input_id("role")) name="role" required aria-describedby={ "erreur-" (input_id("role")) } {
                    option value="" selected[role.is_empty()] { "Choisissez un rôle" }
                    @for r in Role::ALL {
                        option value=(r.as_str()) selected[role == r.as_str()] { (r.label()) }
                    }
                }
            }
            div class=(field_class(errors, "campus_ids")) {
                label for=(input_id("campus_ids")) { "Campus (comptes de coordination)" }
                p.hint id={ "aide-" (input_id("campus_ids")) } { "Un ou plusieurs campus ; maintenez Ctrl (ou Cmd) pour en choisir plusieurs. À laisser vide pour les autres rôles." }
                (field_errors(errors, "campus_ids", &input_id("campus_ids")))
                select id=(input_id("campus_ids")) name="campus_ids" multiple size="5"
                    aria-describedby={ "aide-" (input_id("campus_ids")) " erreur-" (input_id("campus_ids")) } {
                    @for c in all {
                        option value=(c.id) selected[chosen_campuses.contains(&c.id.as_str())] { (c.name) }
                    }
                }
            }
            div class=(field_class(errors, "region_code")) {
                label for=(input_id("region_code")) { "Région académique (comptes régionaux)" }
                (field_errors(errors, "region_code", &input_id("region_code")))
                select id=(input_id("region_code")) name="region_code" aria-describedby={ "erreur-" (input_id("region_code")) } {
                    option value="" selected[region.is_empty()] { "Aucune" }
                    @for r in regions_by_name() {
                        option value=(r.code.as_str()) selected[region == r.code.as_str()] { (r.name) }
                    }
                }
            }
            (text("password", "Mot de passe initial", "password",
                &format!("{MIN_PASSWORD_CHARS} caractères au moins ; à transmettre à la personne par un autre canal. Il n'est pas gardé dans le formulaire après un refus."), false))
            button.fr-btn type="submit" { "Créer le compte" }
        }
    }
}

/// The request a form describes, or every field that cannot be read.
fn request(form: &[(String, String)]) -> Result<NewUserRequest, Vec<FieldError>> {
    let mut errors = Vec::new();
    let role = Role::parse(field(form, "role").unwrap_or("").trim());
    if role.is_none() {
        errors.push(FieldError::new("role", "required", "choisissez un rôle"));
    }
    let mut campus_ids = Vec::new();
    for (_, v) in form.iter().filter(|(n, _)| n == "campus_ids") {
        match v.trim().parse::<CampusId>() {
            Ok(id) => campus_ids.push(id),
            Err(_) => errors.push(FieldError::new(
                "campus_ids",
                "unknown_campus",
                format!("aucun campus « {v} »"),
            )),
        }
    }
    let region_code = match field(form, "region_code").map(str::trim).unwrap_or("") {
        "" => None,
        code => match code.parse::<RegionCode>() {
            Ok(r) => Some(r),
            Err(_) => {
                errors.push(FieldError::new(
                    "region_code",
                    "invalid",
                    "choisissez une région de la liste",
                ));
                None
            }
        },
    };
    match role {
        Some(role) if errors.is_empty() => Ok(NewUserRequest {
            email: field(form, "email").unwrap_or("").to_owned(),
            display_name: field(form, "display_name").unwrap_or("").to_owned(),
            role,
            campus_ids,
            region_code,
            password: field(form, "password").unwrap_or("").to_owned(),
        }),
        _ => Err(errors),
    }
}

/// The fields kept in the form after a refusal: everything but the password and the anti-forgery token.
fn kept(form: &[(String, String)]) -> Vec<(String, String)> {
    form.iter()
        .filter(|(n, _)| n != "password" && n != CSRF_FIELD)
        .cloned()
        .collect()
}

#[post("/administration/comptes")]
pub async fn create_account(
    state: web::Data<AppState>,
    session: Session,
    form: Fields,
) -> PageResult<HttpResponse> {
    session.check_csrf(&state, field(&form, CSRF_FIELD))?;
    admin_only(&session)?;
    let refused = |status, errors: Vec<FieldError>| {
        let kept = kept(&form);
        let state = state.clone();
        let session = session.clone();
        async move { render(&state, &session, status, None, &errors, &kept).await }
    };
    let request = match request(&form) {
        Ok(r) => r,
        Err(errors) => return refused(StatusCode::UNPROCESSABLE_ENTITY, errors).await,
    };
    let now = state.now();
    let caller = session.caller.clone();
    let created = db::run(&state, move |conn| {
        users::create(conn, &caller, &request, now)
    })
    .await;
    match created {
        Ok(_) => Ok(see_other("/administration/comptes?fait=cree")),
        Err(ApiError::Validation { errors, .. }) => {
            refused(StatusCode::UNPROCESSABLE_ENTITY, errors).await
        }
        Err(ApiError::Conflict(_)) => {
            let error =
                FieldError::new("email", "taken", "un compte existe déjà avec cette adresse");
            refused(StatusCode::CONFLICT, vec![error]).await
        }
        Err(e) => Err(PageError::Api(e)),
    }
}
