//! Reading uploads back: broken files, bad cells reported by name, CSV in both separators.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::io::{Cursor, Write};

use common::{full_grid, template_like, template_row, workbook, V};
use pilotage_domain::grid::IndicatorGrid;
use pilotage_spreadsheet::{
    read_upload, write_template, CellError, Prefill, TemplateInfo, UploadError,
};

/// The French message of an unreadable upload; fails on anything else.
fn unreadable(bytes: &[u8]) -> String {
    match read_upload(bytes) {
        Err(UploadError::Unreadable(message)) => message,
        other => panic!("expected Unreadable, got {other:?}"),
    }
}

/// The bad cells of an upload, as displayed; fails on anything else.
fn bad_cells(bytes: &[u8]) -> Vec<String> {
    match read_upload(bytes) {
        Err(UploadError::Cells(cells)) => cells.iter().map(CellError::to_string).collect(),
        other => panic!("expected Cells, got {other:?}"),
    }
}

/// A template-like workbook (header on row 4) with every field valid except the overrides.
fn template_with(overrides: &[(&str, V)]) -> Vec<u8> {
    workbook(4, &template_like(overrides))
}

fn template_bytes(grid: &IndicatorGrid) -> Vec<u8> {
    let info = TemplateInfo {
        campus_id: "cc-foix",
        campus_name: "Foix",
        academic_year: "2025-2026",
        prefill: Prefill::Empty,
    };
    write_template(&info, grid).unwrap()
}

/// A ZIP archive holding the given files, stored or deflated.
fn zip_of(files: &[(&str, &[u8])], method: zip::CompressionMethod) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(method)
        .large_file(true);
    for (name, content) in files {
        writer.start_file(*name, options).unwrap();
        writer.write_all(content).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

// ---- Files that cannot be read at all ----

#[test]
fn an_empty_file_is_refused() {
    assert_eq!(unreadable(b""), "fichier vide");
    assert_eq!(unreadable(b" \n\r\n "), "fichier vide");
}

#[test]
fn a_file_over_five_mebibytes_is_refused_before_parsing() {
    let mut huge = b"Champ;Valeur\n".to_vec();
    huge.resize(5 * 1024 * 1024 + 1, b' ');
    assert_eq!(unreadable(&huge), "fichier trop volumineux (5 Mio au plus)");
    let mut zip_like = b"PK\x03\x04".to_vec();
    zip_like.resize(6 * 1024 * 1024, 0);
    assert_eq!(
        unreadable(&zip_like),
        "fichier trop volumineux (5 Mio au plus)"
    );
}

#[test]
fn random_bytes_and_images_are_neither_xlsx_nor_csv() {
    let expected = "le fichier n'est ni un classeur XLSX ni un CSV lisible (UTF-8)";
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";
    assert_eq!(unreadable(png), expected);
    // Deterministic pseudo-random bytes.
    let mut state: u32 = 0x2545_f491;
    let random: Vec<u8> = (0..4096)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            state.to_le_bytes()[0]
        })
        .collect();
    assert_eq!(unreadable(&random), expected);
    // A CSV saved in Windows-1252 rather than UTF-8.
    assert_eq!(unreadable(b"Champ;Valeur\nprog_bts;\xe9t\xe9\n"), expected);
    // Valid UTF-8 but binary.
    assert_eq!(unreadable(b"Champ\0Valeur\0"), expected);
}

#[test]
fn an_old_xls_or_a_password_protected_workbook_is_refused_with_advice() {
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(2048, 0);
    assert!(unreadable(&ole).contains(".xlsx"));
}

#[test]
fn a_zip_that_is_not_a_workbook_is_unreadable() {
    let not_xlsx = zip_of(
        &[("notes.txt", b"Champ;Valeur\nprog_bts;12\n")],
        zip::CompressionMethod::Stored,
    );
    let message = unreadable(&not_xlsx);
    assert!(message.contains("pas un classeur XLSX"), "{message}");
    // An empty archive.
    let mut empty_zip = b"PK\x05\x06".to_vec();
    empty_zip.extend_from_slice(&[0; 18]);
    assert!(unreadable(&empty_zip).contains("pas un classeur XLSX"));
    // A ZIP signature followed by garbage.
    let mut garbage = b"PK\x03\x04".to_vec();
    garbage.extend((0..2000u32).map(|i| (i * 7 % 251) as u8));
    assert!(unreadable(&garbage).contains("pas un classeur XLSX"));
}

#[test]
fn a_truncated_workbook_is_unreadable() {
    let bytes = template_bytes(&full_grid());
    for cut in [30, bytes.len() / 3, bytes.len() / 2, bytes.len() - 10] {
        let message = unreadable(&bytes[..cut]);
        assert!(message.contains("pas un classeur XLSX"), "{cut}: {message}");
    }
}

