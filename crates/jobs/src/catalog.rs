//! The jobs Pilotage runs, their default schedules (cron, Europe/Paris time) and the computation of next runs.

use chrono::{DateTime, Timelike, Utc};
use chrono_tz::Europe::Paris;
use croner::parser::{CronParser, Seconds};
use croner::Cron;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

/// A job of the scheduler.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum JobName {
    /// Reminders 30, 7 and 1 days before each deadline to the coordinators who have not submitted.
    Reminders,
    /// When a deadline has passed: the campuses still missing are marked late, analysts get one summary.
    Deadline,
    /// When the closing date has passed: unsent drafts are locked (lock exceptions respected).
    Closing,
    /// A dated copy of the statistics exports and dashboards of the latest year.
    Snapshot,
    /// Delivers the outbox (e-mails, webhooks), with retries.
    Deliver,
}

impl JobName {
    pub const ALL: [JobName; 5] = [
        Self::Reminders,
        Self::Deadline,
        Self::Closing,
        Self::Snapshot,
        Self::Deliver,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Reminders => "reminders",
            Self::Deadline => "deadline",
            Self::Closing => "closing",
            Self::Snapshot => "snapshot",
            Self::Deliver => "deliver",
        }
    }

    pub fn description(self) -> &'static str {
        match self {
            Self::Reminders => "Reminders 30, 7 and 1 days before the annual report and flash survey deadlines, to the coordinators of campuses that have not submitted",
            Self::Deadline => "After a deadline: campuses that have not submitted are marked late; analysts get one summary by région",
            Self::Closing => "After the closing date: unsent annual reports are locked (lock exceptions respected) and their coordinators told",
            Self::Snapshot => "A dated snapshot of the statistics exports and dashboards of the latest year",
            Self::Deliver => "Delivers pending notifications (e-mail over SMTP, signed webhooks) with exponential backoff",
        }
    }

    /// The default schedule: six fields (seconds first), in Europe/Paris time.
    pub fn default_schedule(self) -> &'static str {
        match self {
            Self::Reminders => "0 0 9 * * *",
            Self::Deadline => "0 5 0 * * *",
            Self::Closing => "0 10 0 * * *",
            Self::Snapshot => "0 30 2 * * *",
            Self::Deliver => "*/30 * * * * *",
        }
    }
}

impl fmt::Display for JobName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl FromStr for JobName {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|j| j.as_str() == s)
            .ok_or_else(|| {
                let names: Vec<&str> = Self::ALL.iter().map(|j| j.as_str()).collect();
                format!("unknown job {s:?}; the jobs are {}", names.join(", "))
            })
    }
}

/// The schedule of every job (cron expressions in Europe/Paris time), defaults overridden by configuration.
#[derive(Debug, Clone)]
pub struct Schedules {
    crons: BTreeMap<JobName, (String, Cron)>,
}

impl Default for Schedules {
    fn default() -> Self {
        let mut crons = BTreeMap::new();
        for job in JobName::ALL {
            if let Ok(cron) = parse(job.default_schedule()) {
                crons.insert(job, (job.default_schedule().to_owned(), cron));
            }
        }
        Self { crons }
    }
}

fn parse(expression: &str) -> Result<Cron, String> {
    CronParser::builder()
        .seconds(Seconds::Required)
        .dom_and_dow(true)
        .build()
        .parse(expression)
        .map_err(|e| format!("invalid cron expression {expression:?} ({e}); expected six fields, seconds first, e.g. \"0 0 9 * * *\""))
}

impl Schedules {
    /// Replaces one job's schedule; the error names the job and says what a schedule looks like.
    pub fn set(&mut self, job: JobName, expression: &str) -> Result<(), String> {
        let cron = parse(expression.trim()).map_err(|e| format!("schedule of job {job}: {e}"))?;
        self.crons.insert(job, (expression.trim().to_owned(), cron));
        Ok(())
    }

    pub fn expression(&self, job: JobName) -> &str {
        self.crons
            .get(&job)
            .map_or(job.default_schedule(), |(e, _)| e.as_str())
    }

    /// The latest scheduled time of the job at or before `at` (the slot a run at `at` stands for).
    pub fn latest_at_or_before(&self, job: JobName, at: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let (_, cron) = self.crons.get(&job)?;
        // Whole seconds: croner keeps the fraction of its starting point, and instances must agree on the slot.
        let at = at.with_nanosecond(0).unwrap_or(at);
        cron.find_previous_occurrence(&at.with_timezone(&Paris), true)
            .ok()
            .map(|t| t.with_timezone(&Utc))
    }

    /// The next time the job runs after `after` (computed in Paris time, returned in UTC).
    pub fn next_after(&self, job: JobName, after: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let (_, cron) = self.crons.get(&job)?;
        // Whole seconds: croner keeps the fraction of its starting point.
        let after = after.with_nanosecond(0).unwrap_or(after);
        cron.find_next_occurrence(&after.with_timezone(&Paris), false)
            .ok()
            .map(|t| t.with_timezone(&Utc))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn next_runs_follow_paris_time_in_summer_and_winter() {
        let s = Schedules::default();
        // 09:00 Paris is 07:00 UTC in summer, 08:00 UTC in winter.
        assert_eq!(
            s.next_after(JobName::Reminders, t("2026-08-24T10:00:00.25Z")),
            Some(t("2026-08-25T07:00:00Z"))
        );
        assert_eq!(
            s.next_after(JobName::Reminders, t("2026-12-07T10:00:00Z")),
            Some(t("2026-12-08T08:00:00Z"))
        );
    }

    #[test]
    fn a_slot_is_the_same_whatever_the_fraction_of_a_second() {
        let s = Schedules::default();
        for at in [
            "2026-08-25T07:00:00.000Z",
            "2026-08-25T07:00:05.202878007Z",
            "2026-08-25T07:59:59.999Z",
        ] {
            assert_eq!(
                s.latest_at_or_before(JobName::Reminders, t(at)),
                Some(t("2026-08-25T07:00:00Z")),
                "{at}"
            );
        }
    }

    #[test]
    fn a_bad_schedule_is_named() {
        let mut s = Schedules::default();
        let err = s.set(JobName::Snapshot, "every night").unwrap_err();
        assert!(
            err.contains("snapshot") && err.contains("six fields"),
            "{err}"
        );
        s.set(JobName::Snapshot, "0 0 3 * * *").unwrap();
        assert_eq!(s.expression(JobName::Snapshot), "0 0 3 * * *");
        assert!("nightly"
            .parse::<JobName>()
            .unwrap_err()
            .contains("reminders"));
    }
}
