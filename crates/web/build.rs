//! Embeds the State's design system (DSFR) in the binary. `npm ci` installs the version pinned by
//! `dsfr/package.json` and `dsfr/package-lock.json` into the build's output folder (never into the repository), and
//! this script writes `dsfr_files.rs`: a table of the files the pages use, each with its bytes included at compile
//! time. The package's install script checks the acceptance of its terms of use recorded in `dsfr/.dsfr.yml`.
//! Those files are the stylesheet, the two scripts, the favicon, and every font and icon that the stylesheet
//! names in a `url()`. `PILOTAGE_DSFR_DIST` may name an unpacked `dist/` folder instead, so that the build works
//! with no registry at hand.

use std::collections::BTreeSet;
use std::env;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

/// The files the page frame links to directly.
const LINKED: [&str; 4] = [
    "dsfr.min.css",
    "dsfr.module.min.js",
    "dsfr.nomodule.min.js",
    "favicon/favicon.svg",
];

fn main() -> Result<()> {
    println!("cargo:rerun-if-changed=dsfr/package.json");
    println!("cargo:rerun-if-changed=dsfr/package-lock.json");
    println!("cargo:rerun-if-changed=dsfr/.dsfr.yml");
    println!("cargo:rerun-if-env-changed=PILOTAGE_DSFR_DIST");
    let out = PathBuf::from(env::var("OUT_DIR")?);
    let dist = match env::var_os("PILOTAGE_DSFR_DIST") {
        Some(dist) => PathBuf::from(dist),
        None => install(&out)?,
    };
    let css = fs::read_to_string(dist.join("dsfr.min.css")).map_err(|e| {
        format!(
            "the DSFR's stylesheet is missing from {}: {e}",
            dist.display()
        )
    })?;
    let mut files: BTreeSet<String> = LINKED.iter().map(|f| (*f).to_owned()).collect();
    files.extend(stylesheet_files(&css));
    let mut table = String::from(
        "/// The DSFR's files the pages use: (path under `dist/`, bytes).\npub static DSFR_FILES: &[(&str, &[u8])] = &[\n",
    );
    for file in &files {
        let path = dist.join(file);
        if !path.is_file() {
            return Err(format!("the DSFR's file {} is missing", path.display()).into());
        }
        let absolute = fs::canonicalize(&path)?;
        table.push_str(&format!(
            "    ({file:?}, include_bytes!({:?})),\n",
            absolute.display().to_string()
        ));
    }
    table.push_str("];\n");
    fs::write(out.join("dsfr_files.rs"), table)?;
    Ok(())
}

/// `npm ci` of the pinned version into the output folder; the folder of its `dist/`.
fn install(out: &Path) -> Result<PathBuf> {
    let here = PathBuf::from(env::var("CARGO_MANIFEST_DIR")?).join("dsfr");
    let root = out.join("dsfr");
    fs::create_dir_all(&root)?;
    for file in ["package.json", "package-lock.json", ".dsfr.yml"] {
        fs::copy(here.join(file), root.join(file))?;
    }
    let dist = root.join("node_modules/@gouvfr/dsfr/dist");
    if dist.join("dsfr.min.css").is_file() {
        return Ok(dist);
    }
    // The package's install script checks that its terms of use were accepted, at their current version, in
    // `.dsfr.yml` (copied beside the lockfile): an upgrade whose terms changed stops here until they are read.
    let status = Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
        .current_dir(&root)
        .status()
        .map_err(|e| format!("cannot run npm (Node.js is needed to build the pages): {e}"))?;
    if !status.success() {
        return Err(format!(
            "`npm ci` of the DSFR failed ({status}); set PILOTAGE_DSFR_DIST to an unpacked dist/ folder to build offline"
        )
        .into());
    }
    Ok(dist)
}

/// The relative paths in the stylesheet's `url(…)`s (fonts and icons); `data:` addresses stay inline.
fn stylesheet_files(css: &str) -> Vec<String> {
    css.split("url(")
        .skip(1)
        .filter_map(|rest| rest.split(')').next())
        .map(|u| u.trim_matches(|c| c == '"' || c == '\''))
        .filter(|u| !u.starts_with("data:") && !u.contains("://") && !u.starts_with('/'))
        .map(|u| u.split(['?', '#']).next().unwrap_or(u).to_owned())
        .collect()
}
