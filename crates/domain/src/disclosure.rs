//! Statistical confidentiality (secret statistique): the one rule deciding which student figures may be shown to
//! readers outside the ministry and the operator (regional systems, their web users, open data). Analytics, the
//! renewal records and the API all ask this module; no other code decides what is withheld.
//!
//! The figures are read as **groups of student counts** that are published or withheld together, per area
//! (campus, région, nation) and academic year:
//! - [`Group::Enrolment`]: the head count; every figure computed from it (rates, students per tutor, cost per
//!   student, forecast error, presence weighted by it) depends on it, so withholding it withholds the area's every
//!   student figure;
//! - [`Group::Outcomes`]: success, dropout, reorientation, failure and pending results (they sum to the head
//!   count; success among sitters is in this group);
//! - [`Group::Programmes`]: public and private programmes (they sum to the head count);
//! - [`Group::Survey`]: respondents who would not have studied without the campus, and the others.
//!
//! **Primary suppression.** A campus's group is withheld when one of its counts is 1 to 4 (or a field of it is
//! not reported): publishing any figure of the group would let the whole group be worked back from the others
//! (rates that add up to 100 %, a share and its complement, success among sitters beside success).
//!
//! **Secondary suppression.** A région's published total minus its published campuses gives the sum of its
//! withheld campuses (the *residual*); the nation minus its published régions and their published campuses gives
//! the sum of the withheld campuses of withheld régions. A residual is safe when it sums at least two campuses
//! and none of its counts is 1 to 4. While one is not, another published campus of the région is withheld too
//! (one that makes the residual safe if any, the smallest non-empty first), or the région's group when its own
//! total reveals people or no campus is left; at the national level a withheld région with withheld campuses,
//! or else the nation's group. This repeats until every residual is safe.

use crate::academic_year::AcademicYear;
use crate::campus::CampusId;
use crate::grid::{groups, IndicatorGrid};
use crate::indicators::Indicator;
use crate::region::RegionCode;
use crate::report::AnnualReport;
use std::collections::{BTreeMap, BTreeSet};

/// Counts from 1 to this many students identify people.
pub const MAX_REVEALING: i64 = 4;

/// Whether a count of students identifies people (1 to 4).
pub fn reveals(count: i64) -> bool {
    (1..=MAX_REVEALING).contains(&count)
}

/// A group of student counts published or withheld together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Group {
    Enrolment,
    Outcomes,
    Programmes,
    Survey,
}

impl Group {
    pub const ALL: [Group; 4] = [
        Self::Enrolment,
        Self::Outcomes,
        Self::Programmes,
        Self::Survey,
    ];

    /// The group's counts in one grid (zeros for fields not reported), and whether every field was reported.
    fn counts(self, grid: &IndicatorGrid) -> (Vec<i64>, bool) {
        let field = |name: &str| grid.integer(name);
        let known = |values: Vec<Option<i64>>| {
            let complete = values.iter().all(Option::is_some);
            (
                values.into_iter().map(|v| v.unwrap_or(0)).collect(),
                complete,
            )
        };
        let enrolled = field("students_enrolled");
        match self {
            Self::Enrolment => known(vec![enrolled]),
            Self::Outcomes => known(groups::OUTCOMES.iter().map(|f| field(f)).collect()),
            Self::Programmes => {
                let private = field("prog_private");
                known(vec![enrolled.zip(private).map(|(n, p)| n - p), private])
            }
            Self::Survey => {
                let respondents = field("survey_respondents");
                let would_not = field("survey_would_not_have_studied");
                known(vec![
                    would_not,
                    respondents.zip(would_not).map(|(r, w)| r - w),
                ])
            }
        }
    }

    /// The group a grid field belongs to, if it is a student count of a published group.
    fn of_field(field: &str) -> Option<Self> {
        match field {
            "students_enrolled" => Some(Self::Enrolment),
            "prog_private" => Some(Self::Programmes),
            "survey_respondents" | "survey_would_not_have_studied" => Some(Self::Survey),
            f if groups::OUTCOMES.contains(&f) => Some(Self::Outcomes),
            _ => None,
        }
    }
}

/// The groups a figure of `indicator` is computed from (its numerator, denominator and pooling weights); empty for
/// figures that are not about students (money, meetings).
pub fn groups_of(indicator: &Indicator) -> BTreeSet<Group> {
    let weights = match indicator.pooling {
        crate::indicators::Pooling::WeightedMean(terms) => terms,
        _ => &[],
    };
    indicator
        .numerator
        .iter()
        .chain(indicator.denominator.unwrap_or(&[]))
        .chain(weights)
        .filter_map(|t| Group::of_field(t.field))
        .collect()
}

/// Where a figure stands: a campus, a région académique or the nation.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Area {
    Campus(CampusId),
    Region(RegionCode),
    Nation,
}

