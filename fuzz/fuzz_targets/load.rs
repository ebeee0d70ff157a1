//! Arbitrary bytes as one file of a valid repository, through the loader and every rule.
#![no_main]

libfuzzer_sys::fuzz_target!(|input: &[u8]| {
    kurator::fuzzing::load(input);
});
