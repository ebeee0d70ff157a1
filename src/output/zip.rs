//! A minimal, deterministic ZIP writer: entries in the order given, every timestamp the same
//! fixed date, no extra fields, deflate at a fixed level — so the same files give the same
//! bytes, which is what lets two packs of one commit be compared by hash. (The `zip` crate
//! would do, but stamps and field choices vary across its versions; the format is small.)

use std::io::Write as _;

use flate2::Compression;
use flate2::write::DeflateEncoder;

/// DOS date of 1 January 2000, 00:00 — any fixed date would do; this one reads as «not real».
const DOS_DATE: u16 = ((2000 - 1980) << 9) | (1 << 5) | 1;
const DOS_TIME: u16 = 0;

/// Builds a ZIP archive of `(name, bytes)` entries; names use `/` and are stored as UTF-8.
pub fn archive<'a>(entries: impl IntoIterator<Item = (&'a str, &'a [u8])>) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    let mut count: u16 = 0;
    for (name, bytes) in entries {
        let mut encoder = DeflateEncoder::new(Vec::new(), Compression::new(6));
        encoder
            .write_all(bytes)
            .expect("deflating into memory cannot fail");
        let deflated = encoder.finish().expect("deflating into memory cannot fail");
        // Store what deflate cannot shrink (PDF streams are compressed already).
        let (method, data): (u16, &[u8]) = if deflated.len() < bytes.len() {
            (8, &deflated)
        } else {
            (0, bytes)
        };
        let crc = crc32fast::hash(bytes);
        let offset = out.len() as u32;
        let name = name.as_bytes();
        // Local file header.
        put32(&mut out, 0x0403_4b50);
        put16(&mut out, 20); // version needed: 2.0
        put16(&mut out, 1 << 11); // flags: names are UTF-8
        put16(&mut out, method);
        put16(&mut out, DOS_TIME);
        put16(&mut out, DOS_DATE);
        put32(&mut out, crc);
        put32(&mut out, data.len() as u32);
        put32(&mut out, bytes.len() as u32);
        put16(&mut out, name.len() as u16);
        put16(&mut out, 0);
        out.extend_from_slice(name);
        out.extend_from_slice(data);
        // Central directory entry.
        put32(&mut central, 0x0201_4b50);
        put16(&mut central, (3 << 8) | 20); // made by: Unix, 2.0 (so the mode below is read)
        put16(&mut central, 20);
        put16(&mut central, 1 << 11);
        put16(&mut central, method);
        put16(&mut central, DOS_TIME);
        put16(&mut central, DOS_DATE);
        put32(&mut central, crc);
        put32(&mut central, data.len() as u32);
        put32(&mut central, bytes.len() as u32);
        put16(&mut central, name.len() as u16);
        put16(&mut central, 0); // extra
        put16(&mut central, 0); // comment
        put16(&mut central, 0); // disk
        put16(&mut central, 0); // internal attributes
        put32(&mut central, 0o100_644 << 16); // external: a regular file, rw-r--r--
        put32(&mut central, offset);
        central.extend_from_slice(name);
        count += 1;
    }
    let central_offset = out.len() as u32;
    out.extend_from_slice(&central);
    put32(&mut out, 0x0605_4b50);
    put16(&mut out, 0);
    put16(&mut out, 0);
    put16(&mut out, count);
    put16(&mut out, count);
    put32(&mut out, central.len() as u32);
    put32(&mut out, central_offset);
    put16(&mut out, 0);
    out
}

fn put16(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_entries_same_bytes() {
        let text = "протокол ".repeat(100);
        let a = archive([
            ("пакет/a.txt", text.as_bytes()),
            ("пакет/b.bin", &[0u8, 1, 2][..]),
        ]);
        let b = archive([
            ("пакет/a.txt", text.as_bytes()),
            ("пакет/b.bin", &[0u8, 1, 2][..]),
        ]);
        assert_eq!(a, b);
        assert_eq!(&a[..4], b"PK\x03\x04");
        assert!(a.len() < text.len(), "text is deflated");
        let end = &a[a.len() - 22..];
        assert_eq!(&end[..4], b"PK\x05\x06");
        assert_eq!(u16::from_le_bytes([end[10], end[11]]), 2);
    }
}
