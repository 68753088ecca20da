//! Round trips through the store on the backend chosen by TEST_DATABASE_URL (SQLite when unset).

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed expectation is the test failing

use crate::common;

use common::{at, campus, database_with_campus};
use diesel::connection::{Connection, InstrumentationEvent};
use pilotage_domain::{
    AcademicYear, CampusId, CampusStatus, DeadlineKind, Direction, FlashSurvey, FlashSurveyStatus,
    IndicatorGrid, LockException, Narrative, RegionCode, ReportAction, ReportStatus, Role, Target,
    TargetScope,
};
use pilotage_store::campuses::CampusFilter;
use pilotage_store::reports::{Draft, Edit};
use pilotage_store::testing::TestDatabase;
use pilotage_store::{
    api_clients, audit, campuses, deadlines, flash_surveys, principals, reports, revoked_tokens,
    settings, targets, users, StoreError,
};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

fn year(s: &str) -> AcademicYear {
    s.parse().expect("year")
}

fn id(s: &str) -> CampusId {
    s.parse().expect("campus id")
}

fn edit(actor: &str, version: Option<i64>, when: &str) -> Edit<'static> {
    Edit {
        actor: Box::leak(actor.to_owned().into_boxed_str()),
        expected_version: version,
        at: at(when),
    }
}

fn full_grid() -> IndicatorGrid {
    IndicatorGrid {
        students_enrolled: Some(23),
        students_new: Some(9),
        prog_licence: Some(12),
        prog_master: Some(3),
        prog_doctorate: Some(0),
        prog_daeu: Some(4),
        prog_bts: Some(2),
        prog_other_public: Some(1),
        prog_private: Some(1),
        women: Some(15),
        men: Some(8),
        sex_unreported: Some(0),
        age_under_21: Some(7),
        age_21_25: Some(6),
        age_26_plus: Some(10),
        scholarship_holders: Some(11),
        with_disability: Some(1),
        top_athletes: Some(0),
        with_family_duties: Some(6),
        employed: Some(8),
        resuming_studies: Some(9),
        outcome_success: Some(19),
        outcome_dropout: Some(2),
        outcome_reorientation: Some(1),
        outcome_failure: Some(1),
        outcome_pending: Some(0),
        tutors_fte: Some(1.35),
        coordinator_fte: Some(0.8),
        workshops_count: Some(7),
        workshop_themes: Some(vec![
            "Gestion du stress".into(),
            "Anglais".into(),
            "Préparer ses examens".into(),
        ]),
        individual_interviews_count: Some(52),
        exams_in_situ_count: Some(14),
        copil_meetings_count: Some(2),
        communication_actions_count: Some(6),
        high_school_interventions_count: Some(4),
        student_life_actions_count: Some(5),
        avg_weekly_presence_hours: Some(13.75),
        survey_respondents: Some(17),
        survey_would_not_have_studied: Some(4),
        // Amounts chosen so that a float round trip would show: cents must come back exact.
        exp_staff: Some(7_654_321),
        exp_premises: Some(1_200_001),
        exp_equipment: Some(99),
        exp_operations: Some(345_678),
        exp_communication: Some(1),
        exp_other: Some(900_719_925_474_099),
        rev_state: Some(5_000_000),
        rev_local_authority: Some(4_200_100),
        rev_region: Some(0),
        rev_partners: Some(1),
        rev_in_kind: Some(300_000),
        rev_other: Some(900_719_925_474_099),
        establishment_grant: Some(1_000_000),
    }
}

#[test]
fn migrations_run_twice_are_harmless() {
    let db = TestDatabase::new().expect("db");
    let mut conn = db.connect().expect("conn");
    // TestDatabase already migrated once: nothing left to apply, and the 18 régions are there once each.
    assert_eq!(
        pilotage_store::run_migrations(&mut conn).expect("second run"),
        Vec::<String>::new()
    );
    assert_eq!(
        pilotage_store::run_migrations(&mut conn).expect("third run"),
        Vec::<String>::new()
    );
    assert_eq!(
        pilotage_store::regions::codes(&mut conn)
            .expect("codes")
            .len(),
        18
    );
}

