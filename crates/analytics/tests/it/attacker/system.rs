//! What the attacker writes down for one academic year from the public observations and the public campus list:
//! unknown counts per campus (régions and the nation are sums of them), one linear row per published figure and
//! the grid's own identities.

use super::model::{Expr, Model, Op};
use pilotage_analytics::{ObsStatus, Observation};
use std::collections::{BTreeMap, HashMap};

/// The unknowns of one campus, in this order.
pub const ENROLLED: usize = 0;
pub const SUCCESS: usize = 1;
pub const DROPOUT: usize = 2;
pub const REORIENTATION: usize = 3;
pub const FAILURE: usize = 4;
pub const PENDING: usize = 5;
pub const PRIVATE: usize = 6;
pub const RESPONDENTS: usize = 7;
pub const WOULD_NOT: usize = 8;
/// Tutors (FTE).
pub const TUTORS: usize = 9;
/// Expenses, in thousands of euros.
pub const EXPENSES: usize = 10;
/// Presence hours × enrolment.
pub const PRESENCE: usize = 11;
pub const UNKNOWNS: usize = 12;

/// The counts the oracle checks, with their expression over a campus's unknowns.
pub const COUNTS: [(&str, &[(usize, f64)]); 10] = [
    ("enrolled", &[(ENROLLED, 1.0)]),
    ("success", &[(SUCCESS, 1.0)]),
    ("dropout", &[(DROPOUT, 1.0)]),
    ("reorientation", &[(REORIENTATION, 1.0)]),
    ("failure", &[(FAILURE, 1.0)]),
    ("pending", &[(PENDING, 1.0)]),
    ("public", &[(ENROLLED, 1.0), (PRIVATE, -1.0)]),
    ("private", &[(PRIVATE, 1.0)]),
    ("respondents", &[(RESPONDENTS, 1.0)]),
    ("would_not_have_studied", &[(WOULD_NOT, 1.0)]),
];

const OUTCOME_RATES: [(&str, usize); 4] = [
    ("success_rate", SUCCESS),
    ("dropout_rate", DROPOUT),
    ("reorientation_rate", REORIENTATION),
    ("failure_rate", FAILURE),
];

/// Hours in a week: the presence mean cannot exceed it.
const WEEK: f64 = 168.0;

/// A count the oracle looks at: a campus's, a région's or the nation's.
#[derive(Debug, Clone)]
pub struct Cell {
    pub area: String,
    pub level: &'static str,
    pub count: &'static str,
    pub expr: Expr,
    /// Published, or the product of a published rate and a published denominator.
    pub published: bool,
}

pub struct System {
    pub model: Model,
    /// The year's campuses, in unknown order: campus `i`'s unknowns start at `i × UNKNOWNS`.
    pub campuses: Vec<String>,
    pub cells: Vec<Cell>,
}

/// One area's published figures of the year.
struct Area<'a> {
    figures: HashMap<&'a str, &'a Observation>,
}

impl Area<'_> {
    /// The published value (status A).
    fn value(&self, indicator: &str) -> Option<f64> {
        self.figures
            .get(indicator)
            .filter(|o| o.obs_status == ObsStatus::Normal)
            .and_then(|o| o.value)
    }

    /// Whether the figure is undefined (`M`): its campus adds nothing to the pooled figure.
    fn missing(&self, indicator: &str) -> bool {
        self.figures
            .get(indicator)
            .is_none_or(|o| o.obs_status == ObsStatus::Missing)
    }

    /// Which counts of this area are published outright.
    fn published(&self, count: &str) -> bool {
        let n = self.value("enrolment").is_some();
        let rate = |k: &str| self.value(k).is_some();
        match count {
            "enrolled" => n,
            "success" => n && rate("success_rate"),
            "dropout" => n && rate("dropout_rate"),
            "reorientation" => n && rate("reorientation_rate"),
            "failure" => n && rate("failure_rate"),
            "pending" => n && OUTCOME_RATES.iter().all(|(k, _)| rate(k)),
            "public" | "private" => n && rate("public_share"),
            _ => false,
        }
    }
}

