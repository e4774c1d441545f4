//! Placeholder for the decode benchmark, replaced in the next commit.

fn main() {}
