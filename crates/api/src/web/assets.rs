//! The stylesheet and the script of the pages, served from the binary (a strict Content-Security-Policy allows
//! nothing inline).

use actix_web::http::header;
use actix_web::{get, HttpResponse};

const STYLESHEET: &str = include_str!("assets/pilotage.css");
const SCRIPT: &str = include_str!("assets/pilotage.js");

#[get("/static/pilotage.css")]
pub async fn stylesheet() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/css; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
        .body(STYLESHEET)
}

#[get("/static/pilotage.js")]
pub async fn script() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/javascript; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
        .body(SCRIPT)
}
