//! The stylesheets and the script of the pages, served from the binary (a strict Content-Security-Policy allows
//! nothing inline).

use actix_web::http::header;
use actix_web::{get, HttpResponse};

const STYLESHEET: &str = include_str!("assets/pilotage.css");
const SCRIPT: &str = include_str!("assets/pilotage.js");
const RENEWAL_STYLESHEET: &str = include_str!("assets/renewal.css");

fn asset(content_type: &'static str, body: &'static str) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(content_type)
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
        .body(body)
}

#[get("/static/pilotage.css")]
pub async fn stylesheet() -> HttpResponse {
    asset("text/css; charset=utf-8", STYLESHEET)
}

/// The print stylesheet of the renewal record's standalone page.
#[get("/static/renewal.css")]
pub async fn renewal_stylesheet() -> HttpResponse {
    asset("text/css; charset=utf-8", RENEWAL_STYLESHEET)
}

#[get("/static/pilotage.js")]
pub async fn script() -> HttpResponse {
    asset("text/javascript; charset=utf-8", SCRIPT)
}
