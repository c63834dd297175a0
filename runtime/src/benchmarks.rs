//! The pallets `scripts/benchmark-weights.sh` benchmarks against this runtime.

frame_benchmarking::define_benchmarks!(
	[frame_system, SystemBench::<Runtime>]
	[pallet_consortium, Consortium]
	[pallet_notary, Notary]
	[pallet_inspection, Inspection]
	[pallet_logistics, Logistics]
);
