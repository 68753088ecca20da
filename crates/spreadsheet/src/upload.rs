//! Reads an uploaded XLSX or CSV grid: format detection and size limits, then the shared table logic.

use pilotage_domain::grid::IndicatorGrid;

use crate::error::UploadError;
use crate::layout::MAX_UPLOAD_BYTES;
use crate::{csv_input, table, xlsx_input};

/// The first bytes of a ZIP archive (XLSX is one): a local file header or an empty archive.
const ZIP_SIGNATURES: [&[u8]; 2] = [b"PK\x03\x04", b"PK\x05\x06"];
/// The first bytes of an OLE compound file: old .xls, or an XLSX protected by a password.
const OLE_SIGNATURE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Reads an uploaded XLSX (detected by its ZIP signature) or CSV (UTF-8 text, `;` or `,` separated) back into a grid.
/// Every bad cell is reported, not only the first.
pub fn read_upload(bytes: &[u8]) -> Result<IndicatorGrid, UploadError> {
    if bytes.is_empty() {
        return Err(UploadError::Unreadable("fichier vide".to_owned()));
    }
    if bytes.len() > MAX_UPLOAD_BYTES {
        return Err(UploadError::Unreadable(
            "fichier trop volumineux (5 Mio au plus)".to_owned(),
        ));
    }
    let rows = if ZIP_SIGNATURES.iter().any(|sig| bytes.starts_with(sig)) {
        xlsx_input::read_rows(bytes)?
    } else if bytes.starts_with(OLE_SIGNATURE) {
        return Err(UploadError::Unreadable(
            "les classeurs .xls (Excel 97-2003) ou protégés par un mot de passe ne sont pas acceptés : \
             enregistrez le fichier au format .xlsx sans mot de passe"
                .to_owned(),
        ));
    } else {
        let text = std::str::from_utf8(bytes)
            .ok()
            .filter(|text| !text.contains('\0'))
            .ok_or_else(|| {
                UploadError::Unreadable(
                    "le fichier n'est ni un classeur XLSX ni un CSV lisible (UTF-8)".to_owned(),
                )
            })?;
        if text.trim_start_matches('\u{feff}').trim().is_empty() {
            return Err(UploadError::Unreadable("fichier vide".to_owned()));
        }
        csv_input::read_rows(text)?
    };
    table::to_grid(&rows)
}
