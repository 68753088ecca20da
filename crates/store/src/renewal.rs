//! What is written for a campus's renewal application: its texts per criterion, the establishment's actions and
//! grant use, the three-year forecast budget. Each write is one transaction and every change is in the audit log.

use crate::audit::{self, Change, Entity};
use crate::connection::DbConnection;
use crate::error::{StoreError, StoreResult};
use crate::schema::{renewal_actions, renewal_budget_lines, renewal_grant_uses, renewal_texts};
use crate::time::to_db;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use pilotage_domain::renewal::{
    BudgetYear, EstablishmentAction, EstablishmentPlan, GrantUse, RenewalInputs,
};
use pilotage_domain::{AcademicYear, CampusId};
use std::collections::BTreeMap;

fn parse_year(text: &str) -> StoreResult<AcademicYear> {
    text.parse().map_err(StoreError::corrupt)
}

/// The texts of a campus, by criterion code.
pub fn texts(conn: &mut DbConnection, campus: &CampusId) -> StoreResult<BTreeMap<String, String>> {
    let rows: Vec<(String, String)> = renewal_texts::table
        .filter(renewal_texts::campus_id.eq(campus.as_str()))
        .select((renewal_texts::criterion, renewal_texts::body))
        .load(conn)?;
    Ok(rows.into_iter().collect())
}

/// The establishment's actions (in the order written) and grant uses (by year).
pub fn plan(conn: &mut DbConnection, campus: &CampusId) -> StoreResult<EstablishmentPlan> {
    let actions: Vec<(String, String, String)> = renewal_actions::table
        .filter(renewal_actions::campus_id.eq(campus.as_str()))
        .order(renewal_actions::position)
        .select((
            renewal_actions::academic_year,
            renewal_actions::action,
            renewal_actions::description,
        ))
        .load(conn)?;
    let grants: Vec<(String, i64, String)> = renewal_grant_uses::table
        .filter(renewal_grant_uses::campus_id.eq(campus.as_str()))
        .order(renewal_grant_uses::academic_year)
        .select((
            renewal_grant_uses::academic_year,
            renewal_grant_uses::amount,
            renewal_grant_uses::description,
        ))
        .load(conn)?;
    Ok(EstablishmentPlan {
        actions: actions
            .into_iter()
            .map(|(year, action, description)| {
                Ok(EstablishmentAction {
                    academic_year: parse_year(&year)?,
                    action,
                    description,
                })
            })
            .collect::<StoreResult<_>>()?,
        grant_uses: grants
            .into_iter()
            .map(|(year, amount, description)| {
                Ok(GrantUse {
                    academic_year: parse_year(&year)?,
                    amount,
                    description,
                })
            })
            .collect::<StoreResult<_>>()?,
    })
}

type LineRow = (String, String, String, i64);

fn budgets_of(rows: Vec<LineRow>) -> StoreResult<BTreeMap<String, Vec<BudgetYear>>> {
    let mut by_campus: BTreeMap<String, BTreeMap<String, BTreeMap<String, i64>>> = BTreeMap::new();
    for (campus, year, line, amount) in rows {
        by_campus
            .entry(campus)
            .or_default()
            .entry(year)
            .or_default()
            .insert(line, amount);
    }
    by_campus
        .into_iter()
        .map(|(campus, years)| {
            let years = years
                .into_iter()
                .map(|(year, lines)| {
                    Ok(BudgetYear {
                        academic_year: parse_year(&year)?,
                        lines,
                    })
                })
                .collect::<StoreResult<Vec<_>>>()?;
            Ok((campus, years))
        })
        .collect()
}

const LINE_COLUMNS: (
    renewal_budget_lines::campus_id,
    renewal_budget_lines::academic_year,
    renewal_budget_lines::line,
    renewal_budget_lines::amount,
) = (
    renewal_budget_lines::campus_id,
    renewal_budget_lines::academic_year,
    renewal_budget_lines::line,
    renewal_budget_lines::amount,
);

/// The forecast budget of a campus, by year.
pub fn budget(conn: &mut DbConnection, campus: &CampusId) -> StoreResult<Vec<BudgetYear>> {
    let rows: Vec<LineRow> = renewal_budget_lines::table
        .filter(renewal_budget_lines::campus_id.eq(campus.as_str()))
        .select(LINE_COLUMNS)
        .load(conn)?;
    Ok(budgets_of(rows)?.into_values().next().unwrap_or_default())
}

/// The forecast budgets of every campus that wrote one, by campus id.
pub fn all_budgets(conn: &mut DbConnection) -> StoreResult<BTreeMap<String, Vec<BudgetYear>>> {
    let rows: Vec<LineRow> = renewal_budget_lines::table
        .select(LINE_COLUMNS)
        .load(conn)?;
    budgets_of(rows)
}

/// Everything written for a campus's renewal.
pub fn inputs(conn: &mut DbConnection, campus: &CampusId) -> StoreResult<RenewalInputs> {
    Ok(RenewalInputs {
        texts: texts(conn, campus)?,
        plan: plan(conn, campus)?,
        budget: budget(conn, campus)?,
    })
}

