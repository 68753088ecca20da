//! The renewal record as an XLSX workbook, one sheet per part, French labels: the criteria grid, its figures per
//! year, the establishment's part, and the forecast budget beside the actual budgets.

use crate::error::SheetError;
use pilotage_domain::renewal::budget::{budget_lines, line_label};
use pilotage_domain::renewal::{BudgetCheck, BudgetKind, Figure, FigureUnit, RenewalRecord};
use rust_xlsxwriter::{Color, Format, FormatBorder, Workbook, Worksheet};

/// Sheet names, in order.
pub const RENEWAL_SHEETS: [&str; 4] = [
    "Critères",
    "Chiffres",
    "Établissement",
    "Budget prévisionnel",
];

/// The words written in a cell whose year is missing (never 0).
pub const MISSING: &str = "manquant";

struct Formats {
    title: Format,
    header: Format,
    wrap: Format,
    count: Format,
    decimal: Format,
    percent: Format,
    money: Format,
    missing: Format,
}

impl Formats {
    fn new() -> Self {
        Self {
            title: Format::new().set_bold().set_font_size(14),
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_background_color(Color::RGB(0xD9_E1F2))
                .set_border_bottom(FormatBorder::Thin),
            wrap: Format::new().set_text_wrap(),
            count: Format::new().set_num_format("#,##0"),
            decimal: Format::new().set_num_format("#,##0.0"),
            percent: Format::new().set_num_format(r#"0.0 "%""#),
            money: Format::new().set_num_format(r#"#,##0.00 "€""#),
            missing: Format::new()
                .set_italic()
                .set_font_color(Color::RGB(0x80_8080)),
        }
    }

    fn of(&self, unit: FigureUnit) -> &Format {
        match unit {
            FigureUnit::Count | FigureUnit::Texts => &self.count,
            FigureUnit::Percent => &self.percent,
            FigureUnit::Euros => &self.money,
        }
    }
}

fn header(sheet: &mut Worksheet, row: u32, titles: &[&str], f: &Formats) -> Result<(), SheetError> {
    for (col, title) in (0u16..).zip(titles) {
        sheet.write_string_with_format(row, col, *title, &f.header)?;
    }
    Ok(())
}

fn number(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    value: Option<f64>,
    format: &Format,
    f: &Formats,
) -> Result<(), SheetError> {
    match value.filter(|v| v.is_finite()) {
        Some(v) => sheet.write_number_with_format(row, col, v, format)?,
        None => sheet.write_string_with_format(row, col, "—", &f.missing)?,
    };
    Ok(())
}

/// A row of the budget sheet: its label and the value of a year.
type TotalRow<'a> = (&'a str, &'a dyn Fn(&BudgetCheck) -> Option<f64>, &'a Format);
type CheckRow<'a> = (&'a str, &'a dyn Fn(&BudgetCheck) -> String);

fn yes_no(value: Option<bool>) -> &'static str {
    match value {
        Some(true) => "oui",
        Some(false) => "non",
        None => "—",
    }
}

/// The record as a workbook.
pub fn write_renewal(record: &RenewalRecord) -> Result<Vec<u8>, SheetError> {
    let f = Formats::new();
    let mut workbook = Workbook::new();
    criteria_sheet(workbook.add_worksheet(), record, &f)?;
    figures_sheet(workbook.add_worksheet(), record, &f)?;
    establishment_sheet(workbook.add_worksheet(), record, &f)?;
    budget_sheet(workbook.add_worksheet(), record, &f)?;
    Ok(workbook.save_to_buffer()?)
}

