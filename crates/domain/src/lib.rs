#![doc = include_str!("../README.md")]

pub mod academic_year;
pub mod account;
pub mod campus;
pub mod clock;
pub mod criteria;
pub mod dataset;
pub mod deadline;
pub mod default_targets;
pub mod disclosure;
pub mod flash_survey;
pub mod french;
pub mod grid;
pub mod indicators;
pub mod notification;
#[cfg(feature = "openapi")]
mod openapi;
pub mod progress;
pub mod region;
pub mod renewal;
pub mod report;
pub mod role;
pub mod submission;
pub mod target;
#[cfg(any(test, feature = "testing"))]
pub mod testing;
pub mod text;
pub mod validation;
pub mod workflow;

pub use academic_year::{AcademicYear, AcademicYearError};
pub use account::{ApiClient, User};
pub use campus::{
    Campus, CampusError, CampusId, CampusStatus, ConventionPeriod, Premises, PremisesKind,
};
pub use clock::{Clock, FixedClock, SystemClock};
pub use deadline::{DeadlineKind, LockException};
pub use flash_survey::{FlashSurvey, FlashSurveyRecord, FlashSurveyStatus};
pub use grid::{FieldKind, FieldSpec, FieldValue, IndicatorGrid, Section, GRID_FIELDS};
pub use indicators::{Indicator, IndicatorValue, Pooling, Unit, INDICATORS};
pub use notification::Event;
pub use progress::Progress;
pub use region::{Region, RegionCode};
pub use report::{AnnualReport, Narrative, Timeliness};
pub use role::Role;
pub use target::{Direction, Gap, GapStatus, Target, TargetScope};
pub use validation::{Severity, ValidationIssue, ValidationReport};
pub use workflow::{ReportAction, ReportStatus, WorkflowError};
