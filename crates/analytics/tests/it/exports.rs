//! Exports parsed back, and disclosure control on small networks computed by hand.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed expectation is the test failing

use crate::common;

use common::{at, campus};

use chrono::{DateTime, Utc};
use pilotage_analytics::{
    dataflow, export, observations, sdmx_time_period, Audience, Dataset, ExportFormat, ObsStatus,
    Observation,
};
use pilotage_domain::testing::ReportBuilder;
use pilotage_domain::*;
use serde::Deserialize;
use std::collections::HashMap;

fn report(id: &str, enrolled: i64, success: i64) -> AnnualReport {
    ReportBuilder::new(id, "2024-2025")
        .status(ReportStatus::Accepted)
        .grid(IndicatorGrid {
            students_enrolled: Some(enrolled),
            // Every group of student counts complete: the others failed, nobody in a private programme.
            outcome_success: Some(success),
            outcome_failure: Some(enrolled - success),
            outcome_dropout: Some(0),
            outcome_reorientation: Some(0),
            outcome_pending: Some(0),
            prog_private: Some(0),
            survey_respondents: Some(0),
            survey_would_not_have_studied: Some(0),
            tutors_fte: Some(1.0),
            ..Default::default()
        })
        .submitted_at(Some(at("2025-08-20T10:00:00Z")))
        .build()
}

/// BFC: autun 3 students (to suppress), nevers 40, dole 25. ARA: privas alone, 2 students. OCC: millau 30,
/// rodez 12. PAC: digne 0 students (its rates undefined).
fn network() -> Dataset {
    let campuses = [
        ("autun", RegionCode::BFC, 3, 2),
        ("nevers", RegionCode::BFC, 40, 30),
        ("dole", RegionCode::BFC, 25, 20),
        ("privas", RegionCode::ARA, 2, 1),
        ("millau", RegionCode::OCC, 30, 24),
        ("rodez", RegionCode::OCC, 12, 9),
    ];
    Dataset {
        campuses: campuses
            .iter()
            .map(|(id, r, _, _)| campus(id, *r))
            .collect(),
        reports: campuses
            .iter()
            .map(|(id, _, enrolled, success)| report(id, *enrolled, *success))
            .collect(),
        ..Default::default()
    }
}

fn find<'a>(obs: &'a [Observation], indicator: &str, area: &str) -> &'a Observation {
    obs.iter()
        .find(|o| o.indicator == indicator && o.ref_area == area)
        .unwrap_or_else(|| panic!("no {indicator} for {area}"))
}

fn shown(obs: &[Observation], indicator: &str, area: &str) -> (Option<f64>, ObsStatus) {
    let o = find(obs, indicator, area);
    (o.value, o.obs_status)
}

const C: ObsStatus = ObsStatus::Confidential;
const A: ObsStatus = ObsStatus::Normal;

/// An observation as the flat formats hold it.
#[derive(Debug, Deserialize)]
struct Row {
    indicator: String,
    ref_area: String,
    area_level: String,
    time_period: String,
    value: Option<f64>,
    unit_measure: String,
    obs_status: String,
}

fn same(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() <= 1e-9 * a.abs().max(1.0),
        (None, None) => true,
        _ => false,
    }
}

fn assert_rows_match(rows: &[Row], expected: &[Observation]) {
    assert_eq!(rows.len(), expected.len());
    for (row, o) in rows.iter().zip(expected) {
        assert_eq!(
            (
                row.indicator.as_str(),
                row.ref_area.as_str(),
                row.area_level.as_str(),
                row.time_period.as_str(),
                row.unit_measure.as_str(),
                row.obs_status.as_str()
            ),
            (
                o.indicator,
                o.ref_area.as_str(),
                o.area_level,
                o.time_period.as_str(),
                o.unit_measure,
                o.obs_status.code()
            )
        );
        assert!(same(row.value, o.value), "{row:?} against {o:?}");
    }
}

#[test]
fn the_csv_export_parses_back_to_the_observations() {
    let data = network();
    let expected = observations(&data, Audience::Public).unwrap();
    let bytes = export(&data, ExportFormat::Csv, Audience::Public).unwrap();
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        vec![
            "indicator",
            "ref_area",
            "area_level",
            "time_period",
            "value",
            "unit_measure",
            "obs_status"
        ]
    );
    let rows: Vec<Row> = reader.deserialize().map(Result::unwrap).collect();
    assert_rows_match(&rows, &expected);
    // A confidential value is an empty field, never a number.
    let text = String::from_utf8(bytes).unwrap();
    assert!(
        text.contains("enrolment,autun,campus,2024-2025,,STUDENTS,C\n"),
        "{text}"
    );
}

