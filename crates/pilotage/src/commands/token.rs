//! `pilotage token`: prints a signed access token for a role and scope.

use crate::config::Config;
use anyhow::{bail, Context, Result};
use chrono::Utc;
use pilotage_domain::{CampusId, RegionCode, Role};
use pilotage_store::campuses;

pub struct Request {
    pub role: String,
    pub campuses: Vec<String>,
    pub region: Option<String>,
    pub ttl: String,
    pub subject: Option<String>,
}

pub fn run(config: &Config, request: &Request) -> Result<String> {
    let role = Role::parse(&request.role).with_context(|| {
        format!(
            "unknown role {:?}: use coordinator, analyst, ministry, regional or admin",
            request.role
        )
    })?;
    let ttl = humantime::parse_duration(&request.ttl).with_context(|| {
        format!(
            "invalid --ttl {:?}: use e.g. 30m, 12h or 7days",
            request.ttl
        )
    })?;
    let ttl = chrono::Duration::from_std(ttl).context("--ttl is too long")?;
    let campus_ids = request
        .campuses
        .iter()
        .map(|c| {
            c.parse::<CampusId>()
                .map_err(|e| anyhow::anyhow!("--campus {c}: {e}"))
        })
        .collect::<Result<Vec<_>>>()?;
    let region = request
        .region
        .as_deref()
        .map(|r| {
            r.parse::<RegionCode>()
                .map_err(|e| anyhow::anyhow!("--region: {e}"))
        })
        .transpose()?;
    let mut conn = super::migrated_connection(config)?;
    for id in &campus_ids {
        if !campuses::exists(&mut conn, id)? {
            bail!("--campus {id}: no such campus in {}", config.database_url);
        }
    }
    let keys = crate::secret::token_keys(&mut conn, config.jwt_secret.as_deref())?;
    let subject = request
        .subject
        .clone()
        .unwrap_or_else(|| role.as_str().to_owned());
    Ok(keys.issue(&subject, role, campus_ids, region, ttl, Utc::now())?)
}
