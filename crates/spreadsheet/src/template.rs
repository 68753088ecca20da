//! Writes the indicator grid as an XLSX template: the French label first, one field per row, values pre-filled,
//! the field names in a hidden column (the reader finds it by its heading); the sheet is protected so that only the
//! value cells can be typed in, each checked as it is typed (whole numbers, amounts in euros); the totals of the
//! breakdowns are computed below, to compare with the students accueillis.

use pilotage_domain::grid::{FieldKind, FieldValue, IndicatorGrid, GRID_FIELDS};
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook, Worksheet};

use crate::error::SheetError;
use crate::layout::{
    cell_name, FIELD_COL, HEADER_FIELD, HEADER_HELP, HEADER_LABEL, HEADER_ROW, HEADER_SECTION,
    HEADER_VALUE, HELP_COL, LABEL_COL, SECTION_COL, SHEET_NAME, TOTAL_PREFIX, VALUE_COL,
};
use pilotage_domain::validation::SUM_GROUPS;
use rust_xlsxwriter::{DataValidation, DataValidationRule, Formula};

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
const INSTRUCTION: &str = "Saisissez les valeurs dans la colonne « Valeur » (les autres cellules sont protégées) ; montants en euros (2 décimales au plus), thèmes d'ateliers séparés par des points-virgules.";

/// The help written beside a money cell: the API counts cents, people type euros.
const MONEY_HELP: &str = "En euros, 2 décimales au plus (par exemple 1234,56)";

/// Number format of money cells (euros).
const MONEY_FORMAT: &str = r#"#,##0.00 "€""#;
/// Background of the cells to fill in (pale yellow).
const INPUT_COLOR: u32 = 0xFF_F2CC;
/// Column widths, A to E, in characters (E, the field names, is hidden).
const COLUMN_WIDTHS: [f64; 5] = [46.0, 18.0, 16.0, 70.0, 24.0];

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
    total: Format,
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
            total: Format::new().set_bold().set_num_format("0"),
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
    let mut rows_of = std::collections::HashMap::new();
    for spec in GRID_FIELDS {
        row = row
            .checked_add(1)
            .ok_or_else(|| SheetError::new("trop de champs pour une feuille"))?;
        rows_of.insert(spec.name, row);
        sheet.write_string_with_format(row, LABEL_COL, spec.label, &formats.text)?;
        write_value(sheet, row, grid.get(spec.name), spec.kind, &formats)?;
        sheet.write_string_with_format(row, SECTION_COL, spec.section.label(), &formats.text)?;
        let help = if spec.kind == FieldKind::Money {
            MONEY_HELP
        } else {
            spec.help
        };
        sheet.write_string_with_format(row, HELP_COL, help, &formats.text)?;
        sheet.write_string_with_format(row, FIELD_COL, spec.name, &formats.text)?;
        validate(sheet, row, spec.kind)?;
    }
    write_totals(sheet, row + 1, &rows_of, &formats)?;

    for (column, width) in (0u16..).zip(COLUMN_WIDTHS) {
        sheet.set_column_width(column, width)?;
    }
    sheet.set_column_hidden(FIELD_COL)?;
    sheet.set_freeze_panes(HEADER_ROW + 1, 0)?;
    // Only the value cells (unlocked) can be typed in; no password: the protection guards against slips.
    sheet.protect();
    Ok(workbook.save_to_buffer()?)
}

