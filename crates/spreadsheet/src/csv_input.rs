//! Reads an uploaded CSV (UTF-8, `;` or `,` separated), its columns found by their headings.

use crate::cell::RawCell;
use crate::error::UploadError;
use crate::layout::{too_many_rows, MAX_COLUMNS, MAX_ROWS};
use crate::table::{locate, RawRow, Row};

/// The non-empty rows, numbered by line; `;` is tried first, then `,`.
pub(crate) fn read_rows(text: &str) -> Result<Vec<Row>, UploadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let semicolons = parse(text, b';')?;
    if semicolons.iter().any(RawRow::has_header) {
        return Ok(locate(semicolons));
    }
    parse(text, b',').map(locate)
}

/// The rows of the CSV read with one delimiter.
fn parse(text: &str, delimiter: u8) -> Result<Vec<RawRow>, UploadError> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record =
            record.map_err(|error| UploadError::Unreadable(format!("CSV illisible : {error}")))?;
        let mut row = RawRow::default();
        for (column, field) in (0..MAX_COLUMNS).zip(record.iter()) {
            if field.trim().is_empty() {
                continue;
            }
            // A CSV has no formulas, but "=…" would become one when the file is opened in a spreadsheet.
            let formula = field.trim_start().starts_with('=');
            row.cells.insert(column, (RawCell::text(field), formula));
        }
        if row.cells.is_empty() {
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
