//! Turns a page-fetching function into a stream of items that requests page after page.

use std::future::Future;

use futures::{Stream, StreamExt, stream};

use crate::error::Error;

/// Where a page starts: at an item offset, or at a page number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageCursor {
    /// The index of the first item of the page; the next page starts `page_size` further.
    Offset(i64),
    /// The number of the page; the next page is the next number.
    PageNumber(i64),
}

impl PageCursor {
    /// Returns the cursor of the page after this one.
    pub fn next(self, page_size: i64) -> Self {
        match self {
            Self::Offset(offset) => Self::Offset(offset.saturating_add(page_size)),
            Self::PageNumber(number) => Self::PageNumber(number.saturating_add(1)),
        }
    }

    /// Returns the offset or the page number.
    pub fn value(self) -> i64 {
        match self {
            Self::Offset(value) | Self::PageNumber(value) => value,
        }
    }
}

/// Streams items page after page, calling `fetch` with each page's cursor.
///
/// `page_size` is the number of items requested per page, or `None` when the request
/// leaves it to the server (a plain `i64` works too). With a page size, the stream stops
/// after a page shorter than it; without one, it stops after an empty page, and an offset
/// advances by the number of items received. An error is yielded once and ends the stream.
///
/// ```
/// # futures::executor::block_on(async {
/// use futures::StreamExt;
/// use datadog_client::pagination::{PageCursor, paginate};
///
/// let items: Vec<i64> = (0..5).collect();
/// let stream = paginate(PageCursor::Offset(0), 2, |cursor| {
///     let start = cursor.value() as usize;
///     let page = items[start.min(5)..(start + 2).min(5)].to_vec();
///     async move { Ok::<_, datadog_client::Error>(page) }
/// });
/// let collected: Vec<i64> = stream.map(|item| item.unwrap()).collect().await;
/// assert_eq!(collected, items);
/// # });
/// ```
pub fn paginate<'a, T, F, Fut>(
    start: PageCursor,
    page_size: impl Into<Option<i64>>,
    fetch: F,
) -> impl Stream<Item = Result<T, Error>> + 'a
where
    F: FnMut(PageCursor) -> Fut + 'a,
    Fut: Future<Output = Result<Vec<T>, Error>> + 'a,
    T: 'a,
{
    let page_size = page_size.into().filter(|size| *size > 0);
    let state = (fetch, Some(start));
    stream::unfold(state, move |(mut fetch, cursor)| async move {
        let cursor = cursor?;
        let (items, next) = match fetch(cursor).await {
            Ok(items) => {
                let received = i64::try_from(items.len()).unwrap_or(i64::MAX);
                let next = next_cursor(cursor, page_size, received);
                (items.into_iter().map(Ok).collect::<Vec<_>>(), next)
            }
            Err(error) => (vec![Err(error)], None),
        };
        Some((stream::iter(items), (fetch, next)))
    })
    .flatten()
}

/// Returns the cursor of the page after one that held `received` items, or `None` after the last page.
fn next_cursor(cursor: PageCursor, page_size: Option<i64>, received: i64) -> Option<PageCursor> {
    match page_size {
        Some(size) => (received >= size).then(|| cursor.next(size)),
        None => (received > 0).then(|| cursor.next(received)),
    }
}

#[cfg(test)]
#[path = "../tests/unit/pagination.rs"]
mod tests;