#[test]
fn an_archive_that_would_unpack_to_too_much_is_refused() {
    let zeros = vec![b'0'; 65 * 1024 * 1024];
    let bomb = zip_of(
        &[("xl/worksheets/sheet1.xml", &zeros)],
        zip::CompressionMethod::Deflated,
    );
    assert!(bomb.len() < 5 * 1024 * 1024);
    let message = unreadable(&bomb);
    assert!(
        message.contains("trop volumineux une fois décompressé"),
        "{message}"
    );
}

#[test]
fn a_sheet_without_the_champ_header_is_unreadable() {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.write_string(0, 0, "prog_bts").unwrap();
    sheet.write_number(0, 1, 12).unwrap();
    let bytes = workbook.save_to_buffer().unwrap();
    let message = unreadable(&bytes);
    assert!(message.contains("« Champ »"), "{message}");
    assert!(unreadable(b"nom,valeur\nprog_bts,12\n").contains("« Champ »"));
}

#[test]
fn too_many_rows_are_refused() {
    let entries: Vec<(String, V)> = (0..600).map(|i| (format!("x{i}"), V::Num(1.0))).collect();
    let message = unreadable(&workbook(1, &entries));
    assert!(message.contains("500 lignes"), "{message}");

    let mut csv = String::from("Champ;Valeur\n");
    for i in 0..600 {
        csv.push_str(&format!("x{i};1\n"));
    }
    assert!(unreadable(csv.as_bytes()).contains("500 lignes"));
}

#[test]
fn a_sheet_with_too_many_cells_is_refused() {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.write_string(0, 0, "Champ").unwrap();
    for row in 1..450u32 {
        for column in 0..250u16 {
            sheet.write_number(row, column, 1).unwrap();
        }
    }
    let bytes = workbook.save_to_buffer().unwrap();
    assert!(bytes.len() < 5 * 1024 * 1024);
    let message = unreadable(&bytes);
    assert!(message.contains("trop de cellules"), "{message}");
}

// ---- Bad cells ----

#[test]
fn text_in_a_count_names_the_cell_and_the_field() {
    let bytes = template_with(&[("prog_bts", V::Str("douze"))]);
    let row = template_row("prog_bts");
    assert_eq!(
        bad_cells(&bytes),
        [format!(
            "BTS (cellule B{row}) : « douze » n'est pas un nombre entier"
        )]
    );
    let Err(UploadError::Cells(cells)) = read_upload(&bytes) else {
        panic!("expected cell errors")
    };
    assert_eq!(
        cells,
        [CellError {
            cell: format!("B{row}"),
            field: Some("prog_bts".to_owned()),
            message: format!("BTS (cellule B{row}) : « douze » n'est pas un nombre entier"),
        }]
    );
}

#[test]
fn a_count_with_a_fraction_is_refused() {
    let bytes = template_with(&[("women", V::Num(12.5))]);
    assert_eq!(
        bad_cells(&bytes),
        [format!(
            "Femmes (cellule B{}) : « 12,5 » n'est pas un nombre entier",
            template_row("women")
        )]
    );
    // Whole numbers typed as text or as 12.0 are fine.
    let bytes = template_with(&[("women", V::Str(" 12 ")), ("men", V::Num(12.0))]);
    let grid = read_upload(&bytes).unwrap();
    assert_eq!((grid.women, grid.men), (Some(12), Some(12)));
}

#[test]
fn money_with_three_decimals_is_refused_as_a_number_or_a_text() {
    let bytes = template_with(&[
        ("exp_staff", V::Num(12.345)),
        ("exp_premises", V::Str("12,345")),
    ]);
    assert_eq!(
        bad_cells(&bytes),
        [
            format!(
                "Dépenses de personnel (cellule B{}) : « 12,345 » : 2 décimales au plus pour un montant en euros",
                template_row("exp_staff")
            ),
            format!(
                "Dépenses de locaux (cellule B{}) : « 12,345 » : 2 décimales au plus pour un montant en euros",
                template_row("exp_premises")
            ),
        ]
    );
}

#[test]
fn money_typed_as_french_text_is_read_exactly() {
    let bytes = template_with(&[
        ("exp_staff", V::Str("1 234,56 €")),
        ("exp_premises", V::Str("1\u{a0}234,56")),
        ("exp_equipment", V::Str("1\u{202f}234.5")),
        ("exp_operations", V::Num(76_543.21)),
        ("exp_communication", V::Num(-10.0)),
    ]);
    let grid = read_upload(&bytes).unwrap();
    assert_eq!(grid.exp_staff, Some(123_456));
    assert_eq!(grid.exp_premises, Some(123_456));
    assert_eq!(grid.exp_equipment, Some(123_450));
    assert_eq!(grid.exp_operations, Some(7_654_321));
    // Negative numbers are read; the validation rules are the ones that refuse them.
    assert_eq!(grid.exp_communication, Some(-1000));
}

