//! The SDMX 2.1 exports: SDMX-CSV 1.0 and the SDMX-JSON 1.0 data message, for the dataflow
//! `PILOTAGE:CAMPUS_CONNECTES(1.0)` with the dimensions INDICATOR, REF_AREA and TIME_PERIOD and the observation
//! attributes UNIT_MEASURE and OBS_STATUS.
//!
//! TIME_PERIOD is an SDMX time range (`2024-09-01/P1Y`: one year from 1 September), since an academic year
//! written `2024-2025` is not an SDMX time period; SDMX-JSON names each period `2024-2025` and gives its start
//! and end.

use crate::dataset::Dataset;
use crate::error::{failed, Result};
use crate::observations::{unit_measure, unit_measure_label, ObsStatus, Observation, NATION_AREA};
use pilotage_domain::indicators::INDICATORS;
use pilotage_domain::{AcademicYear, RegionCode};
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use serde_json::{json, Value};
use std::collections::HashMap;

pub const AGENCY: &str = "PILOTAGE";
pub const DATAFLOW_ID: &str = "CAMPUS_CONNECTES";
pub const DATAFLOW_VERSION: &str = "1.0";

/// `PILOTAGE:CAMPUS_CONNECTES(1.0)`, the DATAFLOW column of SDMX-CSV.
pub fn dataflow() -> String {
    format!("{AGENCY}:{DATAFLOW_ID}({DATAFLOW_VERSION})")
}

/// The SDMX TIME_PERIOD of an academic year written `2024-2025`: `2024-09-01/P1Y` (unchanged if not a year).
pub fn sdmx_time_period(time_period: &str) -> String {
    match time_period.parse::<AcademicYear>() {
        Ok(y) => format!("{}-09-01/P1Y", y.start_year()),
        Err(_) => time_period.to_owned(),
    }
}

#[derive(Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
struct CsvRow<'a> {
    dataflow: &'a str,
    indicator: &'a str,
    ref_area: &'a str,
    time_period: String,
    obs_value: Option<f64>,
    unit_measure: &'a str,
    obs_status: &'a str,
}

/// SDMX-CSV 1.0: `DATAFLOW,INDICATOR,REF_AREA,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,OBS_STATUS`.
pub(crate) fn csv(observations: &[Observation]) -> Result<Vec<u8>> {
    let dataflow = dataflow();
    let mut periods: HashMap<&str, String> = HashMap::new();
    let mut writer = ::csv::Writer::from_writer(Vec::new());
    for o in observations {
        let period = periods
            .entry(&o.time_period)
            .or_insert_with(|| sdmx_time_period(&o.time_period))
            .clone();
        writer
            .serialize(CsvRow {
                dataflow: &dataflow,
                indicator: o.indicator,
                ref_area: &o.ref_area,
                time_period: period,
                obs_value: o.value,
                unit_measure: o.unit_measure,
                obs_status: o.obs_status.code(),
            })
            .map_err(|e| failed("SDMX-CSV", e))?;
    }
    writer.into_inner().map_err(|e| failed("SDMX-CSV", e))
}

/// The distinct values of a dimension, in a given order, with the position of each.
struct Codes<'a> {
    ids: Vec<&'a str>,
    positions: HashMap<&'a str, usize>,
}

impl<'a> Codes<'a> {
    fn new(mut ids: Vec<&'a str>, key: impl Fn(&&'a str) -> (u8, &'a str)) -> Self {
        ids.sort_by_key(|id| key(id));
        ids.dedup();
        let positions = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
        Self { ids, positions }
    }

    fn position(&self, id: &str) -> usize {
        self.positions.get(id).copied().unwrap_or_default()
    }
}

/// `dataSets[0].observations`: `"i:j:k": [value, unit, status]`, serialised without building a JSON tree.
struct ObservationMap<'a> {
    observations: &'a [Observation],
    indicators: &'a Codes<'a>,
    areas: &'a Codes<'a>,
    periods: &'a Codes<'a>,
    units: &'a Codes<'a>,
}

impl Serialize for ObservationMap<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.observations.len()))?;
        for o in self.observations {
            let key = format!(
                "{}:{}:{}",
                self.indicators.position(o.indicator),
                self.areas.position(&o.ref_area),
                self.periods.position(&o.time_period)
            );
            let status = ObsStatus::ALL
                .iter()
                .position(|s| *s == o.obs_status)
                .unwrap_or_default();
            map.serialize_entry(
                &key,
                &(o.value, self.units.position(o.unit_measure), status),
            )?;
        }
        map.end()
    }
}

#[derive(Serialize)]
struct Message<'a> {
    header: Value,
    #[serde(rename = "dataSets")]
    data_sets: [DataSet<'a>; 1],
    structure: Value,
}

#[derive(Serialize)]
struct DataSet<'a> {
    action: &'static str,
    observations: ObservationMap<'a>,
}

fn level_rank(level: &str) -> u8 {
    match level {
        "nation" => 0,
        "region" => 1,
        _ => 2,
    }
}

