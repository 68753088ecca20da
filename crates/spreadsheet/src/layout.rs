//! The shape of the grid table, shared by the template writer and the upload reader.

/// Name of the sheet of the template.
pub(crate) const SHEET_NAME: &str = "Grille";

/// Header of the column of field names (hidden, at the far right of the template; column A in older ones).
pub(crate) const HEADER_FIELD: &str = "Champ";
/// Header of column B: the values.
pub(crate) const HEADER_VALUE: &str = "Valeur";
/// Header of column A: the French labels.
pub(crate) const HEADER_LABEL: &str = "Libellé";
/// Header of column C: the section labels.
pub(crate) const HEADER_SECTION: &str = "Rubrique";
/// Header of column D: the help texts.
pub(crate) const HEADER_HELP: &str = "Aide";

/// The heading written above the money cells, in the value column.
pub(crate) const EUROS_HEADING: &str = "En euros";
/// How the label of a totals row starts: « Total — Répartition par sexe ».
pub(crate) const TOTAL_PREFIX: &str = "Total — ";

/// 0-based row of the header in the template (row 4 in the sheet).
pub(crate) const HEADER_ROW: u32 = 3;

/// An upload larger than this (5 Mio) is refused before being parsed.
pub const MAX_UPLOAD_BYTES: usize = 5 * 1024 * 1024;
/// A table with a non-empty cell below this row (1-based) is refused.
pub(crate) const MAX_ROWS: u32 = 500;
/// A workbook whose files add up to more than this once unpacked is refused (zip bombs). The template is about
/// 20 Kio unpacked; a grid saved again by Excel or LibreOffice, with their styles and themes, well under 1 Mio.
pub(crate) const MAX_UNPACKED_BYTES: u64 = 16 * 1024 * 1024;
/// A file of the archive (a worksheet, the shared strings…) larger than this once unpacked is refused.
pub(crate) const MAX_ENTRY_BYTES: u64 = 4 * 1024 * 1024;
/// An archive of more files than this is refused (a workbook has about a dozen).
pub(crate) const MAX_ARCHIVE_ENTRIES: usize = 200;
/// A shared-string table declaring or holding more strings than this is refused (the grid has a few hundred).
pub(crate) const MAX_SHARED_STRINGS: usize = 10_000;
/// A worksheet with more cell records than this is refused, empty or not (zip bombs).
pub(crate) const MAX_CELL_RECORDS: usize = 100_000;

/// The French words for "too many rows", shared by both readers.
pub(crate) fn too_many_rows() -> String {
    format!("le tableau dépasse {MAX_ROWS} lignes : utilisez le modèle de la grille")
}

/// The spreadsheet name of a 0-based column: 0 → "A", 25 → "Z", 26 → "AA".
pub(crate) fn column_name(column: u32) -> String {
    let mut n = u64::from(column) + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        // `rem` < 26, so the conversion cannot fail.
        letters.push(char::from(b'A' + u8::try_from(rem).unwrap_or(0)));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// The spreadsheet name of a cell from its 0-based column and 1-based row: (1, 14) → "B14".
pub(crate) fn cell_name(column: u32, row: u32) -> String {
    format!("{}{row}", column_name(column))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_named_like_spreadsheets_do() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(1), "B");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(27), "AB");
        assert_eq!(column_name(701), "ZZ");
        assert_eq!(column_name(702), "AAA");
        assert_eq!(cell_name(1, 14), "B14");
    }
}
