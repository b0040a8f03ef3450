//! Arbitrary bytes as a sequence of Telegram updates (one JSON document per line) through
//! classification, the desk's rules, the stored records' codec and rendering: nothing panics.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    threadesk::replay::run(data);
});
