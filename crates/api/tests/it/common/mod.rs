//! A test service: a fresh database (SQLite, or PostgreSQL under TEST_DATABASE_URL) holding a small network, the
//! real routes, a clock the test sets, and a token for every kind of caller.

#![allow(dead_code)] // each test file uses its own part of the helpers

use actix_web::body::MessageBody;
use actix_web::dev::{Service, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::test::{self, TestRequest};
use actix_web::web;
use chrono::{DateTime, Duration, Utc};
use pilotage_app::auth::TokenKeys;
use pilotage_app::AppState;
use pilotage_domain::testing::CampusBuilder;
use pilotage_domain::{
    AcademicYear, AnnualReport, Campus, CampusId, CampusStatus, Direction, FixedClock,
    IndicatorGrid, Narrative, PremisesKind, RegionCode, ReportStatus, Role, Target, TargetScope,
};
use pilotage_store::testing::TestDatabase;
use pilotage_store::{campuses, reports, targets, users};
use serde_json::Value;
use std::sync::Arc;

pub fn at(s: &str) -> DateTime<Utc> {
    s.parse().expect("timestamp")
}

pub fn year(s: &str) -> AcademicYear {
    s.parse().expect("year")
}

pub fn id(s: &str) -> CampusId {
    s.parse().expect("id")
}

/// A campus of the shared builder (`pilotage_domain::testing`), with the premises and hours these tests expect.
pub fn campus(slug: &str, region: RegionCode) -> Campus {
    CampusBuilder::new(slug, region)
        .name(format!(
            "Campus connecté {}",
            pilotage_domain::french::of_place(slug)
        ))
        .commune(slug)
        .coordinates(46.99, 3.16)
        .local_authority("Agglomération")
        .partner(Some("Université"))
        .opening(2019, 1)
        .premises(PremisesKind::Dedicated, Some(100.0), Some(20))
        .weekly_opening_hours(Some(40.0))
        .opens(false, false)
        .status(CampusStatus::Active)
        .convention(2025, 2028)
        .build()
}

/// A complete grid that breaks no rule and meets the national targets set by [`TestApp::new`].
pub fn clean_grid() -> IndicatorGrid {
    serde_json::from_value(clean_grid_json()).expect("grid")
}

pub fn clean_grid_json() -> Value {
    pilotage_domain::testing::clean_grid_json()
}

/// Every kind of caller the authorization tests use. The campus under test is `nevers` (BFC).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    Anonymous,
    CoordinatorOther,
    RegionalOther,
    RegionalOwn,
    Ministry,
    Admin,
    Analyst,
    CoordinatorOwn,
}

impl Who {
    pub const ALL: [Who; 8] = [
        Who::Anonymous,
        Who::CoordinatorOther,
        Who::RegionalOther,
        Who::RegionalOwn,
        Who::Ministry,
        Who::Admin,
        Who::Analyst,
        Who::CoordinatorOwn,
    ];
}

pub struct TestApp {
    pub db: TestDatabase,
    pub state: AppState,
    pub clock: FixedClock,
}

