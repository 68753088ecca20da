//! `PUT …/spreadsheet` with a CSV body: any text read as the two-column CSV grid, then validated.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pilotage_domain::validation::validate;
use pilotage_spreadsheet::read_upload;

fuzz_target!(|data: &[u8]| {
    // Keep to the CSV reader: an input starting like a ZIP archive is the XLSX target's.
    if data.starts_with(b"PK") {
        return;
    }
    if let Ok(grid) = read_upload(data) {
        let _ = validate(&grid);
    }
});
