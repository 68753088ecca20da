//! The OpenAPI description, collected from the routes themselves, served at `/api/v1/openapi.json` and shown by
//! the Swagger UI at `/docs/` (served from the binary, nothing fetched).

use actix_web::{get, App, HttpResponse};
use std::sync::OnceLock;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::OpenApi as Spec;
use utoipa::{Modify, OpenApi};
use utoipa_actix_web::AppExt;
use utoipa_swagger_ui::SwaggerUi;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Pilotage",
        description = "Annual indicator reporting of the Campus connecté network: campuses, annual reports and their review, flash surveys, targets, deadlines.",
        license(name = "EUPL-1.2"),
    ),
    modifiers(&BearerAuth),
    tags(
        (name = "auth", description = "Access tokens"),
        (name = "campuses", description = "Campuses"),
        (name = "reports", description = "Annual reports and their review"),
        (name = "flash-surveys", description = "Flash surveys"),
        (name = "targets", description = "Targets"),
        (name = "deadlines", description = "Deadlines and lock exceptions"),
        (name = "admin", description = "Accounts and API clients"),
        (name = "dashboards", description = "Dashboards as PNG and SVG"),
        (name = "stats", description = "Statistics: series, gaps, completeness, criteria, outliers"),
        (name = "renewal", description = "Renewal record: criteria grids over the years, establishment plan, forecast budget"),
    )
)]
struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut Spec) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .build(),
            ),
        );
    }
}

/// The OpenAPI description of `/api/v1`.
pub fn openapi() -> Spec {
    static SPEC: OnceLock<Spec> = OnceLock::new();
    SPEC.get_or_init(|| {
        let (_, spec) = App::new()
            .into_utoipa_app()
            .openapi(ApiDoc::openapi())
            .service(utoipa_actix_web::scope("/api/v1").configure(crate::api_routes))
            .split_for_parts();
        problems_as_problem_json(spec)
    })
    .clone()
}

/// Error answers are `application/problem+json` (the handlers declare their body as `Problem`, which utoipa files
/// under `application/json`); the answers every operation shares are written once under `components/responses`
/// and referred to: the 401 of every operation that needs a token (unless it says more), and the 422 of a control
/// character in the path or query (unless the operation lists its own 422).
fn problems_as_problem_json(spec: Spec) -> Spec {
    const PROBLEM: &str = "#/components/schemas/Problem";
    const UNAUTHORIZED: &str = "#/components/responses/Unauthorized";
    const CONTROL_CHARACTER: &str = "#/components/responses/ControlCharacter";
    let Ok(mut value) = serde_json::to_value(&spec) else {
        return spec;
    };
    let problem = || serde_json::json!({"application/problem+json": {"schema": {"$ref": PROBLEM}}});
    if let Some(components) = value.get_mut("components").and_then(|c| c.as_object_mut()) {
        let shared = components
            .entry("responses")
            .or_insert_with(|| serde_json::json!({}));
        shared["Unauthorized"] = serde_json::json!({
            "description": "Missing or invalid token",
            "content": problem()
        });
        shared["ControlCharacter"] = serde_json::json!({
            "description": "A NUL or other control character in the path (field `chemin`) or a query parameter (named)",
            "content": problem()
        });
    }
    let operations = value
        .get_mut("paths")
        .and_then(|p| p.as_object_mut())
        .into_iter()
        .flat_map(|paths| paths.values_mut())
        .filter_map(|item| item.as_object_mut())
        .flat_map(|item| item.values_mut());
    for operation in operations {
        let needs_token = operation
            .get("security")
            .and_then(|s| s.as_array())
            .is_some_and(|s| s.iter().any(|r| r.get("bearer").is_some()));
        let Some(responses) = operation
            .get_mut("responses")
            .and_then(|r| r.as_object_mut())
        else {
            continue;
        };
        // Any operation can answer 422 for a control character in its path or query (`request_target`).
        responses
            .entry("422")
            .or_insert_with(|| serde_json::json!({"$ref": CONTROL_CHARACTER}));
        if needs_token {
            responses
                .entry("401")
                .or_insert_with(|| serde_json::json!({"$ref": UNAUTHORIZED}));
        }
        for response in responses.values_mut() {
            let Some(content) = response.get_mut("content").and_then(|c| c.as_object_mut()) else {
                continue;
            };
            let is_problem = content
                .get("application/json")
                .and_then(|c| c.pointer("/schema/$ref"))
                .and_then(|r| r.as_str())
                == Some(PROBLEM);
            if is_problem {
                if let Some(body) = content.remove("application/json") {
                    content.insert("application/problem+json".to_owned(), body);
                }
            }
        }
    }
    serde_json::from_value(value).unwrap_or(spec)
}

/// The description as committed in `openapi/openapi.json`.
pub fn openapi_text() -> String {
    openapi().to_pretty_json().unwrap_or_default() + "\n"
}

#[get("/api/v1/openapi.json")]
pub async fn openapi_json() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/json")
        .body(openapi_text())
}

pub fn swagger_ui() -> SwaggerUi {
    SwaggerUi::new("/docs/{_:.*}").url("/api/v1/openapi.json", openapi())
}
