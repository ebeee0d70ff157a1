//! Hostile input never panics or hangs the loader: random bytes and random edits of a valid
//! case all come back as data or as located diagnostics.

mod common;

use std::path::Path;

use kurator::load::{decode, parse_text};
use kurator::model::{Case, Config, Meeting};
use kurator::schema::FileKind;

/// A small deterministic generator (xorshift64*), so a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn load_all_kinds(bytes: &[u8]) -> usize {
    let path = Path::new("cases/x.yaml");
    let Ok(text) = decode(path, bytes) else {
        return 1;
    };
    let faults = [
        parse_text::<Case>(FileKind::Case, path, &text).err(),
        parse_text::<Meeting>(FileKind::Meeting, path, &text).err(),
        parse_text::<Config>(FileKind::Config, path, &text).err(),
    ];
    for fault in faults.iter().flatten() {
        for d in fault {
            assert!(d.line() >= 1 && d.column() >= 1, "{d:?}");
            assert!(!d.message.is_empty());
        }
    }
    faults.iter().flatten().count()
}

#[test]
fn random_bytes_are_reported_not_panicked_on() {
    let mut rng = Rng(0x5EED_2024);
    let alphabet = b" \t\r\n:-[]{}&*!|>'\"#%@`,?0123456789abc\xd0\xb0\xd1\x8f\xef\xbb\xbf";
    for round in 0..3000 {
        let len = rng.below(400);
        let bytes: Vec<u8> = (0..len)
            .map(|_| {
                if round % 2 == 0 {
                    rng.next() as u8
                } else {
                    alphabet[rng.below(alphabet.len())]
                }
            })
            .collect();
        load_all_kinds(&bytes);
    }
}

#[test]
fn random_edits_of_a_valid_case_are_reported_not_panicked_on() {
    let base = std::fs::read(common::fixture("base/cases/2024-001.yaml")).unwrap();
    assert_eq!(
        load_all_kinds(&base),
        2,
        "the base case is valid as a case only"
    );
    let pieces: [&[u8]; 12] = [
        b":",
        b"- ",
        b"\n",
        b"\t",
        b"  ",
        b"&a ",
        b"*a",
        b"\"",
        b"[",
        b"{",
        b"2024-02-30",
        b"\xff",
    ];
    let mut rng = Rng(0xC0FF_EE11);
    for _ in 0..3000 {
        let mut bytes = base.clone();
        for _ in 0..1 + rng.below(4) {
            let at = rng.below(bytes.len());
            match rng.below(3) {
                0 => {
                    let piece = pieces[rng.below(pieces.len())];
                    bytes.splice(at..at, piece.iter().copied());
                }
                1 => {
                    let end = (at + rng.below(40)).min(bytes.len());
                    bytes.drain(at..end);
                }
                _ => {
                    let from = rng.below(bytes.len());
                    let end = (from + rng.below(60)).min(bytes.len());
                    let chunk = bytes[from..end].to_vec();
                    bytes.splice(at..at, chunk);
                }
            }
        }
        load_all_kinds(&bytes);
    }
}

/// Through the real binary: inputs that once crashed (an alias chain thousands of levels deep)
/// or took minutes (tens of thousands of unknown keys) come back quickly as located errors.
#[test]
fn the_binary_survives_deep_aliases_and_huge_maps() {
    let repo = common::base_repo();
    let mut chain = format!(
        "номер: chain\na0: &a0 {}x{}\n",
        "[".repeat(60),
        "]".repeat(60)
    );
    for i in 1..30 {
        chain += &format!(
            "a{i}: &a{i} {}*a{}{}\n",
            "[".repeat(60),
            i - 1,
            "]".repeat(60)
        );
    }
    std::fs::write(repo.path().join("cases/chain.yaml"), chain).unwrap();
    let keys: String = (0..90_000).map(|i| format!("k{i}: 1\n")).collect();
    std::fs::write(
        repo.path().join("cases/keys.yaml"),
        format!("номер: keys\n{keys}"),
    )
    .unwrap();
    let output = common::run(&["validate", "--root", repo.path().to_str().unwrap()]);
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = common::stdout(&output);
    assert!(text.contains("cases/chain.yaml:3:"), "{text}");
    assert!(text.contains("вложенность глубже 64 уровней"));
    assert!(text.contains("и ещё "), "no cap on faults per file");
    assert_eq!(
        text.matches("cases/keys.yaml:").count(),
        101,
        "{}",
        text.len()
    );
}
