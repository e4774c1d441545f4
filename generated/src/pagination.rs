//! Turns a page-fetching function into a stream of items that requests page after page, and stops when the server does not advance.

use std::future::Future;

use futures::{Stream, StreamExt, stream};

use crate::error::Error;

/// The most pages one stream fetches. Past it the stream ends with an error of kind
/// [`Pagination`](crate::error::ErrorKind::Pagination): a server that never sends a last
/// page (one that alternates between pages, or makes up new items) cannot keep a caller
/// looping forever. At Datadog's usual page sizes (100 to 1,000 items) this is 10 to 100
/// million items.
pub const MAX_PAGES: u64 = 100_000;

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
/// Two guards stop a server that never sends a last page, each with an error of kind
/// [`Pagination`](crate::error::ErrorKind::Pagination) after the items already yielded:
/// a page whose items equal the previous page's, in order (the server ignored the cursor;
/// its items are not yielded again), and [`MAX_PAGES`] pages. Comparing pages is why items
/// are `Clone + PartialEq`, as every generated model is: the stream keeps a copy of the
/// last page until the next one arrives.
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
    T: Clone + PartialEq + 'a,
{
    paginate_with_max_pages(start, page_size.into(), MAX_PAGES, fetch)
}

/// The state between two pages.
struct PageState<F, T> {
    fetch: F,
    /// The cursor of the next page to fetch, or `None` once the stream is done.
    cursor: Option<PageCursor>,
    /// The items of the page before, when another page follows it.
    previous_page: Option<Vec<T>>,
    pages_fetched: u64,
}

/// [`paginate`] with a page limit of `max_pages`.
fn paginate_with_max_pages<'a, T, F, Fut>(
    start: PageCursor,
    page_size: Option<i64>,
    max_pages: u64,
    fetch: F,
) -> impl Stream<Item = Result<T, Error>> + 'a
where
    F: FnMut(PageCursor) -> Fut + 'a,
    Fut: Future<Output = Result<Vec<T>, Error>> + 'a,
    T: Clone + PartialEq + 'a,
{
    let page_size = page_size.filter(|size| *size > 0);
    let state = PageState {
        fetch,
        cursor: Some(start),
        previous_page: None,
        pages_fetched: 0,
    };
    stream::unfold(state, move |mut state| async move {
        let cursor = state.cursor.take()?;
        if state.pages_fetched >= max_pages {
            let error = Error::pagination(format!(
                "fetched {max_pages} pages, the most a stream fetches, and the server still had more \
                 (next {cursor:?}); it may be repeating pages"
            ));
            return Some((stream::iter(vec![Err(error)]), state));
        }
        state.pages_fetched += 1;
        let items = match (state.fetch)(cursor).await {
            Ok(items) => items,
            Err(error) => return Some((stream::iter(vec![Err(error)]), state)),
        };
        if !items.is_empty() && state.previous_page.as_ref() == Some(&items) {
            let error = Error::pagination(format!(
                "the page at {cursor:?} has the same items as the page before it: the server \
                 ignores the cursor, so the stream stops instead of repeating them forever"
            ));
            return Some((stream::iter(vec![Err(error)]), state));
        }
        let received = i64::try_from(items.len()).unwrap_or(i64::MAX);
        state.cursor = next_cursor(cursor, page_size, received);
        state.previous_page = state.cursor.is_some().then(|| items.clone());
        let items: Vec<Result<T, Error>> = items.into_iter().map(Ok).collect();
        Some((stream::iter(items), state))
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
mod tests {
    use futures::StreamExt;
    use futures::executor::block_on;

    use super::{PageCursor, next_cursor, paginate_with_max_pages};
    use crate::error::{Error, ErrorKind};

    #[test]
    fn next_cursor_stops_after_a_short_or_empty_page() {
        let cases = [
            (
                PageCursor::Offset(0),
                Some(10),
                10,
                Some(PageCursor::Offset(10)),
            ),
            (PageCursor::Offset(10), Some(10), 9, None),
            (PageCursor::Offset(0), Some(10), 0, None),
            (
                PageCursor::PageNumber(2),
                Some(10),
                10,
                Some(PageCursor::PageNumber(3)),
            ),
            (PageCursor::PageNumber(2), Some(10), 3, None),
            (PageCursor::Offset(0), None, 7, Some(PageCursor::Offset(7))),
            (PageCursor::Offset(7), None, 0, None),
            (
                PageCursor::PageNumber(0),
                None,
                7,
                Some(PageCursor::PageNumber(1)),
            ),
            (PageCursor::PageNumber(1), None, 0, None),
        ];
        for (cursor, page_size, received, expected) in cases {
            assert_eq!(
                next_cursor(cursor, page_size, received),
                expected,
                "{cursor:?} {page_size:?} {received}"
            );
        }
    }

    #[test]
    fn the_page_limit_ends_a_stream_that_never_gets_a_last_page() {
        // Each page is new (its items are its page number), so only the limit stops it.
        let stream =
            paginate_with_max_pages(PageCursor::PageNumber(0), Some(2), 3, |cursor| async move {
                Ok::<_, Error>(vec![cursor.value(), cursor.value()])
            });
        let items: Vec<_> = block_on(stream.collect());
        assert_eq!(items.len(), 7);
        let values: Vec<i64> = items[..6]
            .iter()
            .map(|item| *item.as_ref().unwrap())
            .collect();
        assert_eq!(values, [0, 0, 1, 1, 2, 2]);
        let Err(error) = &items[6] else {
            panic!("the stream ends with an error");
        };
        assert_eq!(error.kind(), &ErrorKind::Pagination);
        assert!(error.to_string().contains("fetched 3 pages"), "{error}");
    }

    #[test]
    fn a_repeated_page_ends_the_stream_without_a_page_size_too() {
        let stream = paginate_with_max_pages(PageCursor::Offset(0), None, 100, |_cursor| async {
            Ok::<_, Error>(vec!["same"])
        });
        let items: Vec<_> = block_on(stream.collect());
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].as_ref().ok(), Some(&"same"));
        assert!(matches!(&items[1], Err(error) if error.kind() == &ErrorKind::Pagination));
    }

    #[test]
    fn equal_items_on_pages_that_differ_do_not_stop_the_stream() {
        let pages = [vec![1, 1], vec![1, 2], vec![2, 2], vec![]];
        let stream = paginate_with_max_pages(PageCursor::PageNumber(0), Some(2), 100, |cursor| {
            let page = pages[usize::try_from(cursor.value()).unwrap()].clone();
            async move { Ok::<_, Error>(page) }
        });
        let items: Vec<i32> = block_on(stream.map(|item| item.unwrap()).collect());
        assert_eq!(items, [1, 1, 1, 2, 2, 2]);
    }
}
