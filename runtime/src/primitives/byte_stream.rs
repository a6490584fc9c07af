//! [`ByteStream`]: a body read or sent as it goes, chunk by chunk, so a large download or upload
//! never sits whole in memory.

use std::error::Error as StdError;
use std::fmt;
use std::pin::Pin;
use std::sync::Mutex;
use std::task::{Context, Poll};

use bytes::{Buf, Bytes};
use futures_core::Stream;

use crate::http::{TransportError, TransportErrorKind};

#[cfg(feature = "streaming")]
mod file;

/// What a [`ByteStream`] is read from: chunks, or the failure under them.
type Chunks = Pin<Box<dyn Stream<Item = Result<Bytes, TransportError>> + Send + Sync>>;

/// A body that goes in chunks: a `@streaming` blob of an output or an input, or the bytes under
/// an event stream.
///
/// An output's is read with [`next`](Self::next), all at once with [`collect`](Self::collect),
/// as a `futures_core::Stream`, or as a `tokio::io::AsyncRead`
/// ([`into_async_read`](Self::into_async_read)). A chunk that does not come within the
/// transport's body stall time-out ends the stream with a [`TransportError`]; the operation's
/// own time-outs cover the call only until the response's headers, never the time the caller
/// takes to read the body.
///
/// An input's is made from bytes in memory (`From<Vec<u8>>`, `From<Bytes>`, `From<String>`),
/// a file (`from_path`, with the `streaming` feature) or any stream of chunks
/// ([`from_stream`](Self::from_stream), with [`with_content_length`](Self::with_content_length)
/// when its length is known). Only a body in memory can be sent again, so a call with another
/// is not retried once the body has started to go.
///
/// `ByteStream::default()` is an empty body.
pub struct ByteStream {
    inner: Inner,
    /// The length of a stream, when it is known.
    length: Option<u64>,
}

enum Inner {
    /// A body already in memory, handed out as one chunk.
    Memory(Option<Bytes>),
    Chunks(Chunks),
}

impl ByteStream {
    /// A body of the chunks of `chunks`: what a transport reads, or what an input sends. An
    /// error of the stream ends the body; a [`TransportError`] is kept as it is, any other
    /// becomes the source of one.
    pub fn from_stream<S, E>(chunks: S) -> Self
    where
        S: Stream<Item = Result<Bytes, E>> + Send + 'static,
        E: Into<Box<dyn StdError + Send + Sync>>,
    {
        Self { inner: Inner::Chunks(Box::pin(Exclusive(Mutex::new(Box::pin(chunks))))), length: None }
    }

    /// The same body, said to be `length` bytes long: sent with a `Content-Length` (without one,
    /// a stream goes chunked, which some operations refuse: `@requiresLength`).
    pub fn with_content_length(mut self, length: u64) -> Self {
        if let Inner::Chunks(_) = self.inner {
            self.length = Some(length);
        }
        self
    }

    /// The body's length, when it is known: in memory, from a file, or as given.
    pub fn content_length(&self) -> Option<u64> {
        match &self.inner {
            Inner::Memory(bytes) => Some(bytes.as_ref().map_or(0, |bytes| bytes.len() as u64)),
            Inner::Chunks(_) => self.length,
        }
    }

    /// A second handle on a body in memory (its bytes are shared, not copied); `None` for a
    /// stream, which can be read only once.
    pub fn try_clone(&self) -> Option<Self> {
        match &self.inner {
            Inner::Memory(bytes) => Some(Self { inner: Inner::Memory(bytes.clone()), length: None }),
            Inner::Chunks(_) => None,
        }
    }

    /// The bytes of a body in memory; `None` for a stream.
    pub fn bytes(&self) -> Option<&[u8]> {
        match &self.inner {
            Inner::Memory(bytes) => Some(bytes.as_deref().unwrap_or_default()),
            Inner::Chunks(_) => None,
        }
    }

    /// The next chunk, `None` at the end of the body. Chunks are never empty.
    pub async fn next(&mut self) -> Option<Result<Bytes, TransportError>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }

    /// The rest of the body, read whole into memory.
    pub async fn collect(mut self) -> Result<Bytes, TransportError> {
        let mut first: Option<Bytes> = None;
        let mut rest: Vec<u8> = Vec::new();
        while let Some(chunk) = self.next().await {
            let chunk = chunk?;
            match &first {
                // A body of one chunk is handed over as it is, without a copy.
                None if rest.is_empty() => first = Some(chunk),
                _ => {
                    if let Some(first) = first.take() {
                        rest.extend_from_slice(&first);
                    }
                    rest.extend_from_slice(&chunk);
                }
            }
        }
        Ok(first.unwrap_or_else(|| Bytes::from(rest)))
    }

    /// The body as a `tokio::io::AsyncRead`, to copy it into a file with `tokio::io::copy` or
    /// hand it to a decoder. A failure of the transport is an `std::io::Error` of kind `Other`
    /// holding the [`TransportError`].
    pub fn into_async_read(self) -> impl tokio::io::AsyncRead + Send + Sync + Unpin {
        Reader { stream: self, chunk: Bytes::new() }
    }
}

impl Default for ByteStream {
    fn default() -> Self {
        Self { inner: Inner::Memory(None), length: None }
    }
}

impl From<Bytes> for ByteStream {
    fn from(bytes: Bytes) -> Self {
        Self { inner: Inner::Memory((!bytes.is_empty()).then_some(bytes)), length: None }
    }
}

impl From<Vec<u8>> for ByteStream {
    fn from(bytes: Vec<u8>) -> Self {
        Self::from(Bytes::from(bytes))
    }
}

