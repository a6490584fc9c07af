//! Credentials kept between calls. A provider such as `aws-config`'s may make a network
//! round trip (instance metadata, STS, SSO) each time it is asked, and leaves caching to the
//! client, as aws-sdk-rust's identity cache does it: so a client asks its provider again only
//! when the credentials it holds are about to expire, and one caller at a time asks.

use std::sync::{PoisonError, RwLock};
use std::time::{Duration, SystemTime};

use aws_credential_types::provider::error::CredentialsError;
use aws_credential_types::provider::{ProvideCredentials, SharedCredentialsProvider};
use aws_smithy_runtime_api::client::identity::Identity;

/// Credentials are asked for again this long before they expire, so that no request is signed
/// with credentials that expire before it arrives.
const REFRESH_BEFORE_EXPIRY: Duration = Duration::from_secs(10);

/// How long credentials without an expiry are kept, so that a provider that rotates them
/// without saying when is still asked now and then.
const KEEP_WITHOUT_EXPIRY: Duration = Duration::from_secs(15 * 60);

/// The credentials a client last got from its provider, and until when they serve.
#[derive(Default)]
pub(crate) struct CredentialsCache {
    current: RwLock<Held>,
    /// Held while the provider is asked: callers that find the credentials stale meanwhile
    /// wait for that answer instead of asking too.
    refreshing: tokio::sync::Mutex<()>,
}

#[derive(Default)]
struct Held {
    /// The credentials, as the signer takes them (made once, not for each request; they keep
    /// the credentials' expiry), and until when they are used without asking again.
    current: Option<(Identity, SystemTime)>,
    /// How many times the provider has answered with credentials.
    generation: u64,
}

impl CredentialsCache {
    /// Credentials that serve at `now`: the ones held, or new ones from `provider`. A
    /// provider's error is returned and not kept: the next call asks again.
    pub(crate) async fn get(
        &self,
        provider: &SharedCredentialsProvider,
        now: SystemTime,
    ) -> Result<Identity, CredentialsError> {
        let seen = {
            let held = self.current.read().unwrap_or_else(PoisonError::into_inner);
            if let Some(identity) = held.serving(now) {
                return Ok(identity);
            }
            held.generation
        };
        let _refreshing = self.refreshing.lock().await;
        {
            let held = self.current.read().unwrap_or_else(PoisonError::into_inner);
            // New credentials came while this caller waited: take them, even when they are
            // already within the margin before their expiry, rather than ask again at once.
            if held.generation != seen {
                if let Some((identity, _)) = held.current.as_ref().filter(|(identity, _)| !expired(identity, now)) {
                    return Ok(identity.clone());
                }
            }
        }
        let credentials = provider.provide_credentials().await?;
        let until = match credentials.expiry() {
            Some(expiry) => expiry.checked_sub(REFRESH_BEFORE_EXPIRY).unwrap_or(SystemTime::UNIX_EPOCH),
            None => now.checked_add(KEEP_WITHOUT_EXPIRY).unwrap_or(now),
        };
        let identity = Identity::from(credentials);
        let mut held = self.current.write().unwrap_or_else(PoisonError::into_inner);
        *held = Held { current: Some((identity.clone(), until)), generation: held.generation + 1 };
        Ok(identity)
    }
}

impl Held {
    fn serving(&self, now: SystemTime) -> Option<Identity> {
        let (identity, until) = self.current.as_ref()?;
        (now < *until).then(|| identity.clone())
    }
}

fn expired(identity: &Identity, now: SystemTime) -> bool {
    identity.expiration().is_some_and(|expiry| expiry <= now)
}
