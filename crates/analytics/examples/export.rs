//! Writes every export of a synthetic network, for the public audience, into a folder — to look at them or feed
//! them to SDMX tools: `cargo run -p pilotage-analytics --example export -- 85 /tmp/exports`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failure is the example failing

#[path = "../benches/support/synthetic.rs"]
#[allow(dead_code)] // the benchmark's helpers
mod synthetic;

use pilotage_analytics::{export, Audience, ExportFormat};

fn main() {
    let mut args = std::env::args().skip(1);
    let campuses: usize = args
        .next()
        .map_or(85, |a| a.parse().expect("a number of campuses"));
    let folder = std::path::PathBuf::from(args.next().unwrap_or_else(|| "exports".into()));
    std::fs::create_dir_all(&folder).unwrap();
    let data = synthetic::network(campuses);
    for format in ExportFormat::ALL {
        let bytes = export(&data, format, Audience::Public).unwrap();
        let path = folder.join(format!(
            "campus-connectes.{}.{}",
            format,
            format.extension()
        ));
        std::fs::write(&path, &bytes).unwrap();
        println!(
            "{} ({} octets, {})",
            path.display(),
            bytes.len(),
            format.content_type()
        );
    }
}
