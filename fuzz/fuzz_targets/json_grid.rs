//! The JSON grid of `PUT …/reports/{year}`: any bytes parsed as a grid, then validated and every indicator
//! computed. Must never panic (overflow, NaN, deep nesting, huge numbers).
#![no_main]

use libfuzzer_sys::fuzz_target;
use pilotage_domain::indicators::compute_all;
use pilotage_domain::validation::validate;
use pilotage_domain::IndicatorGrid;

fuzz_target!(|data: &[u8]| {
    if let Ok(grid) = serde_json::from_slice::<IndicatorGrid>(data) {
        let report = validate(&grid);
        let _ = report.is_submittable();
        let _ = compute_all(&grid);
        // What was read writes back and reads again as the same grid.
        let text = serde_json::to_string(&grid).expect("a grid serialises");
        let again: IndicatorGrid = serde_json::from_str(&text).expect("a written grid reads back");
        assert_eq!(serde_json::to_string(&again).expect("serialises"), text);
    }
});
