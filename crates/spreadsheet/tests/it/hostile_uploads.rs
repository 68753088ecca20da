//! Hostile workbooks cost little: each is refused before calamine unpacks it, within a few mebibytes of memory
//! (the reported attack, 63 MiB of shared strings in a 166 KB file, cost 180 MB and 3 s of CPU). The allocator
//! counts the whole process, and the other tests of this binary run on parallel threads: the test runs itself
//! again alone in a child process (this binary, `--exact`, one thread), so that the peak measured is its own.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::hostile;
use peakmem_alloc::{PeakMemAlloc, PeakMemAllocTrait, INSTRUMENTED_SYSTEM};
use pilotage_spreadsheet::{read_upload, UploadError, MAX_UPLOAD_BYTES};
use std::process::Command;

#[global_allocator]
static ALLOCATOR: &PeakMemAlloc<std::alloc::System> = &INSTRUMENTED_SYSTEM;

/// The most memory held at once while `work` ran, beyond what was held before.
fn peak_of<T>(work: impl FnOnce() -> T) -> (T, usize) {
    ALLOCATOR.reset_peak_memory();
    let result = work();
    (result, ALLOCATOR.get_peak_memory())
}

/// Set in the child process only: there, the test measures instead of starting a child.
const ALONE: &str = "PILOTAGE_TEST_MEASURE_ALONE";

/// Runs the test `name` of this module alone in a child process of this binary, and asserts that it ran and passed.
fn run_alone(name: &str) {
    // libtest names a test by its module path without the crate's name.
    let module = module_path!().split_once("::").map_or("", |(_, m)| m);
    let test = format!("{module}::{name}");
    let output = Command::new(std::env::current_exe().unwrap())
        .args([&test, "--exact", "--test-threads=1", "--nocapture"])
        .env(ALONE, "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success() && stdout.contains("test result: ok. 1 passed"),
        "{test} alone: {}\n{stdout}\n{stderr}",
        output.status
    );
}

#[test]
fn hostile_workbooks_are_refused_before_unpacking_within_bounded_memory() {
    if std::env::var_os(ALONE).is_none() {
        return run_alone("hostile_workbooks_are_refused_before_unpacking_within_bounded_memory");
    }
    const BOUND: usize = 16 * 1024 * 1024;
    let template = hostile::filled_template();
    let (read, template_peak) = peak_of(|| read_upload(&template));
    assert!(read.is_ok(), "{read:?}");
    assert!(
        template_peak < BOUND,
        "the template itself: {template_peak} bytes"
    );

    for (name, bytes) in hostile::all() {
        assert!(
            bytes.len() < MAX_UPLOAD_BYTES,
            "{name}: {} bytes",
            bytes.len()
        );
        let (read, peak) = peak_of(|| read_upload(&bytes));
        match read {
            Err(UploadError::Unreadable(message)) => assert!(
                message.contains("trop volumineux")
                    || message.contains("trop de textes")
                    || message.contains("trop de fichiers")
                    // The ZIP reader itself stops at a size its header declares.
                    || message.contains("pas un classeur XLSX lisible"),
                "{name}: {message}"
            ),
            other => panic!("{name}: expected a refusal, got {other:?}"),
        }
        assert!(peak < BOUND, "{name}: {peak} bytes held at once");
    }
}