#[test]
fn a_campus_round_trips_with_every_attribute() {
    let (_db, mut conn) = database_with_campus("nevers");
    let stored = campuses::get(&mut conn, &id("nevers"))
        .expect("get")
        .expect("present");
    assert_eq!(stored, campus("nevers", RegionCode::BFC));
    let mut changed = stored.clone();
    changed.partner_establishment = None;
    changed.status = CampusStatus::Suspended;
    assert!(!campuses::upsert(&mut conn, &changed, at("2025-02-01T00:00:00Z")).expect("update"));
    assert_eq!(
        campuses::get(&mut conn, &id("nevers")).expect("get"),
        Some(changed)
    );
    assert!(matches!(
        campuses::create(
            &mut conn,
            &campus("nevers", RegionCode::BFC),
            at("2025-02-01T00:00:00Z")
        ),
        Err(StoreError::Conflict(_))
    ));
}

#[test]
fn campuses_are_listed_by_region_and_status_with_a_total() {
    let (_db, mut conn) = database_with_campus("nevers");
    let now = at("2025-01-01T00:00:00Z");
    for (c, r) in [
        ("privas", RegionCode::ARA),
        ("le-vigan", RegionCode::OCC),
        ("autun", RegionCode::BFC),
    ] {
        campuses::upsert(&mut conn, &campus(c, r), now).expect("campus");
    }
    let filter = CampusFilter {
        region: Some(RegionCode::BFC),
        ..Default::default()
    };
    let (page, total) = campuses::list(&mut conn, &filter, 0, 1).expect("list");
    assert_eq!(total, 2);
    assert_eq!(
        page.iter().map(|c| c.id.to_string()).collect::<Vec<_>>(),
        vec!["autun"]
    );
    let (page, _) = campuses::list(&mut conn, &filter, 1, 10).expect("list");
    assert_eq!(page[0].id.as_str(), "nevers");
    let scoped = CampusFilter {
        ids: Some(vec![id("privas")]),
        ..Default::default()
    };
    assert_eq!(
        campuses::list(&mut conn, &scoped, 0, 10).expect("list").1,
        1
    );
}

#[test]
fn a_grid_written_is_read_back_equal_with_money_exact_to_the_cent() {
    let (_db, mut conn) = database_with_campus("nevers");
    let draft = Draft {
        grid: full_grid(),
        narrative: Narrative {
            achievements: Some("Trois ateliers « examens » ; 19 réussites.".into()),
            financial_comment: None,
        },
        gap_explanations: [(
            "enrolment".to_owned(),
            "Ouverture tardive des inscriptions.".to_owned(),
        )]
        .into(),
    };
    let saved = reports::save_draft(
        &mut conn,
        &id("nevers"),
        year("2024-2025"),
        &draft,
        &edit("coord@x.fr", None, "2025-06-01T10:00:00Z"),
    )
    .expect("save");
    let read = reports::get(&mut conn, &id("nevers"), year("2024-2025"))
        .expect("get")
        .expect("present");
    assert_eq!(read.grid, full_grid());
    assert_eq!(read.grid.exp_other, Some(900_719_925_474_099));
    assert_eq!(read.grid.exp_communication, Some(1));
    assert_eq!(read.narrative, draft.narrative);
    assert_eq!(read.gap_explanations, draft.gap_explanations);
    assert_eq!(read.status, ReportStatus::Draft);
    assert_eq!(read, saved);
    assert_eq!(
        reports::list_for_year(&mut conn, year("2024-2025")).expect("list"),
        vec![read]
    );
}

/// Counts the statements the connection runs from now on.
fn count_statements(conn: &mut pilotage_store::DbConnection) -> Arc<AtomicUsize> {
    let count = Arc::new(AtomicUsize::new(0));
    let seen = Arc::clone(&count);
    conn.set_instrumentation(move |event: InstrumentationEvent<'_>| {
        if let InstrumentationEvent::StartQuery { .. } = event {
            seen.fetch_add(1, Ordering::SeqCst);
        }
    });
    count
}

