//! Targets: set (create or replace), list, remove; every change recorded.

use crate::audit::{self, Change, Entity};
use crate::connection::DbConnection;
use crate::error::{StoreError, StoreResult};
use crate::schema::targets;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use pilotage_domain::{AcademicYear, Direction, Target, TargetScope};

type TargetRow = (String, String, String, String, f64);

fn into_domain((indicator, scope, year, direction, value): TargetRow) -> StoreResult<Target> {
    Ok(Target {
        indicator,
        scope: scope.parse().map_err(StoreError::corrupt)?,
        academic_year: year.parse().map_err(StoreError::corrupt)?,
        direction: Direction::parse(&direction)
            .ok_or_else(|| StoreError::corrupt(format!("sens {direction}")))?,
        value,
    })
}

const COLUMNS: (
    targets::indicator,
    targets::scope,
    targets::academic_year,
    targets::direction,
    targets::value,
) = (
    targets::indicator,
    targets::scope,
    targets::academic_year,
    targets::direction,
    targets::value,
);

/// Sets a target, replacing the one with the same indicator, scope and year. Returns whether it was new.
pub fn set(
    conn: &mut DbConnection,
    target: &Target,
    actor: &str,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let scope = target.scope.to_string();
    let year = target.academic_year.to_string();
    crate::atomically(conn, |conn| {
        let key = targets::table
            .filter(targets::indicator.eq(&target.indicator))
            .filter(targets::scope.eq(&scope))
            .filter(targets::academic_year.eq(&year));
        let previous: Option<TargetRow> = key.select(COLUMNS).first(conn).optional()?;
        let values = (
            targets::direction.eq(target.direction.as_str()),
            targets::value.eq(target.value),
            targets::updated_by.eq(actor),
            targets::updated_at.eq(crate::time::to_db(now)),
        );
        if previous.is_some() {
            diesel::update(key).set(values).execute(conn)?;
        } else {
            diesel::insert_into(targets::table)
                .values((
                    targets::indicator.eq(&target.indicator),
                    targets::scope.eq(&scope),
                    targets::academic_year.eq(&year),
                    values,
                ))
                .execute(conn)?;
        }
        let field = format!("{}@{}", target.indicator, scope);
        let change = Change {
            entity: Entity::Target,
            campus_id: None,
            academic_year: Some(target.academic_year),
            action: "value_changed",
            field: Some(&field),
            old_value: previous.as_ref().map(|p| format!("{} {}", p.3, p.4)),
            new_value: Some(format!("{} {}", target.direction.as_str(), target.value)),
            comment: None,
        };
        audit::record(conn, actor, now, change)?;
        Ok(previous.is_none())
    })
}

/// The target with this indicator, scope and year, if set.
pub fn get(
    conn: &mut DbConnection,
    indicator: &str,
    scope: &TargetScope,
    year: AcademicYear,
) -> StoreResult<Option<Target>> {
    let row: Option<TargetRow> = targets::table
        .filter(targets::indicator.eq(indicator))
        .filter(targets::scope.eq(scope.to_string()))
        .filter(targets::academic_year.eq(year.to_string()))
        .select(COLUMNS)
        .first(conn)
        .optional()?;
    row.map(into_domain).transpose()
}

/// Targets, optionally of one year, ordered by year, indicator and scope.
pub fn list(conn: &mut DbConnection, year: Option<AcademicYear>) -> StoreResult<Vec<Target>> {
    let mut q = targets::table.into_boxed();
    if let Some(year) = year {
        q = q.filter(targets::academic_year.eq(year.to_string()));
    }
    let rows: Vec<TargetRow> = q
        .order((targets::academic_year, targets::indicator, targets::scope))
        .select(COLUMNS)
        .load(conn)?;
    rows.into_iter().map(into_domain).collect()
}

/// Removes a target; returns whether there was one.
pub fn remove(
    conn: &mut DbConnection,
    indicator: &str,
    scope: &TargetScope,
    year: AcademicYear,
    actor: &str,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    crate::atomically(conn, |conn| {
        let n = diesel::delete(
            targets::table
                .filter(targets::indicator.eq(indicator))
                .filter(targets::scope.eq(scope.to_string()))
                .filter(targets::academic_year.eq(year.to_string())),
        )
        .execute(conn)?;
        if n > 0 {
            let field = format!("{indicator}@{scope}");
            let change = Change {
                entity: Entity::Target,
                campus_id: None,
                academic_year: Some(year),
                action: "removed",
                field: Some(&field),
                old_value: None,
                new_value: None,
                comment: None,
            };
            audit::record(conn, actor, now, change)?;
        }
        Ok(n > 0)
    })
}
