//! OpenAPI schemas of the domain types written as strings (built only with the `openapi` feature).

use crate::{AcademicYear, CampusId, TargetScope};
use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
use utoipa::openapi::RefOr;
use utoipa::{PartialSchema, ToSchema};

fn text(description: &str, pattern: &str, example: &str) -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .description(Some(description))
        .pattern(Some(pattern))
        .examples([serde_json::json!(example)])
        .into()
}

impl PartialSchema for AcademicYear {
    fn schema() -> RefOr<Schema> {
        text(
            "Academic year, from 1 September to 31 August",
            "^[0-9]{4}-[0-9]{4}$",
            "2025-2026",
        )
    }
}
impl ToSchema for AcademicYear {}

impl PartialSchema for CampusId {
    fn schema() -> RefOr<Schema> {
        text(
            "Campus id: lowercase ASCII slug",
            "^[a-z0-9]+(-[a-z0-9]+)*$",
            "nevers",
        )
    }
}
impl ToSchema for CampusId {}

impl PartialSchema for TargetScope {
    fn schema() -> RefOr<Schema> {
        text(
            "`nation`, `region:CODE` or `campus:ID`",
            "^(nation|region:[A-Z]{3}|campus:[a-z0-9-]+)$",
            "campus:nevers",
        )
    }
}
impl ToSchema for TargetScope {}