#[test]
fn a_save_takes_a_few_statements_whatever_the_number_of_fields() {
    let (_db, mut conn) = database_with_campus("nevers");
    let statements = count_statements(&mut conn);
    let mut draft = Draft {
        grid: full_grid(),
        narrative: Narrative {
            achievements: Some("Bilan".into()),
            financial_comment: None,
        },
        gap_explanations: [
            ("enrolment".to_owned(), "Inscriptions tardives.".to_owned()),
            ("success_rate".to_owned(), "Session décalée.".to_owned()),
        ]
        .into(),
    };
    let first = reports::save_draft(
        &mut conn,
        &id("nevers"),
        year("2024-2025"),
        &draft,
        // Nanoseconds: the answer holds the time as stored (to the microsecond on both backends).
        &edit("coord@x.fr", None, "2025-06-01T10:00:00.123456789Z"),
    )
    .expect("first save");
    // 52 values, 2 explanations and 56 history entries: a few statements, not one per row (it was ~130).
    let first_save = statements.swap(0, Ordering::SeqCst);
    eprintln!("first save: {first_save} statements");
    assert!(first_save <= 10, "a first save ran {first_save} statements");
    // The answer is what was written, without being read back: the same as a later read.
    let read = reports::get(&mut conn, &id("nevers"), year("2024-2025"))
        .expect("get")
        .expect("present");
    assert_eq!(read, first);
    assert_eq!(first.updated_at, at("2025-06-01T10:00:00.123456Z"));
    statements.swap(0, Ordering::SeqCst);

    // One save that changes a value, empties another, keeps the rest, rewrites, drops and adds explanations.
    draft.grid.students_enrolled = Some(24);
    draft.grid.exp_staff = None;
    draft.narrative.financial_comment = Some("Budget tenu.".into());
    draft.gap_explanations.remove("enrolment");
    draft
        .gap_explanations
        .insert("success_rate".into(), "Session décalée en juillet.".into());
    draft
        .gap_explanations
        .insert("dropout_rate".into(), "Deux abandons.".into());
    let second = reports::save_draft(
        &mut conn,
        &id("nevers"),
        year("2024-2025"),
        &draft,
        &edit("coord@x.fr", Some(first.version), "2025-06-02T10:00:00Z"),
    )
    .expect("second save");
    let second_save = statements.swap(0, Ordering::SeqCst);
    eprintln!("second save: {second_save} statements");
    assert!(
        second_save <= 12,
        "a second save ran {second_save} statements"
    );
    let read = reports::get(&mut conn, &id("nevers"), year("2024-2025"))
        .expect("get")
        .expect("present");
    assert_eq!(read, second);
    assert_eq!(read.grid, draft.grid);
    assert_eq!(read.narrative, draft.narrative);
    assert_eq!(read.gap_explanations, draft.gap_explanations);
    assert_eq!(read.version, first.version + 1);

    let history = audit::history(
        &mut conn,
        audit::Entity::AnnualReport,
        &id("nevers"),
        year("2024-2025"),
    )
    .expect("history");
    assert_eq!(history.first().map(|e| e.action.as_str()), Some("created"));
    assert_eq!(history.len(), 1 + 52 + 1 + 2 + 6);
    let second_changes: Vec<_> = history
        .iter()
        .filter(|e| e.at == at("2025-06-02T10:00:00Z"))
        .map(|e| {
            (
                e.field.as_deref(),
                e.old_value.as_deref(),
                e.new_value.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        second_changes,
        vec![
            (Some("students_enrolled"), Some("23"), Some("24")),
            (Some("exp_staff"), Some("7654321"), None),
            (Some("financial_comment"), None, Some("Budget tenu.")),
            (
                Some("gap_explanations.dropout_rate"),
                None,
                Some("Deux abandons.")
            ),
            (
                Some("gap_explanations.enrolment"),
                Some("Inscriptions tardives."),
                None
            ),
            (
                Some("gap_explanations.success_rate"),
                Some("Session décalée."),
                Some("Session décalée en juillet.")
            ),
        ]
    );
}

#[test]
fn a_partial_draft_keeps_missing_fields_missing() {
    let (_db, mut conn) = database_with_campus("nevers");
    let grid = IndicatorGrid {
        students_enrolled: Some(4),
        tutors_fte: Some(0.5),
        ..Default::default()
    };
    let draft = Draft {
        grid: grid.clone(),
        ..Default::default()
    };
    let saved = reports::save_draft(
        &mut conn,
        &id("nevers"),
        year("2025-2026"),
        &draft,
        &edit("c", None, "2026-01-01T00:00:00Z"),
    )
    .expect("save");
    assert_eq!(saved.grid, grid);
    assert_eq!(saved.grid.missing_fields().len(), 50);
}

#[test]
fn every_value_change_is_in_the_history_with_who_when_old_and_new() {
    let (_db, mut conn) = database_with_campus("nevers");
    let (campus, y) = (id("nevers"), year("2024-2025"));
    let mut draft = Draft {
        grid: IndicatorGrid {
            students_enrolled: Some(20),
            ..Default::default()
        },
        ..Default::default()
    };
    let first = reports::save_draft(
        &mut conn,
        &campus,
        y,
        &draft,
        &edit("a@x.fr", None, "2025-06-01T10:00:00Z"),
    )
    .expect("save");
    draft.grid.students_enrolled = Some(22);
    draft.grid.exp_staff = Some(150);
    reports::save_draft(
        &mut conn,
        &campus,
        y,
        &draft,
        &edit("b@x.fr", Some(first.version), "2025-06-02T10:00:00Z"),
    )
    .expect("save");
    let history =
        audit::history(&mut conn, audit::Entity::AnnualReport, &campus, y).expect("history");
    let changes: Vec<_> = history
        .iter()
        .filter(|e| e.action == "value_changed")
        .map(|e| {
            (
                e.actor.as_str(),
                e.field.as_deref(),
                e.old_value.as_deref(),
                e.new_value.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        changes,
        vec![
            ("a@x.fr", Some("students_enrolled"), None, Some("20")),
            ("b@x.fr", Some("students_enrolled"), Some("20"), Some("22")),
            ("b@x.fr", Some("exp_staff"), None, Some("150")),
        ]
    );
    assert_eq!(
        history.last().map(|e| e.at),
        Some(at("2025-06-02T10:00:00Z"))
    );
}

#[test]
fn a_stale_version_overwrites_nothing() {
    let (_db, mut conn) = database_with_campus("nevers");
    let (campus, y) = (id("nevers"), year("2024-2025"));
    let draft = Draft {
        grid: IndicatorGrid {
            students_enrolled: Some(20),
            ..Default::default()
        },
        ..Default::default()
    };
    let v1 = reports::save_draft(
        &mut conn,
        &campus,
        y,
        &draft,
        &edit("a", None, "2025-06-01T10:00:00Z"),
    )
    .expect("save");
    let newer = Draft {
        grid: IndicatorGrid {
            students_enrolled: Some(25),
            ..Default::default()
        },
        ..Default::default()
    };
    reports::save_draft(
        &mut conn,
        &campus,
        y,
        &newer,
        &edit("a", Some(v1.version), "2025-06-01T11:00:00Z"),
    )
    .expect("save");
    let stale = Draft {
        grid: IndicatorGrid {
            students_enrolled: Some(99),
            ..Default::default()
        },
        ..Default::default()
    };
    let err = reports::save_draft(
        &mut conn,
        &campus,
        y,
        &stale,
        &edit("b", Some(v1.version), "2025-06-01T12:00:00Z"),
    )
    .unwrap_err();
    assert!(
        matches!(err, StoreError::VersionConflict { expected, actual } if expected == v1.version && actual == v1.version + 1)
    );
    let read = reports::get(&mut conn, &campus, y)
        .expect("get")
        .expect("present");
    assert_eq!(read.grid.students_enrolled, Some(25));
}

#[test]
fn the_review_workflow_is_enforced_and_recorded() {
    let (_db, mut conn) = database_with_campus("nevers");
    let (campus, y) = (id("nevers"), year("2024-2025"));
    let draft = Draft {
        grid: full_grid(),
        ..Default::default()
    };
    reports::save_draft(
        &mut conn,
        &campus,
        y,
        &draft,
        &edit("coord", None, "2025-08-01T10:00:00Z"),
    )
    .expect("save");
    let submitted = reports::transition(
        &mut conn,
        &campus,
        y,
        ReportAction::Submit,
        None,
        &edit("coord", None, "2025-08-30T10:00:00Z"),
        &pilotage_domain::notification::MailContext::default(),
    )
    .expect("submit");
    assert_eq!(submitted.status, ReportStatus::Submitted);
    assert_eq!(submitted.submitted_at, Some(at("2025-08-30T10:00:00Z")));
    // A submitted report cannot be edited until it is returned.
    let err = reports::save_draft(
        &mut conn,
        &campus,
        y,
        &draft,
        &edit("coord", None, "2025-08-31T10:00:00Z"),
    )
    .unwrap_err();
    assert!(matches!(err, StoreError::Workflow(_)), "{err}");
    let returned = reports::transition(
        &mut conn,
        &campus,
        y,
        ReportAction::Return,
        Some("Merci de corriger la répartition par âge."),
        &edit("analyst", None, "2025-09-05T10:00:00Z"),
        &pilotage_domain::notification::MailContext::default(),
    )
    .expect("return");
    assert_eq!(
        returned.review_comment.as_deref(),
        Some("Merci de corriger la répartition par âge.")
    );
    let resubmitted = reports::transition(
        &mut conn,
        &campus,
        y,
        ReportAction::Submit,
        None,
        &edit("coord", None, "2025-09-10T10:00:00Z"),
        &pilotage_domain::notification::MailContext::default(),
    )
    .expect("resubmit");
    assert_eq!(
        resubmitted.submitted_at,
        Some(at("2025-08-30T10:00:00Z")),
        "timeliness keeps the first submission"
    );
    let accepted = reports::transition(
        &mut conn,
        &campus,
        y,
        ReportAction::Accept,
        None,
        &edit("analyst", None, "2025-09-12T10:00:00Z"),
        &pilotage_domain::notification::MailContext::default(),
    )
    .expect("accept");
    assert_eq!(accepted.status, ReportStatus::Accepted);
    // Each answer is the report as stored after that step.
    let read = reports::get(&mut conn, &campus, y)
        .expect("get")
        .expect("present");
    assert_eq!(read, accepted);
    assert_eq!(read.grid, draft.grid);
    assert_eq!(read.version, resubmitted.version + 1);
    assert_eq!(resubmitted.version, returned.version + 1);
    assert_eq!(returned.version, submitted.version + 1);
    assert_eq!(returned.grid, draft.grid);
    assert!(matches!(
        reports::transition(
            &mut conn,
            &campus,
            y,
            ReportAction::Accept,
            None,
            &edit("analyst", None, "2025-09-12T11:00:00Z"),
            &pilotage_domain::notification::MailContext::default()
        ),
        Err(StoreError::Workflow(_))
    ));
    let statuses: Vec<_> = audit::history(&mut conn, audit::Entity::AnnualReport, &campus, y)
        .expect("history")
        .into_iter()
        .filter(|e| e.field.as_deref() == Some("status"))
        .map(|e| (e.actor, e.new_value.unwrap_or_default()))
        .collect();
    assert_eq!(
        statuses,
        vec![
            ("coord".to_owned(), "submitted".to_owned()),
            ("analyst".to_owned(), "returned".to_owned()),
            ("coord".to_owned(), "submitted".to_owned()),
            ("analyst".to_owned(), "accepted".to_owned()),
        ]
    );
}

#[test]
fn an_import_never_duplicates_or_overwrites() {
    let (_db, mut conn) = database_with_campus("nevers");
    let (campus, y) = (id("nevers"), year("2023-2024"));
    let draft = Draft {
        grid: full_grid(),
        ..Default::default()
    };
    let mut report = reports::save_draft(
        &mut conn,
        &campus,
        y,
        &draft,
        &edit("c", None, "2024-06-01T00:00:00Z"),
    )
    .expect("save");
    report.grid.students_enrolled = Some(1);
    assert!(!reports::import(&mut conn, &report, "seed").expect("import"));
    assert_eq!(
        reports::get(&mut conn, &campus, y)
            .expect("get")
            .map(|r| r.grid.students_enrolled),
        Some(Some(23))
    );
    report.academic_year = year("2022-2023");
    report.status = ReportStatus::Accepted;
    assert!(reports::import(&mut conn, &report, "seed").expect("import"));
    let imported = reports::get(&mut conn, &campus, year("2022-2023"))
        .expect("get")
        .expect("present");
    assert_eq!(
        (imported.status, imported.grid.students_enrolled),
        (ReportStatus::Accepted, Some(1))
    );
}

#[test]
fn a_flash_survey_round_trips_and_keeps_its_first_submission() {
    let (_db, mut conn) = database_with_campus("nevers");
    let (campus, y) = (id("nevers"), year("2025-2026"));
    let survey = FlashSurvey {
        forecast_students_enrolled: Some(24),
        forecast_prog_licence: Some(24),
        ..Default::default()
    };
    let draft = flash_surveys::save(
        &mut conn,
        &campus,
        y,
        &survey,
        false,
        &edit("c", None, "2025-09-10T08:00:00Z"),
    )
    .expect("save");
    assert_eq!(
        (draft.status, draft.submitted_at),
        (FlashSurveyStatus::Draft, None)
    );
    let sent = flash_surveys::save(
        &mut conn,
        &campus,
        y,
        &survey,
        true,
        &edit("c", Some(draft.version), "2025-10-01T08:00:00Z"),
    )
    .expect("submit");
    assert_eq!(sent.status, FlashSurveyStatus::Submitted);
    assert_eq!(sent.survey, survey);
    let later = flash_surveys::save(
        &mut conn,
        &campus,
        y,
        &survey,
        true,
        &edit("c", None, "2025-10-20T08:00:00Z"),
    )
    .expect("again");
    assert_eq!(later.submitted_at, Some(at("2025-10-01T08:00:00Z")));
    assert!(matches!(
        flash_surveys::save(
            &mut conn,
            &campus,
            y,
            &survey,
            false,
            &edit("c", Some(draft.version), "2025-10-21T08:00:00Z")
        ),
        Err(StoreError::VersionConflict { .. })
    ));
}

#[test]
fn targets_are_replaced_not_duplicated() {
    let (_db, mut conn) = database_with_campus("nevers");
    let mut target = Target {
        indicator: "enrolment".into(),
        scope: TargetScope::Campus(id("nevers")),
        academic_year: year("2025-2026"),
        direction: Direction::AtLeast,
        value: 25.0,
    };
    let now = at("2025-07-01T00:00:00Z");
    assert!(targets::set(&mut conn, &target, "analyst", now).expect("set"));
    target.value = 27.5;
    assert!(!targets::set(&mut conn, &target, "analyst", now).expect("replace"));
    assert_eq!(
        targets::list(&mut conn, Some(year("2025-2026"))).expect("list"),
        vec![target.clone()]
    );
    assert_eq!(
        targets::list(&mut conn, Some(year("2024-2025"))).expect("list"),
        vec![]
    );
    assert!(targets::remove(
        &mut conn,
        "enrolment",
        &target.scope,
        target.academic_year,
        "analyst",
        now
    )
    .expect("remove"));
    assert_eq!(targets::list(&mut conn, None).expect("list"), vec![]);
}

#[test]
fn deadlines_default_can_be_moved_and_excepted_per_campus() {
    let (_db, mut conn) = database_with_campus("nevers");
    campuses::upsert(
        &mut conn,
        &campus("autun", RegionCode::BFC),
        at("2025-01-01T00:00:00Z"),
    )
    .expect("campus");
    let y = year("2024-2025");
    let kind = DeadlineKind::AnnualReport;
    assert_eq!(
        deadlines::due(&mut conn, y, kind).expect("due"),
        at("2025-09-01T21:59:59Z")
    );
    deadlines::set_due(
        &mut conn,
        y,
        kind,
        at("2025-09-08T21:59:59Z"),
        "analyst",
        at("2025-06-01T00:00:00Z"),
    )
    .expect("set");
    assert_eq!(
        deadlines::due(&mut conn, y, kind).expect("due"),
        at("2025-09-08T21:59:59Z")
    );
    let exception = LockException {
        campus_id: id("nevers"),
        academic_year: y,
        kind,
        due_at: at("2025-09-30T21:59:59Z"),
        reason: "Changement de coordonnateur".into(),
    };
    deadlines::grant_exception(&mut conn, &exception, "analyst", at("2025-09-02T00:00:00Z"))
        .expect("grant");
    deadlines::grant_exception(&mut conn, &exception, "analyst", at("2025-09-03T00:00:00Z"))
        .expect("grant again");
    assert_eq!(
        deadlines::exceptions(&mut conn, Some(y)).expect("list"),
        vec![exception]
    );
    assert_eq!(
        deadlines::due_for_campus(&mut conn, &id("nevers"), y, kind).expect("due"),
        at("2025-09-30T21:59:59Z")
    );
    assert_eq!(
        deadlines::due_for_campus(&mut conn, &id("autun"), y, kind).expect("due"),
        at("2025-09-08T21:59:59Z")
    );
}

#[test]
fn users_authenticate_with_their_password_only() {
    let (_db, mut conn) = database_with_campus("nevers");
    let now = at("2025-01-01T00:00:00Z");
    let new = users::NewUser {
        email: "Coord.Nevers@Pilotage.example",
        display_name: "Coordination Nevers",
        role: Role::Coordinator,
        campus_ids: &[id("nevers")],
        region_code: None,
        password: "un mot de passe assez long",
    };
    let user = users::create(&mut conn, &new, now).expect("create");
    assert_eq!(user.email, "coord.nevers@pilotage.example");
    assert_eq!(user.campus_ids, vec![id("nevers")]);
    assert!(matches!(
        users::create(&mut conn, &new, now),
        Err(StoreError::Conflict(_))
    ));
    assert_eq!(
        users::authenticate(
            &mut conn,
            "coord.nevers@pilotage.example",
            "un mot de passe assez long"
        )
        .expect("auth"),
        Some(user.clone())
    );
    assert_eq!(
        users::authenticate(&mut conn, "coord.nevers@pilotage.example", "mauvais").expect("auth"),
        None
    );
    assert_eq!(
        users::authenticate(&mut conn, "personne@pilotage.example", "x").expect("auth"),
        None
    );
}

#[test]
fn a_token_subject_is_a_user_or_an_api_client() {
    let (_db, mut conn) = database_with_campus("nevers");
    let now = at("2025-01-01T00:00:00Z");
    let active = |conn: &mut pilotage_store::DbConnection, subject: &str| {
        principals::active(conn, subject).expect("read")
    };
    assert_eq!(active(&mut conn, "personne@pilotage.example"), None);
    let user = users::create(
        &mut conn,
        &users::NewUser {
            email: "coord.nevers@pilotage.example",
            display_name: "Coordination Nevers",
            role: Role::Coordinator,
            campus_ids: &[id("nevers")],
            region_code: None,
            password: "un mot de passe assez long",
        },
        now,
    )
    .expect("user");
    // The address as typed in a token: case and spaces do not matter.
    assert_eq!(
        active(&mut conn, " Coord.Nevers@pilotage.example"),
        Some(true)
    );
    api_clients::create(
        &mut conn,
        "sirh-bfc",
        "SIRH BFC",
        RegionCode::BFC,
        "clé",
        now,
    )
    .expect("client");
    assert_eq!(active(&mut conn, "sirh-bfc"), Some(true));
    api_clients::set_active(&mut conn, "sirh-bfc", false, now).expect("deactivate");
    assert_eq!(active(&mut conn, "sirh-bfc"), Some(false));
    users::set_active(&mut conn, user.id, false, now).expect("deactivate");
    assert_eq!(
        active(&mut conn, "coord.nevers@pilotage.example"),
        Some(false)
    );
}

#[test]
fn a_deactivation_is_remembered_after_the_reactivation() {
    let (_db, mut conn) = database_with_campus("nevers");
    let t0 = at("2025-01-01T00:00:00Z");
    api_clients::create(
        &mut conn,
        "sirh-bfc",
        "SIRH BFC",
        RegionCode::BFC,
        "clé",
        t0,
    )
    .expect("client");
    let standing = |conn: &mut pilotage_store::DbConnection| {
        principals::standing(conn, "sirh-bfc")
            .expect("read")
            .expect("a client")
    };
    assert_eq!(standing(&mut conn).last_deactivated_at, None);
    let t1 = at("2025-02-01T10:00:00.5Z");
    api_clients::set_active(&mut conn, "sirh-bfc", false, t1).expect("deactivate");
    api_clients::set_active(&mut conn, "sirh-bfc", true, at("2025-03-01T00:00:00Z"))
        .expect("reactivate");
    assert_eq!(
        standing(&mut conn),
        principals::Standing {
            active: true,
            last_deactivated_at: Some(t1)
        }
    );
}

#[test]
fn a_revoked_token_is_kept_until_it_expires_and_audited_once() {
    let (_db, mut conn) = database_with_campus("nevers");
    let now = at("2025-01-01T10:00:00Z");
    let expiry = at("2025-01-01T18:00:00Z");
    assert!(
        !revoked_tokens::version_and_revoked(&mut conn, "abc")
            .expect("read")
            .1
    );
    let version = revoked_tokens::version_and_revoked(&mut conn, "abc")
        .expect("read")
        .0;
    assert!(revoked_tokens::revoke(&mut conn, "abc", "a@x.fr", expiry, now).expect("revoke"));
    // Twice: nothing more written.
    assert!(!revoked_tokens::revoke(&mut conn, "abc", "a@x.fr", expiry, now).expect("again"));
    // Revoked, and the data version (statistics' caches) has not moved.
    assert_eq!(
        revoked_tokens::version_and_revoked(&mut conn, "abc").expect("read"),
        (version, true)
    );
    assert_eq!(
        audit::by_actor(&mut conn, "a@x.fr").expect("audit"),
        vec![(
            "session".to_owned(),
            "signed_out".to_owned(),
            Some("abc".to_owned())
        )]
    );
    // A later revocation, once the first token has expired, purges its row.
    assert!(revoked_tokens::revoke(
        &mut conn,
        "def",
        "a@x.fr",
        at("2025-01-02T18:00:00Z"),
        expiry
    )
    .expect("revoke"));
    assert_eq!(revoked_tokens::count(&mut conn).expect("count"), 1);
    assert!(
        !revoked_tokens::version_and_revoked(&mut conn, "abc")
            .expect("read")
            .1
    );
}

#[test]
fn a_setting_is_initialised_once() {
    let db = TestDatabase::new().expect("db");
    let mut conn = db.connect().expect("conn");
    let first = settings::get_or_init(&mut conn, "jwt_secret", || "first".into()).expect("init");
    let second = settings::get_or_init(&mut conn, "jwt_secret", || "second".into()).expect("read");
    assert_eq!((first.as_str(), second.as_str()), ("first", "first"));
    settings::set(&mut conn, "jwt_secret", "rotated").expect("set");
    assert_eq!(
        settings::get(&mut conn, "jwt_secret")
            .expect("get")
            .as_deref(),
        Some("rotated")
    );
}
