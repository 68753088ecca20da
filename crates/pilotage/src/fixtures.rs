//! The demo network's files (`fixtures/*.json`): read from a folder, or from the copy built into the binary.

use anyhow::{Context, Result};
use chrono::{DateTime, Utc};
use pilotage_domain::{
    AcademicYear, Campus, CampusId, FlashSurvey, FlashSurveyStatus, IndicatorGrid, LockException,
    Narrative, RegionCode, ReportStatus, Role, Target,
};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

const FILES: [(&str, &str); 7] = [
    (
        "campuses.json",
        include_str!("../../../fixtures/campuses.json"),
    ),
    (
        "reports.json",
        include_str!("../../../fixtures/reports.json"),
    ),
    (
        "flash_surveys.json",
        include_str!("../../../fixtures/flash_surveys.json"),
    ),
    (
        "targets.json",
        include_str!("../../../fixtures/targets.json"),
    ),
    ("users.json", include_str!("../../../fixtures/users.json")),
    (
        "api_clients.json",
        include_str!("../../../fixtures/api_clients.json"),
    ),
    (
        "lock_exceptions.json",
        include_str!("../../../fixtures/lock_exceptions.json"),
    ),
];

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportFixture {
    pub campus_id: CampusId,
    pub academic_year: AcademicYear,
    pub status: ReportStatus,
    pub submitted_at: Option<DateTime<Utc>>,
    pub reviewed_at: Option<DateTime<Utc>>,
    pub review_comment: Option<String>,
    pub grid: IndicatorGrid,
    pub narrative: Narrative,
    #[serde(default)]
    pub gap_explanations: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct SurveyFixture {
    pub campus_id: CampusId,
    pub academic_year: AcademicYear,
    pub status: FlashSurveyStatus,
    pub submitted_at: Option<DateTime<Utc>>,
    #[serde(flatten)]
    pub survey: FlashSurvey,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserFixture {
    pub email: String,
    pub display_name: String,
    pub role: Role,
    #[serde(default)]
    pub campus_ids: Vec<CampusId>,
    pub region_code: Option<RegionCode>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApiClientFixture {
    pub client_id: String,
    pub name: String,
    pub region_code: RegionCode,
}

/// The whole demo network.
#[derive(Debug, Clone)]
pub struct Fixtures {
    pub campuses: Vec<Campus>,
    pub reports: Vec<ReportFixture>,
    pub flash_surveys: Vec<SurveyFixture>,
    pub targets: Vec<Target>,
    pub users: Vec<UserFixture>,
    pub api_clients: Vec<ApiClientFixture>,
    pub lock_exceptions: Vec<LockException>,
}

impl Fixtures {
    /// The demo network built into the binary.
    pub fn embedded() -> Result<Self> {
        Self::from_texts(|name| {
            FILES
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, text)| (*text).to_owned())
                .context("missing embedded file")
        })
    }

    /// The fixture files of a folder.
    pub fn from_dir(dir: &Path) -> Result<Self> {
        if !dir.is_dir() {
            anyhow::bail!("fixtures folder {} does not exist", dir.display());
        }
        Self::from_texts(|name| {
            let path = dir.join(name);
            std::fs::read_to_string(&path)
                .with_context(|| format!("cannot read {}", path.display()))
        })
    }

    fn from_texts(read: impl Fn(&str) -> Result<String>) -> Result<Self> {
        fn parse<T: DeserializeOwned>(name: &str, text: &str) -> Result<T> {
            serde_json::from_str(text).with_context(|| format!("invalid fixture file {name}"))
        }
        let file = |name: &str| read(name).map(|text| (name.to_owned(), text));
        let (n, t) = file("campuses.json")?;
        let campuses = parse(&n, &t)?;
        let (n, t) = file("reports.json")?;
        let reports = parse(&n, &t)?;
        let (n, t) = file("flash_surveys.json")?;
        let flash_surveys = parse(&n, &t)?;
        let (n, t) = file("targets.json")?;
        let targets = parse(&n, &t)?;
        let (n, t) = file("users.json")?;
        let users = parse(&n, &t)?;
        let (n, t) = file("api_clients.json")?;
        let api_clients = parse(&n, &t)?;
        let (n, t) = file("lock_exceptions.json")?;
        let lock_exceptions = parse(&n, &t)?;
        Ok(Self {
            campuses,
            reports,
            flash_surveys,
            targets,
            users,
            api_clients,
            lock_exceptions,
        })
    }
}