/// The SDMX-JSON 1.0 data message (`application/vnd.sdmx.data+json;version=1.0.0`), all dimensions at the
/// observation level.
pub(crate) fn json(data: &Dataset, observations: &[Observation]) -> Result<Vec<u8>> {
    let indicator_rank = |name: &str| {
        INDICATORS
            .iter()
            .position(|i| i.name == name)
            .unwrap_or(usize::MAX)
    };
    let mut indicator_ids: Vec<&str> = observations.iter().map(|o| o.indicator).collect();
    indicator_ids.sort_by_key(|n| indicator_rank(n));
    indicator_ids.dedup();
    let indicators = Codes {
        positions: indicator_ids
            .iter()
            .enumerate()
            .map(|(i, n)| (*n, i))
            .collect(),
        ids: indicator_ids,
    };
    let levels: HashMap<&str, u8> = observations
        .iter()
        .map(|o| (o.ref_area.as_str(), level_rank(o.area_level)))
        .collect();
    let areas = Codes::new(levels.keys().copied().collect(), |id| {
        (levels.get(id).copied().unwrap_or(2), *id)
    });
    let periods = Codes::new(
        observations
            .iter()
            .map(|o| o.time_period.as_str())
            .collect(),
        |id| (0, *id),
    );
    let units = Codes::new(
        INDICATORS.iter().map(|i| unit_measure(i.unit)).collect(),
        |id| (0, *id),
    );
    let campus_names: HashMap<&str, &str> = data
        .campuses
        .iter()
        .map(|c| (c.id.as_str(), c.name.as_str()))
        .collect();
    let area_name = |id: &str| -> String {
        if id == NATION_AREA {
            return "France".to_owned();
        }
        if let Ok(r) = id.parse::<RegionCode>() {
            return r.region().name.to_owned();
        }
        campus_names.get(id).map_or(id, |n| n).to_owned()
    };
    let label = |name: &'static str| {
        INDICATORS
            .iter()
            .find(|i| i.name == name)
            .map_or(name, |i| i.label)
    };
    let period_value = |id: &str| match id.parse::<AcademicYear>() {
        Ok(y) => json!({
            "id": sdmx_time_period(id),
            "name": id,
            "start": format!("{}-09-01T00:00:00", y.start_year()),
            "end": format!("{}-08-31T23:59:59", y.end_year()),
        }),
        Err(_) => json!({ "id": id, "name": id }),
    };
    let prepared = chrono::Utc::now();
    let message = Message {
        header: json!({
            "id": format!("PILOTAGE-{}", prepared.format("%Y%m%dT%H%M%S")),
            "test": false,
            "prepared": prepared.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            "sender": { "id": AGENCY, "name": "Pilotage — réseau des Campus connectés" },
        }),
        data_sets: [DataSet {
            action: "Information",
            observations: ObservationMap {
                observations,
                indicators: &indicators,
                areas: &areas,
                periods: &periods,
                units: &units,
            },
        }],
        structure: json!({
            "links": [{
                "rel": "dataflow",
                "urn": format!(
                    "urn:sdmx:org.sdmx.infomodel.datastructure.Dataflow={AGENCY}:{DATAFLOW_ID}({DATAFLOW_VERSION})"
                ),
            }],
            "name": "Indicateurs des Campus connectés",
            "dimensions": {
                "dataSet": [],
                "series": [],
                "observation": [
                    {
                        "id": "INDICATOR",
                        "name": "Indicateur",
                        "keyPosition": 0,
                        "values": indicators.ids.iter().map(|n| json!({ "id": n, "name": label(n) })).collect::<Vec<Value>>(),
                    },
                    {
                        "id": "REF_AREA",
                        "name": "Territoire (campus, région académique ou France)",
                        "keyPosition": 1,
                        "values": areas.ids.iter().map(|a| json!({ "id": a, "name": area_name(a) })).collect::<Vec<Value>>(),
                    },
                    {
                        "id": "TIME_PERIOD",
                        "name": "Année universitaire",
                        "keyPosition": 2,
                        "role": "time",
                        "values": periods.ids.iter().map(|p| period_value(p)).collect::<Vec<Value>>(),
                    },
                ],
            },
            "attributes": {
                "dataSet": [],
                "series": [],
                "observation": [
                    {
                        "id": "UNIT_MEASURE",
                        "name": "Unité de mesure",
                        "values": units.ids.iter().map(|u| json!({ "id": u, "name": unit_measure_label(u) })).collect::<Vec<Value>>(),
                    },
                    {
                        "id": "OBS_STATUS",
                        "name": "Statut de l'observation",
                        "values": ObsStatus::ALL.iter().map(|s| json!({ "id": s.code(), "name": s.label() })).collect::<Vec<Value>>(),
                    },
                ],
            },
        }),
    };
    serde_json::to_vec(&message).map_err(|e| failed("SDMX-JSON", e))
}
