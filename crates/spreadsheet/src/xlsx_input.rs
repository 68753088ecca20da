//! Reads the first columns of the first worksheet of an uploaded XLSX, streaming, with size caps.

use std::collections::BTreeMap;
use std::io::Cursor;

use calamine::{DataRef, Reader, SheetType, Xlsx};

use crate::cell::RawCell;
use crate::error::UploadError;
use crate::layout::{too_many_rows, MAX_CELL_RECORDS, MAX_ROWS};
use crate::table::{Row, MAX_COLUMNS};
use crate::xlsx_archive::{check_archive, not_a_workbook};

/// The non-empty cells of the first columns of the first worksheet, by row; formulas are flagged.
pub(crate) fn read_rows(bytes: &[u8]) -> Result<Vec<Row>, UploadError> {
    check_archive(bytes)?;
    // calamine parses untrusted bytes: a panic in it must become an error, not take the server down.
    std::panic::catch_unwind(|| read_sheet(bytes)).unwrap_or_else(|_| Err(not_a_workbook()))
}

/// Streams the first worksheet, keeping its first columns and stopping at the row and cell caps.
fn read_sheet(bytes: &[u8]) -> Result<Vec<Row>, UploadError> {
    let mut workbook = Xlsx::new(Cursor::new(bytes)).map_err(|_| not_a_workbook())?;
    let name = workbook
        .sheets_metadata()
        .iter()
        .find(|sheet| sheet.typ == SheetType::WorkSheet)
        .map(|sheet| sheet.name.clone())
        .ok_or_else(|| {
            UploadError::Unreadable("le classeur ne contient aucune feuille de calcul".to_owned())
        })?;
    let mut cells = workbook
        .worksheet_cells_reader(&name)
        .map_err(|_| not_a_workbook())?;

    let mut rows: BTreeMap<u32, Row> = BTreeMap::new();
    let mut records = 0usize;
    while let Some(cell) = cells
        .next_cell_with_formula_metadata()
        .map_err(|_| not_a_workbook())?
    {
        records += 1;
        if records > MAX_CELL_RECORDS {
            return Err(UploadError::Unreadable(format!(
                "la feuille contient trop de cellules ({MAX_CELL_RECORDS} au plus)"
            )));
        }
        let value = raw_cell(cell.value);
        let is_formula = cell.formula.is_some();
        if value.is_empty() && !is_formula {
            continue;
        }
        let (row, column) = cell.pos;
        let number = row.saturating_add(1);
        if number > MAX_ROWS {
            return Err(UploadError::Unreadable(too_many_rows()));
        }
        if column < MAX_COLUMNS {
            rows.entry(number)
                .or_insert_with(|| Row::new(number))
                .set(column, value, is_formula);
        }
    }
    Ok(rows.into_values().collect())
}

/// A calamine cell as a format-independent cell.
fn raw_cell(value: DataRef<'_>) -> RawCell {
    match value {
        DataRef::Empty => RawCell::Empty,
        DataRef::Int(n) => RawCell::Int(n),
        DataRef::Float(x) => RawCell::Float(x),
        DataRef::String(text) => RawCell::text(text),
        DataRef::SharedString(text) => RawCell::text(text),
        DataRef::Bool(b) => RawCell::Bool(b),
        DataRef::DateTime(_) | DataRef::DateTimeIso(_) | DataRef::DurationIso(_) => {
            RawCell::DateTime
        }
        DataRef::Error(error) => RawCell::Error(error.to_string()),
    }
}
