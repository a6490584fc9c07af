//! Endpoint URLs the environment gives, for every service or for one: read once, when the
//! configuration is loaded, and looked up for each service when its client is made.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::invoke::ServiceInfo;

/// Where the endpoint URLs of a configuration's environment come from.
#[derive(Clone, Debug, Default)]
pub(crate) enum EndpointUrls {
    /// None: the configuration was built in code.
    #[default]
    None,
    /// The environment variables and the profile, as [`Config::from_env`] read them.
    ///
    /// [`Config::from_env`]: super::Config::from_env
    Env(Arc<EnvEndpointUrls>),
    /// An `aws-config` configuration: its service configuration loader, then its endpoint URL.
    #[cfg(feature = "aws-config")]
    Sdk(Arc<aws_types::SdkConfig>),
}

/// The endpoint URLs `AWS_ENDPOINT_URL*` and the profile set, in the order of precedence the
/// AWS SDKs give them ("service-specific endpoints"): the service's variable, the global
/// variable, the service's entry in the profile's `services` section, the profile's own.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct EnvEndpointUrls {
    /// `AWS_ENDPOINT_URL_<SERVICE>`, by `<SERVICE>` (`ROBOMAKER`, `IOT_JOBS_DATA_PLANE`).
    pub(crate) env_services: BTreeMap<String, String>,
    /// `AWS_ENDPOINT_URL`.
    pub(crate) env_global: Option<String>,
    /// `endpoint_url` of each service in the profile's `services` section, by the service's
    /// key there (`robomaker`, `iot_jobs_data_plane`).
    pub(crate) profile_services: BTreeMap<String, String>,
    /// The profile's `endpoint_url`.
    pub(crate) profile_global: Option<String>,
}

impl EndpointUrls {
    /// The URL every service gets, when no service's own applies.
    pub(crate) fn global(&self) -> Option<&str> {
        match self {
            EndpointUrls::None => None,
            EndpointUrls::Env(urls) => urls.env_global.as_deref().or(urls.profile_global.as_deref()),
            #[cfg(feature = "aws-config")]
            EndpointUrls::Sdk(config) => config.endpoint_url(),
        }
    }

    /// The URL `service`'s client uses, if the environment gives one.
    pub(crate) fn for_service(&self, service: &ServiceInfo) -> Option<String> {
        match self {
            EndpointUrls::None => None,
            EndpointUrls::Env(urls) => {
                let profile_key = service.env_name.to_ascii_lowercase();
                urls.env_services
                    .get(service.env_name)
                    .or(urls.env_global.as_ref())
                    .or_else(|| urls.profile_services.get(&profile_key))
                    .or(urls.profile_global.as_ref())
                    .cloned()
            }
            #[cfg(feature = "aws-config")]
            EndpointUrls::Sdk(config) => {
                // As aws-sdk-rust's own clients read it: the loader knows the service's variable
                // and profile entry (and the global variable after them); the configuration's
                // own URL comes last.
                let key = aws_types::service_config::ServiceConfigKey::builder()
                    .service_id(service.sdk_id)
                    .env("AWS_ENDPOINT_URL")
                    .profile("endpoint_url")
                    .build()
                    .ok();
                let loaded = key.and_then(|key| config.service_config()?.load_config(key));
                loaded.or_else(|| config.endpoint_url().map(str::to_owned))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn service(env_name: &'static str) -> ServiceInfo {
        ServiceInfo { env_name, ..crate::invoke::tests::SERVICE }
    }

    #[test]
    fn the_services_own_url_wins_then_the_global_variable_then_the_profile() {
        let urls = EnvEndpointUrls {
            env_services: BTreeMap::from([("ROBOMAKER".to_owned(), "http://env-robomaker".to_owned())]),
            env_global: Some("http://env".to_owned()),
            profile_services: BTreeMap::from([
                ("robomaker".to_owned(), "http://profile-robomaker".to_owned()),
                ("sso".to_owned(), "http://profile-sso".to_owned()),
            ]),
            profile_global: Some("http://profile".to_owned()),
        };
        let urls = EndpointUrls::Env(Arc::new(urls));
        assert_eq!(urls.for_service(&service("ROBOMAKER")).as_deref(), Some("http://env-robomaker"));
        assert_eq!(urls.for_service(&service("SSO")).as_deref(), Some("http://env"));
        assert_eq!(urls.global(), Some("http://env"));

        let profile_only = EnvEndpointUrls {
            profile_services: BTreeMap::from([("sso".to_owned(), "http://profile-sso".to_owned())]),
            profile_global: Some("http://profile".to_owned()),
            ..EnvEndpointUrls::default()
        };
        let urls = EndpointUrls::Env(Arc::new(profile_only));
        assert_eq!(urls.for_service(&service("SSO")).as_deref(), Some("http://profile-sso"));
        assert_eq!(urls.for_service(&service("ROBOMAKER")).as_deref(), Some("http://profile"));
        assert_eq!(EndpointUrls::None.for_service(&service("SSO")), None);
    }
}
