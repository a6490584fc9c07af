//! Paginators: every page of a paginated operation, or every item of every
//! page, fetched one request at a time. Both are `futures_core::Stream`s, and
//! also have an async `next()` for callers without stream combinators.

use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

type PageFuture<O, E> = Pin<Box<dyn Future<Output = Result<O, E>> + Send>>;
type Fetch<O, E> = Box<dyn FnMut(Option<String>) -> PageFuture<O, E> + Send>;

/// The pages of a paginated operation. Each call of [`next`](Self::next)
/// sends one request with the previous page's token; it ends after a page
/// without a token, or whose token repeats the one just sent (which would
/// loop forever), or after an error.
pub struct Pages<O, E> {
    fetch: Fetch<O, E>,
    token_of: fn(&O) -> Option<&str>,
    token: Option<String>,
    done: bool,
    in_flight: Option<PageFuture<O, E>>,
}

impl<O, E> Pages<O, E> {
    /// Pages that `fetch` gets, given the previous page's token (`None` for the first page),
    /// and whose next token `token_of` reads from each page.
    pub fn new(
        fetch: impl FnMut(Option<String>) -> Pin<Box<dyn Future<Output = Result<O, E>> + Send>> + Send + 'static,
        token_of: fn(&O) -> Option<&str>,
    ) -> Self {
        Self { fetch: Box::new(fetch), token_of, token: None, done: false, in_flight: None }
    }

    /// The next page, or `None` after the last one.
    pub async fn next(&mut self) -> Option<Result<O, E>> {
        std::future::poll_fn(|cx| self.poll_page(cx)).await
    }

    fn poll_page(&mut self, cx: &mut Context<'_>) -> Poll<Option<Result<O, E>>> {
        if self.done && self.in_flight.is_none() {
            return Poll::Ready(None);
        }
        let fetch = &mut self.fetch;
        let token = &self.token;
        let request = self.in_flight.get_or_insert_with(|| fetch(token.clone()));
        let Poll::Ready(result) = request.as_mut().poll(cx) else { return Poll::Pending };
        self.in_flight = None;
        match &result {
            Ok(page) => {
                let next = (self.token_of)(page).filter(|token| !token.is_empty()).map(str::to_owned);
                self.done = next.is_none() || next == self.token;
                self.token = next;
            }
            Err(_) => self.done = true,
        }
        Poll::Ready(Some(result))
    }

    /// Every page, until the last one or the first error.
    pub async fn collect(mut self) -> Result<Vec<O>, E> {
        let mut pages = Vec::new();
        while let Some(page) = self.next().await {
            pages.push(page?);
        }
        Ok(pages)
    }

    /// The items of every page, which `items_of` takes out of each.
    pub fn items<T>(self, items_of: fn(O) -> Vec<T>) -> Items<O, E, T> {
        Items { pages: self, items_of, buffer: VecDeque::new() }
    }
}

impl<O, E> futures_core::Stream for Pages<O, E> {
    type Item = Result<O, E>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut().poll_page(cx)
    }
}

impl<O, E> std::fmt::Debug for Pages<O, E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pages").field("token", &self.token).field("done", &self.done).finish_non_exhaustive()
    }
}

/// The items of every page of a paginated operation, in order.
pub struct Items<O, E, T> {
    pages: Pages<O, E>,
    items_of: fn(O) -> Vec<T>,
    buffer: VecDeque<T>,
}

impl<O, E, T> Items<O, E, T> {
    /// The next item, fetching the next page when needed; `None` after the
    /// last item.
    pub async fn next(&mut self) -> Option<Result<T, E>> {
        std::future::poll_fn(|cx| self.poll_item(cx)).await
    }

    fn poll_item(&mut self, cx: &mut Context<'_>) -> Poll<Option<Result<T, E>>> {
        loop {
            if let Some(item) = self.buffer.pop_front() {
                return Poll::Ready(Some(Ok(item)));
            }
            match self.pages.poll_page(cx) {
                Poll::Ready(Some(Ok(page))) => self.buffer.extend((self.items_of)(page)),
                Poll::Ready(Some(Err(error))) => return Poll::Ready(Some(Err(error))),
                Poll::Ready(None) => return Poll::Ready(None),
                Poll::Pending => return Poll::Pending,
            }
        }
    }

    /// Every item, until the last one or the first error.
    pub async fn collect(mut self) -> Result<Vec<T>, E> {
        let mut items = Vec::new();
        while let Some(item) = self.next().await {
            items.push(item?);
        }
        Ok(items)
    }
}

impl<O, E, T: Unpin> futures_core::Stream for Items<O, E, T> {
    type Item = Result<T, E>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut().poll_item(cx)
    }
}

impl<O, E, T> std::fmt::Debug for Items<O, E, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Items").field("pages", &self.pages).field("buffered", &self.buffer.len()).finish()
    }
}
