//! Query strings (`?year=&campus=&region=&scope=&indicator=&status=&limit=&offset=`): any bytes decoded as
//! `application/x-www-form-urlencoded` pairs, and each value given to the parser the API uses for that name.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pilotage_domain::indicators::indicator;
use pilotage_domain::{AcademicYear, CampusId, RegionCode, ReportStatus, Role, TargetScope};

fuzz_target!(|data: &[u8]| {
    let Ok(pairs) = serde_urlencoded::from_bytes::<Vec<(String, String)>>(data) else {
        return;
    };
    for (name, value) in pairs {
        match name.as_str() {
            "year" | "from" | "to" => {
                let _ = value.parse::<AcademicYear>();
            }
            "campus" => {
                let _ = value.parse::<CampusId>();
            }
            "region" => {
                let _ = value.parse::<RegionCode>();
            }
            "scope" => {
                let _ = value.parse::<TargetScope>();
            }
            "indicator" => {
                let _ = indicator(&value);
            }
            "status" => {
                let _ = ReportStatus::parse(&value);
            }
            "role" => {
                let _ = Role::parse(&value);
            }
            "limit" | "offset" => {
                let _ = value.parse::<u32>();
            }
            "drafts" | "late" => {
                let _ = value.parse::<bool>();
            }
            _ => {}
        }
    }
});
