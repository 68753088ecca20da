//! Writes the indicator grid as an XLSX template: French labels, one field per row, values pre-filled.

use pilotage_domain::grid::{FieldKind, FieldValue, IndicatorGrid, GRID_FIELDS};
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook, Worksheet};

use crate::error::SheetError;
use crate::layout::{
    HEADER_FIELD, HEADER_HELP, HEADER_LABEL, HEADER_ROW, HEADER_SECTION, HEADER_VALUE, SHEET_NAME,
};

/// Where the values pre-filled in a template come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prefill {
    /// The draft being edited for this year.
    Draft,
    /// Last year's report, to be checked and updated.
    PreviousYear,
    /// Nothing: every value is to be filled in.
    Empty,
}

impl Prefill {
    /// The French note shown under the title.
    pub fn note(self) -> &'static str {
        match self {
            Self::Draft => "Pré-rempli avec le brouillon en cours",
            Self::PreviousYear => {
                "Pré-rempli avec les valeurs de l'année précédente : vérifiez et mettez à jour chaque valeur"
            }
            Self::Empty => "À compléter",
        }
    }
}

/// Who and what the template is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TemplateInfo<'a> {
    /// The campus identifier, shown in the note row.
    pub campus_id: &'a str,
    /// The campus name, shown in the title.
    pub campus_name: &'a str,
    /// The academic year, e.g. "2025-2026".
    pub academic_year: &'a str,
    /// Where the pre-filled values come from.
    pub prefill: Prefill,
}

/// The instruction shown in row 3.
const INSTRUCTION: &str = "Saisissez les valeurs dans la colonne B uniquement ; montants en euros (2 décimales au plus), thèmes d'ateliers séparés par des points-virgules.";

/// Number format of money cells (euros).
const MONEY_FORMAT: &str = r#"#,##0.00 "€""#;
/// Background of the cells to fill in (pale yellow).
const INPUT_COLOR: u32 = 0xFF_F2CC;
/// Column widths, A to E, in characters.
const COLUMN_WIDTHS: [f64; 5] = [34.0, 18.0, 46.0, 16.0, 70.0];

/// The cell formats of the template.
struct Formats {
    title: Format,
    note: Format,
    header: Format,
    text: Format,
    count: Format,
    money: Format,
    decimal: Format,
    input_text: Format,
}

impl Formats {
    /// Bold title and header; value cells unlocked, pale yellow, with the number format of their kind.
    fn new() -> Self {
        let input = Format::new()
            .set_unlocked()
            .set_background_color(Color::RGB(INPUT_COLOR))
            .set_border(FormatBorder::Thin)
            .set_border_color(Color::RGB(0xBF_BFBF));
        Self {
            title: Format::new().set_bold().set_font_size(14),
            note: Format::new().set_italic(),
            header: Format::new()
                .set_bold()
                .set_background_color(Color::RGB(0xD9_E1F2))
                .set_border_bottom(FormatBorder::Thin),
            text: Format::new().set_align(FormatAlign::Top),
            count: input.clone().set_num_format("0"),
            money: input.clone().set_num_format(MONEY_FORMAT),
            decimal: input.clone().set_num_format("General"),
            input_text: input.set_num_format("@"),
        }
    }
}

/// The grid as an XLSX workbook: French labels, one field per row, values pre-filled from `grid`.
pub fn write_template(
    info: &TemplateInfo<'_>,
    grid: &IndicatorGrid,
) -> Result<Vec<u8>, SheetError> {
    let formats = Formats::new();
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(SHEET_NAME)?;

    write_heading(sheet, info, &formats)?;
    let mut row = HEADER_ROW;
    for spec in GRID_FIELDS {
        row = row
            .checked_add(1)
            .ok_or_else(|| SheetError::new("trop de champs pour une feuille"))?;
        sheet.write_string_with_format(row, 0, spec.name, &formats.text)?;
        write_value(sheet, row, grid.get(spec.name), spec.kind, &formats)?;
        sheet.write_string_with_format(row, 2, spec.label, &formats.text)?;
        sheet.write_string_with_format(row, 3, spec.section.label(), &formats.text)?;
        sheet.write_string_with_format(row, 4, spec.help, &formats.text)?;
    }

    for (column, width) in (0u16..).zip(COLUMN_WIDTHS) {
        sheet.set_column_width(column, width)?;
    }
    sheet.set_freeze_panes(HEADER_ROW + 1, 0)?;
    Ok(workbook.save_to_buffer()?)
}

/// Rows 1 to 4: title, prefill note, instruction, header.
fn write_heading(
    sheet: &mut Worksheet,
    info: &TemplateInfo<'_>,
    formats: &Formats,
) -> Result<(), SheetError> {
    let title = format!(
        "Campus connecté de {} — rapport annuel {}",
        info.campus_name, info.academic_year
    );
    sheet.write_string_with_format(0, 0, title, &formats.title)?;
    let note = format!(
        "{} (identifiant du campus : {})",
        info.prefill.note(),
        info.campus_id
    );
    sheet.write_string_with_format(1, 0, note, &formats.note)?;
    sheet.write_string(2, 0, INSTRUCTION)?;
    let headers = [
        HEADER_FIELD,
        HEADER_VALUE,
        HEADER_LABEL,
        HEADER_SECTION,
        HEADER_HELP,
    ];
    for (column, header) in (0u16..).zip(headers) {
        sheet.write_string_with_format(HEADER_ROW, column, header, &formats.header)?;
    }
    Ok(())
}

/// Column B of one field row: the value in the unit people use (money in euros), or an empty input cell.
fn write_value(
    sheet: &mut Worksheet,
    row: u32,
    value: Option<FieldValue>,
    kind: FieldKind,
    formats: &Formats,
) -> Result<(), SheetError> {
    match value {
        // Counts above 2^53 cannot be exact in a spreadsheet number; no real count comes near.
        Some(FieldValue::Count(n)) => {
            sheet.write_number_with_format(row, 1, n as f64, &formats.count)?;
        }
        Some(FieldValue::Money(cents)) => {
            sheet.write_number_with_format(row, 1, cents as f64 / 100.0, &formats.money)?;
        }
        Some(FieldValue::Decimal(x)) => {
            if !x.is_finite() {
                return Err(SheetError::new(format!(
                    "valeur non finie pour la ligne {}",
                    row + 1
                )));
            }
            sheet.write_number_with_format(row, 1, x, &formats.decimal)?;
        }
        Some(FieldValue::Texts(texts)) if !texts.is_empty() => {
            sheet.write_string_with_format(row, 1, texts.join("; "), &formats.input_text)?;
        }
        Some(FieldValue::Texts(_)) | None => {
            let format = match kind {
                FieldKind::Count => &formats.count,
                FieldKind::Money => &formats.money,
                FieldKind::Decimal => &formats.decimal,
                FieldKind::Texts => &formats.input_text,
            };
            sheet.write_blank(row, 1, format)?;
        }
    }
    Ok(())
}
