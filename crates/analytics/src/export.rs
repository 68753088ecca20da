//! Exports of the published figures (see [`observations`]) in CSV, JSON, Parquet, SDMX-CSV and SDMX-JSON, for
//! an audience: internal roles get exact figures, the public ones get them under disclosure control.

use crate::dataset::Dataset;
use crate::error::{failed, Result};
use crate::observations::{observations, Audience, Observation};
use crate::sdmx;
use polars::prelude::*;
use std::fmt;
use std::str::FromStr;

/// A file format of the exports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExportFormat {
    Csv,
    Json,
    Parquet,
    /// SDMX-CSV 1.0 (the CSV of SDMX 2.1).
    SdmxCsv,
    /// SDMX-JSON 1.0 data message (SDMX 2.1).
    SdmxJson,
}

/// A format name that is not one of the accepted ones.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "format d'export « {0} » inconnu : formats acceptés csv, json, parquet, sdmx-csv, sdmx-json"
)]
pub struct UnknownExportFormat(pub String);

impl ExportFormat {
    pub const ALL: [ExportFormat; 5] = [
        Self::Csv,
        Self::Json,
        Self::Parquet,
        Self::SdmxCsv,
        Self::SdmxJson,
    ];

    /// The name the format is asked for by: `csv`, `json`, `parquet`, `sdmx-csv`, `sdmx-json`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Csv => "csv",
            Self::Json => "json",
            Self::Parquet => "parquet",
            Self::SdmxCsv => "sdmx-csv",
            Self::SdmxJson => "sdmx-json",
        }
    }

    /// The media type of a file in this format.
    pub fn content_type(self) -> &'static str {
        match self {
            Self::Csv => "text/csv; charset=utf-8",
            Self::Json => "application/json",
            Self::Parquet => "application/vnd.apache.parquet",
            Self::SdmxCsv => "application/vnd.sdmx.data+csv;version=1.0.0",
            Self::SdmxJson => "application/vnd.sdmx.data+json;version=1.0.0",
        }
    }

    /// The file name extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Csv | Self::SdmxCsv => "csv",
            Self::Json | Self::SdmxJson => "json",
            Self::Parquet => "parquet",
        }
    }
}

impl fmt::Display for ExportFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ExportFormat {
    type Err = UnknownExportFormat;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        let name = s.trim().to_ascii_lowercase();
        Self::ALL
            .into_iter()
            .find(|f| f.as_str() == name)
            .ok_or_else(|| UnknownExportFormat(s.to_owned()))
    }
}

/// Every figure of `data` for `audience`, as a file in `format`.
pub fn export(data: &Dataset, format: ExportFormat, audience: Audience) -> Result<Vec<u8>> {
    export_observations(data, &observations(data, audience)?, format)
}

/// Observations already computed (and perhaps narrowed to a région) as a file in `format`.
pub fn export_observations(
    data: &Dataset,
    observations: &[Observation],
    format: ExportFormat,
) -> Result<Vec<u8>> {
    let observations = observations.to_vec();
    match format {
        ExportFormat::Csv => csv(&observations),
        ExportFormat::Json => serde_json::to_vec(&observations).map_err(|e| failed("JSON", e)),
        ExportFormat::Parquet => parquet(&observations),
        ExportFormat::SdmxCsv => sdmx::csv(&observations),
        ExportFormat::SdmxJson => sdmx::json(data, &observations),
    }
}

/// `indicator,ref_area,area_level,time_period,value,unit_measure,obs_status`, the value empty when absent.
fn csv(observations: &[Observation]) -> Result<Vec<u8>> {
    let mut writer = ::csv::Writer::from_writer(Vec::new());
    for o in observations {
        writer.serialize(o).map_err(|e| failed("CSV", e))?;
    }
    writer.into_inner().map_err(|e| failed("CSV", e))
}

/// The observations as a polars frame with the columns of the CSV export.
pub fn observations_frame(observations: &[Observation]) -> Result<DataFrame> {
    let text = |f: fn(&Observation) -> &str| -> Vec<&str> { observations.iter().map(f).collect() };
    Ok(DataFrame::new(
        observations.len(),
        vec![
            Column::new("indicator".into(), text(|o| o.indicator)),
            Column::new("ref_area".into(), text(|o| &o.ref_area)),
            Column::new("area_level".into(), text(|o| o.area_level)),
            Column::new("time_period".into(), text(|o| &o.time_period)),
            Column::new(
                "value".into(),
                observations.iter().map(|o| o.value).collect::<Vec<_>>(),
            ),
            Column::new("unit_measure".into(), text(|o| o.unit_measure)),
            Column::new("obs_status".into(), text(|o| o.obs_status.code())),
        ],
    )?)
}

fn parquet(observations: &[Observation]) -> Result<Vec<u8>> {
    let mut frame = observations_frame(observations)?;
    let mut buffer = std::io::Cursor::new(Vec::new());
    ParquetWriter::new(&mut buffer).finish(&mut frame)?;
    Ok(buffer.into_inner())
}
