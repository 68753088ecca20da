//! Dashboards as data: each `dashboards/*.toml` file describes one dashboard (title, scope, layout, panels, the
//! indicators they show), in French. Adding a panel needs no Rust change. The files are built into the binary;
//! a folder can be read instead.

use serde::Deserialize;
use std::path::Path;

/// The files of the repository's `dashboards/` folder, built in.
const BUILT_IN: [(&str, &str); 5] = [
    (
        "national.toml",
        include_str!("../../../dashboards/national.toml"),
    ),
    (
        "region.toml",
        include_str!("../../../dashboards/region.toml"),
    ),
    (
        "campus.toml",
        include_str!("../../../dashboards/campus.toml"),
    ),
    ("gaps.toml", include_str!("../../../dashboards/gaps.toml")),
    (
        "completeness.toml",
        include_str!("../../../dashboards/completeness.toml"),
    ),
];

/// Which figures a dashboard is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScopeKind {
    National,
    Region,
    Campus,
}

/// What a panel draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PanelKind {
    /// Headline figures.
    Tiles,
    /// An indicator over years against its target (and the national value, for a région or a campus).
    Series,
    /// The régions compared on an indicator.
    Regions,
    /// The campuses of the scope compared on an indicator.
    Campuses,
    /// Campus rates against their enrolment, with control limits.
    Funnel,
    /// The campuses placed by their coordinates, coloured by the state of their report.
    Map,
    /// The campuses that miss their target on an indicator.
    Gaps,
    /// Submission status by région.
    Completeness,
    /// A campus's brand criteria.
    Scorecard,
}

/// The headline figures a tiles panel can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tile {
    Campuses,
    Students,
    SuccessRate,
    CostPerStudent,
    Completeness,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Submissions {
    AnnualReports,
    FlashSurveys,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PanelSpec {
    pub kind: PanelKind,
    /// French title.
    pub title: String,
    pub indicator: Option<String>,
    #[serde(default)]
    pub tiles: Vec<Tile>,
    pub what: Option<Submissions>,
    /// Columns the panel spans (1 by default).
    #[serde(default = "one")]
    pub span: u32,
}

fn one() -> u32 {
    1
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DashboardSpec {
    pub name: String,
    /// French title.
    pub title: String,
    pub scope: ScopeKind,
    /// Columns of the panel grid.
    pub columns: u32,
    pub panels: Vec<PanelSpec>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("tableau de bord {file} : {message}")]
pub struct SpecError {
    pub file: String,
    pub message: String,
}

impl DashboardSpec {
    /// Reads and checks one file's text.
    pub fn parse(file: &str, text: &str) -> Result<Self, SpecError> {
        let fail = |message: String| SpecError {
            file: file.to_owned(),
            message,
        };
        let spec: Self = toml::from_str(text).map_err(|e| fail(e.to_string()))?;
        if spec.name.is_empty()
            || !spec
                .name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b == b'-')
        {
            return Err(fail(format!(
                "nom « {} » invalide : lettres minuscules et tirets",
                spec.name
            )));
        }
        if !(1..=4).contains(&spec.columns) {
            return Err(fail("columns doit être compris entre 1 et 4".into()));
        }
        if spec.panels.is_empty() {
            return Err(fail("aucun panneau".into()));
        }
        for (i, panel) in spec.panels.iter().enumerate() {
            let needs_indicator = matches!(
                panel.kind,
                PanelKind::Series | PanelKind::Regions | PanelKind::Campuses | PanelKind::Funnel
            );
            match &panel.indicator {
                Some(name) if pilotage_domain::indicators::indicator(name).is_none() => {
                    return Err(fail(format!(
                        "panneau {} : indicateur « {name} » inconnu",
                        i + 1
                    )));
                }
                None if needs_indicator => {
                    return Err(fail(format!("panneau {} : indicator manquant", i + 1)))
                }
                _ => {}
            }
            if panel.kind == PanelKind::Funnel
                && panel
                    .indicator
                    .as_deref()
                    .and_then(pilotage_domain::indicators::indicator)
                    .is_some_and(|i| !i.proportion)
            {
                return Err(fail(format!(
                    "panneau {} : un entonnoir montre une part d'étudiants",
                    i + 1
                )));
            }
            if panel.kind == PanelKind::Tiles && panel.tiles.is_empty() {
                return Err(fail(format!("panneau {} : tiles vide", i + 1)));
            }
            if panel.kind == PanelKind::Completeness && panel.what.is_none() {
                return Err(fail(format!(
                    "panneau {} : what manquant (annual_reports ou flash_surveys)",
                    i + 1
                )));
            }
            if panel.span == 0 || panel.span > spec.columns {
                return Err(fail(format!(
                    "panneau {} : span doit être compris entre 1 et {}",
                    i + 1,
                    spec.columns
                )));
            }
        }
        Ok(spec)
    }

    /// The dashboards built into the binary.
    pub fn built_in() -> Result<Vec<Self>, SpecError> {
        BUILT_IN
            .iter()
            .map(|(file, text)| Self::parse(file, text))
            .collect()
    }

    /// Every `*.toml` of a folder, by file name.
    pub fn from_dir(dir: &Path) -> Result<Vec<Self>, SpecError> {
        let unreadable = |message: String| SpecError {
            file: dir.display().to_string(),
            message,
        };
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .map_err(|e| unreadable(e.to_string()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        files.sort();
        files
            .iter()
            .map(|p| {
                let text = std::fs::read_to_string(p).map_err(|e| unreadable(e.to_string()))?;
                Self::parse(&p.display().to_string(), &text)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_dashboards_parse() {
        let all = DashboardSpec::built_in().unwrap();
        let names: Vec<_> = all.iter().map(|d| d.name.as_str()).collect();
        assert_eq!(
            names,
            vec!["national", "region", "campus", "gaps", "completeness"]
        );
        let national = &all[0];
        assert!(national.panels.iter().any(|p| p.kind == PanelKind::Funnel));
        assert!(national.panels.iter().any(|p| p.kind == PanelKind::Map));
    }

    #[test]
    fn bad_specs_are_refused_with_the_file_and_the_reason() {
        let base = "name = \"x\"\ntitle = \"X\"\nscope = \"national\"\ncolumns = 2\n";
        let cases = [
            (format!("{base}[[panels]]\nkind = \"series\"\ntitle = \"S\"\n"), "indicator manquant"),
            (format!("{base}[[panels]]\nkind = \"series\"\ntitle = \"S\"\nindicator = \"bonheur\"\n"), "« bonheur » inconnu"),
            (format!("{base}[[panels]]\nkind = \"funnel\"\ntitle = \"F\"\nindicator = \"cost_per_student\"\n"), "part d'étudiants"),
            (format!("{base}[[panels]]\nkind = \"pie\"\ntitle = \"P\"\n"), "pie"),
            (format!("{base}[[panels]]\nkind = \"map\"\ntitle = \"M\"\nspan = 3\n"), "span"),
            (format!("{base}[[panels]]\nkind = \"map\"\ntitle = \"M\"\ncolour = \"red\"\n"), "colour"),
            (base.to_owned(), "panels"),
        ];
        for (text, expected) in cases {
            let err = DashboardSpec::parse("essai.toml", &text)
                .unwrap_err()
                .to_string();
            assert!(
                err.starts_with("tableau de bord essai.toml : ") && err.contains(expected),
                "{err}"
            );
        }
    }
}
