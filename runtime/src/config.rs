//! How clients reach and authenticate to their services: region,
//! credentials, endpoint, retries, time-outs and transport.
//!
//! One [`Config`] serves every service: load it once (say with
//! [`Config::from_env`]) and make each service's client from it. What
//! differs by service is applied when a client is made from it: the
//! endpoint URL that `AWS_ENDPOINT_URL_<SERVICE>` or the profile's
//! `services` section gives that service, and the default retry partition.
//! Clients made from one configuration (or its clones) share its
//! credentials cache and its default HTTP client.

#[cfg(feature = "aws-config")]
mod aws_config;
mod endpoint_urls;
mod profile;

use std::fmt;
use std::sync::{Arc, OnceLock};
use std::time::{Duration, SystemTime};

use aws_credential_types::provider::{ProvideCredentials, SharedCredentialsProvider};

use crate::endpoint::Partitions;
use crate::http::HttpClient;
use crate::invoke::credentials_cache::CredentialsCache;
use crate::invoke::ServiceInfo;
pub use crate::retry::RetryBehavior;
use endpoint_urls::EndpointUrls;

/// The connect time-out when none is configured: long enough for a TLS
/// handshake across regions, short enough to retry a dead host quickly.
const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_millis(3100);

/// The smallest body `@requestCompression` operations compress, as the AWS
/// SDKs have it: below it, gzip costs more than it saves.
const DEFAULT_MIN_COMPRESSION_SIZE: u32 = 10_240;

/// Attempts per operation in the standard retry mode.
const DEFAULT_MAX_ATTEMPTS: u32 = 3;

/// The configuration of clients: build one with [`Config::builder`], or read
/// the standard AWS environment with [`Config::from_env`], and make any
/// service's client from it (`robomaker::Client::new(&config)`,
/// `sso::Client::new(&config)`).
///
/// For one service's own settings, make its client from a changed copy:
/// `Client::from_conf(config.to_builder().max_attempts(5).build())`.
#[derive(Clone)]
pub struct Config {
    pub(crate) region: Option<String>,
    /// The provider, and the credentials it last gave, which clients made
    /// from this configuration share.
    pub(crate) credentials: Option<(SharedCredentialsProvider, Arc<CredentialsCache>)>,
    /// Why `from_env` found no credentials it can use, when the profile says
    /// how to get them in a way this crate does not resolve.
    pub(crate) credentials_hint: Option<String>,
    /// The endpoint URL set in code, or, once the configuration is a
    /// client's, the one that service's settings give.
    pub(crate) endpoint_url: Option<String>,
    /// Where the endpoint URLs of the environment come from, by service.
    pub(crate) endpoint_urls: EndpointUrls,
    pub(crate) use_fips: bool,
    pub(crate) use_dual_stack: bool,
    pub(crate) partitions: Option<Partitions>,
    pub(crate) max_attempts: u32,
    pub(crate) retry_behavior: RetryBehavior,
    pub(crate) retry_partition: Option<String>,
    pub(crate) connect_timeout: Duration,
    pub(crate) attempt_timeout: Option<Duration>,
    pub(crate) operation_timeout: Option<Duration>,
    pub(crate) http_client: Option<Arc<dyn HttpClient>>,
    /// The default transport, made on first use and shared by the clients of
    /// this configuration (one connection pool, one TLS set-up).
    pub(crate) default_http_client: Arc<OnceLock<Result<Arc<dyn HttpClient>, String>>>,
    pub(crate) time_source: Option<Arc<dyn Fn() -> SystemTime + Send + Sync>>,
    pub(crate) idempotency_token_provider: Option<Arc<dyn Fn() -> String + Send + Sync>>,
    pub(crate) disable_request_compression: bool,
    pub(crate) request_min_compression_size_bytes: u32,
}

impl Config {
    /// A builder with no region, no credentials and the default retry and
    /// time-out settings.
    pub fn builder() -> ConfigBuilder {
        ConfigBuilder::default()
    }

