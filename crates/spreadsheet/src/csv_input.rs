//! Reads the first columns of an uploaded CSV (UTF-8, `;` or `,` separated).

use crate::cell::RawCell;
use crate::error::UploadError;
use crate::layout::{too_many_rows, MAX_ROWS};
use crate::table::Row;

/// The non-empty rows (their first columns), numbered by line; `;` is tried first, then `,`.
pub(crate) fn read_rows(text: &str) -> Result<Vec<Row>, UploadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let semicolons = parse(text, b';')?;
    if semicolons.iter().any(Row::is_header) {
        return Ok(semicolons);
    }
    parse(text, b',')
}

/// The rows of the CSV read with one delimiter.
fn parse(text: &str, delimiter: u8) -> Result<Vec<Row>, UploadError> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record =
            record.map_err(|error| UploadError::Unreadable(format!("CSV illisible : {error}")))?;
        let mut row = Row::new(0);
        for (column, text) in (0u32..).zip(record.iter()) {
            // A CSV has no formulas, but "=…" would become one when the file is opened in a spreadsheet.
            let is_formula = text.trim_start().starts_with('=');
            row.set(column, RawCell::text(text), is_formula);
        }
        let has_content = record.iter().any(|field| !field.trim().is_empty());
        if !has_content {
            continue;
        }
        let line = record.position().map_or(0, csv::Position::line);
        row.number = match u32::try_from(line) {
            Ok(n) if n <= MAX_ROWS => n,
            _ => return Err(UploadError::Unreadable(too_many_rows())),
        };
        rows.push(row);
    }
    Ok(rows)
}
