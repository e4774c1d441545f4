//! Reads a response body as a stream, after decompression, and stops as soon as it goes past the configured limit.

use bytes::Bytes;

/// Why a body could not be read whole.
pub(crate) enum BodyFailure {
    /// The body is larger than the limit; reading stopped there.
    TooLarge,
    /// The connection failed, or the body broke off or did not decompress.
    Transport(reqwest::Error),
}

/// Reads the body of `response`, refusing more than `limit` bytes.
///
/// A `Content-Length` over the limit is refused before anything is read (reqwest reports no
/// length for a body it decompresses, so this is the length of the body as read). Otherwise
/// the body is read chunk by chunk and reading stops at the first chunk that would go past
/// the limit, so a gzip bomb or an endless body costs at most about `limit` bytes of memory.
/// A body that arrives in one chunk is returned without a copy.
pub(crate) async fn read_bounded(
    mut response: reqwest::Response,
    limit: usize,
) -> Result<Bytes, BodyFailure> {
    let announced = response
        .content_length()
        .map(|length| usize::try_from(length).unwrap_or(usize::MAX));
    if announced.is_some_and(|length| length > limit) {
        return Err(BodyFailure::TooLarge);
    }
    // The first chunk is kept as it is; only a second one starts a buffer that collects them.
    let mut single: Option<Bytes> = None;
    let mut collected: Option<Vec<u8>> = None;
    while let Some(chunk) = response.chunk().await.map_err(BodyFailure::Transport)? {
        if let Some(buffer) = collected.as_mut() {
            append(buffer, &chunk, limit)?;
            continue;
        }
        match single.take() {
            None if chunk.len() > limit => return Err(BodyFailure::TooLarge),
            None => single = Some(chunk),
            Some(first_chunk) => {
                // Both lengths are within the limit, so the buffer is too.
                let capacity = announced.unwrap_or(0).max(first_chunk.len());
                let mut buffer = Vec::with_capacity(capacity);
                append(&mut buffer, &first_chunk, limit)?;
                append(&mut buffer, &chunk, limit)?;
                collected = Some(buffer);
            }
        }
    }
    Ok(collected.map(Bytes::from).or(single).unwrap_or_default())
}

/// Appends `chunk` to `collected` unless that would go past `limit`.
///
/// The buffer grows to the next power of two, but never past the limit, so that its
/// capacity stays within it and the last growth before the limit copies at most half of it
/// (a 32 MiB limit costs at most 16 + 32 MiB while the buffer moves).
fn append(collected: &mut Vec<u8>, chunk: &[u8], limit: usize) -> Result<(), BodyFailure> {
    let needed = collected
        .len()
        .checked_add(chunk.len())
        .filter(|needed| *needed <= limit)
        .ok_or(BodyFailure::TooLarge)?;
    if needed > collected.capacity() {
        let target = needed
            .max(collected.capacity().saturating_mul(2))
            .checked_next_power_of_two()
            .unwrap_or(limit)
            .min(limit);
        collected.reserve_exact(target - collected.len());
    }
    collected.extend_from_slice(chunk);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{BodyFailure, append};

    #[test]
    fn append_stops_at_the_limit_and_never_grows_the_buffer_past_it() {
        let mut collected = Vec::new();
        assert!(append(&mut collected, &[1; 6], 10).is_ok());
        assert!(append(&mut collected, &[2; 4], 10).is_ok());
        assert_eq!(collected.len(), 10);
        assert!(collected.capacity() <= 10, "{}", collected.capacity());
        assert!(matches!(
            append(&mut collected, &[3], 10),
            Err(BodyFailure::TooLarge)
        ));
        assert_eq!(collected.len(), 10);

        let mut empty = Vec::new();
        assert!(append(&mut empty, &[], 0).is_ok());
        assert!(matches!(
            append(&mut empty, &[1], 0),
            Err(BodyFailure::TooLarge)
        ));
    }
}
