//! `PUT …/spreadsheet` with an XLSX body: any bytes behind a ZIP signature read as a workbook, then validated.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pilotage_domain::validation::validate;
use pilotage_spreadsheet::read_upload;

fuzz_target!(|data: &[u8]| {
    if let Ok(grid) = read_upload(data) {
        let _ = validate(&grid);
    }
});
