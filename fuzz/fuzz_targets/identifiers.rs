//! Academic years, campus ids, région codes, target scopes, roles, statuses, deadline kinds: what parses must
//! print back to a text that parses to the same value, and nothing may panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pilotage_domain::{AcademicYear, CampusId, DeadlineKind, RegionCode, ReportStatus, Role, TargetScope};

fn round_trip<T>(text: &str)
where
    T: std::str::FromStr + std::fmt::Display + PartialEq + std::fmt::Debug,
{
    if let Ok(value) = text.parse::<T>() {
        let printed = value.to_string();
        let again = printed.parse::<T>().ok();
        assert_eq!(again.as_ref(), Some(&value), "{text:?} printed as {printed:?}");
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    round_trip::<AcademicYear>(text);
    round_trip::<CampusId>(text);
    round_trip::<RegionCode>(text);
    round_trip::<TargetScope>(text);
    if let Ok(year) = text.parse::<AcademicYear>() {
        let _ = (year.previous(), year.next(), year.start_year());
    }
    for parsed in [
        Role::parse(text).map(|r| r.as_str()),
        ReportStatus::parse(text).map(|s| s.as_str()),
        DeadlineKind::parse(text).map(|k| k.as_str()),
    ]
    .into_iter()
    .flatten()
    {
        assert!(!parsed.is_empty());
    }
});
