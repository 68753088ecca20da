//! A Campus connecté: the local study centre that reports, with every attribute the network keeps about it.

use crate::region::RegionCode;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A campus's stable identifier: a lowercase ASCII slug (`saint-die-des-vosges`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CampusId(String);

impl CampusId {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for CampusId {
    type Err = CampusError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let ok = !s.is_empty()
            && s.len() <= 64
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !s.starts_with('-')
            && !s.ends_with('-')
            && !s.contains("--");
        if ok {
            Ok(Self(s.to_owned()))
        } else {
            Err(CampusError::new(
                "id",
                format!("identifiant « {s} » invalide : lettres minuscules sans accent, chiffres et tirets simples (64 caractères au plus), par exemple saint-die-des-vosges"),
            ))
        }
    }
}

impl fmt::Display for CampusId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for CampusId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for CampusId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer)?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CampusStatus {
    Active,
    Suspended,
    Closed,
}

impl CampusStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Suspended => "suspended",
            Self::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Active, Self::Suspended, Self::Closed]
            .into_iter()
            .find(|v| v.as_str() == s)
    }
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PremisesKind {
    /// A building (or part of one) used by the campus alone.
    Dedicated,
    /// A building shared with other services (media library, third place, town hall…).
    Shared,
}

impl PremisesKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Dedicated => "dedicated",
            Self::Shared => "shared",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Dedicated, Self::Shared]
            .into_iter()
            .find(|v| v.as_str() == s)
    }
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Premises {
    pub kind: PremisesKind,
    pub surface_m2: Option<f64>,
    pub seats: Option<i32>,
}

/// The three-year convention binding the local authority, the establishment and the State.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConventionPeriod {
    pub start_year: i32,
    pub end_year: i32,
}

impl ConventionPeriod {
    /// Whether the convention covers the academic year starting in `start_year`.
    pub fn covers(self, academic_start_year: i32) -> bool {
        academic_start_year >= self.start_year && academic_start_year < self.end_year
    }
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Campus {
    pub id: CampusId,
    pub name: String,
    pub commune: String,
    pub department_code: String,
    pub region_code: RegionCode,
    pub latitude: f64,
    pub longitude: f64,
    pub local_authority: String,
    pub partner_establishment: Option<String>,
    pub opening_year: i32,
    pub wave: i32,
    pub premises: Premises,
    pub weekly_opening_hours: Option<f64>,
    pub evening_opening: bool,
    pub weekend_opening: bool,
    pub status: CampusStatus,
    pub convention: ConventionPeriod,
}

/// A campus attribute that breaks a rule: the field and a French message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field} : {message}")]
pub struct CampusError {
    pub field: &'static str,
    pub message: String,
}

impl CampusError {
    fn new(field: &'static str, message: impl Into<String>) -> Self {
        Self {
            field,
            message: message.into(),
        }
    }
}

impl Campus {
    /// Whether the campus is expected to report for `year`: active, open by then, and its convention not ended.
    pub fn expected_to_report(&self, year: crate::AcademicYear) -> bool {
        self.status == CampusStatus::Active
            && self.opening_year <= year.start_year()
            && year.start_year() < self.convention.end_year
    }

