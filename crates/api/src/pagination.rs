//! `limit` and `offset` query parameters, checked.

use pilotage_app::error::ApiError;
use serde::Deserialize;
use utoipa::IntoParams;

const MAX_LIMIT: i64 = 500;

#[derive(Debug, Deserialize, IntoParams)]
pub struct PageParams {
    /// Items per page (1–500, default 100).
    pub limit: Option<i64>,
    /// Items to skip (default 0).
    pub offset: Option<i64>,
}

impl PageParams {
    /// `(offset, limit)`, or a 422 naming the parameter.
    pub fn checked(&self) -> Result<(i64, i64), ApiError> {
        let limit = self.limit.unwrap_or(100);
        if !(1..=MAX_LIMIT).contains(&limit) {
            return Err(ApiError::field(
                "limit",
                "range",
                format!("doit être compris entre 1 et {MAX_LIMIT}"),
            ));
        }
        let offset = self.offset.unwrap_or(0);
        if offset < 0 {
            return Err(ApiError::field(
                "offset",
                "range",
                "doit être positif ou nul",
            ));
        }
        Ok((offset, limit))
    }
}
