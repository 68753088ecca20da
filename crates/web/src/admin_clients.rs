//! `GET /administration/clients-api`: the regional systems' API clients (id, name, région by name, whether active)
//! with their deactivate or reactivate buttons, and the form that creates one; `POST /administration/clients-api`
//! creates it as `POST /api/v1/admin/api-clients` does (the same use case) and answers with a page showing its key
//! once: only the key's hash is kept, no page shows it again.

use super::admin::{
    admin_only, admin_page, field_class, field_errors, labelled, regions_by_name, standing,
};
use super::form::{field, Fields};
use super::layout::{csrf_field, error_summary, html, input_id, notice};
use super::page_error::{PageError, PageResult};
use super::session::{Session, CSRF_FIELD};
use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use maud::{html as markup, Markup};
use pilotage_app::admin::api_clients::{self, Created, NewApiClient};
use pilotage_app::db;
use pilotage_app::error::{ApiError, FieldError};
use pilotage_app::state::AppState;
use pilotage_domain::{ApiClient, RegionCode};

const LABELS: [(&str, &str); 3] = [
    ("client_id", "Identifiant"),
    ("name", "Nom"),
    ("region_code", "Région académique"),
];

#[derive(serde::Deserialize)]
pub struct Done {
    fait: Option<String>,
}

#[get("/administration/clients-api")]
pub async fn api_clients_page(
    state: web::Data<AppState>,
    session: Session,
    query: web::Query<Done>,
) -> PageResult<HttpResponse> {
    admin_only(&session)?;
    let message = match query.fait.as_deref() {
        Some("desactive") => Some(notice(
            "success",
            "Client désactivé : il n'obtient plus de jeton et ses jetons en cours sont refusés.",
        )),
        Some("reactive") => Some(notice(
            "success",
            "Client réactivé : il obtient de nouveau des jetons avec sa clé.",
        )),
        _ => None,
    };
    render(&state, &session, StatusCode::OK, message, &[], &[]).await
}

async fn render(
    state: &AppState,
    session: &Session,
    status: StatusCode,
    message: Option<Markup>,
    errors: &[FieldError],
    kept: &[(String, String)],
) -> PageResult<HttpResponse> {
    let caller = session.caller.clone();
    let clients = db::run(state, move |conn| api_clients::list(conn, &caller)).await?;
    let content = markup! {
        @if let Some(message) = message { (message) }
        @if !errors.is_empty() { (error_summary("Le client n'a pas été créé", &labelled(errors, &LABELS))) }
        p { "Chaque système régional obtient un jeton d'accès à l'API en présentant son identifiant et sa clé. La clé n'est affichée qu'une fois, à la création du client : seule son empreinte est conservée." }
        h2 { "Clients API (" (clients.len()) ")" }
        @if clients.is_empty() {
            p { "Aucun client API." }
        } @else {
            div.scroll-box tabindex="0" role="region" aria-label="Clients API, tableau défilant" {
                table.admin-table {
                    thead { tr {
                        th scope="col" { "Identifiant" }
                        th scope="col" { "Nom" }
                        th scope="col" { "Région académique" }
                        th scope="col" { "État" }
                        th scope="col" { "Action" }
                    } }
                    tbody {
                        @for client in &clients {
                            tr {
                                th scope="row" { (client.client_id) }
                                td { (client.name) }
                                td { (client.region_code.map_or("—", RegionCode::name)) }
                                td { (standing(client.active)) }
                                td { (status_button(session, client)) }
                            }
                        }
                    }
                }
            }
        }
        (create_form(session, errors, kept))
    };
    Ok(html(status, admin_page("Clients API", session, content)))
}

fn status_button(session: &Session, client: &ApiClient) -> Markup {
    let (action, label) = if client.active {
        ("desactiver", "Désactiver")
    } else {
        ("reactiver", "Réactiver")
    };
    markup! {
        form method="post" action={ "/administration/clients-api/" (client.client_id) "/" (action) } {
            (csrf_field(session))
            button.fr-btn.fr-btn--secondary type="submit" aria-label={ (label) " le client " (client.client_id) } { (label) }
        }
    }
}