    /// Reads the standard AWS environment, as the AWS CLI and SDKs do:
    ///
    /// - region: `AWS_REGION`, then `AWS_DEFAULT_REGION`, then the profile's
    ///   `region`;
    /// - credentials: `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and
    ///   `AWS_SESSION_TOKEN`, then the profile's `aws_access_key_id`,
    ///   `aws_secret_access_key` and `aws_session_token`;
    /// - endpoint, for each service when its client is made:
    ///   `AWS_ENDPOINT_URL_<SERVICE>` (for example
    ///   `AWS_ENDPOINT_URL_ROBOMAKER`), then `AWS_ENDPOINT_URL`, then the
    ///   service's `endpoint_url` in the `[services ...]` section the
    ///   profile names with `services`, then the profile's `endpoint_url`;
    ///   none of them when `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` (or the
    ///   profile's `ignore_configured_endpoint_urls`) is `true`;
    /// - FIPS and dual-stack endpoints: `AWS_USE_FIPS_ENDPOINT` and
    ///   `AWS_USE_DUALSTACK_ENDPOINT` (`true`), then the profile's
    ///   `use_fips_endpoint` and `use_dualstack_endpoint`;
    /// - request compression: `AWS_DISABLE_REQUEST_COMPRESSION` and
    ///   `AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES`, then the profile's
    ///   `disable_request_compression` and `request_min_compression_size_bytes`;
    /// - retries: `AWS_MAX_ATTEMPTS`, then the profile's `max_attempts`; and
    ///   `AWS_NEW_RETRIES_2026` (`true` or `false`, from the environment only)
    ///   for [`RetryBehavior::Standard2026`]. `AWS_RETRY_MODE` and
    ///   `retry_mode` are not read: the client always follows the standard
    ///   mode.
    ///
    /// A value these settings cannot take (say `AWS_MAX_ATTEMPTS=0`) is an
    /// error, not a silent default.
    ///
    /// The profile is `AWS_PROFILE` (or `default`), read from
    /// `~/.aws/credentials` and `~/.aws/config`, or from the files named by
    /// `AWS_SHARED_CREDENTIALS_FILE` and `AWS_CONFIG_FILE`. Missing files are
    /// fine; a missing region or missing credentials are reported when an
    /// operation is called. Only access keys are read: a profile that gets its
    /// credentials otherwise (`role_arn`, `sso_session`, `credential_process`,
    /// ...) needs a provider such as `aws-config`'s, plugged in with
    /// [`ConfigBuilder::credentials_provider`], and the error of a call
    /// without one says so. A profile named by `AWS_PROFILE` that neither
    /// file has, or a file that cannot be read, is an error now.
    ///
    /// It reads the environment and the files once, synchronously: call it
    /// once at start-up and make every client from what it returns.
    pub fn from_env() -> Result<Self, ConfigError> {
        let env = std::env::vars_os()
            .filter_map(|(name, value)| Some((name.into_string().ok()?, value.into_string().ok()?)))
            .collect();
        Self::from_vars(&env)
    }

    /// [`from_env`](Self::from_env) with the environment's variables given, rather than the
    /// process's: for tests, and for programs that keep several environments.
    pub fn from_vars(env: &std::collections::HashMap<String, String>) -> Result<Self, ConfigError> {
        let loaded = profile::load(env)?;
        let mut builder = Self::builder();
        builder.config.region = loaded.region;
        builder.config.endpoint_urls = loaded.endpoint_urls;
        builder.config.use_fips = loaded.use_fips;
        builder.config.use_dual_stack = loaded.use_dual_stack;
        builder.config.disable_request_compression = loaded.disable_request_compression;
        if let Some(bytes) = loaded.request_min_compression_size_bytes {
            builder.config.request_min_compression_size_bytes = bytes;
        }
        if let Some(attempts) = loaded.max_attempts {
            builder.config.max_attempts = attempts;
        }
        if loaded.new_retries_2026 {
            builder.config.retry_behavior = RetryBehavior::Standard2026;
        }
        builder.config.credentials_hint = loaded.credentials_hint;
        if let Some(credentials) = loaded.credentials {
            builder = builder.credentials(credentials);
        }
        Ok(builder.build())
    }

    /// This configuration as `service`'s client uses it: with the endpoint
    /// URL the environment gives that service, unless one was set in code.
    pub(crate) fn for_service(mut self, service: &ServiceInfo) -> Self {
        if self.endpoint_url.is_none() {
            self.endpoint_url = self.endpoint_urls.for_service(service);
        }
        self
    }

    /// The region requests are signed for and sent to.
    pub fn region(&self) -> Option<&str> {
        self.region.as_deref()
    }

