//! `pilotage render --out DIR [--year Y]`: every dashboard for every scope, as PNG and SVG, with an `index.html`
//! that shows them — a steering-committee pack.

use crate::config::Config;
use anyhow::{Context, Result};
use chrono::Utc;
use indicatif::{ProgressBar, ProgressStyle};
use pilotage_analytics::Scope;
use pilotage_charts::dashboard::{render, Format};
use pilotage_charts::dashboard_spec::{DashboardSpec, ScopeKind};
use pilotage_domain::AcademicYear;
use std::fmt::Write as _;
use std::io::IsTerminal;
use std::path::Path;

/// Every (dashboard, scope) pair to draw, with its file stem and French caption.
fn jobs(
    specs: &[DashboardSpec],
    data: &pilotage_analytics::Dataset,
) -> Vec<(usize, Scope, String, String)> {
    let mut out = Vec::new();
    let mut regions: Vec<_> = data.campuses.iter().map(|c| c.region_code).collect();
    regions.sort();
    regions.dedup();
    for (i, spec) in specs.iter().enumerate() {
        match spec.scope {
            ScopeKind::National => {
                out.push((i, Scope::Nation, spec.name.clone(), spec.title.clone()))
            }
            ScopeKind::Region => {
                for r in &regions {
                    out.push((
                        i,
                        Scope::Region(*r),
                        format!("{}-{}", spec.name, r.as_str().to_lowercase()),
                        r.name().to_owned(),
                    ));
                }
            }
            ScopeKind::Campus => {
                for c in &data.campuses {
                    out.push((
                        i,
                        Scope::Campus(c.id.clone()),
                        format!("{}-{}", spec.name, c.id),
                        c.name.clone(),
                    ));
                }
            }
        }
    }
    out
}

pub fn run(config: &Config, out: &Path, year: Option<&str>) -> Result<()> {
    let mut conn = super::migrated_connection(config)?;
    let data = pilotage_store::dataset::load(&mut conn, false)?;
    let now = Utc::now();
    let year = match year {
        Some(y) => y
            .parse::<AcademicYear>()
            .map_err(|e| anyhow::anyhow!("--year: {e}"))?,
        None => AcademicYear::containing(now)
            .and_then(|y| y.previous())
            .map_err(|e| anyhow::anyhow!("{e}"))?,
    };
    std::fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
    let specs = DashboardSpec::built_in()?;
    let jobs = jobs(&specs, &data);
    let bar = if std::io::stderr().is_terminal() {
        ProgressBar::new(jobs.len() as u64)
    } else {
        ProgressBar::hidden()
    };
    if let Ok(style) = ProgressStyle::with_template("{msg:>12} [{bar:40}] {pos}/{len}") {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message("tableaux");
    let mut index = format!(
        "<!doctype html>\n<html lang=\"fr\">\n<head><meta charset=\"utf-8\"><title>Campus connectés — tableaux de bord {year}</title>\n\
         <style>body{{font-family:sans-serif;margin:2rem;color:#161616}}img{{max-width:100%;border:1px solid #ddd}}h2{{margin-top:2.5rem}}</style></head>\n<body>\n\
         <h1>Campus connectés — tableaux de bord {year}</h1>\n"
    );
    let mut section = None;
    for (i, scope, stem, caption) in &jobs {
        let Some(spec) = specs.get(*i) else { continue };
        for format in [Format::Png, Format::Svg] {
            let bytes = render(spec, &data, scope, year, now, format)
                .with_context(|| format!("{stem}.{}", format.extension()))?;
            let path = out.join(format!("{stem}.{}", format.extension()));
            std::fs::write(&path, bytes)
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
        if section != Some(*i) {
            let _ = writeln!(index, "<h2>{}</h2>", html(&spec.title));
            section = Some(*i);
        }
        let _ = writeln!(
            index,
            "<figure><img src=\"{stem}.png\" alt=\"{alt}\"><figcaption>{alt} — <a href=\"{stem}.svg\">SVG</a></figcaption></figure>",
            alt = html(caption)
        );
        bar.inc(1);
    }
    bar.finish_and_clear();
    index.push_str("</body>\n</html>\n");
    std::fs::write(out.join("index.html"), index)
        .with_context(|| format!("cannot write {}/index.html", out.display()))?;
    println!(
        "{}: {} dashboards ({year}), PNG and SVG, and index.html",
        out.display(),
        jobs.len()
    );
    Ok(())
}

/// Text made safe for HTML.
fn html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
