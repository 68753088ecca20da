//! The 18 régions académiques: 13 in metropolitan France, 5 overseas.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A région académique, by its short code.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum RegionCode {
    ARA,
    BFC,
    BRE,
    CVL,
    COR,
    GES,
    HDF,
    IDF,
    NOR,
    NAQ,
    OCC,
    PDL,
    PAC,
    GUA,
    GUY,
    MAR,
    MAY,
    REU,
}

/// A région académique with its French name, its INSEE region code and whether it is overseas.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Region {
    pub code: RegionCode,
    pub name: &'static str,
    pub insee_code: &'static str,
    pub overseas: bool,
}

impl Region {
    /// Every région académique, metropolitan first, in the order of their codes' declaration.
    pub const ALL: [Region; 18] = [
        region(RegionCode::ARA, "Auvergne-Rhône-Alpes", "84", false),
        region(RegionCode::BFC, "Bourgogne-Franche-Comté", "27", false),
        region(RegionCode::BRE, "Bretagne", "53", false),
        region(RegionCode::CVL, "Centre-Val de Loire", "24", false),
        region(RegionCode::COR, "Corse", "94", false),
        region(RegionCode::GES, "Grand Est", "44", false),
        region(RegionCode::HDF, "Hauts-de-France", "32", false),
        region(RegionCode::IDF, "Île-de-France", "11", false),
        region(RegionCode::NOR, "Normandie", "28", false),
        region(RegionCode::NAQ, "Nouvelle-Aquitaine", "75", false),
        region(RegionCode::OCC, "Occitanie", "76", false),
        region(RegionCode::PDL, "Pays de la Loire", "52", false),
        region(RegionCode::PAC, "Provence-Alpes-Côte d'Azur", "93", false),
        region(RegionCode::GUA, "Guadeloupe", "01", true),
        region(RegionCode::GUY, "Guyane", "03", true),
        region(RegionCode::MAR, "Martinique", "02", true),
        region(RegionCode::MAY, "Mayotte", "06", true),
        region(RegionCode::REU, "La Réunion", "04", true),
    ];
}

const fn region(
    code: RegionCode,
    name: &'static str,
    insee_code: &'static str,
    overseas: bool,
) -> Region {
    Region {
        code,
        name,
        insee_code,
        overseas,
    }
}

impl RegionCode {
    /// The région académique this code names.
    pub fn region(self) -> Region {
        // ALL lists the variants in declaration order, so the discriminant is the index.
        Region::ALL
            .into_iter()
            .find(|r| r.code == self)
            .unwrap_or(Region::ALL[0])
    }

    pub fn name(self) -> &'static str {
        self.region().name
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::ARA => "ARA",
            Self::BFC => "BFC",
            Self::BRE => "BRE",
            Self::CVL => "CVL",
            Self::COR => "COR",
            Self::GES => "GES",
            Self::HDF => "HDF",
            Self::IDF => "IDF",
            Self::NOR => "NOR",
            Self::NAQ => "NAQ",
            Self::OCC => "OCC",
            Self::PDL => "PDL",
            Self::PAC => "PAC",
            Self::GUA => "GUA",
            Self::GUY => "GUY",
            Self::MAR => "MAR",
            Self::MAY => "MAY",
            Self::REU => "REU",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("région académique « {0} » inconnue : codes acceptés ARA, BFC, BRE, CVL, COR, GES, HDF, IDF, NOR, NAQ, OCC, PDL, PAC, GUA, GUY, MAR, MAY, REU")]
pub struct UnknownRegion(pub String);

impl FromStr for RegionCode {
    type Err = UnknownRegion;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_uppercase();
        Region::ALL
            .iter()
            .map(|r| r.code)
            .find(|c| c.as_str() == wanted)
            .ok_or_else(|| UnknownRegion(s.to_owned()))
    }
}

impl fmt::Display for RegionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn there_are_thirteen_metropolitan_and_five_overseas_regions() {
        assert_eq!(Region::ALL.iter().filter(|r| !r.overseas).count(), 13);
        assert_eq!(Region::ALL.iter().filter(|r| r.overseas).count(), 5);
    }

    #[test]
    fn codes_round_trip_and_unknown_codes_are_named() {
        for r in Region::ALL {
            assert_eq!(r.code.as_str().parse::<RegionCode>(), Ok(r.code));
            assert_eq!(r.code.region(), r);
        }
        assert_eq!("bfc".parse::<RegionCode>(), Ok(RegionCode::BFC));
        let err = "XYZ".parse::<RegionCode>().expect_err("unknown");
        assert!(err.to_string().contains("XYZ"));
    }
}
