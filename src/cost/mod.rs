//! Prices and model metadata. The table ships inside the binary and is parsed on first use;
//! every price LiteLLM computes is computed here, from the table or the caller's own prices.

pub mod calculator;
pub mod lookup;
pub mod model_map;
pub mod rates;
pub mod response;
pub mod table;
pub mod usage;

pub use calculator::{cost_per_token, CostQuery};
pub use response::{completion_cost, ResponseCostQuery};
