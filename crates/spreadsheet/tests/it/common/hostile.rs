//! Hostile workbooks, each small enough to upload (under 5 MiB) and built from the real template: shared strings
//! that declare or hold far more than a grid, a worksheet whose ZIP header lies about its size, an archive of
//! thousands of files. Shared by the upload tests and the benchmark (`benches/hostile_uploads.rs`).

use std::io::{Cursor, Read, Write};

use pilotage_spreadsheet::{write_template, Prefill, TemplateInfo};

use super::full_grid;

/// The downloaded template, filled in: what a coordinator really uploads.
pub fn filled_template() -> Vec<u8> {
    let info = TemplateInfo {
        campus_id: "cc-foix",
        campus_name: "Foix",
        academic_year: "2025-2026",
        prefill: Prefill::Empty,
    };
    write_template(&info, &full_grid()).unwrap()
}

/// The files of an archive, in order.
fn entries(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|index| {
            let mut entry = archive.by_index(index).unwrap();
            let mut content = Vec::new();
            entry.read_to_end(&mut content).unwrap();
            (entry.name().unwrap().into_owned(), content)
        })
        .collect()
}

/// A deflated archive of these files (sizes in the classic 32-bit fields, so that they can be patched).
fn archive(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(6));
    for (name, content) in files {
        writer.start_file(name.as_str(), options).unwrap();
        writer.write_all(content).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

/// The template with one of its files changed.
fn template_with(name: &str, change: impl FnOnce(Vec<u8>) -> Vec<u8>) -> Vec<u8> {
    workbook_with(&filled_template(), name, change)
}

/// A workbook with one of its files changed, e.g. a worksheet's XML edited as a person filling it in would.
pub fn workbook_with(bytes: &[u8], name: &str, change: impl FnOnce(Vec<u8>) -> Vec<u8>) -> Vec<u8> {
    let mut files = entries(bytes);
    let entry = files.iter_mut().find(|(n, _)| n == name).unwrap();
    entry.1 = change(std::mem::take(&mut entry.1));
    archive(&files)
}

fn shared_strings(change: impl FnOnce(String) -> String) -> Vec<u8> {
    template_with("xl/sharedStrings.xml", |xml| {
        change(String::from_utf8(xml).unwrap()).into_bytes()
    })
}

/// Shared strings whose `uniqueCount` asks calamine to reserve room for 100 million strings (2.4 GB).
pub fn declared_unique_strings() -> Vec<u8> {
    shared_strings(|xml| {
        let start = xml.find("uniqueCount=\"").unwrap() + "uniqueCount=\"".len();
        let end = start + xml[start..].find('"').unwrap();
        format!("{}100000000{}", &xml[..start], &xml[end..])
    })
}

/// Shared strings of 63 MiB (ten thousand strings of 6.6 KB after the real ones): the reported attack.
pub fn huge_shared_strings() -> Vec<u8> {
    shared_strings(|xml| {
        let padding = format!("<si><t>{}</t></si>", "x".repeat(6_600));
        xml.replace("</sst>", &format!("{}</sst>", padding.repeat(10_000)))
    })
}

/// Two hundred thousand empty shared strings (1 MiB).
pub fn countless_shared_strings() -> Vec<u8> {
    shared_strings(|xml| xml.replace("</sst>", &format!("{}</sst>", "<si/>".repeat(200_000))))
}

/// The worksheet padded with 200 MiB of spaces after its last element, its ZIP headers claiming it holds its
/// original size.
pub fn lying_worksheet() -> Vec<u8> {
    const SHEET: &str = "xl/worksheets/sheet1.xml";
    let mut claimed = 0u32;
    let mut bytes = template_with(SHEET, |mut xml| {
        claimed = u32::try_from(xml.len()).unwrap();
        xml.resize(xml.len() + 200 * 1024 * 1024, b' ');
        xml
    });
    patch_sizes(&mut bytes, SHEET, claimed);
    bytes
}

/// Writes `size` as the uncompressed size of `name` in its local header and its central-directory entry.
fn patch_sizes(bytes: &mut [u8], name: &str, size: u32) {
    // (signature, offset of the uncompressed size, offset of the name length, offset of the name)
    for (signature, size_at, length_at, name_at) in [
        (b"PK\x03\x04", 22usize, 26usize, 30usize),
        (b"PK\x01\x02", 24, 28, 46),
    ] {
        let mut at = 0;
        while let Some(found) = bytes[at..].windows(4).position(|w| w == signature) {
            let header = at + found;
            let length =
                u16::from_le_bytes([bytes[header + length_at], bytes[header + length_at + 1]]);
            let stored = &bytes[header + name_at..header + name_at + usize::from(length)];
            if stored == name.as_bytes() {
                bytes[header + size_at..header + size_at + 4].copy_from_slice(&size.to_le_bytes());
            }
            at = header + 4;
        }
    }
}

/// The template plus five thousand empty files.
pub fn countless_files() -> Vec<u8> {
    let mut files = entries(&filled_template());
    files.extend((0..5_000).map(|n| (format!("customXml/item{n}.xml"), Vec::new())));
    archive(&files)
}

/// Every hostile workbook, named.
pub fn all() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("uniqueCount of 100 million", declared_unique_strings()),
        ("63 MiB of shared strings", huge_shared_strings()),
        ("200 000 empty shared strings", countless_shared_strings()),
        ("200 MiB sheet, size forged", lying_worksheet()),
        ("5 000 files in the archive", countless_files()),
    ]
}
