//! What one hostile upload costs, in CPU time and memory held at once, against the filled-in template read in the
//! same run (ratios, since the machine is shared): `bench/uploads.sh`, or
//! `cargo bench -p pilotage-spreadsheet --bench hostile_uploads`. Not a test: it prints a table.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../tests/it/common/mod.rs"]
mod common;

use common::hostile;
use cpu_time::ThreadTime;
use peakmem_alloc::{PeakMemAlloc, PeakMemAllocTrait, INSTRUMENTED_SYSTEM};
use pilotage_spreadsheet::read_upload;
use std::time::Duration;

#[global_allocator]
static ALLOCATOR: &PeakMemAlloc<std::alloc::System> = &INSTRUMENTED_SYSTEM;

const RUNS: usize = 9;

/// The median CPU time of reading `bytes`, the memory held at once, and whether it was accepted.
fn cost(bytes: &[u8]) -> (Duration, usize, bool) {
    let mut times = Vec::with_capacity(RUNS);
    let mut peak = 0;
    let mut accepted = false;
    for _ in 0..RUNS {
        ALLOCATOR.reset_peak_memory();
        let start = ThreadTime::now();
        accepted = read_upload(bytes).is_ok();
        times.push(start.elapsed());
        peak = peak.max(ALLOCATOR.get_peak_memory());
    }
    times.sort();
    (times[RUNS / 2], peak, accepted)
}

fn mib(bytes: usize) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

fn main() {
    let template = hostile::filled_template();
    let (base_time, base_peak, accepted) = cost(&template);
    assert!(accepted, "the template must be accepted");
    println!("{RUNS} runs each, median CPU time of this thread, peak heap held during the read");
    println!(
        "{:<34} {:>9} {:>10} {:>9} {:>10} {:>9}  answer",
        "upload", "size KiB", "CPU ms", "× CPU", "heap MiB", "× heap"
    );
    let row = |name: &str, bytes: &[u8], time: Duration, peak: usize, accepted: bool| {
        println!(
            "{:<34} {:>9.0} {:>10.2} {:>9.1} {:>10.2} {:>9.1}  {}",
            name,
            bytes.len() as f64 / 1024.0,
            time.as_secs_f64() * 1000.0,
            time.as_secs_f64() / base_time.as_secs_f64(),
            mib(peak),
            peak as f64 / base_peak as f64,
            if accepted { "accepted" } else { "refused" }
        );
    };
    row(
        "filled-in template",
        &template,
        base_time,
        base_peak,
        accepted,
    );
    for (name, bytes) in hostile::all() {
        let (time, peak, accepted) = cost(&bytes);
        row(name, &bytes, time, peak, accepted);
    }
}
