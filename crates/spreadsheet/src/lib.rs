#![doc = include_str!("../README.md")]

mod cell;
mod csv_input;
mod error;
mod layout;
mod renewal;
mod shown_table;
mod table;
mod template;
mod upload;
mod xlsx_archive;
mod xlsx_input;

pub use cell::parse_typed;
pub use error::{CellError, SheetError, UploadError};
pub use layout::MAX_UPLOAD_BYTES;
pub use renewal::{write_renewal, MISSING, RENEWAL_SHEETS};
pub use shown_table::{write_shown_csv, write_shown_xlsx, NumberKind, ShownCell, ShownTable};
pub use template::{write_template, Prefill, TemplateInfo};
pub use upload::read_upload;
