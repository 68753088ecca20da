//! The stylesheets and the scripts of the pages, served from the binary (a strict Content-Security-Policy allows
//! nothing inline): Pilotage's own, and the State's design system (DSFR) embedded at build time by `build.rs`.

use actix_web::http::header;
use actix_web::{get, web, HttpResponse};

include!(concat!(env!("OUT_DIR"), "/dsfr_files.rs"));

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

/// A file of the DSFR (stylesheet, scripts, fonts, icons, favicon) under `/static/dsfr/`; 404 for any other path.
/// The version is pinned, so a day's caching is safe; an upgrade changes the files with the binary.
#[get("/static/dsfr/{path:.*}")]
pub async fn dsfr_file(path: web::Path<String>) -> HttpResponse {
    match DSFR_FILES.iter().find(|(name, _)| *name == path.as_str()) {
        Some((name, bytes)) => HttpResponse::Ok()
            .content_type(content_type(name))
            .insert_header((header::CACHE_CONTROL, "public, max-age=86400"))
            .body(*bytes),
        None => HttpResponse::NotFound()
            .content_type("text/plain; charset=utf-8")
            .body("fichier introuvable"),
    }
}

fn content_type(name: &str) -> &'static str {
    match name.rsplit('.').next() {
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("woff2") => "font/woff2",
        Some("woff") => "font/woff",
        _ => "application/octet-stream",
    }
}
