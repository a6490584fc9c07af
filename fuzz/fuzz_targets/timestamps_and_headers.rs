#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::timestamps_and_headers(data));