    /// The endpoint URL that overrides the services' default endpoints: the
    /// one set in code, or the one the environment gives every service
    /// (`AWS_ENDPOINT_URL`, the profile's `endpoint_url`). A client's
    /// configuration (its `config()`) has the one its service uses,
    /// `AWS_ENDPOINT_URL_<SERVICE>` included.
    pub fn endpoint_url(&self) -> Option<&str> {
        self.endpoint_url.as_deref().or_else(|| self.endpoint_urls.global())
    }

    /// Whether FIPS endpoints are used.
    pub fn use_fips(&self) -> bool {
        self.use_fips
    }

    /// Whether dual-stack endpoints are used.
    pub fn use_dual_stack(&self) -> bool {
        self.use_dual_stack
    }

    /// At most how many times an operation is attempted.
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// Which revision of the standard retry mode the client follows.
    pub fn retry_behavior(&self) -> RetryBehavior {
        self.retry_behavior
    }

    /// The retry partition set with [`ConfigBuilder::retry_partition`];
    /// `None` for the default, the service and the region.
    pub fn retry_partition(&self) -> Option<&str> {
        self.retry_partition.as_deref()
    }

    /// The retry partition's name: the one set, or the service and the
    /// region, as the AWS SDKs name it (`robomaker-us-east-1`), and the
    /// endpoint URL when one is set, so that clients of a test server or a
    /// local emulator do not draw on the quota of the region's service.
    pub(crate) fn retry_partition_name(&self, service: &ServiceInfo) -> String {
        if let Some(name) = &self.retry_partition {
            return name.clone();
        }
        let parts = [Some(service.signing_name), self.region.as_deref(), self.endpoint_url.as_deref()];
        parts.into_iter().flatten().collect::<Vec<_>>().join("-")
    }

    /// A token for an `idempotencyToken` member the caller left unset: a fresh
    /// UUID v4, or what the configured provider gives.
    pub fn idempotency_token(&self) -> String {
        match &self.idempotency_token_provider {
            Some(provider) => provider(),
            None => crate::protocol::idempotency_token(),
        }
    }

    /// A builder holding this configuration, to change part of it.
    pub fn to_builder(&self) -> ConfigBuilder {
        ConfigBuilder { config: self.clone() }
    }
}

/// A copy: what lets the `Client::new(&config)` of every generated crate take
/// a configuration by reference.
impl From<&Config> for Config {
    fn from(config: &Config) -> Self {
        config.clone()
    }
}

/// No region, no credentials, and the default retry and time-out settings.
impl Default for Config {
    fn default() -> Self {
        Self {
            region: None,
            credentials: None,
            credentials_hint: None,
            endpoint_url: None,
            endpoint_urls: EndpointUrls::default(),
            use_fips: false,
            use_dual_stack: false,
            partitions: None,
            max_attempts: DEFAULT_MAX_ATTEMPTS,
            retry_behavior: RetryBehavior::Standard,
            retry_partition: None,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            attempt_timeout: None,
            operation_timeout: None,
            http_client: None,
            default_http_client: Arc::default(),
            time_source: None,
            idempotency_token_provider: None,
            disable_request_compression: false,
            request_min_compression_size_bytes: DEFAULT_MIN_COMPRESSION_SIZE,
        }
    }
}

/// Never shows secrets: credentials appear only as whether a provider is
/// set, whose own `Debug` redacts the secret key and session token.
impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("region", &self.region)
            .field("credentials", &self.credentials.as_ref().map(|_| "** set **"))
            .field("endpoint_url", &self.endpoint_url())
            .field("use_fips", &self.use_fips)
            .field("use_dual_stack", &self.use_dual_stack)
            .field("max_attempts", &self.max_attempts)
            .field("retry_behavior", &self.retry_behavior)
            .field("retry_partition", &self.retry_partition)
            .field("connect_timeout", &self.connect_timeout)
            .field("attempt_timeout", &self.attempt_timeout)
            .field("operation_timeout", &self.operation_timeout)
            .field("http_client", &self.http_client)
            .finish_non_exhaustive()
    }
}

/// Builds a [`Config`]: each setter changes one setting of the configuration
/// it holds, which starts as [`Config::default`].
#[derive(Clone, Default)]
pub struct ConfigBuilder {
    config: Config,
}

