//! Types that the model's simple shapes map to.

mod blob;
mod byte_stream;
pub mod timestamp;
mod unknown;

pub use blob::Blob;
pub use byte_stream::ByteStream;
pub use timestamp::{ParseTimestampError, Timestamp};
pub use unknown::{deserialize_enum, UnknownValue};
