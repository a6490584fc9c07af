//! Runnable examples of the generated client; see `examples/`.
