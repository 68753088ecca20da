//! Web pages in French for coordinators, analysts, the ministry and the administration: HTML rendered on the server (maud) over the
//! same repositories, rules and scopes as the API, with a cookie session and an anti-forgery token on every form.
//! No inline script or style: the stylesheet and the small script are files served by the binary.
#![doc = include_str!("../README.md")]

mod admin;
mod admin_client_status;
mod admin_clients;
mod admin_jobs;
mod admin_journal;
mod admin_retry;
mod admin_user_status;
mod admin_users;
mod assets;
mod campus;
mod dashboards;
mod error_pages;
mod form;
mod format;
mod home;
mod layout;
mod legal;
mod legal_accessibility;
mod legal_notice;
mod legal_privacy;
mod network_table;
mod overview;
mod page_error;
mod renewal_page;
mod report_autosave;
mod report_form;
mod report_history;
mod report_load;
mod report_page;
mod report_preview;
mod report_save;
mod report_submit;
mod report_upload;
mod review;
mod review_actions;
mod session;
mod settings;
mod settings_dates;
mod settings_exception;
mod settings_target;
mod sign_in;
mod survey_form;
mod survey_reopen;
mod survey_save;
mod survey_submit;

pub use page_error::PageError;
pub use session::Session;

use actix_web::{web, ResponseError};
use pilotage_app::request_target::refuse_control_characters;

/// The pages, under the same rule on the request's target as the API (a French page when it is broken). Configure
/// it after `pilotage_api::configure`: its scope takes every address the API did not, and answers those no page
/// takes either (`error_pages`: a French 404 or 405 page for a browser, the API's problem+json for anyone else).
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::scope("")
            .wrap(actix_web::middleware::from_fn(|req, next| {
                refuse_control_characters(req, next, |e| PageError::Api(e).error_response())
            }))
            .wrap(actix_web::middleware::from_fn(error_pages::browser_errors))
            .configure(routes)
            .default_service(web::to(error_pages::unknown_address)),
    );
}

/// Every page, in one place.
fn routes(cfg: &mut web::ServiceConfig) {
    cfg.app_data(form::form_config())
        .service(assets::stylesheet)
        .service(assets::renewal_stylesheet)
        .service(assets::script)
        .service(assets::dsfr_file)
        .service(home::home)
        .service(legal_accessibility::accessibility)
        .service(legal_notice::legal_notice)
        .service(legal_privacy::personal_data)
        .service(sign_in::sign_in_page)
        .service(sign_in::sign_in)
        .service(sign_in::sign_out)
        .service(campus::campus_page)
        .service(report_page::report_page)
        .service(report_save::save_report)
        .service(report_autosave::autosave_report)
        .service(report_preview::preview_indicators)
        .service(report_submit::submit_report)
        .service(report_upload::upload_report)
        .service(report_history::report_history)
        .service(review_actions::accept_report)
        .service(review_actions::return_report)
        .service(review_actions::reopen_report)
        .service(survey_form::survey_page)
        .service(survey_save::save_survey)
        .service(survey_submit::submit_survey)
        .service(survey_reopen::reopen_survey)
        .service(overview::overview)
        .service(network_table::network_xlsx)
        .service(network_table::network_csv)
        .service(network_table::network_page)
        .service(settings::settings)
        .service(settings_target::set_target)
        .service(settings_target::remove_target)
        .service(settings_target::copy_targets)
        .service(settings_dates::set_dates)
        .service(settings_exception::grant_exception)
        .service(dashboards::dashboards)
        .service(renewal_page::renewal_page)
        .service(admin::administration)
        .service(admin_users::accounts)
        .service(admin_users::create_account)
        .service(admin_user_status::deactivate_account)
        .service(admin_user_status::reactivate_account)
        .service(admin_clients::api_clients_page)
        .service(admin_clients::create_api_client)
        .service(admin_client_status::deactivate_api_client)
        .service(admin_client_status::reactivate_api_client)
        .service(admin_jobs::jobs_page)
        .service(admin_retry::retry)
        .service(admin_journal::journal);
}
