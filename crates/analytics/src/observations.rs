//! The published figures as SDMX-style observations: every campus value and every regional and national aggregate
//! of every year, one row per indicator, area and year, with its unit and status — disclosure control applied for
//! the public audience.

use crate::aggregates::aggregates;
use crate::dataset::{Dataset, Scope};
use crate::disclosure::withheld;
use crate::error::Result;
use crate::values::campus_values;
use pilotage_domain::disclosure::Area;
use pilotage_domain::indicators::{indicator, Unit, INDICATORS};
use pilotage_domain::{AcademicYear, CampusId};
use serde::{Serialize, Serializer};

/// Who the figures are published for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Audience {
    /// The ministry and the operator (analysts, ministry, admin): exact figures.
    Internal,
    /// Open data and the `regional` role: disclosure control applies.
    Public,
}

/// The SDMX observation status (code list CL_OBS_STATUS).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ObsStatus {
    /// `A`: normal value.
    Normal,
    /// `C`: confidential, suppressed by disclosure control.
    Confidential,
    /// `M`: missing, the value is undefined (a field not reported, a denominator of 0).
    Missing,
    /// `P`: provisional, an aggregate of a year whose reports may still come in.
    Provisional,
}

impl ObsStatus {
    pub const ALL: [ObsStatus; 4] = [
        Self::Normal,
        Self::Confidential,
        Self::Missing,
        Self::Provisional,
    ];

    /// The SDMX code: `A`, `C` or `M`.
    pub fn code(self) -> &'static str {
        match self {
            Self::Normal => "A",
            Self::Confidential => "C",
            Self::Missing => "M",
            Self::Provisional => "P",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The French name of the status, as SDMX structures label it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Normal => "Valeur normale",
            Self::Confidential => "Valeur confidentielle (secret statistique)",
            Self::Missing => "Valeur manquante ou non définie",
            Self::Provisional => "Valeur provisoire (rapports de l'année encore attendus)",
        }
    }
}

impl Serialize for ObsStatus {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

/// The SDMX unit of measure (code list CL_UNIT_MEASURE) of an indicator's unit.
pub fn unit_measure(unit: Unit) -> &'static str {
    match unit {
        Unit::Percent => "PC",
        Unit::Euros => "EUR",
        Unit::StudentsPerFte => "STUDENTS_PER_FTE",
        Unit::Students => "STUDENTS",
        Unit::Hours => "HOURS",
        Unit::Meetings => "MEETINGS",
    }
}

/// The French name of a unit of measure code.
pub fn unit_measure_label(code: &str) -> &'static str {
    match code {
        "PC" => "Pourcentage",
        "EUR" => "Euros",
        "STUDENTS_PER_FTE" => "Étudiants par équivalent temps plein",
        "STUDENTS" => "Étudiants",
        "HOURS" => "Heures",
        "MEETINGS" => "Réunions",
        _ => "",
    }
}

/// The `ref_area` of the nation.
pub const NATION_AREA: &str = "FR";

/// One published figure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Observation {
    pub indicator: &'static str,
    /// A campus id, a région académique code (`BFC`) or `FR`.
    pub ref_area: String,
    /// `campus`, `region` or `nation`.
    pub area_level: &'static str,
    /// The academic year, `2024-2025`.
    pub time_period: String,
    /// `None` when undefined or confidential.
    pub value: Option<f64>,
    pub unit_measure: &'static str,
    pub obs_status: ObsStatus,
}

fn level_rank(level: &str) -> u8 {
    match level {
        "nation" => 0,
        "region" => 1,
        _ => 2,
    }
}

