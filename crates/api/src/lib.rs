//! The JSON API of Pilotage: one handler per action under `/api/v1`, each a thin adapter over the application layer
//! (`pilotage_app`), the JSON extractors, and the OpenAPI description with its Swagger UI. No HTML here: the pages
//! are `pilotage_web`'s.
#![doc = include_str!("../README.md")]

pub mod admin;
pub mod auth;
pub mod campuses;
pub mod dashboards;
pub mod deadlines;
pub mod exports;
pub mod extract;
pub mod flash_surveys;
pub mod health;
pub mod openapi;
pub mod pagination;
pub mod renewal;
pub mod reports;
pub mod snapshots;
pub mod stats;
pub mod targets;
pub mod webhooks;

pub use openapi::openapi;

use actix_web::ResponseError;
use pilotage_app::error::ApiError;
use pilotage_app::request_target::refuse_control_characters;

/// Every route of `/api/v1`, in one place (the OpenAPI description is collected from this same list).
pub fn api_routes(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(auth::login)
        .service(auth::client_token)
        .service(auth::logout)
        .service(campuses::list_campuses)
        .service(campuses::create_campus)
        .service(campuses::get_campus)
        .service(campuses::update_campus)
        .service(reports::list_reports)
        .service(reports::get_report)
        .service(reports::save_report)
        .service(reports::submit_report)
        .service(reports::return_report)
        .service(reports::accept_report)
        .service(reports::reopen_report)
        .service(reports::report_history)
        .service(reports::report_template)
        .service(reports::upload_report)
        .service(flash_surveys::get_flash_survey)
        .service(flash_surveys::save_flash_survey)
        .service(flash_surveys::submit_flash_survey)
        .service(flash_surveys::reopen_flash_survey)
        .service(targets::list_targets)
        .service(targets::set_target)
        .service(targets::remove_target)
        .service(deadlines::get_deadlines)
        .service(deadlines::set_deadlines)
        .service(deadlines::list_lock_exceptions)
        .service(deadlines::grant_lock_exception)
        .service(admin::list_users)
        .service(admin::create_user)
        .service(admin::deactivate_user)
        .service(admin::reactivate_user)
        .service(admin::list_api_clients)
        .service(admin::create_api_client)
        .service(admin::deactivate_api_client)
        .service(admin::reactivate_api_client)
        .service(admin::list_jobs)
        .service(admin::list_outbox)
        .service(snapshots::list_snapshots)
        .service(snapshots::get_snapshot_file)
        .service(webhooks::register_webhook)
        .service(webhooks::list_webhooks)
        .service(webhooks::delete_webhook)
        .service(stats::stats_indicators)
        .service(stats::stats_series)
        .service(stats::stats_gaps)
        .service(stats::stats_completeness)
        .service(stats::stats_criteria)
        .service(stats::stats_outliers)
        .service(exports::export_indicators)
        .service(dashboards::list_dashboards)
        .service(dashboards::render_dashboard)
        .service(renewal::get_renewal)
        .service(renewal::renewal_workbook)
        .service(renewal::renewal_page)
        .service(renewal::put_renewal_texts)
        .service(renewal::put_renewal_establishment)
        .service(renewal::put_renewal_budget)
        .service(renewal::renewal_network);
}

/// The API: `/health`, `/api/v1`, its OpenAPI description, the Swagger UI at `/docs/`, and the answer to any other
/// address (problem+json 404). The pages (`pilotage_web::configure`) are configured after it.
pub fn configure(cfg: &mut actix_web::web::ServiceConfig) {
    use actix_web::web as aw;
    cfg.app_data(aw::Data::new(dashboards::RenderCache::default()))
        .app_data(aw::PayloadConfig::new(extract::JSON_LIMIT))
        .app_data(aw::QueryConfig::default().error_handler(|e, _| {
            ApiError::BadRequest(format!(
                "paramètres de requête invalides : {}",
                extract::translate(&e.to_string())
            ))
            .into()
        }))
        .app_data(
            aw::PathConfig::default().error_handler(|e, _| {
                ApiError::BadRequest(format!("adresse invalide : {e}")).into()
            }),
        )
        .service(health::health)
        .service(openapi::openapi_json)
        .service(openapi::swagger_ui());
    let mut api = utoipa_actix_web::service_config::ServiceConfig::new(cfg);
    api.service(
        utoipa_actix_web::scope("/api/v1")
            .wrap(actix_web::middleware::from_fn(|req, next| {
                refuse_control_characters(req, next, |e| e.error_response())
            }))
            .configure(api_routes),
    );
    cfg.default_service(aw::to(not_found));
}

async fn not_found(req: actix_web::HttpRequest) -> actix_web::HttpResponse {
    ApiError::no_such_resource(req.method(), req.path()).error_response()
}