fn criteria_sheet(sheet: &mut Worksheet, r: &RenewalRecord, f: &Formats) -> Result<(), SheetError> {
    sheet.set_name(RENEWAL_SHEETS[0])?;
    let title = format!(
        "{} — dossier de poursuite, bilan {} à {}",
        r.campus.name, r.from, r.to
    );
    sheet.write_string_with_format(0, 0, title, &f.title)?;
    sheet.write_string(1, 0, r.verdict())?;
    let mut row = 3;
    header(sheet, row, &["Année", "Rapport", "Note"], f)?;
    for y in &r.years {
        row += 1;
        sheet.write_string(row, 0, y.academic_year.to_string())?;
        sheet.write_string(row, 1, if y.reported { "transmis" } else { MISSING })?;
        sheet.write_string(row, 2, y.note.unwrap_or(""))?;
    }
    row += 2;
    header(
        sheet,
        row,
        &[
            "Grille",
            "Code",
            "Critère",
            "Règle",
            "Appréciation",
            "Chiffre retenu",
            "Texte du campus",
        ],
        f,
    )?;
    for c in &r.criteria {
        row += 1;
        sheet.write_string(row, 0, c.grid.label())?;
        sheet.write_string(row, 1, c.code)?;
        sheet.write_string_with_format(row, 2, c.label, &f.wrap)?;
        sheet.write_string_with_format(row, 3, c.rule.unwrap_or(""), &f.wrap)?;
        sheet.write_string(row, 4, c.assessment.label())?;
        if c.rule.is_some() {
            let format = if c.code == "cofinancing" || c.code == "programmes" {
                &f.percent
            } else {
                &f.decimal
            };
            number(sheet, row, 5, c.figure, format, f)?;
        }
        sheet.write_string_with_format(row, 6, c.text.as_deref().unwrap_or(""), &f.wrap)?;
    }
    for (col, width) in (0u16..).zip([24.0, 26.0, 60.0, 40.0, 22.0, 14.0, 80.0]) {
        sheet.set_column_width(col, width)?;
    }
    Ok(())
}

fn figure_row(
    sheet: &mut Worksheet,
    row: u32,
    criterion: &str,
    figure: &Figure,
    f: &Formats,
) -> Result<(), SheetError> {
    sheet.write_string(row, 0, criterion)?;
    sheet.write_string(row, 1, figure.label)?;
    let mut col = 2u16;
    for v in &figure.values {
        match (&v.texts, v.value) {
            (Some(texts), _) => {
                sheet.write_string_with_format(row, col, texts.join("; "), &f.wrap)?;
            }
            (None, Some(value)) => {
                sheet.write_number_with_format(row, col, value, f.of(figure.unit))?;
            }
            (None, None) => {
                let word = match v.note {
                    Some(pilotage_domain::renewal::figures::NOT_FILLED) => "non renseigné",
                    Some(pilotage_domain::renewal::CONFIDENTIAL) => "confidentiel",
                    _ => MISSING,
                };
                sheet.write_string_with_format(row, col, word, &f.missing)?;
            }
        }
        col += 1;
    }
    let format = f.of(figure.unit);
    if figure.unit == FigureUnit::Percent {
        number(sheet, row, col + 4, figure.pooled, &f.percent, f)?;
    } else if figure.unit != FigureUnit::Texts {
        number(sheet, row, col, figure.total, format, f)?;
        number(sheet, row, col + 1, figure.mean, &f.decimal, f)?;
        number(sheet, row, col + 2, figure.change, format, f)?;
        number(sheet, row, col + 3, figure.progression, &f.percent, f)?;
    }
    Ok(())
}

fn figures_sheet(sheet: &mut Worksheet, r: &RenewalRecord, f: &Formats) -> Result<(), SheetError> {
    sheet.set_name(RENEWAL_SHEETS[1])?;
    sheet.write_string_with_format(0, 0, "Chiffres des rapports annuels par année", &f.title)?;
    let years: Vec<String> = r
        .years
        .iter()
        .map(|y| y.academic_year.to_string())
        .collect();
    let mut titles: Vec<&str> = vec!["Critère", "Chiffre"];
    titles.extend(years.iter().map(String::as_str));
    titles.extend([
        "Total",
        "Moyenne",
        "Évolution",
        "Progression",
        "Part sur la période",
    ]);
    header(sheet, 2, &titles, f)?;
    let mut row = 2;
    for c in &r.criteria {
        for figure in &c.figures {
            row += 1;
            figure_row(sheet, row, c.code, figure, f)?;
        }
    }
    sheet.set_column_width(0, 24)?;
    sheet.set_column_width(1, 44)?;
    Ok(())
}

