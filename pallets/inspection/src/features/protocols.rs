//! Publishing versioned, immutable test protocols.

use crate::{
	Config, Error, Event, LatestProtocolVersion, NextProtocolId, Pallet, ProtocolId,
	ProtocolVersion, Protocols, Sampling, TestProtocol,
};
use evidence_primitives::OrgId;
use frame_support::ensure;
use sp_runtime::DispatchError;

impl<T: Config> Pallet<T> {
	/// Publishes `protocol` as a new protocol or as the next version of `previous`; returns
	/// its id and version.
	pub(crate) fn do_publish_protocol(
		agency: OrgId,
		previous: Option<ProtocolId>,
		protocol: TestProtocol<T>,
	) -> Result<(ProtocolId, ProtocolVersion), DispatchError> {
		Self::check_protocol(&protocol)?;
		let (id, version) = match previous {
			None => (NextProtocolId::<T>::get(), 1),
			Some(id) => {
				let latest =
					LatestProtocolVersion::<T>::get(id).ok_or(Error::<T>::UnknownProtocol)?;
				let current = Protocols::<T>::get(id, latest).ok_or(Error::<T>::UnknownProtocol)?;
				ensure!(current.owner == agency, Error::<T>::NotProtocolOwner);
				ensure!(current.category == protocol.category, Error::<T>::ProtocolCategoryChanged);
				(id, latest.checked_add(1).ok_or(Error::<T>::ProtocolVersionOverflow)?)
			},
		};
		if previous.is_none() {
			NextProtocolId::<T>::put(id.checked_add(1).ok_or(Error::<T>::TooManyProtocols)?);
		}
		let category = protocol.category.clone();
		Protocols::<T>::insert(id, version, protocol);
		LatestProtocolVersion::<T>::insert(id, version);
		Self::deposit_event(Event::ProtocolPublished {
			owner: agency,
			protocol: id,
			version,
			category,
		});
		Ok((id, version))
	}

	fn check_protocol(protocol: &TestProtocol<T>) -> Result<(), Error<T>> {
		ensure!(!protocol.items.is_empty(), Error::<T>::NoTestItems);
		for (index, item) in protocol.items.iter().enumerate() {
			if let (Some(lower), Some(upper)) = (item.lower, item.upper) {
				ensure!(lower <= upper, Error::<T>::InvalidLimits);
			}
			ensure!(
				protocol.items[..index].iter().all(|other| other.code != item.code),
				Error::<T>::DuplicateTestItem
			);
		}
		if let Sampling::Aql { sample_size, accept, reject, .. } = protocol.sampling {
			ensure!(
				sample_size > 0 && reject == accept.saturating_add(1) && reject <= sample_size,
				Error::<T>::InvalidSamplingPlan
			);
		}
		Ok(())
	}
}
