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

/// Where a page starts: at an item offset, at a page number, or at a cursor the previous page gave.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PageCursor {
    /// The index of the first item of the page; the next page starts `page_size` further.
    Offset(i64),
    /// The number of the page; the next page is the next number.
    PageNumber(i64),
    /// The cursor the previous page gave (`None` for the first page, unless one was given).
    Token(Option<String>),
}

impl PageCursor {
    /// Returns the cursor of the page after this one, for offsets and page numbers; a cursor
    /// token comes from the page itself.
    pub fn next(&self, page_size: i64) -> Self {
        match self {
            Self::Offset(offset) => Self::Offset(offset.saturating_add(page_size)),
            Self::PageNumber(number) => Self::PageNumber(number.saturating_add(1)),
            Self::Token(token) => Self::Token(token.clone()),
        }
    }

    /// Returns the offset or the page number; 0 for a cursor token.
    pub fn number(&self) -> i64 {
        match self {
            Self::Offset(value) | Self::PageNumber(value) => *value,
            Self::Token(_) => 0,
        }
    }

    /// Returns the offset or the page number; 0 for a cursor token. The same as [`number`](Self::number).
    pub fn value(&self) -> i64 {
        self.number()
    }

    /// Returns the cursor token, if this is one and it is set.
    pub fn token(&self) -> Option<String> {
        match self {
            Self::Token(token) => token.clone(),
            Self::Offset(_) | Self::PageNumber(_) => None,
        }
    }
}

/// One page: its items, and the cursor of the next page when the API pages by cursor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page<T> {
    /// The items of the page.
    pub items: Vec<T>,
    /// The cursor of the next page; `None` when there is none (or the API pages by offset or number).
    pub next_cursor: Option<String>,
}

impl<T> Page<T> {
    /// A page of `items`, with the cursor of the next page if the API gives one.
    pub fn new(items: Vec<T>, next_cursor: Option<String>) -> Self {
        Self { items, next_cursor }
    }
}

impl<T> From<Vec<T>> for Page<T> {
    fn from(items: Vec<T>) -> Self {
        Self {
            items,
            next_cursor: None,
        }
    }
}

/// Streams items page after page, calling `fetch` with each page's cursor.
///
/// `page_size` is the number of items requested per page, or `None` when the request
/// leaves it to the server (a plain `i64` works too). With a page size, the stream stops
/// after a page shorter than it; without one, it stops after an empty page, and an offset
/// advances by the number of items received. A cursor stream also stops at a page without a
/// next cursor. An error is yielded once and ends the stream. `fetch` returns a [`Page`], or
/// just the items (`Vec<T>`).
///
/// Two guards stop a server that never sends a last page, each with an error of kind
/// [`Pagination`](crate::error::ErrorKind::Pagination) after the items already yielded:
/// a page whose items equal the previous page's, in order, or whose next cursor is the one it
/// was fetched with (the server ignored the cursor; the items are not yielded again), and
/// [`MAX_PAGES`] pages. Comparing pages is why items are `Clone + PartialEq`, as every
/// generated model is: the stream keeps a copy of the last page until the next one arrives.
///
/// ```
/// # futures::executor::block_on(async {
/// use futures::StreamExt;
/// use datadog_client::pagination::{PageCursor, paginate};
///
/// let items: Vec<i64> = (0..5).collect();
/// let stream = paginate(PageCursor::Offset(0), 2, |cursor| {
///     let start = cursor.number() as usize;
///     let page = items[start.min(5)..(start + 2).min(5)].to_vec();
///     async move { Ok::<_, datadog_client::Error>(page) }
/// });
/// let collected: Vec<i64> = stream.map(|item| item.unwrap()).collect().await;
/// assert_eq!(collected, items);
/// # });
/// ```
pub fn paginate<'a, T, P, F, Fut>(
    start: PageCursor,
    page_size: impl Into<Option<i64>>,
    fetch: F,
) -> impl Stream<Item = Result<T, Error>> + 'a
where
    F: FnMut(PageCursor) -> Fut + 'a,
    Fut: Future<Output = Result<P, Error>> + 'a,
    P: Into<Page<T>>,
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
fn paginate_with_max_pages<'a, T, P, F, Fut>(
    start: PageCursor,
    page_size: Option<i64>,
    max_pages: u64,
    fetch: F,
) -> impl Stream<Item = Result<T, Error>> + 'a
where
    F: FnMut(PageCursor) -> Fut + 'a,
    Fut: Future<Output = Result<P, Error>> + 'a,
    P: Into<Page<T>>,
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
        let page: Page<T> = match (state.fetch)(cursor.clone()).await {
            Ok(page) => page.into(),
            Err(error) => return Some((stream::iter(vec![Err(error)]), state)),
        };
        let repeats_items = !page.items.is_empty() && state.previous_page.as_ref() == Some(&page.items);
        let repeats_cursor = matches!(&cursor, PageCursor::Token(Some(token)) if page.next_cursor.as_ref() == Some(token));
        if repeats_items || repeats_cursor {
            let error = Error::pagination(format!(
                "the page at {cursor:?} repeats the page before it: the server \
                 ignores the cursor, so the stream stops instead of repeating it forever"
            ));
            let items: Vec<Result<T, Error>> =
                if repeats_items { vec![Err(error)] } else { page.items.into_iter().map(Ok).chain([Err(error)]).collect() };
            return Some((stream::iter(items), state));
        }
        let received = i64::try_from(page.items.len()).unwrap_or(i64::MAX);
        state.cursor = next_cursor(&cursor, page_size, received, page.next_cursor);
        state.previous_page = state.cursor.is_some().then(|| page.items.clone());
        let items: Vec<Result<T, Error>> = page.items.into_iter().map(Ok).collect();
        Some((stream::iter(items), state))
    })
    .flatten()
}