#[test]
fn the_json_export_parses_back_to_the_observations() {
    let data = network();
    let expected = observations(&data, Audience::Public).unwrap();
    let bytes = export(&data, ExportFormat::Json, Audience::Public).unwrap();
    let rows: Vec<Row> = serde_json::from_slice(&bytes).unwrap();
    assert_rows_match(&rows, &expected);
    let raw: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    assert!(raw
        .as_array()
        .unwrap()
        .iter()
        .any(|o| o["obs_status"] == "C" && o["value"].is_null()));
}

#[test]
fn the_parquet_export_reads_back_with_polars() {
    use polars::prelude::*;
    let data = network();
    let expected = observations(&data, Audience::Public).unwrap();
    let bytes = export(&data, ExportFormat::Parquet, Audience::Public).unwrap();
    let df = ParquetReader::new(std::io::Cursor::new(bytes))
        .finish()
        .unwrap();
    assert_eq!(df.height(), expected.len());
    let text = |name: &str| -> Vec<String> {
        df.column(name)
            .unwrap()
            .str()
            .unwrap()
            .iter()
            .map(|s| s.unwrap().to_owned())
            .collect()
    };
    let (indicator, area, level, period, unit, status) = (
        text("indicator"),
        text("ref_area"),
        text("area_level"),
        text("time_period"),
        text("unit_measure"),
        text("obs_status"),
    );
    let values: Vec<Option<f64>> = df.column("value").unwrap().f64().unwrap().iter().collect();
    let rows: Vec<Row> = (0..df.height())
        .map(|i| Row {
            indicator: indicator[i].clone(),
            ref_area: area[i].clone(),
            area_level: level[i].clone(),
            time_period: period[i].clone(),
            value: values[i],
            unit_measure: unit[i].clone(),
            obs_status: status[i].clone(),
        })
        .collect();
    assert_rows_match(&rows, &expected);
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
struct SdmxRow {
    dataflow: String,
    indicator: String,
    ref_area: String,
    time_period: String,
    obs_value: Option<f64>,
    unit_measure: String,
    obs_status: String,
}

#[test]
fn the_sdmx_csv_export_parses_back_to_the_observations() {
    let data = network();
    let expected = observations(&data, Audience::Public).unwrap();
    let bytes = export(&data, ExportFormat::SdmxCsv, Audience::Public).unwrap();
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        vec![
            "DATAFLOW",
            "INDICATOR",
            "REF_AREA",
            "TIME_PERIOD",
            "OBS_VALUE",
            "UNIT_MEASURE",
            "OBS_STATUS"
        ]
    );
    let rows: Vec<SdmxRow> = reader.deserialize().map(Result::unwrap).collect();
    assert_eq!(rows.len(), expected.len());
    for (row, o) in rows.iter().zip(&expected) {
        assert_eq!(row.dataflow, "PILOTAGE:CAMPUS_CONNECTES(1.0)");
        assert_eq!(row.dataflow, dataflow());
        assert_eq!(
            (
                row.indicator.as_str(),
                row.ref_area.as_str(),
                row.time_period.as_str(),
                row.unit_measure.as_str(),
                row.obs_status.as_str()
            ),
            (
                o.indicator,
                o.ref_area.as_str(),
                "2024-09-01/P1Y",
                o.unit_measure,
                o.obs_status.code()
            )
        );
        assert!(same(row.obs_value, o.value), "{row:?} against {o:?}");
    }
}

