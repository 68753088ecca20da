//! Writes the indicator grid as an XLSX template: French labels first, one field per row, values pre-filled,
//! totals under the breakdowns, the field names in a hidden column, only the value cells editable.

use pilotage_domain::french::of_place;
use pilotage_domain::grid::{FieldKind, FieldValue, IndicatorGrid, GRID_FIELDS};
use pilotage_domain::validation::{SumGroup, SUM_GROUPS};
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationRule, Format, FormatAlign, FormatBorder, Workbook,
    Worksheet,
};

use crate::error::SheetError;
use crate::layout::{
    column_name, EUROS_HEADING, HEADER_FIELD, HEADER_HELP, HEADER_LABEL, HEADER_ROW,
    HEADER_SECTION, HEADER_VALUE, SHEET_NAME, TOTAL_PREFIX,
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
    /// The campus name (« Campus connecté de Nevers »), shown in the title; a bare commune name is prefixed.
    pub campus_name: &'a str,
    /// The academic year, e.g. "2025-2026".
    pub academic_year: &'a str,
    /// Where the pre-filled values come from.
    pub prefill: Prefill,
}

/// The instruction shown in row 3.
const INSTRUCTION: &str =
    "Saisissez les valeurs dans la colonne B uniquement (les autres cellules sont protégées) ; \
montants en euros (2 décimales au plus), thèmes d'ateliers séparés par des points-virgules.";

/// Number format of money cells (euros).
const MONEY_FORMAT: &str = r#"#,##0.00 "€""#;
/// Background of the cells to fill in (pale yellow).
const INPUT_COLOR: u32 = 0xFF_F2CC;
/// The columns of the template, left to right: the French label first, the field names hidden at the far right.
const LABEL_COLUMN: u16 = 0;
const VALUE_COLUMN: u16 = 1;
const SECTION_COLUMN: u16 = 2;
const HELP_COLUMN: u16 = 3;
const FIELD_COLUMN: u16 = 4;
/// Column widths, A to E, in characters.
const COLUMN_WIDTHS: [f64; 5] = [46.0, 18.0, 16.0, 70.0, 30.0];

/// The cell formats of the template.
struct Formats {
    title: Format,
    note: Format,
    header: Format,
    text: Format,
    heading: Format,
    total: Format,
    count: Format,
    money: Format,
    decimal: Format,
    input_text: Format,
}

impl Formats {
    /// Bold title and header; value cells unlocked, pale yellow, with the number format of their kind; every
    /// other cell locked (the default), so that only the values can be changed once the sheet is protected.
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
            heading: Format::new()
                .set_bold()
                .set_border_bottom(FormatBorder::Thin),
            total: Format::new().set_bold().set_italic().set_num_format("0"),
            count: input.clone().set_num_format("0"),
            money: input.clone().set_num_format(MONEY_FORMAT),
            decimal: input.clone().set_num_format("General"),
            input_text: input.set_num_format("@"),
        }
    }
}

/// The title of the template: « Campus connecté de Nevers — rapport annuel 2025-2026 ». A name that does not
/// already start with « Campus connecté » is taken as the commune's (« Campus connecté des Andelys »).
pub(crate) fn title(campus_name: &str, academic_year: &str) -> String {
    let name = campus_name.trim();
    let name = if name.to_lowercase().starts_with("campus connecté") {
        name.to_owned()
    } else {
        format!("Campus connecté {}", of_place(name))
    };
    format!("{name} — rapport annuel {academic_year}")
}

