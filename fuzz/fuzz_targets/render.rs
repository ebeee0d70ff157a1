//! Arbitrary bytes as a case file; when the repository is valid, its documents as HTML and PDF.
#![no_main]

libfuzzer_sys::fuzz_target!(|input: &[u8]| {
    kurator::fuzzing::render(input);
});