#[test]
fn the_sdmx_json_export_is_a_consistent_data_message() {
    let data = network();
    let expected = observations(&data, Audience::Public).unwrap();
    let bytes = export(&data, ExportFormat::SdmxJson, Audience::Public).unwrap();
    let message: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    assert!(message["header"]["id"].is_string());
    assert!(message["header"]["prepared"]
        .as_str()
        .unwrap()
        .parse::<DateTime<Utc>>()
        .is_ok());
    assert_eq!(message["header"]["sender"]["id"], "PILOTAGE");
    let structure = &message["structure"];
    let dimensions = structure["dimensions"]["observation"].as_array().unwrap();
    let ids: Vec<_> = dimensions
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, vec!["INDICATOR", "REF_AREA", "TIME_PERIOD"]);
    let codes = |component: &serde_json::Value| -> Vec<String> {
        component["values"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let (indicators, areas, periods) = (
        codes(&dimensions[0]),
        codes(&dimensions[1]),
        codes(&dimensions[2]),
    );
    assert_eq!(periods, vec![sdmx_time_period("2024-2025")]);
    assert_eq!(dimensions[2]["values"][0]["name"], "2024-2025");
    assert!(areas.contains(&"FR".to_owned()) && areas.contains(&"BFC".to_owned()));
    let attributes = structure["attributes"]["observation"].as_array().unwrap();
    let attribute_ids: Vec<_> = attributes
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(attribute_ids, vec!["UNIT_MEASURE", "OBS_STATUS"]);
    let (units, statuses) = (codes(&attributes[0]), codes(&attributes[1]));
    let observations = message["dataSets"][0]["observations"].as_object().unwrap();
    assert_eq!(observations.len(), expected.len());
    // Decode every observation through the structure and compare with the observations.
    let mut decoded: HashMap<(String, String), (Option<f64>, String, String)> = HashMap::new();
    for (key, obs) in observations {
        let at: Vec<usize> = key.split(':').map(|i| i.parse().unwrap()).collect();
        assert_eq!(at.len(), 3, "{key}");
        assert_eq!(periods[at[2]], "2024-09-01/P1Y");
        let obs = obs.as_array().unwrap();
        let index = |v: &serde_json::Value| v.as_u64().unwrap() as usize;
        decoded.insert(
            (indicators[at[0]].clone(), areas[at[1]].clone()),
            (
                obs[0].as_f64(),
                units[index(&obs[1])].clone(),
                statuses[index(&obs[2])].clone(),
            ),
        );
    }
    for o in &expected {
        let (value, unit, status) = &decoded[&(o.indicator.to_owned(), o.ref_area.clone())];
        assert!(same(*value, o.value), "{o:?}");
        assert_eq!(
            (unit.as_str(), status.as_str()),
            (o.unit_measure, o.obs_status.code())
        );
    }
}

#[test]
fn public_figures_hide_one_to_four_students() {
    let obs = observations(&network(), Audience::Public).unwrap();
    // 3 students at autun: the head count and every figure computed from it are confidential.
    for indicator in [
        "enrolment",
        "success_rate",
        "public_share",
        "students_per_tutor",
    ] {
        assert_eq!(shown(&obs, indicator, "autun"), (None, C), "{indicator}");
    }
    // A campus of 40 students (30 successes, 10 failures) is published as it is.
    assert_eq!(shown(&obs, "enrolment", "nevers"), (Some(40.0), A));
    assert_eq!(shown(&obs, "success_rate", "nevers"), (Some(75.0), A));
    // rodez: 12 students, 3 failures: its outcome rates are withheld as a whole, its head count and public
    // share are not.
    assert_eq!(shown(&obs, "enrolment", "rodez"), (Some(12.0), A));
    assert_eq!(shown(&obs, "public_share", "rodez"), (Some(100.0), A));
    for indicator in [
        "success_rate",
        "failure_rate",
        "dropout_rate",
        "success_rate_sitters",
    ] {
        assert_eq!(shown(&obs, indicator, "rodez"), (None, C), "{indicator}");
    }
    // Pooled over ARA (privas alone: 1 success out of 2), the regional rate is confidential too.
    assert_eq!(shown(&obs, "success_rate", "ARA"), (None, C));
    assert_eq!(shown(&obs, "students_per_tutor", "ARA"), (None, C));
    // The national total of 112 is published.
    assert_eq!(shown(&obs, "enrolment", "FR"), (Some(112.0), A));
}

#[test]
fn a_complementary_campus_cell_stops_the_regional_total_revealing_a_hidden_one() {
    let obs = observations(&network(), Audience::Public).unwrap();
    // With only autun hidden, BFC's total less nevers and dole would give its 3 students, so the smallest other
    // campus of the région, dole (25), is hidden too, with every figure of its head count; nevers (40) stays.
    assert_eq!(shown(&obs, "enrolment", "dole"), (None, C));
    assert_eq!(shown(&obs, "success_rate", "dole"), (None, C));
    assert_eq!(shown(&obs, "enrolment", "nevers"), (Some(40.0), A));
    // OCC's outcomes less millau's would give rodez's 3 failures: millau's outcome rates are withheld beside
    // them (9 failures together), its head count stays, and OCC's pooled rates are published.
    assert_eq!(shown(&obs, "success_rate", "millau"), (None, C));
    assert_eq!(shown(&obs, "enrolment", "millau"), (Some(30.0), A));
    let (occ, status) = shown(&obs, "success_rate", "OCC");
    assert!((occ.unwrap() - 3300.0 / 42.0).abs() < 1e-9 && status == A);
}

#[test]
fn a_single_campus_region_has_its_total_hidden_and_another_region_covers_it() {
    let obs = observations(&network(), Audience::Public).unwrap();
    // privas is ARA's only campus: its total would show its 2 students.
    assert_eq!(shown(&obs, "enrolment", "privas"), (None, C));
    assert_eq!(shown(&obs, "enrolment", "ARA"), (None, C));
    // The national total (112) less the other régions would give ARA back: a région whose total is not the sum
    // of published campuses is withheld beside it, BFC (autun and dole withheld); OCC, the sum of its published
    // campuses, would protect nothing and stays.
    assert_eq!(shown(&obs, "enrolment", "BFC"), (None, C));
    assert_eq!(shown(&obs, "success_rate", "BFC"), (None, C));
    assert_eq!(shown(&obs, "enrolment", "OCC"), (Some(42.0), A));
    assert_eq!(shown(&obs, "enrolment", "FR"), (Some(112.0), A));
}

#[test]
fn the_internal_audience_sees_exact_figures() {
    let obs = observations(&network(), Audience::Internal).unwrap();
    assert!(obs.iter().all(|o| o.obs_status != C));
    assert_eq!(shown(&obs, "enrolment", "autun"), (Some(3.0), A));
    assert_eq!(shown(&obs, "enrolment", "ARA"), (Some(2.0), A));
    assert_eq!(shown(&obs, "enrolment", "OCC"), (Some(42.0), A));
    assert_eq!(shown(&obs, "success_rate", "privas"), (Some(50.0), A));
    let public = observations(&network(), Audience::Public).unwrap();
    assert_eq!(obs.len(), public.len());
}

#[test]
fn undefined_values_are_missing_not_confidential() {
    let mut data = network();
    data.campuses.push(campus("digne", RegionCode::PAC));
    data.reports.push(report("digne", 0, 0));
    for audience in [Audience::Internal, Audience::Public] {
        let obs = observations(&data, audience).unwrap();
        assert_eq!(
            shown(&obs, "success_rate", "digne"),
            (None, ObsStatus::Missing)
        );
        assert_eq!(shown(&obs, "enrolment", "digne"), (Some(0.0), A));
        let o = find(&obs, "success_rate", "PAC");
        assert_eq!((o.area_level, o.unit_measure), ("region", "PC"));
    }
}

#[test]
fn observations_carry_sdmx_units_and_levels() {
    let obs = observations(&network(), Audience::Internal).unwrap();
    let unit = |indicator: &str| find(&obs, indicator, "FR").unit_measure;
    assert_eq!(unit("success_rate"), "PC");
    assert_eq!(unit("cost_per_student").len(), 3);
    assert_eq!(unit("students_per_tutor"), "STUDENTS_PER_FTE");
    assert_eq!(unit("enrolment"), "STUDENTS");
    let fr = find(&obs, "enrolment", "FR");
    assert_eq!(
        (fr.area_level, fr.time_period.as_str()),
        ("nation", "2024-2025")
    );
    assert_eq!(find(&obs, "enrolment", "BFC").area_level, "region");
    assert_eq!(find(&obs, "enrolment", "autun").area_level, "campus");
}

#[test]
fn an_unknown_export_format_gives_a_clear_french_error() {
    let err = "xlsx".parse::<ExportFormat>().unwrap_err().to_string();
    assert_eq!(
        err,
        "format d'export « xlsx » inconnu : formats acceptés csv, json, parquet, sdmx-csv, sdmx-json"
    );
    assert_eq!(
        "sdmx-json".parse::<ExportFormat>().unwrap(),
        ExportFormat::SdmxJson
    );
    assert_eq!("CSV".parse::<ExportFormat>().unwrap(), ExportFormat::Csv);
    for format in ExportFormat::ALL {
        assert_eq!(format.as_str().parse::<ExportFormat>().unwrap(), format);
    }
    assert_eq!(
        ExportFormat::SdmxJson.content_type(),
        "application/vnd.sdmx.data+json;version=1.0.0"
    );
    assert_eq!(ExportFormat::Parquet.extension(), "parquet");
}
