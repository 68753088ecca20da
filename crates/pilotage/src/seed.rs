//! Loads the demo network into the database. Only what is absent is added, so a second run adds nothing and
//! never overwrites what people changed since.

use crate::fixtures::Fixtures;
use crate::secret::random_hex;
use anyhow::{bail, Context, Result};
use chrono::{DateTime, Utc};
use indicatif::{ProgressBar, ProgressStyle};
use pilotage_domain::validation::validate;
use pilotage_domain::{AnnualReport, FlashSurveyRecord, Role};
use pilotage_store::{
    api_clients, campuses, deadlines, flash_surveys, reports, targets, users, DbConnection,
};

const ACTOR: &str = "seed";

/// A credential created by this run, to show once (it is stored only as a hash).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCredential {
    pub login: String,
    pub role: Role,
    pub secret: String,
}

/// What a seeding run added.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SeedSummary {
    pub campuses: usize,
    pub reports: usize,
    pub flash_surveys: usize,
    pub targets: usize,
    pub lock_exceptions: usize,
    pub credentials: Vec<NewCredential>,
}

impl SeedSummary {
    pub fn added_anything(&self) -> bool {
        self.campuses
            + self.reports
            + self.flash_surveys
            + self.targets
            + self.lock_exceptions
            + self.credentials.len()
            > 0
    }
}

/// Checks the fixtures against the domain rules before anything is written.
pub fn check(fixtures: &Fixtures) -> Result<()> {
    for campus in &fixtures.campuses {
        if let Some(e) = campus.check().first() {
            bail!("campus {}: {e}", campus.id);
        }
    }
    for target in &fixtures.targets {
        if let Some(e) = target.check().first() {
            bail!(
                "target {} {} {}: {e}",
                target.indicator,
                target.scope,
                target.academic_year
            );
        }
    }
    for r in fixtures
        .reports
        .iter()
        .filter(|r| r.status != pilotage_domain::ReportStatus::Draft)
    {
        if let Some(e) = validate(&r.grid).errors().next() {
            bail!(
                "report {} {}: {} ({})",
                r.campus_id,
                r.academic_year,
                e.message,
                e.fields.join(", ")
            );
        }
    }
    Ok(())
}

fn progress(len: usize, what: &str, quiet: bool) -> ProgressBar {
    if quiet {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len as u64);
    if let Ok(style) = ProgressStyle::with_template("{msg:>16} [{bar:40}] {pos}/{len}") {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message(what.to_owned());
    bar
}

/// Loads `fixtures`, adding only what is absent. `quiet` hides the progress bars (tests, non-terminals).
pub fn run(
    conn: &mut DbConnection,
    fixtures: &Fixtures,
    now: DateTime<Utc>,
    quiet: bool,
) -> Result<SeedSummary> {
    check(fixtures)?;
    let mut summary = SeedSummary::default();

    for campus in &fixtures.campuses {
        if !campuses::exists(conn, &campus.id)? {
            campuses::create(conn, campus, now).with_context(|| format!("campus {}", campus.id))?;
            summary.campuses += 1;
        }
    }

    for user in &fixtures.users {
        if users::find_by_email(conn, &user.email)?.is_none() {
            let secret = random_hex(18);
            let new = users::NewUser {
                email: &user.email,
                display_name: &user.display_name,
                role: user.role,
                campus_ids: &user.campus_ids,
                region_code: user.region_code,
                password: &secret,
            };
            users::create(conn, &new, now).with_context(|| format!("user {}", user.email))?;
            summary.credentials.push(NewCredential {
                login: user.email.clone(),
                role: user.role,
                secret,
            });
        }
    }
    for client in &fixtures.api_clients {
        if api_clients::get(conn, &client.client_id)?.is_none() {
            let secret = random_hex(18);
            api_clients::create(
                conn,
                &client.client_id,
                &client.name,
                client.region_code,
                &secret,
                now,
            )
            .with_context(|| format!("API client {}", client.client_id))?;
            summary.credentials.push(NewCredential {
                login: client.client_id.clone(),
                role: Role::Regional,
                secret,
            });
        }
    }

    let bar = progress(fixtures.reports.len(), "annual reports", quiet);
    for r in &fixtures.reports {
        let report = AnnualReport {
            campus_id: r.campus_id.clone(),
            academic_year: r.academic_year,
            status: r.status,
            grid: r.grid.clone(),
            narrative: r.narrative.clone(),
            gap_explanations: r.gap_explanations.clone(),
            submitted_at: r.submitted_at,
            reviewed_at: r.reviewed_at,
            review_comment: r.review_comment.clone(),
            version: 1,
            updated_at: r.reviewed_at.or(r.submitted_at).unwrap_or(now),
        };
        if reports::import(conn, &report, ACTOR)
            .with_context(|| format!("report {} {}", r.campus_id, r.academic_year))?
        {
            summary.reports += 1;
        }
        bar.inc(1);
    }
    bar.finish_and_clear();

    let bar = progress(fixtures.flash_surveys.len(), "flash surveys", quiet);
    for s in &fixtures.flash_surveys {
        let record = FlashSurveyRecord {
            campus_id: s.campus_id.clone(),
            academic_year: s.academic_year,
            status: s.status,
            submitted_at: s.submitted_at,
            version: 1,
            survey: s.survey.clone(),
        };
        if flash_surveys::import(conn, &record, s.submitted_at.unwrap_or(now))
            .with_context(|| format!("flash survey {} {}", s.campus_id, s.academic_year))?
        {
            summary.flash_surveys += 1;
        }
        bar.inc(1);
    }
    bar.finish_and_clear();

    for target in &fixtures.targets {
        if targets::get(conn, &target.indicator, &target.scope, target.academic_year)?.is_none() {
            targets::set(conn, target, ACTOR, now)?;
            summary.targets += 1;
        }
    }
    for exception in &fixtures.lock_exceptions {
        if deadlines::exception(
            conn,
            &exception.campus_id,
            exception.academic_year,
            exception.kind,
        )?
        .is_none()
        {
            deadlines::grant_exception(conn, exception, ACTOR, now)?;
            summary.lock_exceptions += 1;
        }
    }
    Ok(summary)
}