/// One campus's counted report of the year the rule is applied to.
#[derive(Debug, Clone, Copy)]
pub struct CampusYear<'a> {
    pub campus: &'a CampusId,
    pub region: RegionCode,
    pub grid: &'a IndicatorGrid,
}

/// What the rule withholds in one academic year.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Withheld {
    hidden: BTreeSet<(Area, Group)>,
}

impl Withheld {
    /// Whether the `group` of `area` is withheld (a withheld head count withholds every group).
    pub fn group(&self, area: &Area, group: Group) -> bool {
        self.hidden.contains(&(area.clone(), Group::Enrolment))
            || self.hidden.contains(&(area.clone(), group))
    }

    /// Whether the figure of `indicator` for `area` is withheld.
    pub fn indicator(&self, area: &Area, indicator: &Indicator) -> bool {
        groups_of(indicator)
            .into_iter()
            .any(|g| self.group(area, g))
    }

    /// Every withheld (area, group), withheld head counts expanded to every group.
    pub fn cells(&self) -> BTreeSet<(Area, Group)> {
        self.hidden
            .iter()
            .flat_map(|(area, group)| match group {
                Group::Enrolment => Group::ALL.iter().map(|g| (area.clone(), *g)).collect(),
                g => vec![(area.clone(), *g)],
            })
            .collect()
    }

    /// The grid fields of one campus that a record showing its raw counts (the renewal record) must withhold: the
    /// fields of its withheld groups, and the breakdowns shown nowhere else (programme detail, sex, age) with a
    /// count of 1 to 4, and the profiles and new students of 1 to 4 or whose complement is 1 to 4.
    pub fn fields(&self, campus: &CampusId, grid: &IndicatorGrid) -> BTreeSet<&'static str> {
        let area = Area::Campus(campus.clone());
        // A year the rule was not applied to (no counted report) still gets its campus's own suppressions.
        let withheld = |group: Group| self.group(&area, group) || primary(group, grid);
        let mut hidden = BTreeSet::new();
        if withheld(Group::Enrolment) {
            hidden.extend(student_fields());
            return hidden;
        }
        if withheld(Group::Outcomes) {
            hidden.extend(groups::OUTCOMES);
        }
        if withheld(Group::Survey) {
            hidden.extend(SURVEY);
        }
        let few = |name: &str| grid.integer(name).is_none_or(reveals);
        if withheld(Group::Programmes) || groups::PROGRAMMES.iter().any(|f| few(f)) {
            hidden.extend(groups::PROGRAMMES);
        }
        for breakdown in [groups::SEX, groups::AGE] {
            if breakdown.iter().any(|f| few(f)) {
                hidden.extend(breakdown);
            }
        }
        let enrolled = grid.integer("students_enrolled");
        for name in groups::PROFILES.iter().chain(&["students_new"]) {
            let others = enrolled.zip(grid.integer(name)).map(|(n, p)| n - p);
            if few(name) || others.is_none_or(reveals) {
                hidden.insert(*name);
            }
        }
        hidden
    }
}

const SURVEY: [&str; 2] = ["survey_respondents", "survey_would_not_have_studied"];

/// Every grid field about students: a withheld head count withholds them all, and the presence hours that the
/// pooled presence weighs by it.
fn student_fields() -> impl Iterator<Item = &'static str> {
    crate::grid::GRID_FIELDS
        .iter()
        .filter(|f| {
            matches!(
                f.section,
                crate::grid::Section::Enrolment | crate::grid::Section::Outcomes
            )
        })
        .map(|f| f.name)
        .chain(SURVEY)
        .chain(["avg_weekly_presence_hours"])
}

/// A campus as the rule sees it: its région and the counts of each group.
struct Unit {
    area: Area,
    region: RegionCode,
    counts: BTreeMap<Group, Vec<i64>>,
}

fn sum(into: &mut Vec<i64>, counts: &[i64]) {
    if into.len() < counts.len() {
        into.resize(counts.len(), 0);
    }
    for (total, c) in into.iter_mut().zip(counts) {
        *total += c;
    }
}

/// The counts of `group` summed over `units`.
fn residual<'a>(units: impl Iterator<Item = &'a Unit>, group: Group) -> (Vec<i64>, usize) {
    let mut total = Vec::new();
    let mut count = 0;
    for u in units {
        if let Some(c) = u.counts.get(&group) {
            sum(&mut total, c);
            count += 1;
        }
    }
    (total, count)
}

/// Whether a residual of `campuses` campuses with these counts can be published beside the figures around it.
fn safe(total: &[i64], campuses: usize) -> bool {
    campuses == 0 || (campuses >= 2 && !total.iter().copied().any(reveals))
}

struct Protection {
    units: Vec<Unit>,
    hidden: BTreeSet<(Area, Group)>,
}