/// The rule a value cell is checked against as it is typed, with its French messages.
fn validate(sheet: &mut Worksheet, row: u32, kind: FieldKind) -> Result<(), SheetError> {
    let rule = match kind {
        FieldKind::Count => DataValidation::new()
            .allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(0))
            .set_input_message("Un nombre entier positif ou nul.")?
            .set_error_message("Saisissez un nombre entier positif ou nul (sans décimale).")?,
        FieldKind::Money => DataValidation::new()
            .allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0))
            .set_input_message("Un montant en euros, 2 décimales au plus.")?
            .set_error_message(
                "Saisissez un montant en euros positif ou nul (par exemple 1234,56).",
            )?,
        FieldKind::Decimal => DataValidation::new()
            .allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0))
            .set_input_message("Un nombre positif ou nul, décimales permises.")?
            .set_error_message("Saisissez un nombre positif ou nul (par exemple 1,5).")?,
        FieldKind::Texts => return Ok(()),
    };
    let rule = rule
        .set_error_title("Valeur refusée")?
        .set_input_title("À saisir")?;
    sheet.add_data_validation(row, VALUE_COL, row, VALUE_COL, &rule)?;
    Ok(())
}

/// Below the fields, one row per breakdown that must add up to the students accueillis: its total as a formula,
/// to compare. Their field-name cell is `total:…`, which the reader skips.
fn write_totals(
    sheet: &mut Worksheet,
    first: u32,
    rows_of: &std::collections::HashMap<&str, u32>,
    formats: &Formats,
) -> Result<(), SheetError> {
    let enrolled = rows_of
        .get("students_enrolled")
        .map(|r| cell_name(u32::from(VALUE_COL), r + 1));
    for (row, group) in (first + 1..).zip(SUM_GROUPS.iter()) {
        let cells: Vec<String> = group
            .fields
            .iter()
            .filter_map(|f| rows_of.get(f))
            .map(|r| cell_name(u32::from(VALUE_COL), r + 1))
            .collect();
        let label = format!("Total — {}", group.label);
        sheet.write_string_with_format(row, LABEL_COL, label, &formats.header)?;
        let formula = Formula::new(format!("=SUM({})", cells.join(",")));
        sheet.write_formula_with_format(row, VALUE_COL, formula, &formats.total)?;
        let help = match &enrolled {
            Some(cell) => format!("Calculé : doit égaler les étudiants accueillis ({cell})"),
            None => "Calculé".to_owned(),
        };
        sheet.write_string_with_format(row, HELP_COL, help, &formats.text)?;
        sheet.write_string_with_format(
            row,
            FIELD_COL,
            format!("{TOTAL_PREFIX}{}", group.code),
            &formats.text,
        )?;
    }
    Ok(())
}

/// Rows 1 to 4: title, prefill note, instruction, header.
fn write_heading(
    sheet: &mut Worksheet,
    info: &TemplateInfo<'_>,
    formats: &Formats,
) -> Result<(), SheetError> {
    // The name already says « Campus connecté de … ».
    let title = format!(
        "{} — rapport annuel {}",
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
        HEADER_LABEL,
        HEADER_VALUE,
        HEADER_SECTION,
        HEADER_HELP,
        HEADER_FIELD,
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
            sheet.write_number_with_format(row, VALUE_COL, n as f64, &formats.count)?;
        }
        Some(FieldValue::Money(cents)) => {
            sheet.write_number_with_format(row, VALUE_COL, cents as f64 / 100.0, &formats.money)?;
        }
        Some(FieldValue::Decimal(x)) => {
            if !x.is_finite() {
                return Err(SheetError::new(format!(
                    "valeur non finie pour la ligne {}",
                    row + 1
                )));
            }
            sheet.write_number_with_format(row, VALUE_COL, x, &formats.decimal)?;
        }
        Some(FieldValue::Texts(texts)) if !texts.is_empty() => {
            sheet.write_string_with_format(
                row,
                VALUE_COL,
                texts.join("; "),
                &formats.input_text,
            )?;
        }
        Some(FieldValue::Texts(_)) | None => {
            let format = match kind {
                FieldKind::Count => &formats.count,
                FieldKind::Money => &formats.money,
                FieldKind::Decimal => &formats.decimal,
                FieldKind::Texts => &formats.input_text,
            };
            sheet.write_blank(row, VALUE_COL, format)?;
        }
    }
    Ok(())
}