#[test]
fn a_formula_in_a_value_cell_is_refused() {
    let bytes = template_with(&[("prog_bts", V::Formula("=2+3"))]);
    assert_eq!(
        bad_cells(&bytes),
        [format!(
            "BTS (cellule B{}) : les formules ne sont pas acceptées, saisissez la valeur",
            template_row("prog_bts")
        )]
    );
    let csv = "Champ;Valeur\nprog_bts;=SOMME(B3:B4)\n";
    assert_eq!(
        bad_cells(csv.as_bytes()),
        ["BTS (cellule B2) : les formules ne sont pas acceptées, saisissez la valeur"]
    );
}

#[test]
fn booleans_and_error_values_are_refused() {
    let bytes = template_with(&[("women", V::Bool(true)), ("men", V::Formula("=1/0"))]);
    let cells = bad_cells(&bytes);
    assert_eq!(cells.len(), 2);
    assert!(
        cells[0].starts_with("Femmes (cellule B")
            && cells[0].contains(") : « VRAI » : une valeur vrai/faux n'est pas acceptée"),
        "{}",
        cells[0]
    );
    assert!(
        cells[1].starts_with("Hommes (cellule B")
            && cells[1].contains(") : les formules ne sont pas acceptées"),
        "{}",
        cells[1]
    );
}

#[test]
fn an_unknown_field_name_is_reported_on_column_a() {
    let mut entries = template_like(&[]);
    entries.push(("foo".to_owned(), V::Num(3.0)));
    let row = 4 + entries.len();
    assert_eq!(
        bad_cells(&workbook(4, &entries)),
        [format!(
            "Cellule A{row} : « foo » n'est pas un champ de la grille"
        )]
    );
}

#[test]
fn a_field_listed_twice_is_reported_on_its_second_row() {
    let mut entries = template_like(&[]);
    entries.push(("prog_bts".to_owned(), V::Num(3.0)));
    let row = 4 + entries.len();
    assert_eq!(
        bad_cells(&workbook(4, &entries)),
        [format!(
            "BTS (cellule A{row}) : champ en double (déjà présent ligne {})",
            template_row("prog_bts")
        )]
    );
}

#[test]
fn a_value_without_a_field_name_is_reported() {
    let entries = [("students_enrolled", V::Num(3.0)), ("", V::Num(4.0))];
    assert_eq!(
        bad_cells(&workbook(2, &entries)),
        ["Cellule B4 : « 4 » : valeur sans nom de champ (colonne « Champ » vide)"]
    );
}

#[test]
fn several_bad_cells_are_reported_together_in_sheet_order() {
    let mut entries = template_like(&[
        ("students_enrolled", V::Str("beaucoup")),
        ("prog_bts", V::Num(1.5)),
        ("tutors_fte", V::Str("un et demi")),
        ("rev_state", V::Str("50 000,001")),
    ]);
    entries.push(("bogus".to_owned(), V::Num(1.0)));
    let cells = bad_cells(&workbook(4, &entries));
    assert_eq!(
        cells,
        [
            format!(
                "Étudiants accueillis (cellule B{}) : « beaucoup » n'est pas un nombre entier",
                template_row("students_enrolled")
            ),
            format!(
                "BTS (cellule B{}) : « 1,5 » n'est pas un nombre entier",
                template_row("prog_bts")
            ),
            format!(
                "Tuteurs (ETP) (cellule B{}) : « un et demi » n'est pas un nombre décimal",
                template_row("tutors_fte")
            ),
            format!(
                "Subvention de l'État (cellule B{}) : « 50 000,001 » : 2 décimales au plus pour un montant en euros",
                template_row("rev_state")
            ),
            format!(
                "Cellule A{} : « bogus » n'est pas un champ de la grille",
                4 + entries.len()
            ),
        ]
    );
}

#[test]
fn rows_above_the_header_and_blank_values_are_ignored() {
    let entries = [
        ("students_enrolled", V::Num(12.0)),
        ("students_new", V::Blank),
        ("workshop_themes", V::Str(" Anglais ; ; Gestion du stress ")),
    ];
    let grid = read_upload(&workbook(6, &entries)).unwrap();
    assert_eq!(
        grid,
        IndicatorGrid {
            students_enrolled: Some(12),
            workshop_themes: Some(vec!["Anglais".to_owned(), "Gestion du stress".to_owned()]),
            ..Default::default()
        }
    );
}

// ---- CSV ----

