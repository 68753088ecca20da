//! Hostile workbooks cost little: each is refused before calamine unpacks it, within a few mebibytes of memory
//! (the reported attack, 63 MiB of shared strings in a 166 KB file, cost 180 MB and 3 s of CPU). One test only
//! in this binary, so that the allocator's peak is this test's own.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::hostile;
use peakmem_alloc::{PeakMemAlloc, PeakMemAllocTrait, INSTRUMENTED_SYSTEM};
use pilotage_spreadsheet::{read_upload, UploadError, MAX_UPLOAD_BYTES};

#[global_allocator]
static ALLOCATOR: &PeakMemAlloc<std::alloc::System> = &INSTRUMENTED_SYSTEM;

/// The most memory held at once while `work` ran, beyond what was held before.
fn peak_of<T>(work: impl FnOnce() -> T) -> (T, usize) {
    ALLOCATOR.reset_peak_memory();
    let result = work();
    (result, ALLOCATOR.get_peak_memory())
}

#[test]
fn hostile_workbooks_are_refused_before_unpacking_within_bounded_memory() {
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
