//! A [`Config`] from `aws_types::SdkConfig`, as `aws_config::load_from_env()` gives it (the
//! `aws-config` feature): a program that already loads `aws-config`, for its SSO, role,
//! web identity or instance credentials, makes this crate's clients from the same
//! configuration, `Client::new(&sdk_config)`, as it would make aws-sdk-rust's.

use std::sync::Arc;

use aws_types::SdkConfig;

use super::endpoint_urls::EndpointUrls;
use super::Config;

/// Takes every setting of the SDK configuration that this crate has too: the region, the
/// credentials provider (whose credentials the clients keep, as this crate keeps any
/// provider's), the endpoint URLs (each service's own, from `aws-config`'s service
/// configuration, when its client is made, then the configuration's endpoint URL), FIPS and
/// dual-stack endpoints, the retry configuration's maximum attempts, the connect, attempt and
/// operation time-outs, the time source and the request compression settings.
///
/// Left out, as this crate does them its own way: the HTTP client (aws-smithy's trait, not
/// [`HttpClient`](crate::http::HttpClient): the default transport serves, or set one with
/// [`ConfigBuilder::http_client`](super::ConfigBuilder::http_client)), the identity cache, the
/// sleep implementation (Tokio's) and the adaptive retry mode (the standard mode is followed).
impl From<&SdkConfig> for Config {
    fn from(sdk: &SdkConfig) -> Self {
        let mut builder = Config::builder();
        if let Some(region) = sdk.region() {
            builder = builder.region(region.as_ref());
        }
        if let Some(provider) = sdk.credentials_provider() {
            builder.config.credentials = Some((provider, Arc::default()));
        }
        builder.config.endpoint_urls = EndpointUrls::Sdk(Arc::new(sdk.clone()));
        if let Some(use_fips) = sdk.use_fips() {
            builder = builder.use_fips(use_fips);
        }
        if let Some(use_dual_stack) = sdk.use_dual_stack() {
            builder = builder.use_dual_stack(use_dual_stack);
        }
        if let Some(retry) = sdk.retry_config() {
            builder = builder.max_attempts(retry.max_attempts());
        }
        if let Some(timeouts) = sdk.timeout_config() {
            if let Some(timeout) = timeouts.connect_timeout() {
                builder = builder.connect_timeout(timeout);
            }
            if let Some(timeout) = timeouts.operation_attempt_timeout() {
                builder = builder.attempt_timeout(timeout);
            }
            if let Some(timeout) = timeouts.operation_timeout() {
                builder = builder.operation_timeout(timeout);
            }
        }
        if let Some(time_source) = sdk.time_source() {
            builder = builder.time_source(move || time_source.now());
        }
        if let Some(disable) = sdk.disable_request_compression() {
            builder = builder.disable_request_compression(disable);
        }
        if let Some(bytes) = sdk.request_min_compression_size_bytes() {
            builder = builder.request_min_compression_size_bytes(bytes);
        }
        builder.build()
    }
}

/// Owned too, for `Client::new(sdk_config)`.
impl From<SdkConfig> for Config {
    fn from(sdk: SdkConfig) -> Self {
        Config::from(&sdk)
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use aws_credential_types::provider::SharedCredentialsProvider;
    use aws_credential_types::Credentials;
    use aws_types::region::Region;
    use aws_types::sdk_config::{RetryConfig, TimeoutConfig};
    use aws_types::service_config::{LoadServiceConfig, ServiceConfigKey};

    use super::*;
    use crate::invoke::tests::SERVICE;
    use crate::invoke::Handle;

    /// What `aws-config` reads for each service: here, one variable.
    #[derive(Debug)]
    struct Env;

    impl LoadServiceConfig for Env {
        fn load_config(&self, key: ServiceConfigKey<'_>) -> Option<String> {
            let service = key.service_id().to_ascii_uppercase().replace(' ', "_");
            (key.env() == "AWS_ENDPOINT_URL" && service == "ROBOMAKER").then(|| "http://robomaker.local".to_owned())
        }
    }

    #[test]
    fn an_sdk_configuration_gives_its_settings() {
        let credentials = Credentials::new("AKID", "SECRET", None, None, "test");
        let sdk = SdkConfig::builder()
            .region(Region::new("eu-west-1"))
            .credentials_provider(SharedCredentialsProvider::new(credentials))
            .endpoint_url("http://everything.local")
            .service_config(Env)
            .use_fips(true)
            .retry_config(RetryConfig::standard().with_max_attempts(5))
            .timeout_config(
                TimeoutConfig::builder()
                    .connect_timeout(Duration::from_secs(1))
                    .operation_attempt_timeout(Duration::from_secs(2))
                    .operation_timeout(Duration::from_secs(3))
                    .build(),
            )
            .request_min_compression_size_bytes(100)
            .build();
        let config = Config::from(&sdk);
        assert_eq!(config.region(), Some("eu-west-1"));
        assert!(config.credentials.is_some());
        assert!(config.use_fips() && !config.use_dual_stack());
        assert_eq!(config.max_attempts(), 5);
        assert_eq!(config.connect_timeout, Duration::from_secs(1));
        assert_eq!(config.attempt_timeout, Some(Duration::from_secs(2)));
        assert_eq!(config.operation_timeout, Some(Duration::from_secs(3)));
        assert_eq!(config.request_min_compression_size_bytes, 100);
        // The service's own endpoint URL when its client is made; the configuration's otherwise.
        assert_eq!(config.endpoint_url(), Some("http://everything.local"));
        assert_eq!(Handle::new(config.clone(), &SERVICE).config().endpoint_url(), Some("http://robomaker.local"));
        let other = crate::invoke::ServiceInfo { sdk_id: "SSO", env_name: "SSO", ..SERVICE };
        let other: &'static _ = Box::leak(Box::new(other));
        assert_eq!(Handle::new(config, other).config().endpoint_url(), Some("http://everything.local"));
    }
}
