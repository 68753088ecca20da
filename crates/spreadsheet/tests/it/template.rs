//! The XLSX template: its layout, French labels, pre-filled values, and the round trip through an upload.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use common::{full_grid, partial_grid};
use pilotage_domain::grid::{IndicatorGrid, GRID_FIELDS};
use pilotage_spreadsheet::{read_upload, write_template, Prefill, TemplateInfo};

fn info(prefill: Prefill) -> TemplateInfo<'static> {
    TemplateInfo {
        campus_id: "cc-mende",
        campus_name: "Mende",
        academic_year: "2025-2026",
        prefill,
    }
}

/// The first sheet of a workbook: its name and its cells.
fn first_sheet(bytes: &[u8]) -> (String, calamine::Range<Data>) {
    let mut workbook = Xlsx::new(Cursor::new(bytes.to_vec())).unwrap();
    let name = workbook.sheet_names()[0].clone();
    let range = workbook.worksheet_range(&name).unwrap();
    (name, range)
}

/// The text of a cell given by its 1-based row and 0-based column.
fn text(range: &calamine::Range<Data>, row: u32, column: u32) -> String {
    match range.get_value((row - 1, column)) {
        Some(Data::String(s)) => s.clone(),
        other => panic!("no text at row {row}, column {column}: {other:?}"),
    }
}

fn number(range: &calamine::Range<Data>, row: u32, column: u32) -> f64 {
    match range.get_value((row - 1, column)) {
        Some(Data::Float(x)) => *x,
        Some(Data::Int(n)) => *n as f64,
        other => panic!("no number at row {row}, column {column}: {other:?}"),
    }
}

fn is_empty(range: &calamine::Range<Data>, row: u32, column: u32) -> bool {
    matches!(range.get_value((row - 1, column)), None | Some(Data::Empty))
}

#[test]
fn the_template_has_french_labels_and_field_names_in_column_a() {
    let bytes = write_template(&info(Prefill::Draft), &full_grid()).unwrap();
    let (name, range) = first_sheet(&bytes);
    assert_eq!(name, "Grille");
    assert_eq!(
        text(&range, 1, 0),
        "Campus connecté de Mende — rapport annuel 2025-2026"
    );
    let note = text(&range, 2, 0);
    assert!(
        note.starts_with("Pré-rempli avec le brouillon en cours"),
        "{note}"
    );
    assert!(note.contains("cc-mende"), "{note}");
    assert_eq!(
        text(&range, 3, 0),
        "Saisissez les valeurs dans la colonne B uniquement ; montants en euros (2 décimales au plus), \
         thèmes d'ateliers séparés par des points-virgules."
    );
    let header: Vec<String> = (0..5).map(|c| text(&range, 4, c)).collect();
    assert_eq!(header, ["Champ", "Valeur", "Libellé", "Rubrique", "Aide"]);

    assert_eq!(text(&range, 5, 0), "students_enrolled");
    assert_eq!(text(&range, 5, 2), "Étudiants accueillis");
    assert_eq!(text(&range, 5, 3), "Effectifs");
    assert_eq!(
        text(&range, 5, 4),
        "Nombre d'étudiants accueillis au cours de l'année universitaire"
    );
    // One row per field, in table order, with the section label and help.
    for (row, spec) in (5u32..).zip(GRID_FIELDS) {
        assert_eq!(text(&range, row, 0), spec.name);
        assert_eq!(text(&range, row, 2), spec.label);
        assert_eq!(text(&range, row, 3), spec.section.label());
        assert_eq!(text(&range, row, 4), spec.help);
    }
    assert_eq!(range.end().unwrap().0 + 1, 4 + GRID_FIELDS.len() as u32);
}

#[test]
fn values_are_written_in_the_units_people_use() {
    let grid = full_grid();
    let bytes = write_template(&info(Prefill::PreviousYear), &grid).unwrap();
    let (_, range) = first_sheet(&bytes);
    let row = |name: &str| 5 + GRID_FIELDS.iter().position(|f| f.name == name).unwrap() as u32;
    // Money in euros, counts as integers, decimals as they are, themes joined by "; ".
    assert_eq!(number(&range, row("exp_staff"), 1), 76_543.21);
    assert_eq!(number(&range, row("exp_other"), 1), 0.01);
    assert_eq!(
        number(&range, row("students_enrolled"), 1),
        grid.students_enrolled.unwrap() as f64
    );
    assert_eq!(number(&range, row("tutors_fte"), 1), 1.35);
    assert_eq!(
        text(&range, row("workshop_themes"), 1),
        "Gestion du stress; Prise de parole à l'oral; Méthodologie des études"
    );
    assert!(text(&range, 2, 0).starts_with(
        "Pré-rempli avec les valeurs de l'année précédente : vérifiez et mettez à jour chaque valeur"
    ));

    let bytes = write_template(&info(Prefill::Empty), &partial_grid()).unwrap();
    let (_, range) = first_sheet(&bytes);
    assert!(text(&range, 2, 0).starts_with("À compléter"));
    assert_eq!(number(&range, row("students_enrolled"), 1), 42.0);
    assert!(is_empty(&range, row("students_new"), 1));
    assert!(is_empty(&range, row("exp_staff"), 1));
}

#[test]
fn the_money_cells_have_a_euro_format() {
    let bytes = write_template(&info(Prefill::Draft), &full_grid()).unwrap();
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut styles = String::new();
    std::io::Read::read_to_string(&mut archive.by_name("xl/styles.xml").unwrap(), &mut styles)
        .unwrap();
    assert!(styles.contains("#,##0.00 &quot;€&quot;"), "{styles}");
}

#[test]
fn a_full_grid_survives_the_round_trip() {
    let grid = full_grid();
    assert!(grid.missing_fields().is_empty());
    let bytes = write_template(&info(Prefill::Draft), &grid).unwrap();
    assert_eq!(read_upload(&bytes).unwrap(), grid);
}

#[test]
fn a_partial_grid_survives_the_round_trip_with_missing_fields_left_missing() {
    let grid = partial_grid();
    let bytes = write_template(&info(Prefill::Draft), &grid).unwrap();
    let back = read_upload(&bytes).unwrap();
    assert_eq!(back, grid);
    assert_eq!(back.students_new, None);
    assert_eq!(back.exp_staff, None);

    let empty = IndicatorGrid::default();
    let bytes = write_template(&info(Prefill::Empty), &empty).unwrap();
    assert_eq!(read_upload(&bytes).unwrap(), empty);
}

#[test]
fn every_prefill_has_its_note() {
    assert_eq!(
        Prefill::Draft.note(),
        "Pré-rempli avec le brouillon en cours"
    );
    assert_eq!(
        Prefill::PreviousYear.note(),
        "Pré-rempli avec les valeurs de l'année précédente : vérifiez et mettez à jour chaque valeur"
    );
    assert_eq!(Prefill::Empty.note(), "À compléter");
}
