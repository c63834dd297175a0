//! The node seen through its JSON-RPC API: chain parameters, storage reads, submission and the
//! finalized blocks, with extrinsics signed locally using the runtime's own types.

use codec::{Decode, Encode};
use evidence_runtime::{AccountId, Nonce, RuntimeCall, RuntimeEvent, UncheckedExtrinsic};
use jsonrpsee::{
	core::client::{ClientT, Subscription, SubscriptionClientT},
	rpc_params,
	ws_client::{WsClient, WsClientBuilder},
};
use serde_json::Value;
use sp_core::{sr25519, H256};
use std::time::Duration;

pub type Error = Box<dyn std::error::Error + Send + Sync>;
pub type Result<T> = std::result::Result<T, Error>;

/// JSON-RPC error code of a transaction pool that is full or refuses to hold more for now.
const POOL_FULL: i32 = 1016;
/// JSON-RPC error code of a transaction the runtime refuses (its reason in the error's data).
const INVALID_TRANSACTION: i32 = 1010;
/// JSON-RPC error code of a transaction whose signer and nonce another one in the pool has,
/// at the same priority.
const TOO_LOW_PRIORITY: i32 = 1014;
/// JSON-RPC error code of a transaction whose hash the pool has banned for a while.
const TEMPORARILY_BANNED: i32 = 1012;

/// What every signature commits to besides the call.
#[derive(Clone, Copy, Debug)]
pub struct ChainParams {
	pub genesis: H256,
	pub spec_version: u32,
	pub transaction_version: u32,
}

/// A connection to one node.
pub struct Node {
	client: WsClient,
	pub params: ChainParams,
}

impl Node {
	/// Connects to `url`, which must be a loopback address: the generator never loads
	/// anything but the machine it runs on.
	pub async fn connect(url: &str) -> Result<Self> {
		if !(url.starts_with("ws://127.0.0.1:") || url.starts_with("ws://localhost:")) {
			return Err(format!("{url}: only ws://127.0.0.1 is allowed").into());
		}
		let client = WsClientBuilder::default()
			.max_concurrent_requests(4096)
			.request_timeout(Duration::from_secs(120))
			.build(url)
			.await?;
		let genesis: H256 = client.request("chain_getBlockHash", rpc_params![0]).await?;
		let version: Value = client.request("state_getRuntimeVersion", rpc_params![]).await?;
		let number = |key: &str| {
			version[key].as_u64().map(|v| v as u32).ok_or(format!("runtime version lacks {key}"))
		};
		let params = ChainParams {
			genesis,
			spec_version: number("specVersion")?,
			transaction_version: number("transactionVersion")?,
		};
		Ok(Self { client, params })
	}

	/// The next nonce of `account`, counting transactions in the pool.
	pub async fn next_nonce(&self, account: &AccountId) -> Result<Nonce> {
		Ok(self.client.request("system_accountNextIndex", rpc_params![account.to_string()]).await?)
	}

	/// The nonce of `account` on chain (`System.Account`) at the best block: how many of its
	/// transactions the chain has included.
	pub async fn account_nonce(&self, account: &AccountId) -> Result<Nonce> {
		let id: &[u8] = account.as_ref();
		let key = [
			&twox128(b"System")[..],
			&twox128(b"Account")[..],
			&sp_crypto_hashing::blake2_128(id)[..],
			id,
		]
		.concat();
		// `AccountInfo` starts with the nonce.
		Ok(self.storage::<Nonce>(&key).await?.unwrap_or_default())
	}

	/// A storage value at the best block, as stored.
	pub async fn raw_storage(&self, key: &[u8]) -> Result<Option<Vec<u8>>> {
		let hex: Option<String> =
			self.client.request("state_getStorage", rpc_params![to_hex(key)]).await?;
		hex.map(|h| from_hex(&h)).transpose()
	}

	/// A storage value at the best block, decoded.
	pub async fn storage<T: Decode>(&self, key: &[u8]) -> Result<Option<T>> {
		self.raw_storage(key).await?.map(|v| Ok(T::decode(&mut &v[..])?)).transpose()
	}

	/// The chain's time (unix ms) at the best block.
	pub async fn now(&self) -> Result<u64> {
		let key = [twox128(b"Timestamp"), twox128(b"Now")].concat();
		Ok(self.storage::<u64>(&key).await?.unwrap_or_default())
	}

