//! The request's path and query string get the same rule as bodies and forms (`text_check`): a NUL or another
//! control character, even percent-encoded, is refused with 422 naming the parameter (or `chemin` for the path)
//! before any handler reads it. Each adapter wraps its routes with `refuse_control_characters`, giving the answer
//! it renders the error with (problem+json on the API, a French page on the pages).

use crate::error::ApiError;
use crate::text_check;
use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::HttpResponse;
use percent_encoding::percent_decode_str;

/// The name given to the path in the error.
const PATH_FIELD: &str = "chemin";

/// 422 when the decoded path or a decoded query parameter (name or value) holds a control character.
pub fn check_target(path: &str, query: &str) -> Result<(), ApiError> {
    text_check::check(
        PATH_FIELD,
        &percent_decode_str(path).decode_utf8_lossy(),
        false,
    )?;
    // A query string that does not decode is left to the handler's own reading, which names what is wrong.
    let Ok(pairs) = serde_urlencoded::from_str::<Vec<(String, String)>>(query) else {
        return Ok(());
    };
    pairs.iter().try_for_each(|(name, value)| {
        let shown: String = name.chars().filter(|c| !c.is_control()).collect();
        text_check::check(&shown, name, false)?;
        text_check::check(&shown, value, false)
    })
}

/// The middleware's work: the request goes on unless its target breaks the rule, in which case `render` gives the
/// answer. Each adapter wraps its scope with it (`actix_web::middleware::from_fn`).
pub async fn refuse_control_characters(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
    render: fn(ApiError) -> HttpResponse,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    if let Err(error) = check_target(req.uri().path(), req.query_string()) {
        return Ok(req.into_response(render(error)).map_into_right_body());
    }
    Ok(next.call(req).await?.map_into_left_body())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field_of(path: &str, query: &str) -> Option<String> {
        match check_target(path, query) {
            Ok(()) => None,
            Err(ApiError::Validation { errors, .. }) => errors.first().map(|e| e.field.clone()),
            Err(other) => panic!("{other:?}"),
        }
    }

    #[test]
    fn encoded_control_characters_in_the_path_or_the_query_are_named() {
        assert_eq!(
            field_of("/api/v1/campuses/cc-nevers", "year=2025-2026"),
            None
        );
        assert_eq!(
            field_of("/api/v1/campuses/Saint-%C3%89tienne", "q=a+b"),
            None
        );
        assert_eq!(
            field_of("/api/v1/admin/users/a%00b", ""),
            Some("chemin".into())
        );
        assert_eq!(
            field_of("/api/v1/campuses/a%0Ab", ""),
            Some("chemin".into())
        );
        assert_eq!(
            field_of("/api/v1/admin/jobs", "status=ok%00"),
            Some("status".into())
        );
        assert_eq!(
            field_of("/api/v1/stats/series", "indicator=a%0Db"),
            Some("indicator".into())
        );
        assert_eq!(field_of("/x", "na%01me=1"), Some("name".into()));
    }
}