/// Returns the cursor of the page after one that held `received` items and gave `next_token`,
/// or `None` after the last page.
fn next_cursor(
    cursor: &PageCursor,
    page_size: Option<i64>,
    received: i64,
    next_token: Option<String>,
) -> Option<PageCursor> {
    if let PageCursor::Token(_) = cursor {
        let more = match page_size {
            Some(size) => received >= size,
            None => received > 0,
        };
        return next_token
            .filter(|token| more && !token.is_empty())
            .map(|token| PageCursor::Token(Some(token)));
    }
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
        let token = |text: &str| PageCursor::Token(Some(text.to_string()));
        assert_eq!(
            next_cursor(&PageCursor::Token(None), Some(2), 2, Some("b".to_string())),
            Some(token("b"))
        );
        assert_eq!(
            next_cursor(&token("b"), Some(2), 1, Some("c".to_string())),
            None
        );
        assert_eq!(next_cursor(&token("b"), None, 3, None), None);
        assert_eq!(next_cursor(&token("b"), None, 3, Some(String::new())), None);
        for (cursor, page_size, received, expected) in cases {
            assert_eq!(
                next_cursor(&cursor, page_size, received, None),
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
                Ok::<_, Error>(vec![cursor.number(), cursor.number()])
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
    fn a_cursor_stream_follows_the_tokens_and_stops_when_one_repeats() {
        let stream =
            paginate_with_max_pages(PageCursor::Token(None), None, 100, |cursor| async move {
                let next = match cursor.token().as_deref() {
                    None => Some("b".to_string()),
                    Some("b") => Some("c".to_string()),
                    _ => Some("c".to_string()),
                };
                Ok::<_, Error>(super::Page::new(
                    vec![cursor.token().unwrap_or_default()],
                    next,
                ))
            });
        let items: Vec<_> = block_on(stream.collect());
        let values: Vec<String> = items
            .iter()
            .filter_map(|item| item.as_ref().ok().cloned())
            .collect();
        assert_eq!(values, ["", "b", "c"]);
        assert!(matches!(items.last(), Some(Err(error)) if error.kind() == &ErrorKind::Pagination));
    }

    #[test]
    fn equal_items_on_pages_that_differ_do_not_stop_the_stream() {
        let pages = [vec![1, 1], vec![1, 2], vec![2, 2], vec![]];
        let stream = paginate_with_max_pages(PageCursor::PageNumber(0), Some(2), 100, |cursor| {
            let page = pages[usize::try_from(cursor.number()).unwrap()].clone();
            async move { Ok::<_, Error>(page) }
        });
        let items: Vec<i32> = block_on(stream.map(|item| item.unwrap()).collect());
        assert_eq!(items, [1, 1, 1, 2, 2, 2]);
    }
}
