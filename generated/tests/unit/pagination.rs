//! Unit tests of the private logic of `src/pagination.rs`, included there as its `tests` module.
use super::{PageCursor, next_cursor};

#[test]
fn next_cursor_stops_after_a_short_or_empty_page() {
    let cases = [
        (PageCursor::Offset(0), Some(10), 10, Some(PageCursor::Offset(10))),
        (PageCursor::Offset(10), Some(10), 9, None),
        (PageCursor::Offset(0), Some(10), 0, None),
        (PageCursor::PageNumber(2), Some(10), 10, Some(PageCursor::PageNumber(3))),
        (PageCursor::PageNumber(2), Some(10), 3, None),
        (PageCursor::Offset(0), None, 7, Some(PageCursor::Offset(7))),
        (PageCursor::Offset(7), None, 0, None),
        (PageCursor::PageNumber(0), None, 7, Some(PageCursor::PageNumber(1))),
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
