//! Removes exports from a WebAssembly module, so wasm-opt can drop the code only they reach.
//!
//! printpdf exports its own JavaScript API (`Pdf_BytesToDocumentSync`, `Pdf_PageToSvgSync`, …)
//! from any wasm build, unconditionally; the PDF module never calls it, but an export keeps PDF
//! parsing, SVG rendering and their serde code alive (about half the module). The JavaScript
//! glue wasm-bindgen writes for them stays, unused; calling one would fail.

use crate::Result;

/// `module` with every export whose name `drop` accepts taken out of its export section.
pub fn without_exports(module: &[u8], drop: impl Fn(&str) -> bool) -> Result<Vec<u8>> {
    const HEADER: usize = 8;
    const EXPORT_SECTION: u8 = 7;
    if module.len() < HEADER || &module[..4] != b"\0asm" {
        return Err("not a WebAssembly module".to_owned());
    }
    let mut out = module[..HEADER].to_vec();
    let mut at = HEADER;
    while at < module.len() {
        let id = module[at];
        let (size, size_len) = leb128(&module[at + 1..])?;
        let start = at + 1 + size_len;
        let end =
            start.checked_add(size as usize).filter(|&end| end <= module.len()).ok_or("a section runs past the end")?;
        if id == EXPORT_SECTION {
            let body = filter_exports(&module[start..end], &drop)?;
            out.push(id);
            write_leb128(&mut out, body.len() as u32);
            out.extend_from_slice(&body);
        } else {
            out.extend_from_slice(&module[at..end]);
        }
        at = end;
    }
    Ok(out)
}

fn filter_exports(section: &[u8], drop: &impl Fn(&str) -> bool) -> Result<Vec<u8>> {
    let (count, mut at) = leb128(section)?;
    let mut kept = Vec::new();
    let mut kept_count = 0u32;
    for _ in 0..count {
        let entry_start = at;
        let (name_len, len_len) = leb128(&section[at..])?;
        let name_start = at + len_len;
        let name_end = name_start + name_len as usize;
        let name = std::str::from_utf8(section.get(name_start..name_end).ok_or("an export name runs past the end")?)
            .map_err(|_| "an export name is not UTF-8")?;
        // The kind (one byte), then the index.
        let (_, index_len) = leb128(section.get(name_end + 1..).ok_or("an export runs past the end")?)?;
        at = name_end + 1 + index_len;
        if !drop(name) {
            kept.extend_from_slice(&section[entry_start..at]);
            kept_count += 1;
        }
    }
    let mut body = Vec::new();
    write_leb128(&mut body, kept_count);
    body.extend_from_slice(&kept);
    Ok(body)
}

/// An unsigned LEB128 number and how many bytes it took.
fn leb128(bytes: &[u8]) -> Result<(u32, usize)> {
    let mut value = 0u32;
    for (i, &byte) in bytes.iter().enumerate().take(5) {
        value |= u32::from(byte & 0x7F) << (7 * i);
        if byte & 0x80 == 0 {
            return Ok((value, i + 1));
        }
    }
    Err("a malformed number in the module".to_owned())
}

fn write_leb128(out: &mut Vec<u8>, mut value: u32) {
    loop {
        let byte = (value & 0x7F) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A module with two function exports of one function, and a custom section after them.
    fn module() -> Vec<u8> {
        let mut m = b"\0asm\x01\0\0\0".to_vec();
        // type section: one type () -> ()
        m.extend_from_slice(&[1, 4, 1, 0x60, 0, 0]);
        // function section: one function of type 0
        m.extend_from_slice(&[3, 2, 1, 0]);
        // export section: "keep" and "Pdf_x", both function 0
        let mut exports = vec![2];
        for name in ["keep", "Pdf_x"] {
            exports.push(name.len() as u8);
            exports.extend_from_slice(name.as_bytes());
            exports.extend_from_slice(&[0, 0]);
        }
        m.push(7);
        m.push(exports.len() as u8);
        m.extend_from_slice(&exports);
        // code section: one empty body
        m.extend_from_slice(&[10, 4, 1, 2, 0, 0x0B]);
        m.extend_from_slice(&[0, 3, 1, b'c', 9]);
        m
    }

    #[test]
    fn named_exports_are_dropped_and_the_rest_is_kept_byte_for_byte() {
        let original = module();
        let filtered = without_exports(&original, |name| name.starts_with("Pdf_")).expect("a module");
        assert!(!filtered.windows(5).any(|w| w == b"Pdf_x"));
        assert!(filtered.windows(4).any(|w| w == b"keep"));
        assert_eq!(filtered.len(), original.len() - (1 + 5 + 2));
        assert!(filtered.ends_with(&[10, 4, 1, 2, 0, 0x0B, 0, 3, 1, b'c', 9]));
        assert_eq!(without_exports(&original, |_| false).expect("a module"), original);
    }

    #[test]
    fn numbers_round_trip() {
        for value in [0, 1, 127, 128, 300, 16_384, u32::MAX] {
            let mut bytes = Vec::new();
            write_leb128(&mut bytes, value);
            assert_eq!(leb128(&bytes).expect("a number"), (value, bytes.len()));
        }
    }
}
