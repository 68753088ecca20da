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
        campus_name: "Campus connecté de Mende",
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

/// The 1-based row of a field in the written template, found by its id in the hidden column E.
fn row_of(range: &calamine::Range<Data>, name: &str) -> u32 {
    (1..=range.end().unwrap().0 + 1)
        .find(|row| matches!(range.get_value((row - 1, 4)), Some(Data::String(s)) if s == name))
        .unwrap_or_else(|| panic!("no row for {name}"))
}

/// A file of the workbook's archive, as text.
fn archive_file(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes.to_vec())).unwrap();
    let mut text = String::new();
    std::io::Read::read_to_string(&mut archive.by_name(name).unwrap(), &mut text).unwrap();
    text
}

#[test]
fn the_template_has_french_labels_first_and_the_field_names_hidden_at_the_far_right() {
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
        "Saisissez les valeurs dans la colonne B uniquement (les autres cellules sont protégées) ; \
         montants en euros (2 décimales au plus), thèmes d'ateliers séparés par des points-virgules."
    );
    let header: Vec<String> = (0..5).map(|c| text(&range, 4, c)).collect();
    assert_eq!(header, ["Libellé", "Valeur", "Rubrique", "Aide", "Champ"]);

    assert_eq!(text(&range, 5, 0), "Étudiants accueillis");
    assert_eq!(text(&range, 5, 2), "Effectifs");
    assert_eq!(
        text(&range, 5, 3),
        "Nombre d'étudiants accueillis au cours de l'année universitaire"
    );
    assert_eq!(text(&range, 5, 4), "students_enrolled");
    // One row per field, in table order, with its label first, the section, the help and the id in column E.
    let mut last = 4;
    for spec in GRID_FIELDS {
        let row = row_of(&range, spec.name);
        assert!(row > last, "{} out of order", spec.name);
        last = row;
        assert_eq!(text(&range, row, 0), spec.label);
        assert_eq!(text(&range, row, 2), spec.section.label());
    }
    // Column E is hidden; no English id shows in the visible columns.
    let sheet = archive_file(&bytes, "xl/worksheets/sheet1.xml");
    let column_e = sheet
        .split("<col ")
        .find(|col| col.starts_with(r#"min="5" max="5""#))
        .map(|col| &col[..col.find("/>").unwrap()])
        .unwrap_or_else(|| panic!("no <col> for E in {sheet}"));
    assert!(column_e.contains(r#"hidden="1""#), "{column_e}");
    let column_a = sheet
        .split("<col ")
        .find(|col| col.starts_with(r#"min="1" max="1""#))
        .unwrap();
    assert!(!column_a[..column_a.find("/>").unwrap()].contains("hidden"));
    for row in 1..=range.end().unwrap().0 + 1 {
        for column in 0..4 {
            if let Some(Data::String(s)) = range.get_value((row - 1, column)) {
                assert!(
                    !GRID_FIELDS.iter().any(|f| f.name == s),
                    "id {s} shown in row {row}"
                );
            }
        }
    }
}

#[test]
fn the_title_does_not_repeat_the_prefix_and_contracts_the_commune() {
    let with = |campus_name: &'static str| {
        let info = TemplateInfo {
            campus_name,
            ..info(Prefill::Empty)
        };
        let bytes = write_template(&info, &IndicatorGrid::default()).unwrap();
        text(&first_sheet(&bytes).1, 1, 0)
    };
    assert_eq!(
        with("Campus connecté de Nevers"),
        "Campus connecté de Nevers — rapport annuel 2025-2026"
    );
    assert_eq!(
        with("Campus connecté des Andelys"),
        "Campus connecté des Andelys — rapport annuel 2025-2026"
    );
    // A bare commune name gets the prefix, contracted.
    assert_eq!(
        with("Les Andelys"),
        "Campus connecté des Andelys — rapport annuel 2025-2026"
    );
    assert_eq!(
        with("Autun"),
        "Campus connecté d'Autun — rapport annuel 2025-2026"
    );
}

#[test]
fn money_cells_sit_under_an_en_euros_heading_and_no_help_speaks_of_cents() {
    let bytes = write_template(&info(Prefill::Draft), &full_grid()).unwrap();
    let (_, range) = first_sheet(&bytes);
    let first_money = row_of(&range, "exp_staff");
    assert_eq!(text(&range, first_money - 1, 1), "En euros");
    assert_eq!(text(&range, first_money - 1, 0), "Finances");
    for row in 1..=range.end().unwrap().0 + 1 {
        for column in 0..5 {
            if let Some(Data::String(s)) = range.get_value((row - 1, column)) {
                assert!(!s.contains("centime"), "row {row}: {s}");
            }
        }
    }
    assert_eq!(
        text(&range, row_of(&range, "rev_state"), 3),
        "50 000 € par an au plus"
    );
}

#[test]
fn the_sheet_is_protected_with_only_the_value_cells_unlocked() {
    let bytes = write_template(&info(Prefill::Draft), &full_grid()).unwrap();
    let sheet = archive_file(&bytes, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains("<sheetProtection"), "{sheet}");
    assert!(!sheet.contains("password="), "no password: {sheet}");
    let styles = archive_file(&bytes, "xl/styles.xml");
    // Value cells use unlocked formats; labels keep the default (locked).
    assert!(styles.contains(r#"<protection locked="0"/>"#), "{styles}");
    let (_, range) = first_sheet(&bytes);
    let style_of = |cell: &str| -> String {
        let at = sheet.find(&format!(r#"<c r="{cell}""#)).unwrap();
        let tag = &sheet[at..at + sheet[at..].find('>').unwrap()];
        tag.split(r#"s=""#).nth(1).map_or("0".to_owned(), |rest| {
            rest.split('"').next().unwrap().to_owned()
        })
    };
    let xfs = styles
        .split("<cellXfs")
        .nth(1)
        .unwrap()
        .split("</cellXfs>")
        .next()
        .unwrap();
    let xf = |index: &str| -> String {
        let index: usize = index.parse().unwrap();
        xfs.split("<xf ").nth(index + 1).unwrap().to_owned()
    };
    let row = row_of(&range, "prog_bts");
    assert!(xf(&style_of(&format!("B{row}"))).contains(r#"locked="0""#));
    assert!(!xf(&style_of(&format!("A{row}"))).contains(r#"locked="0""#));
}

#[test]
fn value_cells_validate_their_kind_with_french_messages() {
    let bytes = write_template(&info(Prefill::Draft), &full_grid()).unwrap();
    let (_, range) = first_sheet(&bytes);
    let sheet = archive_file(&bytes, "xl/worksheets/sheet1.xml");
    let validation_of = |name: &str| -> String {
        let cell = format!("B{}", row_of(&range, name));
        let at = sheet
            .find(&format!(r#"sqref="{cell}""#))
            .unwrap_or_else(|| panic!("no validation on {cell}"));
        let start = sheet[..at].rfind("<dataValidation ").unwrap();
        let end = at + sheet[at..].find("</dataValidation>").unwrap();
        sheet[start..end].to_owned()
    };
    let count = validation_of("prog_bts");
    assert!(count.contains(r#"type="whole""#), "{count}");
    assert!(
        count.contains(r#"operator="greaterThanOrEqual""#),
        "{count}"
    );
    assert!(count.contains("<formula1>0</formula1>"), "{count}");
    assert!(count.contains(r#"promptTitle="Nombre entier""#), "{count}");
    assert!(
        count.contains("BTS : saisissez un nombre entier positif ou nul, sans décimale."),
        "{count}"
    );
    let money = validation_of("exp_staff");
    assert!(money.contains(r#"type="decimal""#), "{money}");
    assert!(
        money.contains(r#"operator="greaterThanOrEqual""#),
        "{money}"
    );
    assert!(money.contains("montant en euros positif ou nul"), "{money}");
    let decimal = validation_of("tutors_fte");
    assert!(decimal.contains(r#"type="decimal""#), "{decimal}");
    // Texts take anything.
    let themes = format!(r#"sqref="B{}""#, row_of(&range, "workshop_themes"));
    assert!(!sheet.contains(&themes));
}

#[test]
fn each_breakdown_has_a_total_formula_which_the_reader_ignores() {
    let grid = full_grid();
    let bytes = write_template(&info(Prefill::Draft), &grid).unwrap();
    let (_, range) = first_sheet(&bytes);
    let sheet = archive_file(&bytes, "xl/worksheets/sheet1.xml");
    for group in pilotage_domain::validation::SUM_GROUPS {
        let last = row_of(&range, group.fields.last().unwrap());
        let total = last + 1;
        assert_eq!(text(&range, total, 0), format!("Total — {}", group.label));
        let cells: Vec<String> = group
            .fields
            .iter()
            .map(|f| format!("B{}", row_of(&range, f)))
            .collect();
        let formula = format!("<f>SUM({})</f>", cells.join(","));
        assert!(sheet.contains(&formula), "{formula} in {sheet}");
        // Its cached result is the sum of the pre-filled values.
        let sum: i64 = group.fields.iter().filter_map(|f| grid.integer(f)).sum();
        assert_eq!(number(&range, total, 1), sum as f64);
    }
    // The totals and the « En euros » heading are not fields: the template reads back as the grid.
    assert_eq!(read_upload(&bytes).unwrap(), grid);
}

#[test]
fn values_are_written_in_the_units_people_use() {
    let grid = full_grid();
    let bytes = write_template(&info(Prefill::PreviousYear), &grid).unwrap();
    let (_, range) = first_sheet(&bytes);
    let row = |name: &str| row_of(&range, name);
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
    let row = |name: &str| row_of(&range, name);
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

/// The written template with these value cells filled in, as a person would in Excel: numbers, or text.
fn fill(bytes: &[u8], values: &[(&str, &str)]) -> Vec<u8> {
    let (_, range) = first_sheet(bytes);
    let cells: Vec<(String, &str)> = values
        .iter()
        .map(|(name, value)| (format!("B{}", row_of(&range, name)), *value))
        .collect();
    common::hostile::workbook_with(bytes, "xl/worksheets/sheet1.xml", |xml| {
        let mut xml = String::from_utf8(xml).unwrap();
        for (cell, value) in &cells {
            let open = format!(r#"<c r="{cell}""#);
            let start = xml.find(&open).unwrap_or_else(|| panic!("no {cell}"));
            let end = start + xml[start..].find("/>").unwrap();
            let style = xml[start + open.len()..end].to_owned();
            let filled = if value.parse::<f64>().is_ok() {
                format!("{open}{style}><v>{value}</v></c>")
            } else {
                format!(r#"{open}{style} t="inlineStr"><is><t>{value}</t></is></c>"#)
            };
            xml.replace_range(start..end + 2, &filled);
        }
        xml.into_bytes()
    })
}

#[test]
fn an_empty_template_filled_in_reads_back_with_totals_and_headings_ignored() {
    let bytes = write_template(&info(Prefill::Empty), &IndicatorGrid::default()).unwrap();
    let filled = fill(
        &bytes,
        &[
            ("students_enrolled", "12"),
            ("prog_bts", "7"),
            ("women", "5"),
            ("exp_staff", "1234.5"),
            ("tutors_fte", "0.5"),
            ("workshop_themes", "Anglais; Gestion du stress"),
        ],
    );
    assert_eq!(
        read_upload(&filled).unwrap(),
        IndicatorGrid {
            students_enrolled: Some(12),
            prog_bts: Some(7),
            women: Some(5),
            exp_staff: Some(123_450),
            tutors_fte: Some(0.5),
            workshop_themes: Some(vec!["Anglais".to_owned(), "Gestion du stress".to_owned()]),
            ..Default::default()
        }
    );
    // A bad value typed in the filled template is named by its label and its visible cell.
    let (_, range) = first_sheet(&bytes);
    let row = row_of(&range, "workshops_count");
    let bad = fill(&bytes, &[("workshops_count", "douze"), ("prog_bts", "7")]);
    match read_upload(&bad) {
        Err(pilotage_spreadsheet::UploadError::Cells(cells)) => assert_eq!(
            cells.iter().map(|c| c.message.clone()).collect::<Vec<_>>(),
            [format!(
                "Ateliers (cellule B{row}) : « douze » n'est pas un nombre entier"
            )]
        ),
        other => panic!("expected cell errors, got {other:?}"),
    }
}

#[test]
fn a_template_of_the_old_layout_with_field_names_in_column_a_is_still_read() {
    // The layout written before labels came first: Champ, Valeur, Libellé, Rubrique, Aide; money in euros.
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet
        .write_string(0, 0, "Campus connecté de Mende — rapport annuel 2025-2026")
        .unwrap();
    for (column, header) in (0u16..).zip(["Champ", "Valeur", "Libellé", "Rubrique", "Aide"]) {
        sheet.write_string(3, column, header).unwrap();
    }
    let rows = [
        ("students_enrolled", 30.0, "Étudiants accueillis"),
        ("prog_bts", 4.0, "BTS"),
        ("exp_staff", 76_543.21, "Dépenses de personnel"),
    ];
    for (row, (name, value, label)) in (4u32..).zip(rows) {
        sheet.write_string(row, 0, name).unwrap();
        sheet.write_number(row, 1, value).unwrap();
        sheet.write_string(row, 2, label).unwrap();
        sheet.write_string(row, 3, "Effectifs").unwrap();
    }
    sheet.write_string(7, 0, "prog_master").unwrap();
    sheet.write_string(7, 1, "trois").unwrap();
    sheet.write_string(7, 2, "Deuxième cycle (master)").unwrap();
    let bytes = workbook.save_to_buffer().unwrap();
    match read_upload(&bytes) {
        Err(pilotage_spreadsheet::UploadError::Cells(cells)) => assert_eq!(
            cells.iter().map(ToString::to_string).collect::<Vec<_>>(),
            ["Deuxième cycle (master) (cellule B8) : « trois » n'est pas un nombre entier"]
        ),
        other => panic!("expected cell errors, got {other:?}"),
    }
    sheet_without_bad_row_reads(&rows);
}

fn sheet_without_bad_row_reads(rows: &[(&str, f64, &str)]) {
    let mut csv = String::from("Champ;Valeur;Libellé\n");
    for (name, value, label) in rows {
        csv.push_str(&format!(
            "{name};{};{label}\n",
            value.to_string().replace('.', ",")
        ));
    }
    assert_eq!(
        read_upload(csv.as_bytes()).unwrap(),
        IndicatorGrid {
            students_enrolled: Some(30),
            prog_bts: Some(4),
            exp_staff: Some(7_654_321),
            ..Default::default()
        }
    );
}

#[test]
fn columns_are_found_by_their_headers_wherever_they_are() {
    // Values in D, ids in A, labels in F: the columns are read by their headers.
    let csv = "Titre\nChamp;;;Valeur;;Libellé\nprog_bts;;;7;;BTS\nwomen;;;deux;;Femmes\n;;;;;Total — Répartition par sexe\n";
    match read_upload(csv.as_bytes()) {
        Err(pilotage_spreadsheet::UploadError::Cells(cells)) => {
            assert_eq!(cells.len(), 1);
            assert_eq!(
                cells[0].message,
                "Femmes (cellule D4) : « deux » n'est pas un nombre entier"
            );
            assert_eq!(cells[0].field.as_deref(), Some("women"));
        }
        other => panic!("expected cell errors, got {other:?}"),
    }
    let csv = "Libellé;Valeur;Rubrique;Aide;Champ\nBTS;7;Effectifs;;prog_bts\nTotal — Répartition par formation;=SOMME(B2);;;\nFinances;En euros;;;\nDépenses de personnel;12,5;;;exp_staff\n";
    assert_eq!(
        read_upload(csv.as_bytes()).unwrap(),
        IndicatorGrid {
            prog_bts: Some(7),
            exp_staff: Some(1250),
            ..Default::default()
        }
    );
    // A number typed on a labelled row without a field is still reported.
    let csv = "Libellé;Valeur;Champ\nBTS;7;prog_bts\nUne note;12;\n";
    match read_upload(csv.as_bytes()) {
        Err(pilotage_spreadsheet::UploadError::Cells(cells)) => assert_eq!(
            cells[0].message,
            "Cellule B3 : « 12 » : valeur sans nom de champ (colonne « Champ » vide)"
        ),
        other => panic!("expected cell errors, got {other:?}"),
    }
}

#[test]
fn hours_in_a_shown_table_stay_numbers_in_hours_with_an_h_format() {
    use pilotage_spreadsheet::{write_shown_xlsx, NumberKind, ShownCell, ShownTable};
    let table = ShownTable {
        sheet_name: "Tableau".to_owned(),
        title: "Présence".to_owned(),
        notes: Vec::new(),
        headings: vec!["Présence hebdomadaire".to_owned()],
        rows: vec![vec![ShownCell::number(
            "14\u{a0}h\u{a0}30",
            Some(14.5),
            NumberKind::Hours,
        )]],
    };
    let bytes = write_shown_xlsx(&table).unwrap();
    let styles = archive_file(&bytes, "xl/styles.xml");
    assert!(styles.contains("#,##0.0#&quot; h&quot;"), "{styles}");
    let (_, range) = first_sheet(&bytes);
    let found = range.used_cells().any(|(_, _, v)| *v == Data::Float(14.5));
    assert!(found, "14.5 kept as a number");
}
