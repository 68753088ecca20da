//! The "Champ"/"Valeur" table of an upload, whatever its format and wherever its columns, turned into a grid with
//! every bad cell reported.

use std::collections::{BTreeMap, HashMap};

use pilotage_domain::grid::{field, IndicatorGrid};

use crate::cell::{to_value, RawCell};
use crate::error::{CellError, UploadError};
use crate::layout::{cell_name, column_name, HEADER_FIELD, HEADER_VALUE, TOTAL_PREFIX};

/// The cells of one non-empty row of an upload, by 0-based column (columns beyond [`MAX_COLUMNS`] are not kept).
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct RawRow {
    /// 1-based row (XLSX) or line (CSV) number.
    pub(crate) number: u32,
    /// Each non-empty cell, and whether it holds a formula.
    pub(crate) cells: BTreeMap<u32, (RawCell, bool)>,
}

impl RawRow {
    /// The column of the cell reading `text` (case and spaces aside), if any.
    fn column_of(&self, text: &str) -> Option<u32> {
        self.cells.iter().find_map(|(col, (cell, _))| {
            matches!(cell, RawCell::Text(t) if t.trim().eq_ignore_ascii_case(text)).then_some(*col)
        })
    }

    /// Whether this row holds the « Champ » header.
    pub(crate) fn has_header(&self) -> bool {
        self.column_of(HEADER_FIELD).is_some()
    }
}

/// The field name and the value of one row, with the columns they were read from.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Row {
    pub(crate) number: u32,
    /// The field name (the « Champ » column).
    pub(crate) a: RawCell,
    /// The value (the « Valeur » column).
    pub(crate) b: RawCell,
    /// Whether the value holds a formula rather than a typed value.
    pub(crate) b_is_formula: bool,
    pub(crate) a_col: u32,
    pub(crate) b_col: u32,
}

impl Row {
    /// Whether this row is the header (« Champ » in the field column).
    pub(crate) fn is_header(&self) -> bool {
        matches!(&self.a, RawCell::Text(text) if text.trim().eq_ignore_ascii_case(HEADER_FIELD))
    }
}

/// Finds the columns by their headings — « Champ » (the field names) and « Valeur » (the values) — in the first
/// row that has them, whatever their place: the template has the French label first and the field names in a
/// hidden column, older templates and hand-made CSV files the names in column A and the values in B.
pub(crate) fn locate(raw: Vec<RawRow>) -> Vec<Row> {
    let (a_col, b_col) = raw
        .iter()
        .find_map(|r| {
            let field = r.column_of(HEADER_FIELD)?;
            Some((field, r.column_of(HEADER_VALUE).unwrap_or(field + 1)))
        })
        .unwrap_or((0, 1));
    raw.into_iter()
        .map(|mut r| {
            let (a, _) = r.cells.remove(&a_col).unwrap_or((RawCell::Empty, false));
            let (b, b_is_formula) = r.cells.remove(&b_col).unwrap_or((RawCell::Empty, false));
            Row {
                number: r.number,
                a,
                b,
                b_is_formula,
                a_col,
                b_col,
            }
        })
        .filter(|r| !r.a.is_empty() || !r.b.is_empty() || r.b_is_formula)
        .collect()
}

/// Reads the rows below the header into a grid; every bad cell is reported, in sheet order.
pub(crate) fn to_grid(rows: &[Row]) -> Result<IndicatorGrid, UploadError> {
    let header = rows.iter().position(Row::is_header).ok_or_else(|| {
        UploadError::Unreadable(format!(
            "aucun tableau « {HEADER_FIELD} » / « {HEADER_VALUE} » trouvé : une colonne doit porter l'en-tête \
             « {HEADER_FIELD} » au-dessus des noms de champs, une autre « {HEADER_VALUE} » (partez du modèle de la grille)"
        ))
    })?;

    let mut grid = IndicatorGrid::default();
    let mut errors = Vec::new();
    let mut seen: HashMap<&'static str, u32> = HashMap::new();
    for row in rows.iter().skip(header + 1) {
        let a_cell = || cell_name(row.a_col, row.number);
        let b_cell = || cell_name(row.b_col, row.number);
        // The template's totals (formulas, to compare) are not fields.
        if matches!(&row.a, RawCell::Text(t) if t.trim().starts_with(TOTAL_PREFIX)) {
            continue;
        }
        if row.a.is_empty() {
            if !row.b.is_empty() || row.b_is_formula {
                errors.push(CellError {
                    cell: b_cell(),
                    field: None,
                    message: format!(
                        "« {} » : valeur sans nom de champ en colonne {}",
                        row.b.shown(),
                        column_name(row.a_col)
                    ),
                });
            }
            continue;
        }
        let name = row.a.shown();
        let Some(spec) = field(&name.to_lowercase()) else {
            errors.push(CellError {
                cell: a_cell(),
                field: None,
                message: format!("« {name} » n'est pas un champ de la grille"),
            });
            continue;
        };
        if let Some(first) = seen.get(spec.name) {
            errors.push(CellError {
                cell: a_cell(),
                field: Some(spec.name.to_owned()),
                message: format!("champ en double (déjà présent ligne {first})"),
            });
            continue;
        }
        seen.insert(spec.name, row.number);
        if row.b_is_formula {
            errors.push(CellError {
                cell: b_cell(),
                field: Some(spec.name.to_owned()),
                message: "les formules ne sont pas acceptées, saisissez la valeur".to_owned(),
            });
            continue;
        }
        let outcome = to_value(spec.kind, &row.b)
            .and_then(|value| grid.set(spec.name, value).map_err(|e| e.to_string()));
        if let Err(message) = outcome {
            errors.push(CellError {
                cell: b_cell(),
                field: Some(spec.name.to_owned()),
                message,
            });
        }
    }
    if errors.is_empty() {
        Ok(grid)
    } else {
        Err(UploadError::Cells(errors))
    }
}