impl TestApp {
    /// Campuses `nevers` and `autun` (BFC) and `privas` (ARA); national targets for 2025-2026; one user per role.
    pub fn new(now: &str) -> Self {
        let db = TestDatabase::new().expect("test database");
        let mut conn = db.connect().expect("connection");
        let t0 = at("2025-01-01T00:00:00Z");
        for (slug, region) in [
            ("nevers", RegionCode::BFC),
            ("autun", RegionCode::BFC),
            ("privas", RegionCode::ARA),
        ] {
            campuses::upsert(&mut conn, &campus(slug, region), t0).expect("campus");
        }
        for y in ["2024-2025", "2025-2026"] {
            for (indicator, direction, value) in [
                ("success_rate", Direction::AtLeast, 80.0),
                ("enrolment", Direction::AtLeast, 15.0),
                ("students_per_tutor", Direction::AtMost, 20.0),
            ] {
                let target = Target {
                    indicator: indicator.into(),
                    scope: TargetScope::Nation,
                    academic_year: year(y),
                    direction,
                    value,
                };
                targets::set(&mut conn, &target, "seed", t0).expect("target");
            }
        }
        for (email, role, campus_ids, region) in [
            (
                "coord.nevers@test.example",
                Role::Coordinator,
                vec![id("nevers")],
                None,
            ),
            (
                "coord.privas@test.example",
                Role::Coordinator,
                vec![id("privas")],
                None,
            ),
            ("analyste@test.example", Role::Analyst, vec![], None),
            ("ministere@test.example", Role::Ministry, vec![], None),
            ("admin@test.example", Role::Admin, vec![], None),
            (
                "rectorat.bfc@test.example",
                Role::Regional,
                vec![],
                Some(RegionCode::BFC),
            ),
        ] {
            let new = users::NewUser {
                email,
                display_name: email,
                role,
                campus_ids: &campus_ids,
                region_code: region,
                password: "un mot de passe de test",
            };
            users::create(&mut conn, &new, t0).expect("user");
        }
        // The regional systems, as API clients (webhooks belong to them).
        for (client, region) in [
            ("rectorat-bfc", RegionCode::BFC),
            ("rectorat-ara", RegionCode::ARA),
        ] {
            pilotage_store::api_clients::create(
                &mut conn,
                client,
                client,
                region,
                "clé de test",
                t0,
            )
            .expect("client");
        }
        let clock = FixedClock::at(at(now));
        let pool = pilotage_store::pool(&db.url, 4).expect("pool");
        let tokens = TokenKeys::from_secret(&[42u8; 32]).expect("keys");
        let state = AppState::new(pool, db.backend(), tokens, Arc::new(clock.clone()));
        Self { db, state, clock }
    }

    pub fn conn(&self) -> pilotage_store::DbConnection {
        self.db.connect().expect("connection")
    }

    /// Stores a whole report as it stands (for review tests).
    pub fn put_report(
        &self,
        slug: &str,
        y: &str,
        status: ReportStatus,
        submitted_at: Option<&str>,
    ) {
        self.put_report_with(slug, y, status, submitted_at, clean_grid());
    }

    /// Stores a whole report with this grid.
    pub fn put_report_with(
        &self,
        slug: &str,
        y: &str,
        status: ReportStatus,
        submitted_at: Option<&str>,
        grid: IndicatorGrid,
    ) {
        let report = AnnualReport {
            campus_id: id(slug),
            academic_year: year(y),
            status,
            grid,
            narrative: Narrative::default(),
            gap_explanations: Default::default(),
            submitted_at: submitted_at.map(at),
            reviewed_at: None,
            review_comment: None,
            version: 1,
            updated_at: at("2025-06-01T00:00:00Z"),
        };
        reports::import(&mut self.conn(), &report, "test").expect("report");
    }

    pub fn token(&self, who: Who) -> Option<String> {
        let (subject, role, campus_ids, region) = match who {
            Who::Anonymous => return None,
            Who::CoordinatorOwn => (
                "coord.nevers@test.example",
                Role::Coordinator,
                vec![id("nevers")],
                None,
            ),
            Who::CoordinatorOther => (
                "coord.privas@test.example",
                Role::Coordinator,
                vec![id("privas")],
                None,
            ),
            Who::RegionalOwn => (
                "rectorat-bfc",
                Role::Regional,
                vec![],
                Some(RegionCode::BFC),
            ),
            Who::RegionalOther => (
                "rectorat-ara",
                Role::Regional,
                vec![],
                Some(RegionCode::ARA),
            ),
            Who::Analyst => ("analyste@test.example", Role::Analyst, vec![], None),
            Who::Ministry => ("ministere@test.example", Role::Ministry, vec![], None),
            Who::Admin => ("admin@test.example", Role::Admin, vec![], None),
        };
        let now = self.state.now();
        Some(
            self.state
                .tokens
                .issue(subject, role, campus_ids, region, Duration::hours(1), now)
                .expect("token"),
        )
    }

