//! Bounds the work an uploaded XLSX can cost before calamine opens it: the archive's entries are unpacked once,
//! counting the bytes they really hold (a ZIP header may lie about sizes), and the shared-string table, which
//! calamine reads whole and sizes from its own declared count, is checked for what a grid needs.

use std::io::{Cursor, Read};

use crate::error::UploadError;
use crate::layout::{MAX_ARCHIVE_ENTRIES, MAX_ENTRY_BYTES, MAX_SHARED_STRINGS, MAX_UNPACKED_BYTES};

/// The message for a ZIP that calamine cannot read as a workbook.
pub(crate) fn not_a_workbook() -> UploadError {
    UploadError::Unreadable(
        "le fichier est une archive ZIP mais pas un classeur XLSX lisible : enregistrez-le au format \
         Excel (.xlsx)"
            .to_owned(),
    )
}

fn too_big() -> UploadError {
    UploadError::Unreadable(format!(
        "le classeur est trop volumineux une fois décompressé ({} Mio au plus, {} Mio par fichier de l'archive) : \
         utilisez le modèle de la grille",
        MAX_UNPACKED_BYTES / (1024 * 1024),
        MAX_ENTRY_BYTES / (1024 * 1024)
    ))
}

fn too_many_strings() -> UploadError {
    UploadError::Unreadable(format!(
        "le classeur contient trop de textes distincts ({MAX_SHARED_STRINGS} au plus) : utilisez le modèle de la \
         grille"
    ))
}

/// Refuses archives that are not ZIPs, hold too many files, unpack to too much (zip bombs, whatever their
/// headers declare), or declare or hold more shared strings than a grid has.
pub(crate) fn check_archive(bytes: &[u8]) -> Result<(), UploadError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| not_a_workbook())?;
    if archive.len() > MAX_ARCHIVE_ENTRIES {
        return Err(UploadError::Unreadable(format!(
            "le classeur contient trop de fichiers ({MAX_ARCHIVE_ENTRIES} au plus) : utilisez le modèle de la \
             grille"
        )));
    }
    let mut unpacked: u64 = 0;
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).map_err(|_| not_a_workbook())?;
        if entry.size() > MAX_ENTRY_BYTES {
            return Err(too_big());
        }
        let shared_strings = entry
            .name()
            .map(|name| name.to_ascii_lowercase().ends_with("sharedstrings.xml"))
            .unwrap_or(false);
        // One byte over the bound is enough to know it is too much: never unpack further.
        let mut bounded = (&mut entry).take(MAX_ENTRY_BYTES + 1);
        let size = if shared_strings {
            let mut content = Vec::new();
            bounded
                .read_to_end(&mut content)
                .map_err(|_| not_a_workbook())?;
            if content.len() as u64 <= MAX_ENTRY_BYTES {
                check_shared_strings(&content)?;
            }
            content.len() as u64
        } else {
            std::io::copy(&mut bounded, &mut std::io::sink()).map_err(|_| not_a_workbook())?
        };
        if size > MAX_ENTRY_BYTES {
            return Err(too_big());
        }
        unpacked = unpacked.saturating_add(size);
        if unpacked > MAX_UNPACKED_BYTES {
            return Err(too_big());
        }
    }
    Ok(())
}

