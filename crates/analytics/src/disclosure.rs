//! Disclosure control of the published observations: the domain's one rule (`pilotage_domain::disclosure`)
//! applied, year by year, to the reports that count, and the observations it withholds set to `C`.

use crate::dataset::Dataset;
use crate::frames::counted_reports;
use crate::observations::{ObsStatus, Observation, NATION_AREA};
use pilotage_domain::disclosure::{by_year, Area, Withheld};
use pilotage_domain::indicators::indicator;
use pilotage_domain::{AcademicYear, CampusId};
use std::collections::BTreeMap;

/// What the rule withholds from readers outside the ministry and the operator, for every year with a counted
/// report.
pub fn withheld(data: &Dataset) -> BTreeMap<AcademicYear, Withheld> {
    by_year(
        counted_reports(data, None)
            .into_iter()
            .filter_map(|(report, region)| Some((report, region?))),
    )
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
pub(crate) fn protect(data: &Dataset, observations: &mut [Observation]) {
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
