//! `@httpChecksumRequired`: a request body's `Content-MD5`.

use md5::{Digest, Md5};

/// The base64 of the body's MD5 digest, the value of `Content-MD5`.
pub fn content_md5(body: &[u8]) -> String {
    aws_smithy_types::base64::encode(Md5::digest(body))
}

#[cfg(test)]
mod tests {
    #[test]
    fn md5_of_known_bodies() {
        // RFC 1321's test suite, in base64.
        assert_eq!(super::content_md5(b""), "1B2M2Y8AsgTpgAmY7PhCfg==");
        assert_eq!(super::content_md5(b"abc"), "kAFQmDzST7DWlj99KOF/cg==");
    }
}