    pub fn data(&self) -> web::Data<AppState> {
        web::Data::new(self.state.clone())
    }
}

/// Builds the service (a macro: the service's type cannot be written down).
#[macro_export]
macro_rules! service {
    ($app:expr) => {
        actix_web::test::init_service(
            actix_web::App::new()
                .app_data($app.data())
                .wrap(actix_web::middleware::from_fn(
                    pilotage_app::security::security_headers,
                ))
                .configure(pilotage_api::configure)
                .configure(pilotage_web::configure),
        )
        .await
    };
}

/// A response as the tests read it.
pub struct Reply {
    pub status: StatusCode,
    pub body: Value,
    pub etag: Option<String>,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

/// Sends a write of the report at `report` (its URI) with the report's current ETag as `If-Match`, as a client
/// that has just read it does (a write to an existing report without it gets 428).
pub async fn send_current<S, B>(
    service: &S,
    report: &str,
    req: TestRequest,
    token: Option<&str>,
) -> Reply
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    let current = Box::pin(send(service, get(report), token)).await;
    let req = match current.etag.filter(|_| current.body["exists"] != false) {
        Some(etag) => req.insert_header(("If-Match", etag)),
        None => req,
    };
    Box::pin(send(service, req, token)).await
}

/// A page as `who` sees it: with their session cookie (none for an anonymous visitor).
pub async fn send_page<S, B>(service: &S, app: &TestApp, who: Who, uri: &str) -> Reply
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    let mut req = TestRequest::get().uri(uri);
    if let Some(token) = app.token(who) {
        req = req.cookie(actix_web::cookie::Cookie::new(
            pilotage_app::auth::SESSION_COOKIE,
            token,
        ));
    }
    Box::pin(send(service, req, None)).await
}

/// Sends `req` with `token` (if any) and reads the reply.
pub async fn send<S, B>(service: &S, req: TestRequest, token: Option<&str>) -> Reply
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    let req = match token {
        Some(t) => req.insert_header(("Authorization", format!("Bearer {t}"))),
        None => req,
    };
    let response = test::call_service(service, req.to_request()).await;
    let status = response.status();
    let etag = response
        .headers()
        .get("etag")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let bytes = test::read_body(response).await.to_vec();
    let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    Reply {
        status,
        body,
        etag,
        content_type,
        bytes,
    }
}

/// A JSON request.
pub fn json(method: actix_web::http::Method, uri: &str, body: &Value) -> TestRequest {
    TestRequest::default()
        .method(method)
        .uri(uri)
        .set_json(body)
}

pub fn get(uri: &str) -> TestRequest {
    TestRequest::get().uri(uri)
}

pub fn post(uri: &str) -> TestRequest {
    TestRequest::post().uri(uri)
}

/// A consistent grid of a campus of 3 students: every figure of it is confidential in public answers.
pub fn tiny_grid_json() -> Value {
    let mut tiny = clean_grid_json();
    for (field, value) in [
        ("students_enrolled", 3),
        ("students_new", 1),
        ("prog_licence", 2),
        ("prog_master", 0),
        ("prog_daeu", 0),
        ("prog_bts", 0),
        ("prog_other_public", 0),
        ("prog_private", 1),
        ("women", 2),
        ("men", 1),
        ("age_under_21", 1),
        ("age_21_25", 1),
        ("age_26_plus", 1),
        ("scholarship_holders", 1),
        ("with_disability", 0),
        ("with_family_duties", 1),
        ("employed", 1),
        ("resuming_studies", 1),
        ("outcome_success", 2),
        ("outcome_dropout", 1),
        ("outcome_reorientation", 0),
        ("outcome_failure", 0),
        ("survey_respondents", 3),
        ("survey_would_not_have_studied", 1),
    ] {
        tiny[field] = Value::from(value);
    }
    tiny
}
