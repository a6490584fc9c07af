//! What the default transport adds for streams (the `streaming` feature): request bodies sent as
//! they are read, and response bodies read as they arrive.

use std::error::Error as StdError;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use http_body_util::BodyExt;

use super::{HyperClient, Stalled};
use crate::http::{StreamRequest, StreamResponse, TransportError, TransportErrorKind};
use crate::primitives::ByteStream;

/// [`HttpClient::send_streaming`](crate::http::HttpClient::send_streaming) of the default
/// transport.
pub(super) async fn send(client: &HyperClient, request: StreamRequest) -> Result<StreamResponse, TransportError> {
    // A body in memory is one chunk of the stream, handed over without a copy.
    let request = request.map(|body| http_body_util::Either::Right(http_body_util::StreamBody::new(Frames(body))));
    let (parts, body) = client.head(request).await?.into_parts();
    let chunks = Stalling { chunks: body.into_data_stream(), limit: client.body_stall_timeout, timer: None };
    Ok(http::Response::from_parts(parts, ByteStream::from_stream(chunks)))
}

/// A request body's chunks as hyper sends them.
pub(super) struct Frames(ByteStream);

impl futures_core::Stream for Frames {
    type Item = Result<hyper::body::Frame<bytes::Bytes>, TransportError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        Pin::new(&mut self.0).poll_next(cx).map(|next| next.map(|chunk| chunk.map(hyper::body::Frame::data)))
    }
}

/// A body's chunks, failing when one does not come within `limit` of the last.
struct Stalling<S> {
    chunks: S,
    limit: Option<Duration>,
    /// Started when a chunk is awaited, dropped when one comes.
    timer: Option<Pin<Box<tokio::time::Sleep>>>,
}

impl<S, E> futures_core::Stream for Stalling<S>
where
    S: futures_core::Stream<Item = Result<bytes::Bytes, E>> + Unpin,
    E: Into<Box<dyn StdError + Send + Sync>>,
{
    type Item = Result<bytes::Bytes, TransportError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        if let Poll::Ready(next) = Pin::new(&mut this.chunks).poll_next(cx) {
            this.timer = None;
            return Poll::Ready(
                next.map(|chunk| chunk.map_err(|err| TransportError::new(TransportErrorKind::Io, err))),
            );
        }
        let Some(limit) = this.limit else { return Poll::Pending };
        let timer = this.timer.get_or_insert_with(|| Box::pin(tokio::time::sleep(limit)));
        match timer.as_mut().poll(cx) {
            Poll::Ready(()) => {
                this.timer = None;
                Poll::Ready(Some(Err(TransportError::new(TransportErrorKind::Io, Stalled(limit)))))
            }
            Poll::Pending => Poll::Pending,
        }
    }
}