    /// Every rule the campus's attributes break (empty when the campus is valid).
    pub fn check(&self) -> Vec<CampusError> {
        let mut errors = Vec::new();
        let mut need_text = |field: &'static str, value: &str, max: usize| {
            if value.trim().is_empty() {
                errors.push(CampusError::new(field, "ce champ est obligatoire"));
            } else if value.chars().count() > max {
                errors.push(CampusError::new(field, format!("{max} caractères au plus")));
            }
        };
        need_text("name", &self.name, 200);
        need_text("commune", &self.commune, 200);
        need_text("local_authority", &self.local_authority, 300);
        if let Some(partner) = &self.partner_establishment {
            if partner.chars().count() > 300 {
                errors.push(CampusError::new(
                    "partner_establishment",
                    "300 caractères au plus",
                ));
            }
        }
        if !is_department_code(&self.department_code) {
            errors.push(CampusError::new(
                "department_code",
                format!(
                    "code de département « {} » invalide (01 à 95, 2A, 2B, 971 à 976)",
                    self.department_code
                ),
            ));
        }
        if !(-90.0..=90.0).contains(&self.latitude) {
            errors.push(CampusError::new(
                "latitude",
                "la latitude doit être comprise entre -90 et 90",
            ));
        }
        if !(-180.0..=180.0).contains(&self.longitude) {
            errors.push(CampusError::new(
                "longitude",
                "la longitude doit être comprise entre -180 et 180",
            ));
        }
        if !(2019..=2100).contains(&self.opening_year) {
            errors.push(CampusError::new(
                "opening_year",
                "l'année d'ouverture doit être comprise entre 2019 et 2100",
            ));
        }
        if !(1..=20).contains(&self.wave) {
            errors.push(CampusError::new(
                "wave",
                "la vague doit être comprise entre 1 et 20",
            ));
        }
        if let Some(surface) = self.premises.surface_m2 {
            if !(surface > 0.0 && surface <= 100_000.0) {
                errors.push(CampusError::new(
                    "premises.surface_m2",
                    "la surface doit être positive (m²)",
                ));
            }
        }
        if let Some(seats) = self.premises.seats {
            if !(0..=10_000).contains(&seats) {
                errors.push(CampusError::new(
                    "premises.seats",
                    "le nombre de places doit être compris entre 0 et 10 000",
                ));
            }
        }
        if let Some(hours) = self.weekly_opening_hours {
            if !(0.0..=168.0).contains(&hours) {
                errors.push(CampusError::new(
                    "weekly_opening_hours",
                    "une semaine compte au plus 168 heures",
                ));
            }
        }
        if !(2019..=2100).contains(&self.convention.start_year) {
            errors.push(CampusError::new(
                "convention.start_year",
                "l'année de début de la convention doit être comprise entre 2019 et 2100",
            ));
        }
        // In i64: extreme i32 years must not overflow the subtraction.
        let span = i64::from(self.convention.end_year) - i64::from(self.convention.start_year);
        if !(1..=6).contains(&span) {
            errors.push(CampusError::new(
                "convention",
                "la convention doit finir après son début et durer au plus 6 ans (3 ans en règle générale)",
            ));
        }
        errors
    }
}

fn is_department_code(code: &str) -> bool {
    match code {
        "2A" | "2B" => true,
        c if c.len() == 2 => c
            .parse::<u32>()
            .is_ok_and(|n| (1..=95).contains(&n) && n != 20),
        c if c.len() == 3 => c.parse::<u32>().is_ok_and(|n| (971..=976).contains(&n)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn nevers() -> Campus {
        crate::testing::CampusBuilder::new("nevers", RegionCode::BFC)
            .name("Campus connecté de Nevers")
            .commune("Nevers")
            .local_authority("Nevers Agglomération")
            .opening(2019, 1)
            .premises(PremisesKind::Dedicated, Some(120.0), Some(25))
            .weekly_opening_hours(Some(40.0))
            .opens(false, false)
            .build()
    }

    #[test]
    fn a_valid_campus_passes() {
        assert_eq!(nevers().check(), vec![]);
    }

    #[test]
    fn bad_attributes_are_named() {
        let mut c = nevers();
        c.latitude = 91.0;
        c.department_code = "20".into();
        c.convention = ConventionPeriod {
            start_year: 2025,
            end_year: 2025,
        };
        c.name = " ".into();
        let fields: Vec<_> = c.check().iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            vec!["name", "department_code", "latitude", "convention"]
        );
    }

    #[test]
    fn extreme_values_are_refused_without_overflow() {
        let mut c = nevers();
        c.convention = ConventionPeriod {
            start_year: -1,
            end_year: i32::MAX,
        };
        c.latitude = 1e308;
        c.longitude = -1e308;
        c.premises.surface_m2 = Some(f64::MAX);
        let fields: Vec<_> = c.check().iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            vec![
                "latitude",
                "longitude",
                "premises.surface_m2",
                "convention.start_year",
                "convention"
            ]
        );
        c.convention = ConventionPeriod {
            start_year: i32::MIN,
            end_year: i32::MAX,
        };
        assert!(c.check().iter().any(|e| e.field == "convention"));
    }

    #[test]
    fn ids_are_slugs() {
        assert!("saint-die-des-vosges".parse::<CampusId>().is_ok());
        for bad in ["", "Nevers", "saint dié", "-x", "x-", "a--b", "é"] {
            assert!(bad.parse::<CampusId>().is_err(), "{bad}");
        }
    }

    #[test]
    fn department_codes_cover_corsica_and_overseas() {
        for ok in ["01", "58", "95", "2A", "2B", "971", "976"] {
            assert!(is_department_code(ok), "{ok}");
        }
        for bad in ["00", "20", "96", "977", "1", "ABC"] {
            assert!(!is_department_code(bad), "{bad}");
        }
    }

    #[test]
    fn convention_covers_its_academic_years() {
        let p = ConventionPeriod {
            start_year: 2025,
            end_year: 2028,
        };
        assert!(p.covers(2025) && p.covers(2027));
        assert!(!p.covers(2024) && !p.covers(2028));
    }
}
