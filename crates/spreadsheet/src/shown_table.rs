//! A table exactly as a page shows it, downloaded: an XLSX workbook (French headings, numbers kept as numbers in
//! French-looking formats, the title and the filters above, headings frozen and filterable) or a CSV file (the
//! texts as shown, `;`-separated with a byte-order mark, as French spreadsheet programs open it).

use crate::error::SheetError;
use rust_xlsxwriter::{Color, Format, FormatBorder, Workbook};

/// How a number is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberKind {
    /// `85,3 %` (the value already multiplied by 100).
    Percent,
    /// `4 850 €`.
    Euros,
    /// `1 942`.
    Count,
    /// `12,5`.
    Decimal,
    /// Hours, kept as a decimal number of hours (`14,5` reads `14,5 h` in the spreadsheet; the CSV and the page
    /// say `14 h 30`).
    Hours,
}

/// One cell: what the page shows, and the number behind it when there is one (the XLSX keeps it as a number).
#[derive(Debug, Clone, PartialEq)]
pub struct ShownCell {
    pub text: String,
    pub number: Option<(f64, NumberKind)>,
}

impl ShownCell {
    pub fn text(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            number: None,
        }
    }

    pub fn number(text: impl Into<String>, value: Option<f64>, kind: NumberKind) -> Self {
        Self {
            text: text.into(),
            number: value.filter(|v| v.is_finite()).map(|v| (v, kind)),
        }
    }
}

/// A table as shown: its title, the lines that say what was asked (filters, sort), the headings and the rows.
#[derive(Debug, Clone, PartialEq)]
pub struct ShownTable {
    pub sheet_name: String,
    pub title: String,
    pub notes: Vec<String>,
    pub headings: Vec<String>,
    pub rows: Vec<Vec<ShownCell>>,
}

fn number_format(kind: NumberKind) -> Format {
    match kind {
        NumberKind::Percent => Format::new().set_num_format(r#"0.0" %""#),
        NumberKind::Euros => Format::new().set_num_format(r#"#,##0" €""#),
        NumberKind::Count => Format::new().set_num_format("#,##0"),
        NumberKind::Decimal => Format::new().set_num_format("#,##0.0#"),
        NumberKind::Hours => Format::new().set_num_format(r#"#,##0.0#" h""#),
    }
}

/// The workbook of `table`.
pub fn write_shown_xlsx(table: &ShownTable) -> Result<Vec<u8>, SheetError> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(&table.sheet_name)?;
    let title = Format::new().set_bold().set_font_size(14);
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_background_color(Color::RGB(0xD9_E1F2))
        .set_border_bottom(FormatBorder::Thin);
    let wrap = Format::new().set_text_wrap();
    sheet.write_string_with_format(0, 0, &table.title, &title)?;
    let mut row = 1u32;
    for note in &table.notes {
        sheet.write_string(row, 0, note)?;
        row += 1;
    }
    row += 1;
    let heading_row = row;
    for (col, heading) in (0u16..).zip(&table.headings) {
        sheet.write_string_with_format(row, col, heading, &header)?;
        sheet.set_column_width(col, if col == 0 { 34 } else { 18 })?;
    }
    for cells in &table.rows {
        row += 1;
        for (col, cell) in (0u16..).zip(cells) {
            match cell.number {
                Some((value, kind)) => {
                    sheet.write_number_with_format(row, col, value, &number_format(kind))?
                }
                None => sheet.write_string_with_format(row, col, &cell.text, &wrap)?,
            };
        }
    }
    let last_col = u16::try_from(table.headings.len().saturating_sub(1))
        .map_err(|_| SheetError::new("trop de colonnes"))?;
    if !table.headings.is_empty() {
        sheet.set_column_width(last_col, 60)?;
        sheet.autofilter(heading_row, 0, row, last_col)?;
    }
    sheet.set_freeze_panes(heading_row + 1, 0)?;
    Ok(workbook.save_to_buffer()?)
}

/// The CSV of `table`: a byte-order mark, then the headings and the rows as shown, `;`-separated (the title and
/// the notes are in the file name and the page; a CSV holds one table).
pub fn write_shown_csv(table: &ShownTable) -> Result<Vec<u8>, SheetError> {
    let mut out = Vec::from("\u{feff}".as_bytes());
    {
        let mut writer = csv::WriterBuilder::new()
            .delimiter(b';')
            .from_writer(&mut out);
        let fail = |e: csv::Error| SheetError::new(e.to_string());
        writer.write_record(&table.headings).map_err(fail)?;
        for cells in &table.rows {
            writer
                .write_record(cells.iter().map(|c| c.text.as_str()))
                .map_err(fail)?;
        }
        writer.flush().map_err(|e| SheetError::new(e.to_string()))?;
    }
    Ok(out)
}