fn create_form(session: &Session, errors: &[FieldError], kept: &[(String, String)]) -> Markup {
    let value = |name: &str| field(kept, name).unwrap_or("").to_owned();
    let region = value("region_code");
    let text = |name: &'static str, label: &'static str, hint: &'static str| {
        let id = input_id(name);
        markup! {
            div class=(field_class(errors, name)) {
                label for=(id) { (label) }
                @if !hint.is_empty() { p.hint id={ "aide-" (id) } { (hint) } }
                (field_errors(errors, name, &id))
                input type="text" id=(id) name=(name) required value=(value(name))
                    aria-invalid=[errors.iter().any(|e| e.field == name).then_some("true")]
                    aria-describedby={ @if !hint.is_empty() { "aide-" (id) " " } "erreur-" (id) };
            }
        }
    };
    let region_id = input_id("region_code");
    markup! {
        h2 #creer { "Créer un client API" }
        form.stack method="post" action="/administration/clients-api" novalidate {
            (csrf_field(session))
            (text("client_id", "Identifiant", "Lettres minuscules, chiffres et tirets, par exemple rectorat-bfc."))
            (text("name", "Nom", "Par exemple : Rectorat de la région académique Bourgogne-Franche-Comté."))
            div class=(field_class(errors, "region_code")) {
                label for=(region_id) { "Région académique" }
                (field_errors(errors, "region_code", &region_id))
                select id=(region_id) name="region_code" required aria-describedby={ "erreur-" (region_id) } {
                    option value="" selected[region.is_empty()] { "Choisissez une région" }
                    @for r in regions_by_name() {
                        option value=(r.code.as_str()) selected[region == r.code.as_str()] { (r.name) }
                    }
                }
            }
            button.fr-btn type="submit" { "Créer le client et sa clé" }
        }
    }
}

/// The page that shows a new client's key, once.
fn key_page(session: &Session, created: &Created) -> Markup {
    let client = &created.client;
    let content = markup! {
        (notice("success", &format!("Client « {} » créé.", client.name)))
        div.notice.notice-error role="alert" {
            p { strong { "Cette clé ne sera plus jamais affichée." } " Copiez-la maintenant et transmettez-la au système régional par un canal sûr. Si elle est perdue, désactivez ce client et créez-en un autre." }
        }
        dl.summary {
            dt { "Identifiant du client" } dd { code { (client.client_id) } }
            dt { "Région académique" } dd { (client.region_code.map_or("—", RegionCode::name)) }
            dt { "Clé secrète" } dd { code.secret-key { (created.key) } }
        }
        p { "Le système l'échange contre un jeton d'accès à " code { "POST /api/v1/auth/token" } "." }
        p { a href="/administration/clients-api" { "Revenir à la liste des clients API" } }
    };
    admin_page("Clé du nouveau client API", session, content)
}

#[post("/administration/clients-api")]
pub async fn create_api_client(
    state: web::Data<AppState>,
    session: Session,
    form: Fields,
) -> PageResult<HttpResponse> {
    session.check_csrf(&state, field(&form, CSRF_FIELD))?;
    admin_only(&session)?;
    let kept: Vec<(String, String)> = form
        .iter()
        .filter(|(n, _)| n != CSRF_FIELD)
        .cloned()
        .collect();
    let region = field(&form, "region_code").unwrap_or("").trim();
    let Ok(region_code) = region.parse::<RegionCode>() else {
        let mut errors = api_clients::check(
            field(&form, "client_id").unwrap_or(""),
            field(&form, "name").unwrap_or(""),
        );
        errors.push(FieldError::new(
            "region_code",
            "required",
            "choisissez la région académique du système",
        ));
        return render(
            &state,
            &session,
            StatusCode::UNPROCESSABLE_ENTITY,
            None,
            &errors,
            &kept,
        )
        .await;
    };
    let request = NewApiClient {
        client_id: field(&form, "client_id").unwrap_or("").trim().to_owned(),
        name: field(&form, "name").unwrap_or("").to_owned(),
        region_code,
    };
    let now = state.now();
    let caller = session.caller.clone();
    let created = db::run(&state, move |conn| {
        api_clients::create(conn, &caller, &request, now)
    })
    .await;
    match created {
        Ok(created) => Ok(html(StatusCode::CREATED, key_page(&session, &created))),
        Err(ApiError::Validation { errors, .. }) => {
            render(
                &state,
                &session,
                StatusCode::UNPROCESSABLE_ENTITY,
                None,
                &errors,
                &kept,
            )
            .await
        }
        Err(ApiError::Conflict(_)) => {
            let error =
                FieldError::new("client_id", "taken", "un client porte déjà cet identifiant");
            render(
                &state,
                &session,
                StatusCode::CONFLICT,
                None,
                &[error],
                &kept,
            )
            .await
        }
        Err(e) => Err(PageError::Api(e)),
    }
}
