//! The fields of a posted form, as typed, and what an unreadable form answers.

use super::layout::see_other;
use super::page_error::{PageError, PageResult};
use super::session::{Session, CSRF_FIELD};
use actix_web::dev::Payload;
use actix_web::error::UrlencodedError;
use actix_web::{web, FromRequest, HttpRequest, HttpResponse};
use futures_util::future::LocalBoxFuture;
use pilotage_app::error::{ApiError, ApiResult, FieldError};
use pilotage_app::paths;
use pilotage_app::state::AppState;
use pilotage_domain::{text, AcademicYear, CampusId};
use std::future::Future;

/// Largest form accepted: the grid, the narrative and the explanations fit well within it.
pub const FORM_LIMIT: usize = 256 * 1024;

/// How forms are read: a limit (413 past it), and a French 400 page for a body that is not a form.
pub fn form_config() -> web::FormConfig {
    web::FormConfig::default()
        .limit(FORM_LIMIT)
        .error_handler(|e, _| {
            let error = match e {
                UrlencodedError::Overflow { .. } => ApiError::PayloadTooLarge(format!(
                    "formulaire trop volumineux ({} Kio au plus)",
                    FORM_LIMIT / 1024
                )),
                other => ApiError::BadRequest(format!("formulaire illisible : {other}")),
            };
            PageError::Api(error).into()
        })
}

/// A posted form's fields in order (a name may repeat; the first is used); a field holding NUL or another
/// control character (or a line break outside a multi-line text) is refused with 422 naming it.
pub struct Fields(pub Vec<(String, String)>);

impl std::ops::Deref for Fields {
    type Target = Vec<(String, String)>;
    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl FromRequest for Fields {
    type Error = actix_web::Error;
    type Future = LocalBoxFuture<'static, Result<Self, actix_web::Error>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let form = web::Form::<Vec<(String, String)>>::from_request(req, payload);
        Box::pin(async move {
            let fields = form.await?.into_inner();
            pilotage_app::text_check::check_fields(&fields).map_err(PageError::Api)?;
            Ok(Fields(fields))
        })
    }
}

/// A posted form of long typed work (the report): a text breaking the text rule does not make the page fail;
/// it is kept without its control characters and named in `broken`, so that the form is shown again with what
/// was typed and the message beside the field. A field name breaking the rule (never one of ours) still fails.
pub struct KeptFields {
    pub fields: Fields,
    pub broken: Vec<FieldError>,
}

/// `value` without the characters the rule refuses in this field.
fn without_control_characters(value: &str, multi_line: bool) -> String {
    value
        .chars()
        .filter(|c| !c.is_control() || (multi_line && matches!(c, '\t' | '\r' | '\n')))
        .collect()
}

impl KeptFields {
    /// `raw` under the text rule: a broken text is kept without its control characters and named in `broken`; a
    /// field name breaking the rule fails the whole form.
    pub fn keep(raw: Vec<(String, String)>) -> Result<Self, ApiError> {
        let names: Vec<(String, String)> = raw
            .iter()
            .map(|(n, _)| (n.clone(), String::new()))
            .collect();
        pilotage_app::text_check::check_fields(&names)?;
        let mut broken = Vec::new();
        let fields = raw
            .into_iter()
            .map(|(name, value)| {
                let multi_line = text::is_multi_line(&name);
                match text::broken_rule(&value, multi_line) {
                    None => (name, value),
                    Some(rule) => {
                        let kept = without_control_characters(&value, multi_line);
                        broken.push(FieldError::new(name.clone(), rule.code, rule.message));
                        (name, kept)
                    }
                }
            })
            .collect();
        Ok(Self {
            fields: Fields(fields),
            broken,
        })
    }
}

impl FromRequest for KeptFields {
    type Error = actix_web::Error;
    type Future = LocalBoxFuture<'static, Result<Self, actix_web::Error>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let form = web::Form::<Vec<(String, String)>>::from_request(req, payload);
        Box::pin(async move {
            let raw = form.await?.into_inner();
            Ok(Self::keep(raw).map_err(PageError::Api)?)
        })
    }
}

/// The value of the field `name`, if posted.
pub fn field<'a>(fields: &'a [(String, String)], name: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// The version the form was filled in from (`None` when absent: no check).
pub fn version(fields: &[(String, String)]) -> Result<Option<i64>, ApiError> {
    match field(fields, "version")
        .map(str::trim)
        .filter(|v| !v.is_empty())
    {
        None => Ok(None),
        Some(v) => v.parse().map(Some).map_err(|_| {
            ApiError::BadRequest(format!("version « {v} » invalide : rechargez la page"))
        }),
    }
}

/// What a form about one campus's document starts with: its anti-forgery token checked, then the campus and the
/// year of the address, and the version the form was filled in from.
pub fn document_form(
    state: &AppState,
    session: &Session,
    path: &(String, String),
    fields: &[(String, String)],
) -> PageResult<(CampusId, AcademicYear, Option<i64>)> {
    session.check_csrf(state, field(fields, CSRF_FIELD))?;
    let id = paths::campus_id(&path.0)?;
    let year = paths::year(&path.1)?;
    Ok((id, year, version(fields)?))
}

/// The answer to a handled form: on success a 303 to `done` (reloading it posts nothing again); broken rules
/// shown by `refused` beside their fields; anything else as an error page.
pub async fn answer<T, F, Fut>(
    result: ApiResult<T>,
    done: String,
    refused: F,
) -> PageResult<HttpResponse>
where
    F: FnOnce(Vec<FieldError>) -> Fut,
    Fut: Future<Output = PageResult<HttpResponse>>,
{
    match result {
        Ok(_) => Ok(see_other(&done)),
        Err(ApiError::Validation { errors, .. }) => refused(errors).await,
        Err(e) => Err(PageError::Api(e)),
    }
}
