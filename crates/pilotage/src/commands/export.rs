//! `pilotage export --format F --out FILE [--public]`: every indicator, as the API's export gives it.

use crate::config::Config;
use anyhow::{Context, Result};
use pilotage_analytics::{export, Audience, ExportFormat};
use std::path::Path;

pub fn run(config: &Config, format: &str, out: &Path, public: bool) -> Result<()> {
    let format: ExportFormat = format
        .parse()
        .map_err(|e: pilotage_analytics::UnknownExportFormat| anyhow::anyhow!("--format: {e}"))?;
    let mut conn = super::migrated_connection(config)?;
    let data = pilotage_store::dataset::load(&mut conn, false)?;
    let audience = if public {
        Audience::Public
    } else {
        Audience::Internal
    };
    let bytes = export(&data, format, audience)?;
    std::fs::write(out, &bytes).with_context(|| format!("cannot write {}", out.display()))?;
    println!(
        "{}: {} bytes ({})",
        out.display(),
        bytes.len(),
        format.as_str()
    );
    Ok(())
}