/// Every figure, ordered by indicator (table order), year, level (nation, régions, campuses) and area.
pub fn observations(data: &Dataset, audience: Audience) -> Result<Vec<Observation>> {
    let unit_of = |name: &str| {
        INDICATORS
            .iter()
            .find(|i| i.name == name)
            .map_or("", |i| unit_measure(i.unit))
    };
    let observation =
        |indicator: &'static str, ref_area: String, area_level, year: String, value| Observation {
            indicator,
            ref_area,
            area_level,
            time_period: year,
            value,
            unit_measure: unit_of(indicator),
            obs_status: if value.is_some() {
                ObsStatus::Normal
            } else {
                ObsStatus::Missing
            },
        };
    let mut out: Vec<Observation> = campus_values(data)?
        .into_iter()
        .map(|v| {
            observation(
                v.indicator,
                v.campus_id.to_string(),
                "campus",
                v.academic_year.to_string(),
                v.value,
            )
        })
        .collect();
    for a in aggregates(data)? {
        let (ref_area, level) = match &a.scope {
            Scope::Nation => (NATION_AREA.to_owned(), "nation"),
            Scope::Region(r) => (r.to_string(), "region"),
            Scope::Campus(c) => (c.to_string(), "campus"),
        };
        out.push(observation(
            a.indicator,
            ref_area,
            level,
            a.academic_year.to_string(),
            a.value,
        ));
    }
    if audience == Audience::Public {
        protect(data, &mut out);
    }
    let order = |name: &str| {
        INDICATORS
            .iter()
            .position(|i| i.name == name)
            .unwrap_or(usize::MAX)
    };
    out.sort_by(|a, b| {
        (
            order(a.indicator),
            &a.time_period,
            level_rank(a.area_level),
            &a.ref_area,
        )
            .cmp(&(
                order(b.indicator),
                &b.time_period,
                level_rank(b.area_level),
                &b.ref_area,
            ))
    });
    Ok(out)
}

/// Marks `P` (provisional) the national and regional figures of the years whose reports may still come in at
/// `now` for that area (see `CompletenessCount::provisional`); campus figures, confidential and missing values keep
/// their status.
pub fn mark_provisional(
    data: &Dataset,
    observations: &mut [Observation],
    now: chrono::DateTime<chrono::Utc>,
) -> Result<()> {
    let mut years: Vec<&str> = observations
        .iter()
        .map(|o| o.time_period.as_str())
        .collect();
    years.sort_unstable();
    years.dedup();
    let mut open = std::collections::HashSet::new();
    for y in years {
        let Ok(year) = y.parse::<AcademicYear>() else {
            continue;
        };
        for scope in crate::completeness::completeness(data, year, now)?.scopes {
            if scope.annual_reports.provisional {
                let area = match scope.scope.strip_prefix("region:") {
                    Some(code) => code.to_owned(),
                    None => NATION_AREA.to_owned(),
                };
                open.insert((y.to_owned(), area));
            }
        }
    }
    for o in observations.iter_mut() {
        if o.obs_status == ObsStatus::Normal
            && o.area_level != "campus"
            && open.contains(&(o.time_period.clone(), o.ref_area.clone()))
        {
            o.obs_status = ObsStatus::Provisional;
        }
    }
    Ok(())
}

/// The area an observation stands for.
fn area(o: &Observation) -> Option<Area> {
    match o.area_level {
        "nation" if o.ref_area == NATION_AREA => Some(Area::Nation),
        "region" => o.ref_area.parse().ok().map(Area::Region),
        "campus" => o.ref_area.parse::<CampusId>().ok().map(Area::Campus),
        _ => None,
    }
}

/// Sets every observation the rule withholds to confidential (`C`, no value); undefined ones stay missing.
fn protect(data: &Dataset, observations: &mut [Observation]) {
    let withheld = withheld(data);
    for o in observations.iter_mut() {
        let hidden = o
            .time_period
            .parse::<AcademicYear>()
            .ok()
            .and_then(|y| withheld.get(&y));
        let (Some(hidden), Some(area), Some(ind)) = (hidden, area(o), indicator(o.indicator))
        else {
            continue;
        };
        if o.value.is_some() && hidden.indicator(&area, ind) {
            o.value = None;
            o.obs_status = ObsStatus::Confidential;
        }
    }
}
