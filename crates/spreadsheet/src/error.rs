//! The errors of the crate: a template that could not be written, an upload that could not be read.

use std::fmt;

/// Writing the XLSX template failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("la génération du classeur a échoué : {0}")]
pub struct SheetError(String);

impl SheetError {
    /// Wraps the (French) reason why the workbook could not be written.
    pub(crate) fn new(reason: impl Into<String>) -> Self {
        Self(reason.into())
    }
}

impl From<rust_xlsxwriter::XlsxError> for SheetError {
    fn from(error: rust_xlsxwriter::XlsxError) -> Self {
        Self(error.to_string())
    }
}

/// One bad cell of an upload: where it is, which field it belongs to, what is wrong (in French).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellError {
    /// The spreadsheet name of the cell, e.g. "B14".
    pub cell: String,
    /// The grid field of the row, when the row names a known field.
    pub field: Option<String>,
    /// What is wrong, in French, starting with the field's label and the cell, e.g.
    /// "BTS (cellule B14) : « douze » n'est pas un nombre entier" ("Cellule A20 : …" when no field is known).
    pub message: String,
}

impl fmt::Display for CellError {
    /// The message, which already names the field by its French label and the cell.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// Why an uploaded file could not be turned into a grid.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UploadError {
    /// Not a workbook or CSV that can be read, empty, too big, no "Champ"/"Valeur" table found… (French message).
    #[error("fichier illisible : {0}")]
    Unreadable(String),
    /// One entry per bad cell, in sheet order.
    #[error("{}", cells_summary(.0))]
    Cells(Vec<CellError>),
}

/// "2 cellules en erreur : B14 — … ; B15 — …".
fn cells_summary(cells: &[CellError]) -> String {
    let list = cells
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(" ; ");
    match cells.len() {
        0 => "aucune cellule en erreur".to_owned(),
        1 => format!("1 cellule en erreur : {list}"),
        n => format!("{n} cellules en erreur : {list}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_errors_show_their_message_which_names_the_label_and_the_cell() {
        let with_field = CellError {
            cell: "B14".into(),
            field: Some("prog_bts".into()),
            message: "BTS (cellule B14) : « douze » n'est pas un nombre entier".into(),
        };
        assert_eq!(
            with_field.to_string(),
            "BTS (cellule B14) : « douze » n'est pas un nombre entier"
        );
        let without = CellError {
            cell: "A20".into(),
            field: None,
            message: "Cellule A20 : « foo » n'est pas un champ de la grille".into(),
        };
        assert_eq!(
            UploadError::Cells(vec![with_field, without]).to_string(),
            "2 cellules en erreur : BTS (cellule B14) : « douze » n'est pas un nombre entier ; \
             Cellule A20 : « foo » n'est pas un champ de la grille"
        );
        assert_eq!(
            UploadError::Unreadable("fichier vide".into()).to_string(),
            "fichier illisible : fichier vide"
        );
    }
}
