//! Credentials kept between calls. A provider such as `aws-config`'s may make a network
//! round trip (instance metadata, STS, SSO) each time it is asked, and leaves caching to the
//! client, as aws-sdk-rust's identity cache does it: so a client asks its provider again only
//! when the credentials it holds are about to expire, and one caller at a time asks.

use std::sync::{PoisonError, RwLock};
use std::time::{Duration, SystemTime};

use aws_credential_types::provider::error::CredentialsError;
use aws_credential_types::provider::{ProvideCredentials, SharedCredentialsProvider};
use aws_credential_types::Credentials;

/// Credentials are asked for again this long before they expire, so that no request is signed
/// with credentials that expire before it arrives.
const REFRESH_BEFORE_EXPIRY: Duration = Duration::from_secs(10);

/// How long credentials without an expiry are kept, so that a provider that rotates them
/// without saying when is still asked now and then.
const KEEP_WITHOUT_EXPIRY: Duration = Duration::from_secs(15 * 60);

/// The credentials a client last got from its provider, and until when they serve.
#[derive(Default)]
pub(super) struct CredentialsCache {
    current: RwLock<Option<(Credentials, SystemTime)>>,
    /// Held while the provider is asked: callers that find the credentials stale meanwhile
    /// wait for that answer instead of asking too.
    refreshing: tokio::sync::Mutex<()>,
}

impl CredentialsCache {
    /// Credentials that serve at `now`: the ones held, or new ones from `provider`. A
    /// provider's error is returned and not kept: the next call asks again.
    pub(super) async fn get(
        &self,
        provider: &SharedCredentialsProvider,
        now: SystemTime,
    ) -> Result<Credentials, CredentialsError> {
        if let Some(credentials) = self.serving(now) {
            return Ok(credentials);
        }
        let _refreshing = self.refreshing.lock().await;
        if let Some(credentials) = self.serving(now) {
            return Ok(credentials);
        }
        let credentials = provider.provide_credentials().await?;
        let until = match credentials.expiry() {
            Some(expiry) => expiry.checked_sub(REFRESH_BEFORE_EXPIRY).unwrap_or(SystemTime::UNIX_EPOCH),
            None => now.checked_add(KEEP_WITHOUT_EXPIRY).unwrap_or(now),
        };
        *self.current.write().unwrap_or_else(PoisonError::into_inner) = Some((credentials.clone(), until));
        Ok(credentials)
    }

    fn serving(&self, now: SystemTime) -> Option<Credentials> {
        let current = self.current.read().unwrap_or_else(PoisonError::into_inner);
        current.as_ref().filter(|(_, until)| now < *until).map(|(credentials, _)| credentials.clone())
    }
}