	/// Submits `extrinsic` and says whether the pool took it, is full for now, or refused it
	/// because the signer's part of its organisation's pool share is taken (`1010`,
	/// `Custom error: 4`): the last two clear as blocks take the waiting transactions. The
	/// pool bans a refused transaction's hash for a while, so a refused one is signed again
	/// ([`Tx::resigned`]) before it is sent again.
	pub async fn submission(&self, extrinsic: &[u8]) -> Result<Submission> {
		let reply: std::result::Result<H256, _> =
			self.client.request("author_submitExtrinsic", rpc_params![to_hex(extrinsic)]).await;
		match reply {
			Ok(_) => Ok(Submission::Accepted),
			Err(jsonrpsee::core::ClientError::Call(e)) if e.code() == POOL_FULL => {
				Ok(Submission::PoolFull)
			},
			Err(jsonrpsee::core::ClientError::Call(e))
				if e.code() == INVALID_TRANSACTION
					&& e.data().is_some_and(|d| d.get() == "\"Custom error: 4\"") =>
			{
				Ok(Submission::ShareTaken)
			},
			Err(jsonrpsee::core::ClientError::Call(e)) if e.code() == TOO_LOW_PRIORITY => {
				Ok(Submission::NonceTaken)
			},
			Err(jsonrpsee::core::ClientError::Call(e)) if e.code() == TEMPORARILY_BANNED => {
				Ok(Submission::Banned)
			},
			Err(e) => Err(e.into()),
		}
	}

	/// Submits a signed extrinsic; `Ok(false)` when the pool is full (try again later).
	pub async fn submit(&self, extrinsic: &[u8]) -> Result<bool> {
		let reply: std::result::Result<H256, _> =
			self.client.request("author_submitExtrinsic", rpc_params![to_hex(extrinsic)]).await;
		match reply {
			Ok(_) => Ok(true),
			Err(jsonrpsee::core::ClientError::Call(e)) if e.code() == POOL_FULL => Ok(false),
			Err(e) => Err(e.into()),
		}
	}

	pub async fn finalized_heads(&self) -> Result<Subscription<Value>> {
		Ok(self
			.client
			.subscribe(
				"chain_subscribeFinalizedHeads",
				rpc_params![],
				"chain_unsubscribeFinalizedHeads",
			)
			.await?)
	}

	/// Block `number` of the canonical chain: its hash and its extrinsics' bytes.
	pub async fn block(&self, number: u32) -> Result<(H256, Vec<Vec<u8>>)> {
		let hash: H256 = self.client.request("chain_getBlockHash", rpc_params![number]).await?;
		let block: Value = self.client.request("chain_getBlock", rpc_params![hash]).await?;
		let extrinsics = block["block"]["extrinsics"]
			.as_array()
			.ok_or("block without extrinsics")?
			.iter()
			.map(|x| from_hex(x.as_str().unwrap_or_default()))
			.collect::<Result<Vec<_>>>()?;
		Ok((hash, extrinsics))
	}

	/// The events of block `hash`, decoded with the runtime's own types.
	pub async fn events(
		&self,
		hash: H256,
	) -> Result<Vec<frame_system::EventRecord<RuntimeEvent, H256>>> {
		let key = [twox128(b"System"), twox128(b"Events")].concat();
		let hex: Option<String> =
			self.client.request("state_getStorage", rpc_params![to_hex(&key), hash]).await?;
		match hex {
			Some(hex) => Ok(Decode::decode(&mut &from_hex(&hex)?[..])?),
			None => Ok(Vec::new()),
		}
	}

	/// Calls a JSON-RPC method with JSON params; returns the JSON result.
	pub async fn call(&self, method: &str, params: Vec<Value>) -> Result<Value> {
		self.call_as(method, params).await
	}

	/// Calls a JSON-RPC method with JSON params; returns the result as `T` (fields `T` does not
	/// have are skipped, not built into a JSON tree).
	pub async fn call_as<T: serde::de::DeserializeOwned>(
		&self,
		method: &str,
		params: Vec<Value>,
	) -> Result<T> {
		let mut builder = jsonrpsee::core::params::ArrayParams::new();
		for p in params {
			builder.insert(p)?;
		}
		Ok(self.client.request(method, builder).await?)
	}
}

/// What the pool answered a submission.
pub enum Submission {
	Accepted,
	/// The pool is full: send the same transaction again later.
	PoolFull,
	/// The signer's part of its organisation's pool share is taken: sign again, send later.
	ShareTaken,
	/// Another transaction with the same signer and nonce is in the pool.
	NonceTaken,
	/// The pool has banned this transaction's hash for a while: sign again.
	Banned,
}

/// A signed transaction with what it was signed from, so that it can be signed again.
#[derive(Clone)]
pub struct Tx {
	pub bytes: Vec<u8>,
	signer: sr25519::Pair,
	nonce: Nonce,
	call: RuntimeCall,
	params: ChainParams,
}

