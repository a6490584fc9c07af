//! Types that the model's simple shapes map to.

mod blob;
pub mod timestamp;
mod unknown;

pub use blob::Blob;
pub use timestamp::{ParseTimestampError, Timestamp};
pub use unknown::{deserialize_enum, UnknownValue};