fn change<'a>(
    campus: &'a CampusId,
    year: Option<AcademicYear>,
    field: &'a str,
    old_value: Option<String>,
    new_value: Option<String>,
) -> Change<'a> {
    Change {
        entity: Entity::Renewal,
        campus_id: Some(campus),
        academic_year: year,
        action: "value_changed",
        field: Some(field),
        old_value,
        new_value,
        comment: None,
    }
}

/// Sets the texts given (a blank text removes the criterion's text); the others are left as they are.
pub fn set_texts(
    conn: &mut DbConnection,
    campus: &CampusId,
    given: &BTreeMap<String, String>,
    actor: &str,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    crate::atomically(conn, |conn| {
        let before = texts(conn, campus)?;
        for (code, text) in given {
            let new = Some(text.trim().to_owned()).filter(|t| !t.is_empty());
            let old = before.get(code).cloned();
            if new == old {
                continue;
            }
            let key = renewal_texts::table
                .filter(renewal_texts::campus_id.eq(campus.as_str()))
                .filter(renewal_texts::criterion.eq(code));
            diesel::delete(key).execute(conn)?;
            if let Some(body) = &new {
                diesel::insert_into(renewal_texts::table)
                    .values((
                        renewal_texts::campus_id.eq(campus.as_str()),
                        renewal_texts::criterion.eq(code),
                        renewal_texts::body.eq(body),
                        renewal_texts::updated_by.eq(actor),
                        renewal_texts::updated_at.eq(to_db(now)),
                    ))
                    .execute(conn)?;
            }
            let field = format!("texts.{code}");
            audit::record(conn, actor, now, change(campus, None, &field, old, new))?;
        }
        Ok(())
    })
}

/// Replaces the establishment's actions and grant uses.
pub fn set_plan(
    conn: &mut DbConnection,
    campus: &CampusId,
    new: &EstablishmentPlan,
    actor: &str,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    crate::atomically(conn, |conn| {
        let old = plan(conn, campus)?;
        if &old == new {
            return Ok(());
        }
        diesel::delete(
            renewal_actions::table.filter(renewal_actions::campus_id.eq(campus.as_str())),
        )
        .execute(conn)?;
        diesel::delete(
            renewal_grant_uses::table.filter(renewal_grant_uses::campus_id.eq(campus.as_str())),
        )
        .execute(conn)?;
        for (position, a) in (0i32..).zip(&new.actions) {
            diesel::insert_into(renewal_actions::table)
                .values((
                    renewal_actions::campus_id.eq(campus.as_str()),
                    renewal_actions::position.eq(position),
                    renewal_actions::academic_year.eq(a.academic_year.to_string()),
                    renewal_actions::action.eq(&a.action),
                    renewal_actions::description.eq(&a.description),
                ))
                .execute(conn)?;
        }
        for g in &new.grant_uses {
            diesel::insert_into(renewal_grant_uses::table)
                .values((
                    renewal_grant_uses::campus_id.eq(campus.as_str()),
                    renewal_grant_uses::academic_year.eq(g.academic_year.to_string()),
                    renewal_grant_uses::amount.eq(g.amount),
                    renewal_grant_uses::description.eq(&g.description),
                ))
                .execute(conn)?;
        }
        let json = |p: &EstablishmentPlan| serde_json::to_string(p).map_err(StoreError::corrupt);
        let (old, new) = (json(&old)?, json(new)?);
        audit::record(
            conn,
            actor,
            now,
            change(campus, None, "establishment_plan", Some(old), Some(new)),
        )
    })
}

/// Replaces the forecast budget; each line that changes is recorded.
pub fn set_budget(
    conn: &mut DbConnection,
    campus: &CampusId,
    years: &[BudgetYear],
    actor: &str,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    crate::atomically(conn, |conn| {
        let flat = |years: &[BudgetYear]| -> BTreeMap<(AcademicYear, String), i64> {
            years
                .iter()
                .flat_map(|y| {
                    y.lines
                        .iter()
                        .map(|(l, a)| ((y.academic_year, l.clone()), *a))
                })
                .collect()
        };
        let old = flat(&budget(conn, campus)?);
        let new = flat(years);
        diesel::delete(
            renewal_budget_lines::table.filter(renewal_budget_lines::campus_id.eq(campus.as_str())),
        )
        .execute(conn)?;
        for ((year, line), amount) in &new {
            diesel::insert_into(renewal_budget_lines::table)
                .values((
                    renewal_budget_lines::campus_id.eq(campus.as_str()),
                    renewal_budget_lines::academic_year.eq(year.to_string()),
                    renewal_budget_lines::line.eq(line),
                    renewal_budget_lines::amount.eq(amount),
                ))
                .execute(conn)?;
        }
        let keys: std::collections::BTreeSet<_> = old.keys().chain(new.keys()).collect();
        for key in keys {
            let (before, after) = (old.get(key), new.get(key));
            if before != after {
                let field = format!("budget.{}", key.1);
                let entry = change(
                    campus,
                    Some(key.0),
                    &field,
                    before.map(ToString::to_string),
                    after.map(ToString::to_string),
                );
                audit::record(conn, actor, now, entry)?;
            }
        }
        Ok(())
    })
}
