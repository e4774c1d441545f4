//! Placeholder for the encode benchmark, replaced in the next commit.

fn main() {}
