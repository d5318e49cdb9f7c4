//! Prices and model metadata. The table ships inside the binary and is parsed on first use.

pub mod model_map;
