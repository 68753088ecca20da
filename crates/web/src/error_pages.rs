//! Errors for people: an unknown address, a wrong method and any error answered without a page (an extractor's
//! 400, a 403, a 500) become French pages when the client asks for HTML (`Accept: text/html`, as a browser does).
//! The API (`/api/…`) and every other client keep `application/problem+json`, exactly as the API answers it.

use super::layout::{error_page, html};
use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{header, StatusCode};
use actix_web::middleware::Next;
use actix_web::{HttpRequest, HttpResponse, ResponseError};
use pilotage_app::error::ApiError;

/// What a person reads for an address that answers nothing.
const NOT_FOUND: &str =
    "La page que vous cherchez est introuvable : l'adresse est peut-être mal saisie, ou la \
                         page n'existe plus. Vérifiez l'adresse, ou revenez à l'accueil.";
/// What a person reads when an address exists but not for what was asked (a form posted to a page that only shows).
const WRONG_METHOD: &str =
    "Cette action n'est pas possible à cette adresse. Revenez à la page précédente et passez \
                            par un lien ou un bouton du service.";

/// Whether the request comes from a person's browser: not an `/api/` address, and `text/html` (or XHTML) among the
/// media types its `Accept` header takes (`q=0` refuses one). `*/*` alone is not enough: scripts and tools send it.
pub fn wants_html(req: &HttpRequest) -> bool {
    if is_api(req.path()) {
        return false;
    }
    req.headers()
        .get_all(header::ACCEPT)
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .any(|range| {
            let mut parts = range.split(';');
            let media = parts.next().unwrap_or_default().trim();
            (media.eq_ignore_ascii_case("text/html")
                || media.eq_ignore_ascii_case("application/xhtml+xml"))
                && !parts.any(refused)
        })
}

fn is_api(path: &str) -> bool {
    path == "/api" || path.starts_with("/api/")
}

/// A media range's parameter `q=0` (or `q=0.0`…): the type is refused.
fn refused(parameter: &str) -> bool {
    let parameter = parameter.trim();
    parameter
        .strip_prefix("q=")
        .or_else(|| parameter.strip_prefix("Q="))
        .and_then(|q| q.trim().parse::<f32>().ok())
        .is_some_and(|q| q <= 0.0)
}

/// The pages' default service, for any address no route took. A browser gets a French page: 405 when the address
/// exists for another method (`POST` on a page that only shows), else 404. Any other client gets the API's
/// problem+json 404, as before.
pub async fn unknown_address(req: HttpRequest) -> HttpResponse {
    let mut answer = if !wants_html(&req) {
        ApiError::no_such_resource(req.method(), req.path()).error_response()
    } else if req.resource_map().has_resource(req.path()) {
        html(
            StatusCode::METHOD_NOT_ALLOWED,
            error_page(StatusCode::METHOD_NOT_ALLOWED, WRONG_METHOD),
        )
    } else {
        html(
            StatusCode::NOT_FOUND,
            error_page(StatusCode::NOT_FOUND, NOT_FOUND),
        )
    };
    vary_on_accept(&mut answer);
    answer
}

/// The answer depends on `Accept`: a cache in front must not give a browser's page to a script, or the reverse.
fn vary_on_accept<B>(answer: &mut HttpResponse<B>) {
    answer
        .headers_mut()
        .append(header::VARY, header::HeaderValue::from_static("accept"));
}

/// Middleware of the pages: an error answered to a browser without a page of its own (problem+json from an
/// extractor, actix's plain-text answers) is answered with the French error page of the same status, giving the
/// error's own French message when it is one of ours. Anything else, and any answer to another client, is left as
/// it is.
pub async fn browser_errors(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    let html_wanted = wants_html(req.request());
    let mut res = next.call(req).await?;
    if !is_bare_error(&res) {
        return Ok(res.map_into_left_body());
    }
    if !html_wanted {
        vary_on_accept(res.response_mut());
        return Ok(res.map_into_left_body());
    }
    let status = res.status();
    let ours = res
        .response()
        .error()
        .and_then(|e| e.as_error::<ApiError>());
    if status.is_server_error() && !matches!(ours, Some(ApiError::Internal(_))) {
        // Ours were logged when they were answered; actix's own (a missing application state…) are only at debug.
        tracing::error!(%status, error = ?res.response().error(), "server error answered to a browser");
    }
    let message = ours.map_or_else(|| plain_message(status).to_owned(), ToString::to_string);
    let retry_after = res.headers().get(header::RETRY_AFTER).cloned();
    let (req, _) = res.into_parts();
    let mut page = html(status, error_page(status, &message));
    if let Some(value) = retry_after {
        page.headers_mut().insert(header::RETRY_AFTER, value);
    }
    vary_on_accept(&mut page);
    Ok(ServiceResponse::new(req, page).map_into_right_body())
}

/// An error status whose body is not a page (problem+json, plain text or nothing); JSON bodies are left alone (the
/// report's autosave answers its script in JSON).
fn is_bare_error<B>(res: &ServiceResponse<B>) -> bool {
    let status = res.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return false;
    }
    let content_type = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    !(content_type.starts_with("text/html") || content_type.starts_with("application/json"))
}

/// The message of an error that carries none of ours.
fn plain_message(status: StatusCode) -> &'static str {
    match status.as_u16() {
        401 | 403 => "Vous n'avez pas accès à cette page avec votre compte.",
        404 => NOT_FOUND,
        405 => WRONG_METHOD,
        413 => "Les données envoyées sont trop volumineuses.",
        s if s >= 500 => {
            "Le service a rencontré une erreur ; elle a été journalisée. Réessayez dans quelques instants."
        }
        _ => "La demande n'a pas pu être traitée. Revenez à la page précédente et recommencez.",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;

    fn accepts(accept: Option<&str>, path: &str) -> bool {
        let req = TestRequest::get().uri(path);
        let req = match accept {
            Some(a) => req.insert_header((header::ACCEPT, a)),
            None => req,
        };
        wants_html(&req.to_http_request())
    }

    #[test]
    fn only_browsers_asking_for_html_outside_the_api_get_pages() {
        let chromium = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8";
        assert!(accepts(Some(chromium), "/nulle-part"));
        assert!(accepts(Some("TEXT/HTML"), "/nulle-part"));
        assert!(accepts(Some("application/xhtml+xml"), "/"));
        assert!(!accepts(Some(chromium), "/api/v1/nope"));
        assert!(!accepts(Some(chromium), "/api"));
        assert!(accepts(Some(chromium), "/apiculture"));
        assert!(!accepts(Some("application/json"), "/nulle-part"));
        assert!(!accepts(Some("*/*"), "/nulle-part"));
        assert!(!accepts(None, "/nulle-part"));
        assert!(!accepts(
            Some("text/html;q=0, application/json"),
            "/nulle-part"
        ));
        assert!(!accepts(Some("text/html; q=0.000"), "/nulle-part"));
        assert!(accepts(Some("text/html;q=0.1"), "/nulle-part"));
        assert!(!accepts(Some("text/htmlx"), "/nulle-part"));
    }
}
