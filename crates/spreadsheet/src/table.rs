//! The "Champ"/"Valeur" table of an upload, whatever its format, turned into a grid with every bad cell reported.

use std::collections::HashMap;

use pilotage_domain::grid::{field, IndicatorGrid};

use crate::cell::{to_value, RawCell};
use crate::error::{CellError, UploadError};
use crate::layout::{cell_name, HEADER_FIELD, HEADER_VALUE};

/// Columns A and B of one non-empty row of an upload.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Row {
    /// 1-based row (XLSX) or line (CSV) number.
    pub(crate) number: u32,
    /// Column A: the field name.
    pub(crate) a: RawCell,
    /// Column B: the value.
    pub(crate) b: RawCell,
    /// Whether column B holds a formula rather than a typed value.
    pub(crate) b_is_formula: bool,
}

impl Row {
    /// A row with nothing in A and B yet.
    pub(crate) fn new(number: u32) -> Self {
        Self {
            number,
            a: RawCell::Empty,
            b: RawCell::Empty,
            b_is_formula: false,
        }
    }

    /// Whether this row is the header ("Champ" in column A).
    pub(crate) fn is_header(&self) -> bool {
        matches!(&self.a, RawCell::Text(text) if text.trim().eq_ignore_ascii_case(HEADER_FIELD))
    }
}

/// Reads the rows below the header into a grid; every bad cell is reported, in sheet order.
pub(crate) fn to_grid(rows: &[Row]) -> Result<IndicatorGrid, UploadError> {
    let header = rows.iter().position(Row::is_header).ok_or_else(|| {
        UploadError::Unreadable(format!(
            "aucun tableau « {HEADER_FIELD} » / « {HEADER_VALUE} » trouvé : la colonne A doit contenir \
             l'en-tête « {HEADER_FIELD} » au-dessus des noms de champs (partez du modèle de la grille)"
        ))
    })?;

    let mut grid = IndicatorGrid::default();
    let mut errors = Vec::new();
    let mut seen: HashMap<&'static str, u32> = HashMap::new();
    for row in rows.iter().skip(header + 1) {
        let a_cell = || cell_name(0, row.number);
        let b_cell = || cell_name(1, row.number);
        if row.a.is_empty() {
            if !row.b.is_empty() || row.b_is_formula {
                errors.push(CellError {
                    cell: b_cell(),
                    field: None,
                    message: format!(
                        "« {} » : valeur sans nom de champ en colonne A",
                        row.b.shown()
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
