//! What a generated crate takes from the runtime crate, decided once per model: the runtime's
//! optional parts (its Cargo features) the crate turns on, the runtime types it re-exports, and
//! the modules of its own that only some models have. The manifest, the crate root and the file
//! plan all read [`Uses`], so each part's condition, feature and modules are written here alone;
//! the dependencies behind each feature are the runtime's `Cargo.toml`'s business.

use crate::lower::ir::{Crate, Matcher, RustType};

/// The runtime crate's package name.
pub const PACKAGE: &str = "smithy-lean-runtime";

/// The name a generated crate gives the runtime in its `Cargo.toml`, and its code uses in paths
/// (`runtime::protocol::Key`): shorter than the package's, and says what it is.
pub const DEPENDENCY: &str = "runtime";

/// What the model uses that the crate needs a runtime part, a re-export or a module for.
#[derive(Debug, Clone, Copy)]
pub struct Uses {
    /// `primitives::Timestamp`.
    pub timestamps: bool,
    /// `primitives::Blob`.
    pub blobs: bool,
    /// `f64`s (`double`s, `document`s' numbers): read exactly, the runtime's `float-roundtrip`.
    pub f64s: bool,
    /// Enums, so `primitives::UnknownValue`.
    pub enums: bool,
    /// Structures, enums, unions or errors: the `types` module.
    pub types: bool,
    /// Modeled errors: the `types::error` module.
    pub errors: bool,
    /// `@paginated` operations: the `paginate` module.
    pub paginators: bool,
    /// Patterns that are regexes: the `patterns` module of their statics.
    pub regex_patterns: bool,
    /// `@httpChecksumRequired`: the runtime's `content-md5`.
    pub checksums: bool,
    /// `@requestCompression`: the runtime's `gzip`.
    pub gzip: bool,
    /// Protocol compliance tests: the `protocol_tests` module, and the runtime's `test-util`
    /// for them.
    pub protocol_tests: bool,
    /// Property tests: the `property_tests` module, and the runtime's `proptest` for them.
    pub property_tests: bool,
    /// Output event streams: the `event_stream` module, and the runtime's `event-stream`.
    pub event_streams: bool,
    /// `@streaming` blobs, of inputs or outputs: `primitives::ByteStream`.
    pub byte_streams: bool,
    /// Input event streams that must go over HTTP/2: the default transport with the runtime's
    /// `http2`.
    pub http2: bool,
}

/// An optional part of the runtime: its Cargo feature, and when a model needs it.
struct Feature {
    name: &'static str,
    needed: fn(&Uses) -> bool,
}

/// The runtime's optional parts.
const FEATURES: &[Feature] = &[
    Feature { name: "content-md5", needed: |uses| uses.checksums },
    Feature { name: "gzip", needed: |uses| uses.gzip },
    Feature { name: "patterns", needed: |uses| uses.regex_patterns },
    Feature { name: "event-stream", needed: |uses| uses.event_streams },
    Feature { name: "float-roundtrip", needed: |uses| uses.f64s },
    Feature { name: "streaming", needed: |uses| uses.byte_streams || uses.event_streams },
];

impl Uses {
    pub fn of(krate: &Crate) -> Self {
        let Crate { operations, structures, errors, enums, unions, patterns, protocol_tests, property_tests, .. } =
            krate;
        let streams = |kind: fn(&RustType) -> bool| {
            operations
                .iter()
                .flat_map(|operation| operation.input.members.iter().chain(&operation.output.members))
                .any(|member| kind(&member.value_ty))
        };
        Self {
            timestamps: krate.uses_timestamp,
            blobs: krate.uses_blob,
            f64s: krate.uses_f64,
            enums: !enums.is_empty(),
            types: !(structures.is_empty() && enums.is_empty() && unions.is_empty() && errors.is_empty()),
            errors: !errors.is_empty(),
            paginators: operations.iter().any(|operation| operation.pagination.is_some()),
            regex_patterns: patterns.iter().any(|pattern| matches!(pattern.matcher, Matcher::Regex { .. })),
            checksums: operations.iter().any(|operation| operation.checksum_required),
            gzip: operations.iter().any(|operation| operation.gzip_request),
            protocol_tests: !protocol_tests.is_empty(),
            property_tests: *property_tests,
            event_streams: streams(|ty| matches!(ty, RustType::EventReceiver { .. } | RustType::EventSender { .. })),
            byte_streams: streams(|ty| *ty == RustType::ByteStream),
            http2: operations
                .iter()
                .any(|operation| operation.input_stream.as_ref().is_some_and(|stream| stream.http2)),
        }
    }

    /// The runtime features the crate turns on, in a fixed order.
    pub fn features(&self) -> Vec<&'static str> {
        FEATURES.iter().filter(|feature| (feature.needed)(self)).map(|feature| feature.name).collect()
    }

    /// The runtime features the crate's tests turn on besides those of [`Uses::features`].
    pub fn test_features(&self) -> Vec<&'static str> {
        let mut names = Vec::new();
        if self.protocol_tests {
            names.push("test-util");
        }
        if self.property_tests {
            names.push("proptest");
        }
        names
    }

    /// The runtime's `primitives` the crate re-exports in its own `primitives` module.
    pub fn primitives(&self) -> Vec<&'static str> {
        let mut names = Vec::new();
        if self.blobs {
            names.push("Blob");
        }
        if self.byte_streams {
            names.push("ByteStream");
        }
        if self.timestamps {
            names.extend(["ParseTimestampError", "Timestamp"]);
        }
        if self.enums {
            names.push("UnknownValue");
        }
        names
    }
}
