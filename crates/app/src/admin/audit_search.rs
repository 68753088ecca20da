//! Searching the audit log: who, which action, between which days (Paris time, both included); each filter as
//! typed is checked, a bad date or an end before the start named beside its field.

use super::require_admin;
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult, FieldError};
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::Europe::Paris;
use pilotage_store::audit::{self, LoggedEntry, Search};
use pilotage_store::DbConnection;

/// The most entries one search shows.
pub const SEARCH_LIMIT: i64 = 100;

/// The filters as typed in the form (`None` or blank: no filter).
#[derive(Debug, Clone, Default)]
pub struct Filters {
    pub actor: Option<String>,
    pub action: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
}

/// What a search found.
#[derive(Debug, Clone)]
pub struct Found {
    /// Newest first, [`SEARCH_LIMIT`] at most.
    pub entries: Vec<LoggedEntry>,
    /// How many entries match in all.
    pub total: i64,
    /// Every action the log holds (for the form's choices).
    pub actions: Vec<String>,
}

fn blank(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

/// A day typed `JJ/MM/AAAA` (or `AAAA-MM-JJ`, as a date input sends it).
pub fn parse_day(text: &str) -> Result<NaiveDate, String> {
    let numbers = |parts: Vec<&str>| -> Option<(i32, u32, u32)> {
        match parts.as_slice() {
            [a, b, c] if a.len() == 4 => Some((a.parse().ok()?, b.parse().ok()?, c.parse().ok()?)),
            [a, b, c] if c.len() == 4 => Some((c.parse().ok()?, b.parse().ok()?, a.parse().ok()?)),
            _ => None,
        }
    };
    let parts: Vec<&str> = if text.contains('/') {
        text.split('/').collect()
    } else {
        text.split('-').collect()
    };
    let Some((year, month, day)) = numbers(parts) else {
        return Err(format!(
            "« {text} » n'est pas une date : écrivez-la JJ/MM/AAAA, par exemple 03/12/2026"
        ));
    };
    NaiveDate::from_ymd_opt(year, month, day)
        .ok_or_else(|| format!("le {day:02}/{month:02}/{year} n'existe pas dans le calendrier"))
}

/// The first instant of a day in Paris.
fn start_of(day: NaiveDate) -> Result<DateTime<Utc>, ApiError> {
    let midnight = day
        .and_hms_opt(0, 0, 0)
        .ok_or_else(|| ApiError::Internal("minuit".into()))?;
    Paris
        .from_local_datetime(&midnight)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .ok_or_else(|| ApiError::Internal(format!("minuit du {day} à Paris")))
}

/// The store's search for `filters`, or every filter that cannot be read.
pub fn checked(filters: &Filters) -> ApiResult<Search> {
    let mut errors = Vec::new();
    let mut day = |field: &str, value: Option<&str>| match value.map(parse_day) {
        None => None,
        Some(Ok(day)) => Some(day),
        Some(Err(message)) => {
            errors.push(FieldError::new(field, "invalid_date", message));
            None
        }
    };
    let from = day("du", blank(&filters.from));
    let to = day("au", blank(&filters.to));
    if let (Some(from), Some(to)) = (from, to) {
        if to < from {
            errors.push(FieldError::new(
                "au",
                "before_start",
                "la date de fin précède la date de début",
            ));
        }
    }
    let actor = blank(&filters.actor).map(str::to_owned);
    if actor.as_ref().is_some_and(|a| a.chars().count() > 200) {
        errors.push(FieldError::new("qui", "too_long", "200 caractères au plus"));
    }
    if !errors.is_empty() {
        return Err(ApiError::validation("recherche invalide", errors));
    }
    Ok(Search {
        actor,
        action: blank(&filters.action).map(str::to_owned),
        from: from.map(start_of).transpose()?,
        until: to.map(|d| start_of(d + Duration::days(1))).transpose()?,
    })
}

/// Searches the log for an admin (403 otherwise); 422 naming each filter that cannot be read.
pub fn search(conn: &mut DbConnection, caller: &Caller, filters: &Filters) -> ApiResult<Found> {
    require_admin(caller)?;
    let search = checked(filters)?;
    let (entries, total) = audit::search(conn, &search, SEARCH_LIMIT)?;
    Ok(Found {
        entries,
        total,
        actions: audit::actions(conn)?,
    })
}

/// The actions of the log a search may choose, for an admin (403 otherwise).
pub fn actions(conn: &mut DbConnection, caller: &Caller) -> ApiResult<Vec<String>> {
    require_admin(caller)?;
    Ok(audit::actions(conn)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_read_in_both_forms_and_impossible_ones_refused() {
        assert_eq!(
            parse_day("03/12/2026"),
            Ok(NaiveDate::from_ymd_opt(2026, 12, 3).unwrap_or_default())
        );
        assert_eq!(
            parse_day("2026-12-03"),
            Ok(NaiveDate::from_ymd_opt(2026, 12, 3).unwrap_or_default())
        );
        assert_eq!(
            parse_day("31/02/2026"),
            Err("le 31/02/2026 n'existe pas dans le calendrier".to_owned())
        );
        assert!(parse_day("demain").is_err());
        assert!(parse_day("1/2").is_err());
    }

    #[test]
    fn an_end_before_the_start_is_named_beside_the_end() {
        let filters = Filters {
            from: Some("10/03/2026".into()),
            to: Some("09/03/2026".into()),
            ..Filters::default()
        };
        match checked(&filters) {
            Err(ApiError::Validation { errors, .. }) => {
                assert_eq!(errors.len(), 1);
                assert_eq!(errors[0].field, "au");
            }
            other => panic!("{other:?}"),
        }
        let same_day = Filters {
            from: Some("10/03/2026".into()),
            to: Some("2026-03-10".into()),
            ..Filters::default()
        };
        let search = checked(&same_day).map_err(|e| e.to_string());
        let search = search.as_ref().map(|s| (s.from, s.until));
        assert_eq!(
            search,
            Ok((
                Some("2026-03-09T23:00:00Z".parse().unwrap_or_default()),
                Some("2026-03-10T23:00:00Z".parse().unwrap_or_default())
            ))
        );
    }
}
