//! `@requestCompression`: request bodies sent gzip-compressed.

use std::io::Write as _;

/// The body gzip-compressed; `None` if the encoder fails, and the body then
/// goes uncompressed, which the service accepts as well.
pub fn gzip(body: &[u8]) -> Option<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(body).ok()?;
    encoder.finish().ok()
}

#[cfg(test)]
mod tests {
    use std::io::Read as _;

    #[test]
    fn gzip_round_trips() {
        let body = b"hello hello hello hello".repeat(100);
        let compressed = super::gzip(&body).unwrap_or_default();
        assert!(compressed.starts_with(&[0x1f, 0x8b]), "a gzip member");
        assert!(compressed.len() < body.len());
        let mut read = Vec::new();
        let decoded = flate2::read::GzDecoder::new(compressed.as_slice()).read_to_end(&mut read);
        assert!(decoded.is_ok());
        assert_eq!(read, body);
    }
}
