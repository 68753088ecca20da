//! The flash survey as the API shows it, and what it needs read in one go.

use crate::auth::Caller;
use crate::error::{ApiError, ApiResult, FieldError};
use chrono::{DateTime, Utc};
use pilotage_domain::french::date_time as paris;
use pilotage_domain::{
    AcademicYear, Campus, CampusId, DeadlineKind, FlashSurvey, FlashSurveyRecord,
    FlashSurveyStatus, Progress, Timeliness,
};
use pilotage_store::{campuses, deadlines, flash_surveys, reports, DbConnection};
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FlashSurveyView {
    pub campus_id: CampusId,
    /// The academic year starting; the final outcomes are those of the year before.
    pub academic_year: AcademicYear,
    pub status: FlashSurveyStatus,
    pub exists: bool,
    pub survey: FlashSurvey,
    /// Rules broken (errors block submission).
    pub errors: Vec<FieldError>,
    pub opens_at: DateTime<Utc>,
    pub deadline: DateTime<Utc>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub timeliness: Timeliness,
    pub late: bool,
    /// Where the campus stands: `upcoming`, `in_progress`, `late`, `missing` (the year's reporting closed
    /// without it), `on_time` or `submitted_late`.
    pub progress: Progress,
    /// The enrolment of last year's annual report, against which the final outcomes are checked.
    pub previous_students_enrolled: Option<i64>,
    pub version: i64,
}

pub struct SurveyContext {
    pub campus: Campus,
    pub year: AcademicYear,
    pub record: Option<FlashSurveyRecord>,
    pub opens_at: DateTime<Utc>,
    pub deadline: DateTime<Utc>,
    /// The year's closing date: a survey not answered by then is « manquante ».
    pub closing: DateTime<Utc>,
    pub previous_enrolled: Option<i64>,
}

impl SurveyContext {
    pub fn load(
        conn: &mut DbConnection,
        caller: &Caller,
        id: &CampusId,
        year: AcademicYear,
    ) -> ApiResult<Self> {
        let campus = caller.visible(id, campuses::get(conn, id)?)?;
        let previous_enrolled = match year.previous() {
            Ok(previous) => {
                reports::get(conn, id, previous)?.and_then(|r| r.grid.students_enrolled)
            }
            Err(_) => None,
        };
        Ok(Self {
            campus,
            year,
            record: flash_surveys::get(conn, id, year)?,
            opens_at: deadlines::due(conn, year, DeadlineKind::FlashSurveyOpening)?,
            deadline: deadlines::due_for_campus(conn, id, year, DeadlineKind::FlashSurvey)?,
            closing: deadlines::due(conn, year, DeadlineKind::AnnualReportClosing)?,
            previous_enrolled,
        })
    }

    /// 409 once the survey is transmitted: it is read-only until the operator reopens it.
    pub fn ensure_draft(&self) -> ApiResult<()> {
        match &self.record {
            Some(r) if r.status == FlashSurveyStatus::Submitted => Err(ApiError::Conflict(format!(
                "l'enquête flash {} a été transmise le {} : elle n'est plus modifiable ; pour la corriger, \
                 demandez à l'opérateur de la rouvrir",
                self.year,
                r.submitted_at.map_or_else(|| "—".to_owned(), paris)
            ))),
            _ => Ok(()),
        }
    }

    /// 409 before the survey opens.
    pub fn ensure_open(&self, now: DateTime<Utc>) -> ApiResult<()> {
        if now < self.opens_at {
            return Err(ApiError::Conflict(format!(
                "l'enquête flash {} ouvre le {}",
                self.year,
                paris(self.opens_at)
            )));
        }
        Ok(())
    }

    pub fn ensure_coordinator(&self, caller: &Caller) -> ApiResult<()> {
        if caller.coordinates(&self.campus.id) {
            Ok(())
        } else {
            Err(ApiError::Forbidden(
                "seule la coordination du campus peut répondre à son enquête flash".into(),
            ))
        }
    }

    pub fn view(&self, now: DateTime<Utc>) -> FlashSurveyView {
        let survey = self
            .record
            .as_ref()
            .map(|r| r.survey.clone())
            .unwrap_or_default();
        let submitted_at = self.record.as_ref().and_then(|r| r.submitted_at);
        let timeliness = Timeliness::of(submitted_at, self.deadline, now);
        FlashSurveyView {
            campus_id: self.campus.id.clone(),
            academic_year: self.year,
            status: self
                .record
                .as_ref()
                .map_or(FlashSurveyStatus::Draft, |r| r.status),
            exists: self.record.is_some(),
            errors: survey
                .validate(self.previous_enrolled)
                .iter()
                .flat_map(|i| FieldError::from_issue("", i))
                .collect(),
            survey,
            opens_at: self.opens_at,
            deadline: self.deadline,
            submitted_at,
            timeliness,
            late: timeliness.is_late(),
            progress: Progress::of(
                self.record.is_some(),
                submitted_at,
                self.deadline,
                self.closing,
                now,
            ),
            previous_students_enrolled: self.previous_enrolled,
            version: self.record.as_ref().map_or(0, |r| r.version),
        }
    }
}