impl ConfigBuilder {
    /// The region to sign for and send to, such as `us-east-1`.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.config.region = Some(region.into());
        self
    }

    /// Fixed credentials.
    pub fn credentials(self, credentials: Credentials) -> Self {
        self.credentials_provider(aws_credential_types::Credentials::from(credentials))
    }

    /// A credentials provider, such as one from `aws-config` (for SSO, roles,
    /// web identity, instance or container credentials). The clients made
    /// from this configuration keep the credentials it gives, together, until
    /// 10 s before they expire (15 minutes when they carry no expiry), and
    /// only one call at a time asks it for new ones; an error it returns
    /// fails that call and is not kept.
    pub fn credentials_provider(mut self, provider: impl ProvideCredentials + 'static) -> Self {
        self.config.credentials = Some((SharedCredentialsProvider::new(provider), Arc::default()));
        self
    }

    /// Sends requests to this URL (`http://127.0.0.1:8080`, a VPC endpoint,
    /// a proxy) instead of the service's endpoint for the region. It wins
    /// over any endpoint URL the environment gives.
    pub fn endpoint_url(mut self, url: impl Into<String>) -> Self {
        self.config.endpoint_url = Some(url.into());
        self
    }

    /// Sends requests to the FIPS 140-2 endpoint of the region (`AWS::UseFIPS`
    /// of the endpoint rules).
    pub fn use_fips(mut self, use_fips: bool) -> Self {
        self.config.use_fips = use_fips;
        self
    }

    /// Sends requests to the dual-stack (IPv4 and IPv6) endpoint of the
    /// region (`AWS::UseDualStack` of the endpoint rules).
    pub fn use_dual_stack(mut self, use_dual_stack: bool) -> Self {
        self.config.use_dual_stack = use_dual_stack;
        self
    }

    /// The partitions table for endpoint resolution, instead of the one
    /// built into this crate: for regions newer than the crate, load a
    /// current `partitions.json` with [`Partitions::from_json`].
    pub fn partitions(mut self, partitions: Partitions) -> Self {
        self.config.partitions = Some(partitions);
        self
    }

    /// At most how many times an operation is attempted (at least 1; the
    /// default is 3). Throttling, 500/502/503/504 responses, transport
    /// failures and time-outs are retried with exponential backoff, while the
    /// retry quota of the client's partition lasts (500 tokens, which each
    /// retry spends and successes earn back: see [`RetryBehavior`] and
    /// [`retry_partition`](Self::retry_partition)).
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.config.max_attempts = attempts.max(1);
        self
    }

    /// Which revision of the AWS SDKs' standard retry mode to follow: how long
    /// retries wait and what they cost the retry quota
    /// ([`RetryBehavior::Standard`] by default).
    pub fn retry_behavior(mut self, behavior: RetryBehavior) -> Self {
        self.config.retry_behavior = behavior;
        self
    }

    /// The retry partition: the clients of one partition in this process
    /// share one retry quota, so that many clients do not multiply their
    /// retries against a failing service. By default it is the service and
    /// the region (`robomaker-us-east-1`), as in the AWS SDKs, and the
    /// endpoint URL when one is set; a name of its own gives a group of
    /// clients a quota of their own. A partition's quota lasts as long as the
    /// process: name a few, not one per client.
    pub fn retry_partition(mut self, name: impl Into<String>) -> Self {
        self.config.retry_partition = Some(name.into());
        self
    }

    /// How long establishing a connection may take (default 3.1 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.config.connect_timeout = timeout;
        // The default transport is made with the time-out: a new one for the new value.
        self.config.default_http_client = Arc::default();
        self
    }

    /// How long one attempt, from sending the request to reading the whole
    /// response, may take (no limit by default).
    pub fn attempt_timeout(mut self, timeout: Duration) -> Self {
        self.config.attempt_timeout = Some(timeout);
        self
    }

    /// How long an operation, with all its attempts and backoff, may take
    /// (no limit by default).
    pub fn operation_timeout(mut self, timeout: Duration) -> Self {
        self.config.operation_timeout = Some(timeout);
        self
    }

    /// Another transport instead of the default hyper client; the connect
    /// time-out is then the transport's business. Required when the client's
    /// crate is built without its `default-https-client` feature.
    pub fn http_client(mut self, client: impl HttpClient + 'static) -> Self {
        self.config.http_client = Some(Arc::new(client));
        self
    }

    /// The clock requests are signed with (the system clock by default);
    /// for tests that need a fixed signature. It is also the clock by which
    /// the credentials a provider gave are judged fresh or about to expire.
    pub fn time_source(mut self, now: impl Fn() -> SystemTime + Send + Sync + 'static) -> Self {
        self.config.time_source = Some(Arc::new(now));
        self
    }

    /// Where tokens for `idempotencyToken` members the caller leaves unset come
    /// from (a fresh UUID v4 each by default); for tests that need a fixed
    /// request.
    pub fn idempotency_token_provider(mut self, provider: impl Fn() -> String + Send + Sync + 'static) -> Self {
        self.config.idempotency_token_provider = Some(Arc::new(provider));
        self
    }

    /// Sends bodies of `@requestCompression` operations uncompressed (they are
    /// gzip-compressed from 10,240 bytes by default).
    pub fn disable_request_compression(mut self, disable: bool) -> Self {
        self.config.disable_request_compression = disable;
        self
    }

    /// The smallest body `@requestCompression` operations compress (10,240
    /// bytes by default; the AWS SDKs allow up to 10,485,760).
    pub fn request_min_compression_size_bytes(mut self, bytes: u32) -> Self {
        self.config.request_min_compression_size_bytes = bytes;
        self
    }

    /// The configuration. Nothing is checked here: a missing region or
    /// missing credentials are reported when an operation is called.
    pub fn build(self) -> Config {
        self.config
    }
}