fn establishment_sheet(
    sheet: &mut Worksheet,
    r: &RenewalRecord,
    f: &Formats,
) -> Result<(), SheetError> {
    sheet.set_name(RENEWAL_SHEETS[2])?;
    let e = &r.establishment;
    let partner = r
        .campus
        .partner_establishment
        .as_deref()
        .unwrap_or("aucun établissement partenaire enregistré");
    sheet.write_string_with_format(
        0,
        0,
        format!("Établissement de proximité : {partner}"),
        &f.title,
    )?;
    let coming: Vec<String> = e.coming_years.iter().map(ToString::to_string).collect();
    sheet.write_string(
        1,
        0,
        format!(
            "Actions envisagées pour les 3 ans à venir ({})",
            coming.join(", ")
        ),
    )?;
    let mut row = 3;
    header(sheet, row, &["Année", "Action", "Description"], f)?;
    for a in &e.actions {
        row += 1;
        sheet.write_string(row, 0, a.academic_year.to_string())?;
        sheet.write_string_with_format(row, 1, &a.action, &f.wrap)?;
        sheet.write_string_with_format(row, 2, &a.description, &f.wrap)?;
    }
    row += 2;
    sheet.write_string_with_format(
        row,
        0,
        "Usage de la dotation annuelle de 10 000 €",
        &f.title,
    )?;
    row += 1;
    header(sheet, row, &["Année", "Montant", "Usage"], f)?;
    for g in &e.grant_uses {
        row += 1;
        sheet.write_string(row, 0, g.academic_year.to_string())?;
        sheet.write_number_with_format(row, 1, g.amount as f64 / 100.0, &f.money)?;
        sheet.write_string_with_format(row, 2, &g.description, &f.wrap)?;
    }
    row += 2;
    sheet.write_string_with_format(
        row,
        0,
        "Dotation déclarée dans les rapports annuels",
        &f.title,
    )?;
    row += 1;
    header(sheet, row, &["Année", "Montant"], f)?;
    for v in &e.grant_received.values {
        row += 1;
        sheet.write_string(row, 0, v.academic_year.to_string())?;
        match v.value {
            Some(euros) => sheet.write_number_with_format(row, 1, euros, &f.money)?,
            None => sheet.write_string_with_format(row, 1, MISSING, &f.missing)?,
        };
    }
    for (col, width) in (0u16..).zip([14.0, 40.0, 80.0]) {
        sheet.set_column_width(col, width)?;
    }
    Ok(())
}

fn budget_sheet(sheet: &mut Worksheet, r: &RenewalRecord, f: &Formats) -> Result<(), SheetError> {
    sheet.set_name(RENEWAL_SHEETS[3])?;
    sheet.write_string_with_format(
        0,
        0,
        "Budget prévisionnel pluriannuel et budgets réalisés",
        &f.title,
    )?;
    let columns: Vec<&BudgetCheck> = r.budget.actual.iter().chain(&r.budget.forecast).collect();
    let titles: Vec<String> = columns
        .iter()
        .map(|c| match c.kind {
            BudgetKind::Actual => format!("Réalisé {}", c.academic_year),
            BudgetKind::Forecast => format!("Prévisionnel {}", c.academic_year),
        })
        .collect();
    let mut all = vec!["Ligne"];
    all.extend(titles.iter().map(String::as_str));
    header(sheet, 2, &all, f)?;
    let cents = |v: Option<i64>| v.map(|c| c as f64 / 100.0);
    let mut row = 2;
    for line in budget_lines() {
        row += 1;
        sheet.write_string(row, 0, line_label(line))?;
        for (col, c) in (1u16..).zip(&columns) {
            number(
                sheet,
                row,
                col,
                cents(c.lines.get(line).copied().flatten()),
                &f.money,
                f,
            )?;
        }
    }
    let totals: [TotalRow; 4] = [
        ("Total des dépenses", &|c| cents(c.total_expenses), &f.money),
        ("Total des recettes", &|c| cents(c.total_revenues), &f.money),
        (
            "Solde (recettes − dépenses)",
            &|c| cents(c.balance),
            &f.money,
        ),
        (
            "Part du cofinancement (hors État)",
            &|c| c.cofinancing_share,
            &f.percent,
        ),
    ];
    for (label, value, format) in totals {
        row += 1;
        sheet.write_string_with_format(row, 0, label, &f.header)?;
        for (col, c) in (1u16..).zip(&columns) {
            number(sheet, row, col, value(c), format, f)?;
        }
    }
    let checks: [CheckRow; 3] = [
        ("Budget équilibré", &|c| yes_no(c.balanced).to_owned()),
        ("Cofinancement d'au moins 50 %", &|c| {
            yes_no(c.cofinanced).to_owned()
        }),
        ("Alertes", &|c| {
            let mut words: Vec<&str> = c.issues.iter().map(|i| i.message).collect();
            words.extend(c.note);
            words.join(" ; ")
        }),
    ];
    for (label, value) in checks {
        row += 1;
        sheet.write_string_with_format(row, 0, label, &f.header)?;
        for (col, c) in (1u16..).zip(&columns) {
            sheet.write_string_with_format(row, col, value(c), &f.wrap)?;
        }
    }
    sheet.set_column_width(0, 40)?;
    for col in 1..=u16::try_from(columns.len()).unwrap_or(0) {
        sheet.set_column_width(col, 22)?;
    }
    Ok(())
}
