//! The narrow root path: governance dispatches, as root, only the calls the runtime lists in
//! `RootCalls` (authorising a runtime upgrade, recovering finality).

use crate::{Config, Error, Event, Pallet};
use frame_support::{ensure, traits::Contains};
use sp_runtime::{
	traits::{Dispatchable, Hash},
	DispatchError,
};

impl<T: Config> Pallet<T> {
	/// Dispatches `call` with the root origin and records its outcome.
	///
	/// # Errors
	/// - `NotARootCall` when `call` is not in `RootCalls`; the call's own failure is not an
	///   error of this call but reported in `RootCallDispatched`.
	pub(crate) fn do_dispatch_as_root(
		call: <T as frame_system::Config>::RuntimeCall,
	) -> Result<(), DispatchError> {
		ensure!(T::RootCalls::contains(&call), Error::<T>::NotARootCall);
		let call_hash = T::Hashing::hash_of(&call);
		let result =
			call.dispatch(frame_system::RawOrigin::Root.into()).map(|_| ()).map_err(|e| e.error);
		Self::deposit_event(Event::RootCallDispatched { call_hash, result });
		Ok(())
	}
}
