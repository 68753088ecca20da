//! The renewal record (issue 9): a campus's multi-year record against the specification's criteria grids, as JSON,
//! XLSX and a print-ready page; the PUTs that write the campus's texts, the establishment's part and the forecast
//! budget; and the network table of who would qualify today.

mod budget;
mod establishment;
mod get;
mod network;
mod page;
mod texts;
mod workbook;

pub use budget::{put_renewal_budget, BudgetRequest, BudgetResponse};
pub use establishment::{put_renewal_establishment, EstablishmentResponse};
pub use get::get_renewal;
pub use network::{renewal_network, NetworkRow, NetworkTable};
pub use page::renewal_page;
pub use texts::{put_renewal_texts, TextsRequest};
pub use workbook::renewal_workbook;

pub use pilotage_app::renewal::SpanQuery;
