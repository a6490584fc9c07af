//! [`FrameReader`]: messages out of a body that arrives in chunks of any size.

use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::BytesMut;
use futures_core::Stream;

use crate::error::SdkError;
use crate::http::TransportError;
use crate::primitives::ByteStream;

use super::{text_header, Message};

/// The largest frame read: 16 MiB, the limit of AWS's own event-stream implementation (the
/// CRT's), headers included. A prelude announcing more is refused before anything of it is
/// buffered.
pub const MAX_FRAME_LEN: usize = 16 * 1024 * 1024;

/// The prelude: total length, headers length, and the prelude's CRC32.
const PRELUDE_LEN: usize = 12;

/// The most header bytes a frame may have: 128 KiB, the CRT's limit too.
const MAX_HEADERS_LEN: usize = 128 * 1024;

/// The smallest frame: a prelude and a message CRC, no headers, no payload.
const MIN_FRAME_LEN: usize = PRELUDE_LEN + 4;

/// Reads messages from a body; what a receiver of events reads from.
#[derive(Debug)]
pub struct FrameReader {
    body: ByteStream,
    /// What has come of frames not yet read whole.
    buffer: BytesMut,
    /// A message read ahead (looking for an `initial-response`), handed out first.
    pending: Option<Message>,
}

/// Why a body is not a stream of valid frames.
#[derive(Debug)]
pub enum FrameError {
    /// The connection failed, or sent nothing for the stall time-out.
    Transport(TransportError),
    /// The bytes are not a valid frame, or the body ended inside one.
    Invalid(String),
}

impl fmt::Display for FrameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FrameError::Transport(err) => write!(f, "the event stream's connection failed: {err}"),
            FrameError::Invalid(message) => write!(f, "the event stream is not valid: {message}"),
        }
    }
}

impl std::error::Error for FrameError {}

impl FrameError {
    /// The error as the operation `operation`, answered with `status`, reports it.
    pub(crate) fn into_sdk_error<E>(
        self,
        operation: &'static str,
        status: u16,
        request_id: Option<String>,
    ) -> SdkError<E> {
        match self {
            // The attempt that got the response is the one whose body failed.
            FrameError::Transport(source) => SdkError::Transport { operation, attempts: 1, source },
            FrameError::Invalid(message) => SdkError::Response {
                operation,
                status,
                request_id,
                message: format!("the event stream is not valid: {message}"),
            },
        }
    }
}

impl FrameReader {
    /// Reads the frames of `body`.
    pub fn new(body: ByteStream) -> Self {
        Self { body, buffer: BytesMut::new(), pending: None }
    }

    /// The next message; `None` when the body ends between frames.
    pub async fn next(&mut self) -> Result<Option<Message>, FrameError> {
        std::future::poll_fn(|cx| self.poll_next(cx)).await
    }

    /// [`next`](Self::next) as a poll, for a `Stream`.
    pub fn poll_next(&mut self, cx: &mut Context<'_>) -> Poll<Result<Option<Message>, FrameError>> {
        if let Some(message) = self.pending.take() {
            return Poll::Ready(Ok(Some(message)));
        }
        loop {
            if let Some(message) = self.decode()? {
                return Poll::Ready(Ok(Some(message)));
            }
            let chunk = match Pin::new(&mut self.body).poll_next(cx) {
                Poll::Ready(chunk) => chunk,
                Poll::Pending => return Poll::Pending,
            };
            match chunk {
                Some(Ok(chunk)) => self.buffer.extend_from_slice(&chunk),
                Some(Err(err)) => return Poll::Ready(Err(FrameError::Transport(err))),
                None if self.buffer.is_empty() => return Poll::Ready(Ok(None)),
                None => {
                    return Poll::Ready(Err(FrameError::Invalid(format!(
                        "the body ended inside a frame, after {} bytes of it",
                        self.buffer.len()
                    ))))
                }
            }
        }
    }

    /// The payload of the `initial-response` message (awsJson's output members) when the
    /// stream starts with one; any other first message is kept for [`next`](Self::next).
    pub async fn initial_response(&mut self) -> Result<Option<Vec<u8>>, FrameError> {
        let Some(message) = self.next().await? else { return Ok(None) };
        if text_header(&message, ":message-type") == Some("event")
            && text_header(&message, ":event-type") == Some("initial-response")
        {
            return Ok(Some(message.payload().to_vec()));
        }
        self.pending = Some(message);
        Ok(None)
    }

    /// A whole frame from the buffer, if one has come; its prelude is checked as soon as it is
    /// there, so a corrupt length is never waited for.
    fn decode(&mut self) -> Result<Option<Message>, FrameError> {
        let Some(prelude) = self.buffer.get(..PRELUDE_LEN) else { return Ok(None) };
        let word = |at: usize| u32::from_be_bytes([prelude[at], prelude[at + 1], prelude[at + 2], prelude[at + 3]]);
        let (total, headers, checksum) = (word(0), word(4), word(8));
        let computed = crc32fast::hash(&prelude[..8]);
        if computed != checksum {
            return Err(FrameError::Invalid(format!(
                "the prelude's checksum is {checksum:#010x}, but its bytes give {computed:#010x}"
            )));
        }
        let total = usize::try_from(total).unwrap_or(usize::MAX);
        if !(MIN_FRAME_LEN..=MAX_FRAME_LEN).contains(&total) {
            return Err(FrameError::Invalid(format!(
                "a frame says it is {total} bytes long, outside {MIN_FRAME_LEN}..={MAX_FRAME_LEN}"
            )));
        }
        let headers = usize::try_from(headers).unwrap_or(usize::MAX);
        if headers > total - MIN_FRAME_LEN {
            return Err(FrameError::Invalid(format!("a frame of {total} bytes says its headers take {headers}")));
        }
        if headers > MAX_HEADERS_LEN {
            return Err(FrameError::Invalid(format!(
                "a frame says its headers take {headers} bytes, more than {MAX_HEADERS_LEN}"
            )));
        }
        if self.buffer.len() < total {
            // Room for the rest of the frame at once, not in doublings.
            self.buffer.reserve(total - self.buffer.len());
            return Ok(None);
        }
        let frame = self.buffer.split_to(total).freeze();
        aws_smithy_eventstream::frame::read_message_from(frame)
            .map(Some)
            .map_err(|err| FrameError::Invalid(format!("a frame cannot be read: {err}")))
    }
}

#[cfg(test)]
mod tests;
