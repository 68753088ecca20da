//! Campuses: create or update, read, list with filters.

use crate::connection::DbConnection;
use crate::error::{StoreError, StoreResult};
use crate::schema::campuses;
use crate::time::to_db;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use pilotage_domain::{
    Campus, CampusId, CampusStatus, ConventionPeriod, Premises, PremisesKind, RegionCode,
};

#[derive(Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = campuses)]
struct CampusRow {
    id: String,
    name: String,
    commune: String,
    department_code: String,
    region_code: String,
    latitude: f64,
    longitude: f64,
    local_authority: String,
    #[diesel(treat_none_as_null = true)]
    partner_establishment: Option<String>,
    opening_year: i32,
    wave: i32,
    premises_kind: String,
    #[diesel(treat_none_as_null = true)]
    surface_m2: Option<f64>,
    #[diesel(treat_none_as_null = true)]
    seats: Option<i32>,
    #[diesel(treat_none_as_null = true)]
    weekly_opening_hours: Option<f64>,
    evening_opening: bool,
    weekend_opening: bool,
    status: String,
    convention_start_year: i32,
    convention_end_year: i32,
}

impl CampusRow {
    fn from_domain(c: &Campus) -> Self {
        Self {
            id: c.id.to_string(),
            name: c.name.clone(),
            commune: c.commune.clone(),
            department_code: c.department_code.clone(),
            region_code: c.region_code.to_string(),
            latitude: c.latitude,
            longitude: c.longitude,
            local_authority: c.local_authority.clone(),
            partner_establishment: c.partner_establishment.clone(),
            opening_year: c.opening_year,
            wave: c.wave,
            premises_kind: c.premises.kind.as_str().to_owned(),
            surface_m2: c.premises.surface_m2,
            seats: c.premises.seats,
            weekly_opening_hours: c.weekly_opening_hours,
            evening_opening: c.evening_opening,
            weekend_opening: c.weekend_opening,
            status: c.status.as_str().to_owned(),
            convention_start_year: c.convention.start_year,
            convention_end_year: c.convention.end_year,
        }
    }

    fn into_domain(self) -> StoreResult<Campus> {
        let id: CampusId = self.id.parse().map_err(StoreError::corrupt)?;
        Ok(Campus {
            region_code: self
                .region_code
                .parse::<RegionCode>()
                .map_err(StoreError::corrupt)?,
            premises: Premises {
                kind: PremisesKind::parse(&self.premises_kind).ok_or_else(|| {
                    StoreError::corrupt(format!(
                        "campus {id} : type de locaux {}",
                        self.premises_kind
                    ))
                })?,
                surface_m2: self.surface_m2,
                seats: self.seats,
            },
            status: CampusStatus::parse(&self.status).ok_or_else(|| {
                StoreError::corrupt(format!("campus {id} : statut {}", self.status))
            })?,
            id,
            name: self.name,
            commune: self.commune,
            department_code: self.department_code,
            latitude: self.latitude,
            longitude: self.longitude,
            local_authority: self.local_authority,
            partner_establishment: self.partner_establishment,
            opening_year: self.opening_year,
            wave: self.wave,
            weekly_opening_hours: self.weekly_opening_hours,
            evening_opening: self.evening_opening,
            weekend_opening: self.weekend_opening,
            convention: ConventionPeriod {
                start_year: self.convention_start_year,
                end_year: self.convention_end_year,
            },
        })
    }
}

/// Creates the campus or, if its id exists, replaces its attributes. Returns whether it was created.
pub fn upsert(conn: &mut DbConnection, campus: &Campus, now: DateTime<Utc>) -> StoreResult<bool> {
    let row = CampusRow::from_domain(campus);
    crate::atomically(conn, |conn| {
        let updated = diesel::update(campuses::table.find(&row.id))
            .set((&row, campuses::updated_at.eq(to_db(now))))
            .execute(conn)?;
        if updated > 0 {
            return Ok(false);
        }
        diesel::insert_into(campuses::table)
            .values((
                &row,
                campuses::created_at.eq(to_db(now)),
                campuses::updated_at.eq(to_db(now)),
            ))
            .execute(conn)?;
        Ok(true)
    })
}

/// Creates a campus; `Conflict` if the id is taken.
pub fn create(conn: &mut DbConnection, campus: &Campus, now: DateTime<Utc>) -> StoreResult<()> {
    crate::atomically(conn, |conn| {
        if exists(conn, &campus.id)? {
            return Err(StoreError::Conflict(format!("le campus {}", campus.id)));
        }
        upsert(conn, campus, now).map(|_| ())
    })
}

pub fn exists(conn: &mut DbConnection, id: &CampusId) -> StoreResult<bool> {
    let n: i64 = campuses::table.find(id.as_str()).count().get_result(conn)?;
    Ok(n > 0)
}

pub fn get(conn: &mut DbConnection, id: &CampusId) -> StoreResult<Option<Campus>> {
    campuses::table
        .find(id.as_str())
        .select(CampusRow::as_select())
        .first(conn)
        .optional()?
        .map(CampusRow::into_domain)
        .transpose()
}

/// Which campuses to list.
#[derive(Debug, Clone, Default)]
pub struct CampusFilter {
    pub region: Option<RegionCode>,
    pub status: Option<CampusStatus>,
    /// Restrict to these ids (a coordinator's scope).
    pub ids: Option<Vec<CampusId>>,
}

/// One page of campuses ordered by id, and the total matching the filter.
pub fn list(
    conn: &mut DbConnection,
    filter: &CampusFilter,
    offset: i64,
    limit: i64,
) -> StoreResult<(Vec<Campus>, i64)> {
    let query = || {
        let mut q = campuses::table.into_boxed();
        if let Some(region) = filter.region {
            q = q.filter(campuses::region_code.eq(region.as_str()));
        }
        if let Some(status) = filter.status {
            q = q.filter(campuses::status.eq(status.as_str()));
        }
        if let Some(ids) = &filter.ids {
            q = q.filter(
                campuses::id.eq_any(
                    ids.iter()
                        .map(|i| i.as_str().to_owned())
                        .collect::<Vec<_>>(),
                ),
            );
        }
        q
    };
    let total: i64 = query().count().get_result(conn)?;
    let rows: Vec<CampusRow> = query()
        .order(campuses::id)
        .offset(offset.max(0))
        .limit(limit.max(0))
        .select(CampusRow::as_select())
        .load(conn)?;
    let items = rows
        .into_iter()
        .map(CampusRow::into_domain)
        .collect::<StoreResult<_>>()?;
    Ok((items, total))
}

/// Every campus, ordered by id.
pub fn all(conn: &mut DbConnection) -> StoreResult<Vec<Campus>> {
    let rows: Vec<CampusRow> = campuses::table
        .order(campuses::id)
        .select(CampusRow::as_select())
        .load(conn)?;
    rows.into_iter().map(CampusRow::into_domain).collect()
}
