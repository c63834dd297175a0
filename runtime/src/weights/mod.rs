//! What executing a block and a transaction costs on the machines the consortium runs, measured
//! by `benchmark overhead` (`scripts/benchmark-weights.sh overhead`). The calls' own weights
//! live beside each pallet (`pallets/<name>/src/weights.rs`).

pub mod block_weights;
pub mod extrinsic_weights;

pub use block_weights::BlockExecutionWeight;
pub use extrinsic_weights::ExtrinsicBaseWeight;
