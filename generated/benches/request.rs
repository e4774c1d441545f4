//! Placeholder for the request benchmark, replaced in the next commit.

fn main() {}
