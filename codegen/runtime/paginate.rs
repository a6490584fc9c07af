//! Paginators: every page of a paginated operation, or every item of every
//! page, fetched one request at a time.

use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;

type Fetch<O, E> = Box<dyn FnMut(Option<String>) -> Pin<Box<dyn Future<Output = Result<O, E>> + Send>> + Send>;

/// The pages of a paginated operation. Each call of [`next`](Self::next)
/// sends one request with the previous page's token; it ends after a page
/// without a token, or whose token repeats the one just sent (which would
/// loop forever), or after an error.
pub struct Pages<O, E> {
    fetch: Fetch<O, E>,
    token_of: fn(&O) -> Option<&str>,
    token: Option<String>,
    done: bool,
}

impl<O, E> Pages<O, E> {
    pub(crate) fn new(
        fetch: impl FnMut(Option<String>) -> Pin<Box<dyn Future<Output = Result<O, E>> + Send>> + Send + 'static,
        token_of: fn(&O) -> Option<&str>,
    ) -> Self {
        Self { fetch: Box::new(fetch), token_of, token: None, done: false }
    }

    /// The next page, or `None` after the last one.
    pub async fn next(&mut self) -> Option<Result<O, E>> {
        if self.done {
            return None;
        }
        let result = (self.fetch)(self.token.clone()).await;
        match &result {
            Ok(page) => {
                let next = (self.token_of)(page).filter(|token| !token.is_empty()).map(str::to_owned);
                self.done = next.is_none() || next == self.token;
                self.token = next;
            }
            Err(_) => self.done = true,
        }
        Some(result)
    }

    /// Every page, until the last one or the first error.
    pub async fn collect(mut self) -> Result<Vec<O>, E> {
        let mut pages = Vec::new();
        while let Some(page) = self.next().await {
            pages.push(page?);
        }
        Ok(pages)
    }

    pub(crate) fn items<T>(self, items_of: fn(O) -> Vec<T>) -> Items<O, E, T> {
        Items { pages: self, items_of, buffer: VecDeque::new() }
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
        loop {
            if let Some(item) = self.buffer.pop_front() {
                return Some(Ok(item));
            }
            match self.pages.next().await? {
                Ok(page) => self.buffer.extend((self.items_of)(page)),
                Err(error) => return Some(Err(error)),
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

impl<O, E, T> std::fmt::Debug for Items<O, E, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Items").field("pages", &self.pages).field("buffered", &self.buffer.len()).finish()
    }
}
