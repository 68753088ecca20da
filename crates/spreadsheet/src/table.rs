//! The grid table of an upload, whatever its format, turned into a grid with every bad cell reported.
//!
//! The columns are found by their headers on the header row (the row holding « Champ »), not by position: the
//! current template has the French label in column A, the value in B and the field names in a hidden column at
//! the far right; older templates and hand-made CSV files have the field names in A and the values in B.

use std::collections::{BTreeMap, HashMap};

use pilotage_domain::grid::{field, IndicatorGrid};

use crate::cell::{to_value, RawCell};
use crate::error::{CellError, UploadError};
use crate::layout::{
    cell_name, EUROS_HEADING, HEADER_FIELD, HEADER_LABEL, HEADER_VALUE, TOTAL_PREFIX,
};

/// At most this many columns of an upload are read (the template has five).
pub(crate) const MAX_COLUMNS: u32 = 32;

/// One cell of an upload row: its content, and whether it holds a formula rather than a typed value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Cell {
    pub(crate) value: RawCell,
    pub(crate) is_formula: bool,
}

/// The cells of one non-empty row of an upload (its first `MAX_COLUMNS` columns).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Row {
    /// 1-based row (XLSX) or line (CSV) number.
    pub(crate) number: u32,
    /// The non-empty cells, by 0-based column.
    pub(crate) cells: BTreeMap<u32, Cell>,
}

/// An empty cell, returned for the columns a row does not have.
const EMPTY: Cell = Cell {
    value: RawCell::Empty,
    is_formula: false,
};

impl Row {
    /// A row with no cells yet.
    pub(crate) fn new(number: u32) -> Self {
        Self {
            number,
            cells: BTreeMap::new(),
        }
    }

    /// Records a cell (ignored beyond `MAX_COLUMNS`).
    pub(crate) fn set(&mut self, column: u32, value: RawCell, is_formula: bool) {
        if column < MAX_COLUMNS && (is_formula || !value.is_empty()) {
            self.cells.insert(column, Cell { value, is_formula });
        }
    }

    /// The cell of a column (empty when absent).
    fn cell(&self, column: u32) -> &Cell {
        self.cells.get(&column).unwrap_or(&EMPTY)
    }

    /// The first column whose cell reads `header` (case and spaces aside).
    fn column_of(&self, header: &str) -> Option<u32> {
        self.cells.iter().find_map(|(column, cell)| {
            matches!(&cell.value, RawCell::Text(text) if text.trim().to_lowercase() == header.to_lowercase())
                .then_some(*column)
        })
    }

    /// Whether this row is the header (a cell reads « Champ »).
    pub(crate) fn is_header(&self) -> bool {
        self.column_of(HEADER_FIELD).is_some()
    }
}

/// Where the columns of the table are, read from its header row.
struct Columns {
    /// The field names (« Champ »).
    field: u32,
    /// The values (« Valeur », else the column right of the field names).
    value: u32,
    /// The French labels (« Libellé »), if any.
    label: Option<u32>,
}

impl Columns {
    fn of(header: &Row) -> Option<Self> {
        let field = header.column_of(HEADER_FIELD)?;
        let value = header
            .column_of(HEADER_VALUE)
            .unwrap_or_else(|| field.saturating_add(1));
        Some(Self {
            field,
            value,
            label: header.column_of(HEADER_LABEL),
        })
    }
}

/// Whether a row without a field name was written by the template itself: a heading (« En euros ») or a total
/// (« Total — … », a formula). Such rows are ignored.
fn is_template_row(label: &RawCell, value: &Cell) -> bool {
    let RawCell::Text(label) = label else {
        return false;
    };
    let label = label.trim();
    if label.starts_with(TOTAL_PREFIX.trim_end()) {
        return true;
    }
    value.is_formula && label.starts_with("Total")
        || value.value.is_empty() && !value.is_formula
        || matches!(&value.value, RawCell::Text(t) if t.trim() == EUROS_HEADING)
}

/// Reads the rows below the header into a grid; every bad cell is reported, in sheet order, its message starting
/// with the field's French label and the cell: « BTS (cellule B12) : « douze » n'est pas un nombre entier ».
pub(crate) fn to_grid(rows: &[Row]) -> Result<IndicatorGrid, UploadError> {
    let no_table = || {
        UploadError::Unreadable(format!(
            "aucun tableau « {HEADER_FIELD} » / « {HEADER_VALUE} » trouvé : une colonne doit porter \
             l'en-tête « {HEADER_FIELD} » au-dessus des noms de champs (partez du modèle de la grille)"
        ))
    };
    let header = rows.iter().position(Row::is_header).ok_or_else(no_table)?;
    let columns = Columns::of(&rows[header]).ok_or_else(no_table)?;

    let mut grid = IndicatorGrid::default();
    let mut errors = Vec::new();
    let mut seen: HashMap<&'static str, u32> = HashMap::new();
    for row in rows.iter().skip(header + 1) {
        let field_cell = || cell_name(columns.field, row.number);
        let value_cell = || cell_name(columns.value, row.number);
        let id = &row.cell(columns.field).value;
        let value = row.cell(columns.value);
        if id.is_empty() {
            let label = columns
                .label
                .map_or(&RawCell::Empty, |column| &row.cell(column).value);
            if !is_template_row(label, value) && (!value.value.is_empty() || value.is_formula) {
                errors.push(CellError {
                    cell: value_cell(),
                    field: None,
                    message: format!(
                        "Cellule {} : « {} » : valeur sans nom de champ (colonne « {HEADER_FIELD} » vide)",
                        value_cell(),
                        value.value.shown(),
                    ),
                });
            }
            continue;
        }
        let name = id.shown();
        let Some(spec) = field(&name.to_lowercase()) else {
            errors.push(CellError {
                cell: field_cell(),
                field: None,
                message: format!(
                    "Cellule {} : « {name} » n'est pas un champ de la grille",
                    field_cell()
                ),
            });
            continue;
        };
        let at = |cell: String| format!("{} (cellule {cell}) : ", spec.label);
        if let Some(first) = seen.get(spec.name) {
            errors.push(CellError {
                cell: field_cell(),
                field: Some(spec.name.to_owned()),
                message: format!(
                    "{}champ en double (déjà présent ligne {first})",
                    at(field_cell())
                ),
            });
            continue;
        }
        seen.insert(spec.name, row.number);
        if value.is_formula {
            errors.push(CellError {
                cell: value_cell(),
                field: Some(spec.name.to_owned()),
                message: format!(
                    "{}les formules ne sont pas acceptées, saisissez la valeur",
                    at(value_cell())
                ),
            });
            continue;
        }
        let outcome = to_value(spec.kind, &value.value)
            .and_then(|v| grid.set(spec.name, v).map_err(|e| e.to_string()));
        if let Err(message) = outcome {
            errors.push(CellError {
                cell: value_cell(),
                field: Some(spec.name.to_owned()),
                message: format!("{}{message}", at(value_cell())),
            });
        }
    }
    if errors.is_empty() {
        Ok(grid)
    } else {
        Err(UploadError::Cells(errors))
    }
}