/// The rows of one published figure of an area made of `members` (campus indices): a campus (one member), a
/// région or the nation, pooled as the indicator is.
fn figure_rows(
    model: &mut Model,
    area: &Area<'_>,
    name: &str,
    members: &[(usize, &Area<'_>)],
    campus_level: bool,
) {
    let var = |c: usize, k: usize| c * UNKNOWNS + k;
    let counted = |indicator: &str| -> Vec<usize> {
        members
            .iter()
            .filter(|(_, a)| !a.missing(indicator))
            .map(|(c, _)| *c)
            .collect()
    };
    let all_defined = |indicator: &str| members.iter().all(|(_, a)| !a.missing(indicator));
    let add = |model: &mut Model, indicator: &str, terms: Vec<(usize, f64)>, rhs: f64| {
        let source = format!("{indicator} {name}");
        model.row(terms, Op::Eq, rhs, source);
    };
    if let Some(v) = area.value("enrolment") {
        let terms = members
            .iter()
            .map(|(c, _)| (var(*c, ENROLLED), 1.0))
            .collect();
        add(model, "enrolment", terms, v);
    }
    for (indicator, k) in OUTCOME_RATES {
        if let Some(r) = area.value(indicator) {
            let terms = counted(indicator)
                .into_iter()
                .flat_map(|c| [(var(c, k), 1.0), (var(c, ENROLLED), -r / 100.0)])
                .collect();
            add(model, indicator, terms, 0.0);
        }
    }
    if let Some(r) = area.value("success_rate_sitters") {
        let p = r / 100.0;
        let terms = counted("success_rate_sitters")
            .into_iter()
            .flat_map(|c| [(var(c, SUCCESS), 1.0 - p), (var(c, FAILURE), -p)])
            .collect();
        add(model, "success_rate_sitters", terms, 0.0);
    }
    if let Some(r) = area.value("public_share") {
        let p = r / 100.0;
        let terms = counted("public_share")
            .into_iter()
            .flat_map(|c| [(var(c, ENROLLED), 1.0 - p), (var(c, PRIVATE), -1.0)])
            .collect();
        add(model, "public_share", terms, 0.0);
    }
    if let Some(r) = area.value("would_not_have_studied_rate") {
        let terms = counted("would_not_have_studied_rate")
            .into_iter()
            .flat_map(|c| [(var(c, WOULD_NOT), 1.0), (var(c, RESPONDENTS), -r / 100.0)])
            .collect();
        add(model, "would_not_have_studied_rate", terms, 0.0);
    }
    // A campus whose ratio is undefined may still add to one side of the pooled ratio: no pooled row then.
    if let Some(r) = area
        .value("students_per_tutor")
        .filter(|_| campus_level || all_defined("students_per_tutor"))
    {
        let terms = members
            .iter()
            .flat_map(|(c, _)| [(var(*c, ENROLLED), 1.0), (var(*c, TUTORS), -r)])
            .collect();
        add(model, "students_per_tutor", terms, 0.0);
    }
    if let Some(r) = area
        .value("cost_per_student")
        .filter(|_| campus_level || all_defined("cost_per_student"))
    {
        let terms = members
            .iter()
            .flat_map(|(c, _)| [(var(*c, EXPENSES), 1.0), (var(*c, ENROLLED), -r / 1000.0)])
            .collect();
        add(model, "cost_per_student", terms, 0.0);
    }
    if let Some(h) = area.value("presence_hours") {
        let terms = counted("presence_hours")
            .into_iter()
            .flat_map(|c| [(var(c, PRESENCE), 1.0), (var(c, ENROLLED), -h)])
            .collect();
        add(model, "presence_hours", terms, 0.0);
    }
}

/// The attacker's system for `year`, from every public observation and the campus → région list.
pub fn system(
    observations: &[Observation],
    region_of: &HashMap<String, String>,
    year: &str,
) -> System {
    let mut areas: BTreeMap<(&str, &str), Area<'_>> = BTreeMap::new();
    for o in observations.iter().filter(|o| o.time_period == year) {
        areas
            .entry((o.area_level, o.ref_area.as_str()))
            .or_insert_with(|| Area {
                figures: HashMap::new(),
            })
            .figures
            .insert(o.indicator, o);
    }
    let campuses: Vec<String> = areas
        .keys()
        .filter(|(level, _)| *level == "campus")
        .map(|(_, id)| (*id).to_owned())
        .collect();
    let mut model = Model::default();
    for _ in 0..campuses.len() * UNKNOWNS {
        model.var();
    }
    let var = |c: usize, k: usize| c * UNKNOWNS + k;
    let empty = Area {
        figures: HashMap::new(),
    };
    let mut cells = Vec::new();
    let mut regions: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (c, id) in campuses.iter().enumerate() {
        let area = areas.get(&("campus", id.as_str())).unwrap_or(&empty);
        let source = |what: &str| format!("{what} {id}");
        let outcomes = [SUCCESS, DROPOUT, REORIENTATION, FAILURE, PENDING];
        let mut sum: Expr = outcomes.iter().map(|&k| (var(c, k), 1.0)).collect();
        sum.push((var(c, ENROLLED), -1.0));
        model.row(sum, Op::Eq, 0.0, source("outcomes sum to enrolment"));
        let (n, private) = (var(c, ENROLLED), var(c, PRIVATE));
        model.row(
            vec![(private, 1.0), (n, -1.0)],
            Op::Le,
            0.0,
            source("private ≤ enrolment"),
        );
        let (resp, not) = (var(c, RESPONDENTS), var(c, WOULD_NOT));
        model.row(
            vec![(not, 1.0), (resp, -1.0)],
            Op::Le,
            0.0,
            source("would-not ≤ respondents"),
        );
        model.row(
            vec![(resp, 1.0), (n, -1.0)],
            Op::Le,
            0.0,
            source("respondents ≤ enrolment"),
        );
        let presence = vec![(var(c, PRESENCE), 1.0), (n, -WEEK)];
        model.row(presence, Op::Le, 0.0, source("presence ≤ a week"));
        figure_rows(&mut model, area, id, &[(c, area)], true);
        for (count, expr) in COUNTS {
            cells.push(Cell {
                area: id.clone(),
                level: "campus",
                count,
                expr: expr.iter().map(|&(k, a)| (var(c, k), a)).collect(),
                published: area.published(count),
            });
        }
        if let Some(r) = region_of.get(id) {
            regions.entry(r.clone()).or_default().push(c);
        }
    }
    let mut pooled: Vec<(&'static str, String, Vec<usize>)> = regions
        .into_iter()
        .map(|(r, members)| ("region", r, members))
        .collect();
    pooled.push(("nation", "FR".to_owned(), (0..campuses.len()).collect()));
    for (level, code, members) in pooled {
        let area = areas.get(&(level, code.as_str())).unwrap_or(&empty);
        let with_figures: Vec<(usize, &Area<'_>)> = members
            .iter()
            .map(|&c| {
                let a = areas
                    .get(&("campus", campuses[c].as_str()))
                    .unwrap_or(&empty);
                (c, a)
            })
            .collect();
        figure_rows(&mut model, area, &code, &with_figures, false);
        for (count, expr) in COUNTS {
            cells.push(Cell {
                area: code.clone(),
                level,
                count,
                expr: members
                    .iter()
                    .flat_map(|&c| expr.iter().map(move |&(k, a)| (var(c, k), a)))
                    .collect(),
                published: area.published(count),
            });
        }
    }
    System {
        model,
        campuses,
        cells,
    }
}