/// The help of a field as people read it in the template: the API's « en centimes d'euro » dropped, since the
/// money cells are in euros (the column says so).
fn help_text(help: &'static str) -> &'static str {
    let help = help.trim_end_matches(", en centimes d'euro");
    if help == "En centimes d'euro" {
        ""
    } else {
        help
    }
}

/// The grid as an XLSX workbook: French labels first, one field per row, values pre-filled from `grid`, the field
/// names in a hidden column at the far right, a total under each breakdown that must add up to the students
/// accueillis, and the sheet protected (without a password) so that only the value cells can be changed; each
/// value cell refuses what its field cannot hold (text in a count, a negative amount…) with a French message.
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
    let next_row = |row: &mut u32| -> Result<u32, SheetError> {
        *row = row
            .checked_add(1)
            .ok_or_else(|| SheetError::new("trop de champs pour une feuille"))?;
        Ok(*row)
    };
    // 1-based rows of the fields written so far, for the totals' formulas.
    let mut rows_of: Vec<(&'static str, u32)> = Vec::new();
    let mut previous_kind = None;
    for spec in GRID_FIELDS {
        if spec.kind == FieldKind::Money && previous_kind != Some(FieldKind::Money) {
            let r = next_row(&mut row)?;
            sheet.write_string_with_format(
                r,
                LABEL_COLUMN,
                spec.section.label(),
                &formats.heading,
            )?;
            sheet.write_string_with_format(r, VALUE_COLUMN, EUROS_HEADING, &formats.heading)?;
        }
        previous_kind = Some(spec.kind);
        let r = next_row(&mut row)?;
        sheet.write_string_with_format(r, LABEL_COLUMN, spec.label, &formats.text)?;
        write_value(sheet, r, grid.get(spec.name), spec.kind, &formats)?;
        validate_value(sheet, r, spec.kind, spec.label)?;
        sheet.write_string_with_format(r, SECTION_COLUMN, spec.section.label(), &formats.text)?;
        sheet.write_string_with_format(r, HELP_COLUMN, help_text(spec.help), &formats.text)?;
        sheet.write_string_with_format(r, FIELD_COLUMN, spec.name, &formats.text)?;
        rows_of.push((spec.name, r + 1));
        for group in SUM_GROUPS
            .iter()
            .filter(|g| g.fields.last() == Some(&spec.name))
        {
            let r = next_row(&mut row)?;
            write_total(sheet, r, group, &rows_of, grid, &formats)?;
        }
    }

    for (column, width) in (0u16..).zip(COLUMN_WIDTHS) {
        sheet.set_column_width(column, width)?;
    }
    sheet.set_column_hidden(FIELD_COLUMN)?;
    sheet.set_freeze_panes(HEADER_ROW + 1, 0)?;
    // No password: the protection guides people to the value cells, it is no security (the upload checks all).
    sheet.protect();
    Ok(workbook.save_to_buffer()?)
}

/// A totals row: « Total — Répartition par sexe » and the sum of the group's value cells, as a formula (its cached
/// result is the sum of the values pre-filled); the upload reader ignores it.
fn write_total(
    sheet: &mut Worksheet,
    row: u32,
    group: &SumGroup,
    rows_of: &[(&'static str, u32)],
    grid: &IndicatorGrid,
    formats: &Formats,
) -> Result<(), SheetError> {
    let value_letter = column_name(u32::from(VALUE_COLUMN));
    let cells: Vec<String> = group
        .fields
        .iter()
        .filter_map(|name| rows_of.iter().find(|(n, _)| n == name))
        .map(|(_, r)| format!("{value_letter}{r}"))
        .collect();
    let enrolled_row = rows_of
        .iter()
        .find(|(n, _)| *n == "students_enrolled")
        .map(|(_, r)| format!("{value_letter}{r}"));
    let sum: i64 = group.fields.iter().filter_map(|f| grid.integer(f)).sum();
    let label = format!("{TOTAL_PREFIX}{}", group.label);
    sheet.write_string_with_format(row, LABEL_COLUMN, label, &formats.total)?;
    sheet.write_formula_with_format(
        row,
        VALUE_COLUMN,
        format!("=SUM({})", cells.join(",")).as_str(),
        &formats.total,
    )?;
    sheet.set_formula_result(row, VALUE_COLUMN, sum.to_string());
    let help = match enrolled_row {
        Some(cell) => format!("Calculé : doit être égal aux étudiants accueillis ({cell})"),
        None => "Calculé : doit être égal aux étudiants accueillis".to_owned(),
    };
    sheet.write_string_with_format(row, HELP_COLUMN, help, &formats.text)?;
    Ok(())
}

/// The data validation of a value cell: whole numbers ≥ 0 for counts, decimals ≥ 0 for money and decimals, each
/// with a French input message and error message; nothing for texts.
fn validate_value(
    sheet: &mut Worksheet,
    row: u32,
    kind: FieldKind,
    label: &str,
) -> Result<(), SheetError> {
    let (validation, title, expected) = match kind {
        FieldKind::Count => (
            DataValidation::new().allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(0)),
            "Nombre entier",
            "un nombre entier positif ou nul, sans décimale",
        ),
        FieldKind::Money => (
            DataValidation::new()
                .allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0)),
            "Montant en euros",
            "un montant en euros positif ou nul, 2 décimales au plus",
        ),
        FieldKind::Decimal => (
            DataValidation::new()
                .allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0)),
            "Nombre décimal",
            "un nombre positif ou nul (décimales après une virgule)",
        ),
        FieldKind::Texts => return Ok(()),
    };
    let validation = validation
        .set_input_title(title)?
        .set_input_message(format!("Saisissez {expected}."))?
        .set_error_title("Valeur refusée")?
        .set_error_message(format!("{label} : saisissez {expected}."))?;
    sheet.add_data_validation(row, VALUE_COLUMN, row, VALUE_COLUMN, &validation)?;
    Ok(())
}

/// Rows 1 to 4: title, prefill note, instruction, header.
fn write_heading(
    sheet: &mut Worksheet,
    info: &TemplateInfo<'_>,
    formats: &Formats,
) -> Result<(), SheetError> {
    sheet.write_string_with_format(
        0,
        0,
        title(info.campus_name, info.academic_year),
        &formats.title,
    )?;
    let note = format!(
        "{} (identifiant du campus : {})",
        info.prefill.note(),
        info.campus_id
    );
    sheet.write_string_with_format(1, 0, note, &formats.note)?;
    sheet.write_string(2, 0, INSTRUCTION)?;
    let headers = [
        (LABEL_COLUMN, HEADER_LABEL),
        (VALUE_COLUMN, HEADER_VALUE),
        (SECTION_COLUMN, HEADER_SECTION),
        (HELP_COLUMN, HEADER_HELP),
        (FIELD_COLUMN, HEADER_FIELD),
    ];
    for (column, header) in headers {
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
            sheet.write_number_with_format(row, VALUE_COLUMN, n as f64, &formats.count)?;
        }
        Some(FieldValue::Money(cents)) => {
            sheet.write_number_with_format(
                row,
                VALUE_COLUMN,
                cents as f64 / 100.0,
                &formats.money,
            )?;
        }
        Some(FieldValue::Decimal(x)) => {
            if !x.is_finite() {
                return Err(SheetError::new(format!(
                    "valeur non finie pour la ligne {}",
                    row + 1
                )));
            }
            sheet.write_number_with_format(row, VALUE_COLUMN, x, &formats.decimal)?;
        }
        Some(FieldValue::Texts(texts)) if !texts.is_empty() => {
            sheet.write_string_with_format(
                row,
                VALUE_COLUMN,
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
            sheet.write_blank(row, VALUE_COLUMN, format)?;
        }
    }
    Ok(())
}