impl From<String> for ByteStream {
    fn from(text: String) -> Self {
        Self::from(Bytes::from(text))
    }
}

impl From<&'static [u8]> for ByteStream {
    fn from(bytes: &'static [u8]) -> Self {
        Self::from(Bytes::from_static(bytes))
    }
}

impl From<&'static str> for ByteStream {
    fn from(text: &'static str) -> Self {
        Self::from(Bytes::from_static(text.as_bytes()))
    }
}

impl From<crate::primitives::Blob> for ByteStream {
    fn from(blob: crate::primitives::Blob) -> Self {
        Self::from(blob.into_inner())
    }
}

/// A stream behind a lock, so that the body is `Sync` whatever the stream is: it is only ever
/// polled through `&mut`, so the lock is never contended.
struct Exclusive<S>(Mutex<Pin<Box<S>>>);

impl<S, E> Stream for Exclusive<S>
where
    S: Stream<Item = Result<Bytes, E>>,
    E: Into<Box<dyn StdError + Send + Sync>>,
{
    type Item = Result<Bytes, TransportError>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let chunks = match self.get_mut().0.get_mut() {
            Ok(chunks) => chunks,
            // A panic inside the stream's own poll poisons the lock; the body ends there.
            Err(poisoned) => poisoned.into_inner(),
        };
        chunks.as_mut().poll_next(cx).map(|next| {
            next.map(|chunk| {
                chunk.map_err(|err| match err.into().downcast::<TransportError>() {
                    Ok(transport) => *transport,
                    Err(other) => TransportError::new(TransportErrorKind::Io, other),
                })
            })
        })
    }
}

impl fmt::Debug for ByteStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.inner {
            Inner::Memory(bytes) => {
                write!(f, "ByteStream({} bytes in memory)", bytes.as_ref().map_or(0, Bytes::len))
            }
            Inner::Chunks(_) => f.write_str("ByteStream(streaming)"),
        }
    }
}

impl Stream for ByteStream {
    type Item = Result<Bytes, TransportError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        match &mut self.inner {
            Inner::Memory(bytes) => Poll::Ready(bytes.take().map(Ok)),
            Inner::Chunks(chunks) => loop {
                match chunks.as_mut().poll_next(cx) {
                    Poll::Ready(Some(Ok(chunk))) if chunk.is_empty() => continue,
                    // A `Stream` may panic when polled after its end: an ended body stays ended.
                    Poll::Ready(None) => {
                        self.inner = Inner::Memory(None);
                        return Poll::Ready(None);
                    }
                    other => return other,
                }
            },
        }
    }
}

/// [`ByteStream::into_async_read`].
struct Reader {
    stream: ByteStream,
    /// What is left of the chunk being read.
    chunk: Bytes,
}

impl tokio::io::AsyncRead for Reader {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut tokio::io::ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        while self.chunk.is_empty() {
            match Pin::new(&mut self.stream).poll_next(cx) {
                Poll::Ready(Some(Ok(chunk))) => self.chunk = chunk,
                Poll::Ready(Some(Err(err))) => return Poll::Ready(Err(std::io::Error::other(err))),
                // The end of the body: a read of nothing.
                Poll::Ready(None) => return Poll::Ready(Ok(())),
                Poll::Pending => return Poll::Pending,
            }
        }
        let n = self.chunk.len().min(buf.remaining());
        buf.put_slice(&self.chunk[..n]);
        self.chunk.advance(n);
        Poll::Ready(Ok(()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chunks(parts: &[&'static [u8]]) -> ByteStream {
        struct Parts(Vec<Bytes>);
        impl Stream for Parts {
            type Item = Result<Bytes, TransportError>;
            fn poll_next(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<Self::Item>> {
                Poll::Ready((!self.0.is_empty()).then(|| Ok(self.0.remove(0))))
            }
        }
        ByteStream::from_stream(Parts(parts.iter().map(|part| Bytes::from_static(part)).collect()))
    }

    #[tokio::test]
    async fn chunks_come_in_order_without_empty_ones_and_collect_joins_them() {
        let mut stream = chunks(&[b"ab", b"", b"cd"]);
        let mut seen = Vec::new();
        while let Some(chunk) = stream.next().await {
            seen.push(chunk.unwrap_or_else(|err| panic!("{err}")));
        }
        assert_eq!(seen, [Bytes::from_static(b"ab"), Bytes::from_static(b"cd")]);
        let whole = chunks(&[b"ab", b"", b"cd"]).collect().await.unwrap_or_else(|err| panic!("{err}"));
        assert_eq!(whole, Bytes::from_static(b"abcd"));
        assert!(ByteStream::default().collect().await.is_ok_and(|bytes| bytes.is_empty()));
        assert_eq!(ByteStream::from(b"x".to_vec()).collect().await.ok(), Some(Bytes::from_static(b"x")));
    }

    #[tokio::test]
    async fn the_reader_reads_across_chunks_in_small_buffers() {
        use tokio::io::AsyncRead;
        let mut reader = chunks(&[b"hello ", b"world"]).into_async_read();
        let mut out = Vec::new();
        let mut buf = [0u8; 4];
        loop {
            let mut read = tokio::io::ReadBuf::new(&mut buf);
            let done = std::future::poll_fn(|cx| Pin::new(&mut reader).poll_read(cx, &mut read)).await;
            assert!(done.is_ok());
            if read.filled().is_empty() {
                break;
            }
            out.extend_from_slice(read.filled());
        }
        assert_eq!(out, b"hello world");
    }
}