impl Tx {
	pub fn new(
		params: &ChainParams,
		signer: &sr25519::Pair,
		nonce: Nonce,
		call: RuntimeCall,
	) -> Self {
		let bytes = sign(params, signer, nonce, call.clone());
		Self { bytes, signer: signer.clone(), nonce, call, params: *params }
	}

	/// The account that signs it.
	pub fn signer(&self) -> sr25519::Public {
		sp_core::Pair::public(&self.signer)
	}

	/// Its nonce.
	pub fn nonce(&self) -> Nonce {
		self.nonce
	}

	/// The same call and nonce with a fresh signature (sr25519 signatures are randomised), so
	/// a hash the pool banned after refusing it for now is not sent again.
	pub fn resigned(&self) -> Self {
		Self::new(&self.params, &self.signer, self.nonce, self.call.clone())
	}
}

/// Signs `call` for `signer` with `nonce` (immortal era), as the runtime checks it.
pub fn sign(
	params: &ChainParams,
	signer: &sr25519::Pair,
	nonce: Nonce,
	call: RuntimeCall,
) -> Vec<u8> {
	evidence_runtime::signed_transaction(
		call,
		signer,
		nonce,
		params.genesis,
		params.spec_version,
		params.transaction_version,
	)
	.encode()
}

/// The chain time (unix ms) an encoded block's `Timestamp.set` inherent carries.
pub fn block_time(extrinsics: &[Vec<u8>]) -> Option<u64> {
	extrinsics.iter().find_map(|bytes| {
		let xt = UncheckedExtrinsic::decode(&mut &bytes[..]).ok()?;
		match xt.function {
			RuntimeCall::Timestamp(pallet_timestamp::Call::set { now }) => Some(now),
			_ => None,
		}
	})
}

pub fn twox128(bytes: &[u8]) -> [u8; 16] {
	sp_crypto_hashing::twox_128(bytes)
}

pub fn to_hex(bytes: &[u8]) -> String {
	format!("0x{}", sp_core::hexdisplay::HexDisplay::from(&bytes))
}

pub fn from_hex(text: &str) -> Result<Vec<u8>> {
	Ok(sp_core::bytes::from_hex(text)?)
}

#[cfg(test)]
mod tests {
	use super::*;
	use evidence_runtime::{Address, Runtime, SignedPayload};
	use sp_core::crypto::Pair as _;
	use sp_runtime::traits::Verify;

	fn params() -> ChainParams {
		ChainParams { genesis: H256::repeat_byte(7), spec_version: 100, transaction_version: 1 }
	}

	#[test]
	fn signed_extrinsic_decodes_and_its_signature_verifies() {
		let alice = sr25519::Pair::from_string("//Alice", None).unwrap();
		let call = RuntimeCall::System(frame_system::Call::remark { remark: b"hello".to_vec() });
		let bytes = sign(&params(), &alice, 5, call.clone());
		let xt =
			UncheckedExtrinsic::decode(&mut &bytes[..]).expect("decodes as the runtime's type");
		assert_eq!(xt.function, call);
		let sp_runtime::generic::Preamble::Signed(Address::Id(signer), signature, extension) =
			xt.preamble
		else {
			panic!("not a signed extrinsic")
		};
		assert_eq!(signer, AccountId::from(alice.public()));
		assert_eq!(extension.6, pallet_consortium::CheckNonceWindow::<Runtime>::from(5));
		let implicit = ((), (), 100u32, 1u32, params().genesis, params().genesis, (), ());
		let payload = SignedPayload::from_raw(call.clone(), extension.clone(), implicit);
		assert!(payload.using_encoded(|p| signature.verify(p, &signer)));
		// Another genesis (another chain) does not verify.
		let other = ((), (), 100u32, 1u32, H256::zero(), H256::zero(), (), ());
		let payload = SignedPayload::from_raw(call, extension, other);
		assert!(!payload.using_encoded(|p| signature.verify(p, &signer)));
	}

	#[test]
	fn block_time_is_the_timestamp_inherent() {
		let set =
			UncheckedExtrinsic::new_bare(RuntimeCall::Timestamp(pallet_timestamp::Call::set {
				now: 1_764_000_000_000,
			}));
		let alice = sr25519::Pair::from_string("//Alice", None).unwrap();
		let remark = sign(
			&params(),
			&alice,
			0,
			RuntimeCall::System(frame_system::Call::remark { remark: vec![1] }),
		);
		assert_eq!(block_time(&[set.encode(), remark.clone()]), Some(1_764_000_000_000));
		assert_eq!(block_time(&[remark]), None);
	}
}
