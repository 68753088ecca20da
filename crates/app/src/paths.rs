//! What an address names: an academic year and a campus id, parsed with a French 400 that names the parameter,
//! and the typed extractors `ReportPath` (`…/{campus_id}/…/{year}`) and `CampusPath` (`…/{campus_id}`) that
//! handlers and pages take instead of parsing `web::Path<(String, String)>` by hand.

use crate::error::ApiError;
use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest};
use pilotage_domain::{AcademicYear, CampusId};
use std::future::{ready, Ready};

/// An academic year from a path or query parameter.
pub fn year(text: &str) -> Result<AcademicYear, ApiError> {
    text.parse()
        .map_err(|e| ApiError::BadRequest(format!("paramètre year : {e}")))
}

/// Longest campus id (`CampusId` allows 64 characters); a longer one is not echoed back whole.
const MAX_ID_CHARS: usize = 64;

/// A campus id from a path or query parameter.
pub fn campus_id(text: &str) -> Result<CampusId, ApiError> {
    if text.chars().count() > MAX_ID_CHARS {
        let start: String = text.chars().take(20).collect();
        return Err(ApiError::BadRequest(format!(
            "paramètre campus_id : identifiant « {start}… » trop long ({} caractères ; {MAX_ID_CHARS} au plus)",
            text.chars().count()
        )));
    }
    text.parse()
        .map_err(|e| ApiError::BadRequest(format!("paramètre campus_id : {e}")))
}

/// The segment `name` of the matched route, decoded (a route without it is a programming error: 500).
fn segment<'a>(req: &'a HttpRequest, name: &str) -> Result<&'a str, ApiError> {
    req.match_info()
        .get(name)
        .ok_or_else(|| ApiError::Internal(format!("route without {{{name}}}")))
}

/// A campus's report of one year, from a route with `{campus_id}` and `{year}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportPath {
    pub campus_id: CampusId,
    pub year: AcademicYear,
}

impl FromRequest for ReportPath {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready((|| {
            Ok(Self {
                campus_id: campus_id(segment(req, "campus_id")?)?,
                year: year(segment(req, "year")?)?,
            })
        })())
    }
}

/// A campus, from a route with `{campus_id}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CampusPath {
    pub campus_id: CampusId,
}

impl FromRequest for CampusPath {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(segment(req, "campus_id").and_then(|text| {
            Ok(Self {
                campus_id: campus_id(text)?,
            })
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;

    #[test]
    fn years_and_campus_ids_are_checked() {
        assert!(
            matches!(year("2024/2025"), Err(ApiError::BadRequest(m)) if m.contains("AAAA-AAAA"))
        );
        assert!(matches!(campus_id("Nevers"), Err(ApiError::BadRequest(_))));
    }

    #[actix_web::test]
    async fn a_report_path_names_the_parameter_that_is_wrong() {
        let path = |campus: &str, year: &str| {
            let req = TestRequest::default()
                .param("campus_id", campus.to_owned())
                .param("year", year.to_owned())
                .to_http_request();
            ReportPath::extract(&req).into_inner()
        };
        let ok = path("nevers", "2024-2025").expect("valid path");
        assert_eq!(ok.campus_id.as_str(), "nevers");
        assert_eq!(ok.year.to_string(), "2024-2025");
        assert!(
            matches!(path("nevers", "2024"), Err(ApiError::BadRequest(m)) if m.starts_with("paramètre year"))
        );
        assert!(
            matches!(path("Ne vers", "2024-2025"), Err(ApiError::BadRequest(m)) if m.starts_with("paramètre campus_id"))
        );
    }
}