impl Protection {
    fn hides(&self, area: &Area, group: Group) -> bool {
        self.hidden.contains(&(area.clone(), Group::Enrolment))
            || self.hidden.contains(&(area.clone(), group))
    }

    fn regions(&self) -> BTreeSet<RegionCode> {
        self.units.iter().map(|u| u.region).collect()
    }

    fn withheld_in(&self, region: RegionCode, group: Group) -> impl Iterator<Item = &Unit> {
        self.units
            .iter()
            .filter(move |u| u.region == region && self.hides(&u.area, group))
    }

    /// The published campus of `region` to withhold beside the others, given their residual: one that makes it
    /// safe if any, the smallest non-empty one (by the group's total) among those.
    fn complement(&self, region: RegionCode, group: Group, residual: &[i64]) -> Option<Area> {
        self.units
            .iter()
            .filter(|u| u.region == region && !self.hides(&u.area, group))
            .filter_map(|u| Some((u, u.counts.get(&group)?)))
            .min_by_key(|(u, counts)| {
                let mut after = residual.to_vec();
                sum(&mut after, counts);
                let total: i64 = counts.iter().sum();
                (!safe(&after, 2), total == 0, total, u.area.clone())
            })
            .map(|(u, _)| u.area.clone())
    }

    /// One pass over every région and the nation; whether anything more was withheld.
    fn pass(&mut self) -> bool {
        for group in Group::ALL {
            for region in self.regions() {
                let area = Area::Region(region);
                if self.hides(&area, group) {
                    continue;
                }
                let (total, campuses) = residual(self.withheld_in(region, group), group);
                if !safe(&total, campuses) {
                    // When the région's own total reveals people, no complement can help: withhold it.
                    let (all, count) =
                        residual(self.units.iter().filter(|u| u.region == region), group);
                    let target = if safe(&all, count) {
                        self.complement(region, group, &total).unwrap_or(area)
                    } else {
                        area
                    };
                    self.hidden.insert((target, group));
                    return true;
                }
            }
            if self.hides(&Area::Nation, group) {
                continue;
            }
            let hidden_regions: Vec<RegionCode> = self
                .regions()
                .into_iter()
                .filter(|r| self.hides(&Area::Region(*r), group))
                .collect();
            let (total, campuses) = residual(
                hidden_regions
                    .iter()
                    .flat_map(|r| self.withheld_in(*r, group)),
                group,
            );
            if !safe(&total, campuses) {
                // Another withheld région only helps if its total is not the sum of published campuses.
                let partner = self
                    .regions()
                    .into_iter()
                    .filter(|r| !self.hides(&Area::Region(*r), group))
                    .filter_map(|r| {
                        let (t, n) = residual(self.withheld_in(r, group), group);
                        (n > 0).then(|| (t.iter().sum::<i64>(), r))
                    })
                    .min();
                let target = partner.map_or(Area::Nation, |(_, r)| Area::Region(r));
                self.hidden.insert((target, group));
                return true;
            }
        }
        false
    }
}

/// Whether a campus's own counts withhold `group` (primary suppression).
fn primary(group: Group, grid: &IndicatorGrid) -> bool {
    let (values, complete) = group.counts(grid);
    !complete || values.iter().copied().any(reveals)
}

/// Applies the rule to every year of `reports` (the reports that count, each with its campus's région).
pub fn by_year<'a>(
    reports: impl IntoIterator<Item = (&'a AnnualReport, RegionCode)>,
) -> BTreeMap<AcademicYear, Withheld> {
    let mut years: BTreeMap<AcademicYear, Vec<CampusYear<'a>>> = BTreeMap::new();
    for (report, region) in reports {
        years
            .entry(report.academic_year)
            .or_default()
            .push(CampusYear {
                campus: &report.campus_id,
                region,
                grid: &report.grid,
            });
    }
    years
        .into_iter()
        .map(|(year, campuses)| (year, protect(&campuses)))
        .collect()
}

/// Applies the rule to one academic year's counted reports.
pub fn protect(year: &[CampusYear<'_>]) -> Withheld {
    let mut hidden = BTreeSet::new();
    let units: Vec<Unit> = year
        .iter()
        .map(|c| {
            let area = Area::Campus(c.campus.clone());
            let mut counts = BTreeMap::new();
            for group in Group::ALL {
                let (values, complete) = group.counts(c.grid);
                if primary(group, c.grid) {
                    hidden.insert((area.clone(), group));
                }
                if complete || values.iter().any(|v| *v != 0) {
                    counts.insert(group, values);
                }
            }
            Unit {
                area,
                region: c.region,
                counts,
            }
        })
        .collect();
    let mut protection = Protection { units, hidden };
    while protection.pass() {}
    Withheld {
        hidden: protection.hidden,
    }
}

#[cfg(test)]
#[path = "disclosure_tests.rs"]
mod tests;
