//! What executing a block and a transaction costs on the machines the consortium runs, measured
//! by `benchmark overhead` (`scripts/benchmark-weights.sh overhead`), and what one database read
//! and write cost, measured by `benchmark storage` (`scripts/benchmark-weights.sh storage`). The
//! calls' own weights live beside each pallet (`pallets/<name>/src/weights.rs`).

pub mod block_weights;
pub mod extrinsic_weights;
// Generated: the template documents the fields of a constant expression.
#[allow(unused_doc_comments)]
pub mod paritydb_weights;

pub use block_weights::BlockExecutionWeight;
pub use extrinsic_weights::ExtrinsicBaseWeight;
pub use paritydb_weights::constants::ParityDbWeight;
