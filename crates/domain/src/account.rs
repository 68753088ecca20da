//! Who may use the service: people (users) and machine clients (regional systems), with their scope.

use crate::campus::CampusId;
use crate::region::RegionCode;
use crate::role::Role;
use serde::{Deserialize, Serialize};

/// A person with a login.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    /// The campuses a coordinator answers for (empty for other roles).
    pub campus_ids: Vec<CampusId>,
    /// The région académique of a regional account.
    pub region_code: Option<RegionCode>,
    pub active: bool,
}

/// A machine client (a regional system) that exchanges its key for a short-lived token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiClient {
    pub client_id: String,
    pub name: String,
    pub role: Role,
    pub region_code: Option<RegionCode>,
    pub active: bool,
}

/// Checks an e-mail address enough to catch typing errors (one `@`, a dot in the domain, no spaces).
pub fn check_email(email: &str) -> Result<(), String> {
    let ok = email.len() <= 254
        && !email.chars().any(char::is_whitespace)
        && email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
        });
    if ok {
        Ok(())
    } else {
        Err(format!(
            "adresse électronique « {email} » invalide (exemple : prenom.nom@exemple.fr)"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_checked_for_typing_errors() {
        assert!(check_email("camille@pilotage.example").is_ok());
        for bad in [
            "",
            "camille",
            "camille@",
            "@x.fr",
            "ca mille@x.fr",
            "a@b",
            "a@b@c.fr",
            "a@.fr",
        ] {
            assert!(check_email(bad).is_err(), "{bad}");
        }
    }
}
