//! The roles of the people and systems that use the service.

use serde::{Deserialize, Serialize};
use std::fmt;

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Coordinator of one or more campuses: writes their drafts and submits.
    Coordinator,
    /// The State operator's analysts: read everything, review, set targets.
    Analyst,
    /// The ministry: reads statistics, no writes.
    Ministry,
    /// A regional system: reads its région académique only.
    Regional,
    /// Runs the service: users, API clients, configuration.
    Admin,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Self::Coordinator,
        Self::Analyst,
        Self::Ministry,
        Self::Regional,
        Self::Admin,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Coordinator => "coordinator",
            Self::Analyst => "analyst",
            Self::Ministry => "ministry",
            Self::Regional => "regional",
            Self::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// The French name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Self::Coordinator => "Coordination de campus",
            Self::Analyst => "Analyste de l'opérateur",
            Self::Ministry => "Ministère",
            Self::Regional => "Système régional",
            Self::Admin => "Administration",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
        assert_eq!(Role::parse("root"), None);
    }
}
