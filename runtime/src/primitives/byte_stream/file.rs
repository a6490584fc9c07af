//! [`ByteStream::from_path`]: an upload read from a file as it is sent (the `streaming`
//! feature, tokio's `fs`).

use std::path::Path;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use futures_core::Stream;

use super::ByteStream;

/// How many bytes of a file are read at a time.
const FILE_CHUNK: usize = 64 * 1024;

impl ByteStream {
    /// The body of the file at `path`, read in chunks of 64 KiB as it is sent; its length is the
    /// file's. The `streaming` feature, which crates of models with streams turn on.
    pub async fn from_path(path: impl AsRef<Path>) -> std::io::Result<Self> {
        let file = tokio::fs::File::open(path).await?;
        let length = file.metadata().await?.len();
        let chunks = FileChunks { file, buffer: vec![0; FILE_CHUNK].into_boxed_slice(), left: length };
        Ok(Self::from_stream(chunks).with_content_length(length))
    }
}

/// [`ByteStream::from_path`]: a file read a chunk at a time.
struct FileChunks {
    file: tokio::fs::File,
    buffer: Box<[u8]>,
    /// What is left to read of the length announced: a file that grows is not read past it.
    left: u64,
}

impl Stream for FileChunks {
    type Item = Result<Bytes, std::io::Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        use tokio::io::AsyncRead;
        let this = self.get_mut();
        if this.left == 0 {
            return Poll::Ready(None);
        }
        let want = usize::try_from(this.left).map_or(this.buffer.len(), |left| left.min(this.buffer.len()));
        let mut read = tokio::io::ReadBuf::new(&mut this.buffer[..want]);
        match Pin::new(&mut this.file).poll_read(cx, &mut read) {
            Poll::Ready(Ok(())) if read.filled().is_empty() => Poll::Ready(Some(Err(std::io::Error::new(
                std::io::ErrorKind::UnexpectedEof,
                format!("the file ended {} bytes before its length", this.left),
            )))),
            Poll::Ready(Ok(())) => {
                let chunk = Bytes::copy_from_slice(read.filled());
                this.left -= chunk.len() as u64;
                Poll::Ready(Some(Ok(chunk)))
            }
            Poll::Ready(Err(err)) => Poll::Ready(Some(Err(err))),
            Poll::Pending => Poll::Pending,
        }
    }
}
