//! Grids and hand-built workbooks shared by the integration tests.
#![allow(dead_code)]

pub mod hostile;

use pilotage_domain::grid::{FieldKind, FieldValue, IndicatorGrid, GRID_FIELDS};
use rust_xlsxwriter::Workbook;

/// A grid with every field set: odd cents, decimals that are not exact in binary, accented themes.
pub fn full_grid() -> IndicatorGrid {
    let mut grid = IndicatorGrid::default();
    for (i, spec) in GRID_FIELDS.iter().enumerate() {
        let i = i as i64;
        let value = match spec.kind {
            FieldKind::Count => FieldValue::Count(3 + i * 7),
            FieldKind::Money => FieldValue::Money(match i % 4 {
                0 => 7_654_321,
                1 => 1,
                2 => 5_000_000,
                _ => 123_456_789 + i,
            }),
            FieldKind::Decimal => FieldValue::Decimal(1.35 + i as f64),
            FieldKind::Texts => FieldValue::Texts(vec![
                "Gestion du stress".to_owned(),
                "Prise de parole à l'oral".to_owned(),
                "Méthodologie des études".to_owned(),
            ]),
        };
        grid.set(spec.name, Some(value)).unwrap();
    }
    grid.tutors_fte = Some(1.35);
    grid.coordinator_fte = Some(0.8);
    grid.avg_weekly_presence_hours = Some(12.5);
    grid.exp_staff = Some(7_654_321);
    grid.exp_other = Some(1);
    grid
}

/// A grid with only some fields set.
pub fn partial_grid() -> IndicatorGrid {
    IndicatorGrid {
        students_enrolled: Some(42),
        prog_bts: Some(0),
        tutors_fte: Some(0.5),
        rev_state: Some(5_000_000),
        exp_other: Some(99),
        workshop_themes: Some(vec!["Anglais".to_owned()]),
        ..Default::default()
    }
}

/// A value cell of a hand-built workbook.
#[derive(Debug, Clone)]
pub enum V {
    Num(f64),
    Str(&'static str),
    Formula(&'static str),
    Bool(bool),
    Blank,
}

/// A workbook with a header row ("Champ", "Valeur") on row `header_row` (1-based), then one row per entry.
pub fn workbook<S: AsRef<str>>(header_row: u32, entries: &[(S, V)]) -> Vec<u8> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet
        .write_string(0, 0, "Une grille faite à la main")
        .unwrap();
    let header = header_row - 1;
    sheet.write_string(header, 0, "Champ").unwrap();
    sheet.write_string(header, 1, "Valeur").unwrap();
    for (row, (name, value)) in (header + 1..).zip(entries) {
        let name = name.as_ref();
        if !name.is_empty() {
            sheet.write_string(row, 0, name).unwrap();
        }
        match value {
            V::Num(x) => {
                sheet.write_number(row, 1, *x).unwrap();
            }
            V::Str(s) => {
                sheet.write_string(row, 1, *s).unwrap();
            }
            V::Formula(f) => {
                sheet.write_formula(row, 1, *f).unwrap();
            }
            V::Bool(b) => {
                sheet.write_boolean(row, 1, *b).unwrap();
            }
            V::Blank => {}
        }
    }
    workbook.save_to_buffer().unwrap()
}

/// Every field in table order with a valid value, except those overridden.
pub fn template_like(overrides: &[(&str, V)]) -> Vec<(String, V)> {
    GRID_FIELDS
        .iter()
        .map(|spec| {
            let value = overrides
                .iter()
                .find(|(name, _)| *name == spec.name)
                .map(|(_, v)| v.clone())
                .unwrap_or(match spec.kind {
                    FieldKind::Texts => V::Str("Anglais"),
                    _ => V::Num(1.0),
                });
            (spec.name.to_owned(), value)
        })
        .collect()
}

/// The 1-based row of `name` in a template-like workbook whose header is on row 4.
pub fn template_row(name: &str) -> u32 {
    let index = GRID_FIELDS.iter().position(|f| f.name == name).unwrap();
    5 + index as u32
}
