//! Disclosure control of the published figures: the domain's one rule (`pilotage_domain::disclosure`) applied,
//! year by year, to the reports that count (the observations it withholds are set to `C` by
//! [`crate::observations`]).

use crate::dataset::Dataset;
use crate::frames::counted_reports;
use pilotage_domain::disclosure::{by_year, Withheld};
use pilotage_domain::AcademicYear;
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