/// The shared-string table's declared counts (calamine reserves room for `uniqueCount` strings before reading
/// one) and its real number of `<si>` items must stay within what a grid needs.
fn check_shared_strings(xml: &[u8]) -> Result<(), UploadError> {
    let mut items = 0usize;
    for tag in start_tags(xml) {
        let name = tag.split(|b| b.is_ascii_whitespace()).next().unwrap_or(tag);
        let local = name.rsplit(|&b| b == b':').next().unwrap_or(name);
        match local {
            b"sst" => {
                for attribute in [&b"uniqueCount"[..], b"count"] {
                    if let Some(value) = attribute_value(tag, attribute) {
                        let within = !value.is_empty()
                            && value.len() <= 9
                            && value.iter().all(u8::is_ascii_digit)
                            && std::str::from_utf8(value)
                                .ok()
                                .and_then(|text| text.parse::<usize>().ok())
                                .is_some_and(|n| n <= MAX_SHARED_STRINGS || attribute == b"count");
                        if !within {
                            return Err(too_many_strings());
                        }
                    }
                }
            }
            b"si" => {
                items += 1;
                if items > MAX_SHARED_STRINGS {
                    return Err(too_many_strings());
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// The text between `<` and the next `>` of every start or empty-element tag (not `</…>`, `<?…?>` or `<!…>`),
/// without its closing `/`.
fn start_tags(xml: &[u8]) -> impl Iterator<Item = &[u8]> {
    xml.split(|&b| b == b'<').skip(1).filter_map(|rest| {
        let tag = rest.get(..tag_end(rest)?)?;
        match tag.first() {
            Some(b'/' | b'?' | b'!') | None => None,
            Some(_) => Some(tag.strip_suffix(b"/").unwrap_or(tag)),
        }
    })
}

/// Where a tag ends: the first `>` outside a quoted attribute value (`<` cannot appear in one).
fn tag_end(tag: &[u8]) -> Option<usize> {
    let mut quote = None;
    for (at, &b) in tag.iter().enumerate() {
        match (quote, b) {
            (None, b'>') => return Some(at),
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(open), _) if open == b => quote = None,
            _ => {}
        }
    }
    None
}

/// The raw value of `name="…"` (or `'…'`) in a tag, as calamine reads it (entities not decoded).
fn attribute_value<'a>(tag: &'a [u8], name: &[u8]) -> Option<&'a [u8]> {
    let mut rest = tag;
    while let Some(at) = find(rest, name) {
        let before = at.checked_sub(1).and_then(|i| rest.get(i));
        let after = rest.get(at + name.len()..)?;
        let after_trimmed = trim_start(after);
        if before.is_some_and(u8::is_ascii_whitespace) && after_trimmed.first() == Some(&b'=') {
            let value = trim_start(after_trimmed.get(1..)?);
            let quote = *value.first()?;
            if quote == b'"' || quote == b'\'' {
                let inner = value.get(1..)?;
                let close = inner.iter().position(|&b| b == quote)?;
                return inner.get(..close);
            }
            return None;
        }
        rest = rest.get(at + name.len()..)?;
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

fn trim_start(bytes: &[u8]) -> &[u8] {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    bytes.get(start..).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(xml: &str) -> bool {
        check_shared_strings(xml.as_bytes()).is_err()
    }

    #[test]
    fn the_declared_count_of_unique_strings_is_bounded() {
        assert!(!refused(
            r#"<?xml version="1.0"?><sst xmlns="x" count="3" uniqueCount="2"><si><t>a</t></si><si><t>b</t></si></sst>"#
        ));
        assert!(refused(r#"<sst xmlns="x" uniqueCount="4000000"></sst>"#));
        assert!(refused(r#"<x:sst uniqueCount = '999999999999'></x:sst>"#));
        assert!(refused(r#"<sst uniqueCount="&#49;0"></sst>"#));
        // `count` is the number of uses, which may exceed the unique strings, but must still be a number.
        assert!(!refused(r#"<sst count="50000" uniqueCount="2"></sst>"#));
        assert!(refused(r#"<sst count="-1"></sst>"#));
        // A `>` inside a quoted value does not end the tag before the count.
        assert!(refused(r#"<sst a=">" uniqueCount="4000000"></sst>"#));
    }

    #[test]
    fn the_real_number_of_strings_is_bounded_prefixed_or_not() {
        let many = "<si/>".repeat(MAX_SHARED_STRINGS + 1);
        assert!(refused(&format!("<sst>{many}</sst>")));
        let prefixed = "<x:si><x:t>a</x:t></x:si>".repeat(MAX_SHARED_STRINGS + 1);
        assert!(refused(&format!("<x:sst>{prefixed}</x:sst>")));
        let enough = "<si><t>a</t></si>".repeat(MAX_SHARED_STRINGS);
        assert!(!refused(&format!("<sst>{enough}</sst>")));
        // `<sip>` or `<siz>` are not items.
        assert!(!refused(&format!(
            "<sst>{}</sst>",
            "<sip/>".repeat(MAX_SHARED_STRINGS + 1)
        )));
    }
}