impl fmt::Debug for ConfigBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.config, f)
    }
}

/// AWS credentials: an access key and its secret, and a session token for
/// temporary credentials. `Debug` shows only the access key ID.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    access_key_id: String,
    secret_access_key: String,
    session_token: Option<String>,
}

impl Credentials {
    /// Credentials from an access key ID, its secret access key and, for
    /// temporary credentials, a session token.
    pub fn new(
        access_key_id: impl Into<String>,
        secret_access_key: impl Into<String>,
        session_token: Option<String>,
    ) -> Self {
        Self { access_key_id: access_key_id.into(), secret_access_key: secret_access_key.into(), session_token }
    }

    /// The access key ID.
    pub fn access_key_id(&self) -> &str {
        &self.access_key_id
    }

    /// The secret access key.
    pub fn secret_access_key(&self) -> &str {
        &self.secret_access_key
    }

    /// The session token of temporary credentials.
    pub fn session_token(&self) -> Option<&str> {
        self.session_token.as_deref()
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"** redacted **")
            .field("session_token", &self.session_token.as_ref().map(|_| "** redacted **"))
            .finish()
    }
}

impl From<Credentials> for aws_credential_types::Credentials {
    fn from(credentials: Credentials) -> Self {
        let Credentials { access_key_id, secret_access_key, session_token } = credentials;
        aws_credential_types::Credentials::new(access_key_id, secret_access_key, session_token, None, "static")
    }
}

/// The environment or a profile file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    message: String,
}

impl ConfigError {
    pub(crate) fn new(message: impl Into<String>) -> Self {
        Self { message: message.into() }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ConfigError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_secrets() {
        let credentials = Credentials::new("AKID", "SECRET", Some("TOKEN".into()));
        let shown = format!("{credentials:?}");
        assert!(shown.contains("AKID"));
        assert!(!shown.contains("SECRET") && !shown.contains("TOKEN"), "{shown}");

        let config = Config::builder().region("us-east-1").credentials(credentials).build();
        let shown = format!("{config:?} {:?}", config.to_builder());
        assert!(shown.contains("us-east-1"));
        assert!(!shown.contains("SECRET") && !shown.contains("TOKEN"), "{shown}");
    }

    #[test]
    fn defaults_and_overrides() {
        let config = Config::builder().build();
        assert_eq!(config.max_attempts(), 3);
        assert_eq!(config.connect_timeout, DEFAULT_CONNECT_TIMEOUT);
        let config = config.to_builder().max_attempts(0).endpoint_url("http://127.0.0.1:1").build();
        assert_eq!(config.max_attempts(), 1);
        assert_eq!(config.endpoint_url(), Some("http://127.0.0.1:1"));
    }
}
