//! What a nightly snapshot holds: the indicator exports in every format and the national dashboards of the
//! latest year (the year whose report was due this calendar year), as they stand at the time of the snapshot.

use anyhow::{Context, Result};
use chrono::{DateTime, Utc};
use pilotage_analytics::{export, Audience, ExportFormat, Scope};
use pilotage_charts::dashboard::{render, Format};
use pilotage_charts::dashboard_spec::{DashboardSpec, ScopeKind};
use pilotage_domain::AcademicYear;
use pilotage_jobs::SnapshotSource;
use pilotage_store::DbConnection;

/// The official figures: exports and national dashboards.
pub struct OfficialFigures;

impl SnapshotSource for OfficialFigures {
    fn files(&self, conn: &mut DbConnection, at: DateTime<Utc>) -> Result<Vec<(String, Vec<u8>)>> {
        let data = pilotage_store::dataset::load(conn, false)?;
        let year = AcademicYear::containing(at)
            .and_then(|y| y.previous())
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        let mut files = Vec::new();
        for format in ExportFormat::ALL {
            let bytes = export(&data, format, Audience::Internal)
                .with_context(|| format!("export {format}"))?;
            files.push((
                format!("indicators.{}.{}", format.as_str(), format.extension()),
                bytes,
            ));
        }
        for spec in DashboardSpec::built_in()?
            .iter()
            .filter(|s| s.scope == ScopeKind::National)
        {
            for format in [Format::Png, Format::Svg] {
                let bytes = render(spec, &data, &Scope::Nation, year, at, format)
                    .with_context(|| format!("dashboard {}", spec.name))?;
                files.push((
                    format!("{}-{year}.{}", spec.name, format.extension()),
                    bytes,
                ));
            }
        }
        Ok(files)
    }
}