/// Cents as a French spreadsheet shows euros: "1 234 567,89 €", thousands separated by narrow spaces.
fn french_amount(cents: i64) -> String {
    let euros = (cents / 100).to_string();
    let mut grouped = String::new();
    for (i, digit) in euros.chars().enumerate() {
        if i > 0 && (euros.len() - i) % 3 == 0 {
            grouped.push('\u{202f}');
        }
        grouped.push(digit);
    }
    format!("{grouped},{:02}\u{a0}€", cents % 100)
}

/// The grid as a CSV the way a French spreadsheet exports it: `;`, decimal commas.
fn french_csv(grid: &IndicatorGrid) -> String {
    let mut csv = String::from("\u{feff}Grille du campus;;;\nChamp;Valeur;Libellé\n");
    for (name, value) in grid.values() {
        let shown = match value {
            pilotage_domain::grid::FieldValue::Count(n) => n.to_string(),
            pilotage_domain::grid::FieldValue::Money(cents) => french_amount(cents),
            pilotage_domain::grid::FieldValue::Decimal(x) => x.to_string().replace('.', ","),
            pilotage_domain::grid::FieldValue::Texts(texts) => format!("\"{}\"", texts.join("; ")),
        };
        csv.push_str(&format!("{name};{shown};libellé\n"));
    }
    csv
}

#[test]
fn a_semicolon_csv_with_french_decimals_survives_the_round_trip() {
    let grid = full_grid();
    let csv = french_csv(&grid);
    assert!(csv.contains("tutors_fte;1,35;"), "{csv}");
    assert!(csv.contains("exp_staff;76\u{202f}543,21\u{a0}€;"), "{csv}");
    assert!(csv.contains(";1\u{202f}234\u{202f}568,32\u{a0}€;"), "{csv}");
    assert_eq!(read_upload(csv.as_bytes()).unwrap(), grid);
}

#[test]
fn a_comma_csv_is_read_too() {
    let csv = "Champ,Valeur,Libellé\r\n\
               students_enrolled,42,Étudiants accueillis\r\n\
               tutors_fte,\"1,5\",Tuteurs (ETP)\r\n\
               exp_staff,1234.56,Dépenses de personnel\r\n\
               workshop_themes,\"Anglais; Stress, examens\",Thèmes\r\n";
    assert_eq!(
        read_upload(csv.as_bytes()).unwrap(),
        IndicatorGrid {
            students_enrolled: Some(42),
            tutors_fte: Some(1.5),
            exp_staff: Some(123_456),
            workshop_themes: Some(vec!["Anglais".to_owned(), "Stress, examens".to_owned()]),
            ..Default::default()
        }
    );
}

#[test]
fn a_csv_bad_cell_is_named_by_column_and_line() {
    let csv = "Campus connecté de Foix\n\nChamp;Valeur\nstudents_enrolled;12\nprog_bts;douze\nexp_staff;12,345\n";
    assert_eq!(
        bad_cells(csv.as_bytes()),
        [
            "BTS (cellule B5) : « douze » n'est pas un nombre entier",
            "Dépenses de personnel (cellule B6) : « 12,345 » : 2 décimales au plus pour un montant en euros",
        ]
    );
}

#[test]
fn the_template_converted_to_csv_by_hand_keeps_its_line_numbers() {
    // Same layout as the template: the header on line 4, so prog_bts is on the same line as in the XLSX.
    let mut csv = String::from("Titre\nNote\nConsigne\nChamp;Valeur;Libellé;Rubrique;Aide\n");
    for spec in pilotage_domain::grid::GRID_FIELDS {
        let value = if spec.name == "prog_bts" { "douze" } else { "" };
        csv.push_str(&format!("{};{value};{};;\n", spec.name, spec.label));
    }
    assert_eq!(
        bad_cells(csv.as_bytes()),
        [format!(
            "BTS (cellule B{}) : « douze » n'est pas un nombre entier",
            template_row("prog_bts")
        )]
    );
}

#[test]
fn every_cell_message_starts_with_the_fields_french_label_never_its_id() {
    use pilotage_domain::grid::{FieldKind, GRID_FIELDS};
    let overrides: Vec<(&str, V)> = GRID_FIELDS
        .iter()
        .filter(|spec| spec.kind != FieldKind::Texts)
        .map(|spec| (spec.name, V::Bool(true)))
        .collect();
    let Err(UploadError::Cells(cells)) = read_upload(&template_with(&overrides)) else {
        panic!("expected cell errors")
    };
    assert_eq!(cells.len(), overrides.len());
    for (cell, (name, _)) in cells.iter().zip(&overrides) {
        let spec = pilotage_domain::grid::field(name).unwrap();
        let start = format!("{} (cellule B{}) : ", spec.label, template_row(name));
        assert!(cell.message.starts_with(&start), "{}", cell.message);
        assert!(!cell.message.contains(name), "{}", cell.message);
        assert_eq!(cell.field.as_deref(), Some(*name));
    }
}
