//! `GET /api/v1/campuses/{campus_id}/renewal.html`: the print-ready renewal record is a page of the web pages
//! (`/campus/{campus_id}/dossier-de-poursuite`); this address, kept for existing links and clients, redirects
//! there with the same query, for a caller with a token (the page takes the same bearer token or session).

use actix_web::http::header;
use actix_web::{get, HttpRequest, HttpResponse};
use pilotage_app::auth::Caller;
use pilotage_app::error::{ApiResult, Problem};
use pilotage_app::paths::CampusPath;
use pilotage_app::renewal::SpanQuery;

#[utoipa::path(
    tag = "renewal",
    params(("campus_id" = String, Path, description = "Campus id"), SpanQuery),
    responses(
        (status = 308, description = "The record's print-ready HTML page (with the campus dashboard inline as SVG) is at `Location`",
         headers(("Location" = String, description = "/campus/{campus_id}/dossier-de-poursuite, with the same query"))),
        (status = 400, description = "Malformed campus id", body = Problem),
    ),
    security(("bearer" = []))
)]
#[get("/campuses/{campus_id}/renewal.html")]
pub async fn renewal_page(
    _caller: Caller,
    req: HttpRequest,
    path: CampusPath,
) -> ApiResult<HttpResponse> {
    let mut location = format!("/campus/{}/dossier-de-poursuite", path.campus_id);
    if !req.query_string().is_empty() {
        location.push('?');
        location.push_str(req.query_string());
    }
    Ok(HttpResponse::PermanentRedirect()
        .insert_header((header::LOCATION, location))
        .finish())
}
