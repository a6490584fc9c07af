//! Paginators: every page of a paginated operation, or every item of every
//! page, fetched one request at a time. Both are `futures_core::Stream`s, and
//! also have an async `next()` for callers without stream combinators.

use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

type PageFuture<O, E> = Pin<Box<dyn Future<Output = Result<O, E>> + Send>>;
type Fetch<O, E, K> = Box<dyn FnMut(Option<K>) -> PageFuture<O, E> + Send>;

/// A page token: a string (`NextToken`), or a map (DynamoDB's `LastEvaluatedKey`).
pub trait Token: Clone + PartialEq {
    /// Whether the token is empty, which ends the pages as an absent one does.
    fn is_empty(&self) -> bool;
}

impl Token for String {
    fn is_empty(&self) -> bool {
        String::is_empty(self)
    }
}

impl<K: Clone + Eq + std::hash::Hash, V: Clone + PartialEq, S: Clone + std::hash::BuildHasher> Token
    for std::collections::HashMap<K, V, S>
{
    fn is_empty(&self) -> bool {
        std::collections::HashMap::is_empty(self)
    }
}

/// The pages of a paginated operation. Each call of [`next`](Self::next)
/// sends one request with the previous page's token (of type `K`); it ends
/// after a page without a token, or whose token repeats the one just sent
/// (which would loop forever), or after an error.
pub struct Pages<O, E, K = String> {
    fetch: Fetch<O, E, K>,
    token_of: fn(&O) -> Option<&K>,
    token: Option<K>,
    done: bool,
    in_flight: Option<PageFuture<O, E>>,
}

impl<O, E, K: Token> Pages<O, E, K> {
    /// Pages that `fetch` gets, given the previous page's token (`None` for the first page),
    /// and whose next token `token_of` reads from each page.
    pub fn new(
        fetch: impl FnMut(Option<K>) -> Pin<Box<dyn Future<Output = Result<O, E>> + Send>> + Send + 'static,
        token_of: fn(&O) -> Option<&K>,
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
                let next = (self.token_of)(page).filter(|token| !token.is_empty()).cloned();
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
    pub fn items<T>(self, items_of: fn(O) -> Vec<T>) -> Items<O, E, T, K> {
        Items { pages: self, items_of, buffer: VecDeque::new() }
    }
}

impl<O, E, K: Token + Unpin> futures_core::Stream for Pages<O, E, K> {
    type Item = Result<O, E>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut().poll_page(cx)
    }
}

impl<O, E, K: std::fmt::Debug> std::fmt::Debug for Pages<O, E, K> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pages").field("token", &self.token).field("done", &self.done).finish_non_exhaustive()
    }
}

/// The items of every page of a paginated operation, in order.
pub struct Items<O, E, T, K = String> {
    pages: Pages<O, E, K>,
    items_of: fn(O) -> Vec<T>,
    buffer: VecDeque<T>,
}

impl<O, E, T, K: Token> Items<O, E, T, K> {
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

impl<O, E, T: Unpin, K: Token + Unpin> futures_core::Stream for Items<O, E, T, K> {
    type Item = Result<T, E>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut().poll_item(cx)
    }
}

impl<O, E, T, K: std::fmt::Debug> std::fmt::Debug for Items<O, E, T, K> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Items").field("pages", &self.pages).field("buffered", &self.buffer.len()).finish()
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    /// A page: its items and the token of the next.
    type Page<K> = (Vec<u32>, Option<K>);

    /// Pages served from `pages`, recording the token each request sent.
    fn serve<K: Token + Send + 'static>(
        pages: Vec<Page<K>>,
        sent: std::sync::Arc<std::sync::Mutex<Vec<Option<K>>>>,
    ) -> Pages<Page<K>, String, K> {
        let mut pages = pages.into_iter();
        Pages::new(
            move |token| {
                sent.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(token);
                let page = pages.next().ok_or_else(|| "asked past the last page".to_owned());
                Box::pin(async move { page })
            },
            |page| page.1.as_ref(),
        )
    }

    #[tokio::test]
    async fn string_tokens_follow_until_a_page_has_none() {
        let sent = std::sync::Arc::default();
        let pages = serve(
            vec![(vec![1], Some("a".to_owned())), (vec![2, 3], Some(String::new()))],
            std::sync::Arc::clone(&sent),
        );
        let items = pages.items(|page| page.0).collect().await;
        assert_eq!(items, Ok(vec![1, 2, 3]));
        assert_eq!(*sent.lock().unwrap_or_else(std::sync::PoisonError::into_inner), [None, Some("a".to_owned())]);
    }

    #[tokio::test]
    async fn map_tokens_follow_and_a_repeated_token_ends_the_pages() {
        let key = |id: &str| HashMap::from([("id".to_owned(), id.to_owned())]);
        let sent = std::sync::Arc::default();
        let pages = serve(
            vec![(vec![1], Some(key("1"))), (vec![2], Some(key("2"))), (vec![3], Some(key("2")))],
            std::sync::Arc::clone(&sent),
        );
        let items = pages.items(|page| page.0).collect().await;
        assert_eq!(items, Ok(vec![1, 2, 3]));
        assert_eq!(
            *sent.lock().unwrap_or_else(std::sync::PoisonError::into_inner),
            [None, Some(key("1")), Some(key("2"))]
        );
    }
}
