//! The standard AWS environment: environment variables and the shared
//! `config` and `credentials` files, read the way the AWS CLI reads them.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::Arc;

use super::endpoint_urls::{EndpointUrls, EnvEndpointUrls};
use super::{ConfigError, Credentials};

/// What the environment says.
#[derive(Debug, Default)]
pub(super) struct Loaded {
    pub(super) region: Option<String>,
    pub(super) credentials: Option<Credentials>,
    pub(super) credentials_hint: Option<String>,
    pub(super) endpoint_urls: EndpointUrls,
    pub(super) use_fips: bool,
    pub(super) use_dual_stack: bool,
    pub(super) disable_request_compression: bool,
    pub(super) request_min_compression_size_bytes: Option<u32>,
    pub(super) max_attempts: Option<u32>,
    pub(super) new_retries_2026: bool,
}

/// The prefix of the variables that give one service its endpoint URL.
const SERVICE_ENDPOINT_PREFIX: &str = "AWS_ENDPOINT_URL_";

/// Reads the environment from `env`, the process's variables (tests pass their own).
pub(super) fn load(env: &HashMap<String, String>) -> Result<Loaded, ConfigError> {
    let var = |name: &str| env.get(name).filter(|value| !value.trim().is_empty()).cloned();
    let explicit_profile = var("AWS_PROFILE");
    let profile_name = explicit_profile.clone().unwrap_or_else(|| "default".to_owned());
    let home = var("HOME").or_else(|| var("USERPROFILE")).map(PathBuf::from);
    let file = |env: &str, default: &str| {
        var(env).map(PathBuf::from).or_else(|| home.as_ref().map(|home| home.join(".aws").join(default)))
    };

    let config = read_file(file("AWS_CONFIG_FILE", "config"), FileKind::Config)?;
    let credentials_file = read_file(file("AWS_SHARED_CREDENTIALS_FILE", "credentials"), FileKind::Credentials)?;
    let from_config = config.as_ref().and_then(|(_, sections)| sections.profiles.get(&profile_name));
    let from_credentials = credentials_file.as_ref().and_then(|(_, sections)| sections.profiles.get(&profile_name));
    if explicit_profile.is_some() && from_config.is_none() && from_credentials.is_none() {
        let files: Vec<String> =
            [&config, &credentials_file].into_iter().flatten().map(|(path, _)| path.display().to_string()).collect();
        let files = if files.is_empty() { "no profile file exists".to_owned() } else { files.join(" or ") };
        return Err(ConfigError::new(format!("profile `{profile_name}` (from AWS_PROFILE) is not in {files}")));
    }
    // The credentials file wins over the config file, key by key.
    let setting = |key: &str| {
        from_credentials
            .and_then(|profile| profile.get(key))
            .or_else(|| from_config.and_then(|profile| profile.get(key)))
            .cloned()
    };

    let credentials = match (var("AWS_ACCESS_KEY_ID"), var("AWS_SECRET_ACCESS_KEY")) {
        (Some(id), Some(secret)) => Some(Credentials::new(id, secret, var("AWS_SESSION_TOKEN"))),
        (Some(_), None) => return Err(ConfigError::new("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not")),
        (None, Some(_)) => return Err(ConfigError::new("AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not")),
        (None, None) => match (setting("aws_access_key_id"), setting("aws_secret_access_key")) {
            (Some(id), Some(secret)) => Some(Credentials::new(id, secret, setting("aws_session_token"))),
            (None, None) => None,
            _ => {
                return Err(ConfigError::new(format!(
                    "profile `{profile_name}` sets only one of aws_access_key_id and aws_secret_access_key"
                )))
            }
        },
    };
    let credentials_hint = match &credentials {
        Some(_) => None,
        None => unresolved_credentials(&var, &setting, &profile_name),
    };
    let ignore_endpoint_urls = flag(
        var("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS").or_else(|| setting("ignore_configured_endpoint_urls")),
        "ignore_configured_endpoint_urls",
    )?;
    let endpoint_urls = if ignore_endpoint_urls {
        EndpointUrls::None
    } else {
        // The profile's `services` names a `[services ...]` section of the config file, which
        // holds each service's settings as sub-properties (`robomaker =` then an indented
        // `endpoint_url = ...`).
        let services = setting("services").and_then(|name| config.as_ref()?.1.services.get(&name));
        let urls = EnvEndpointUrls {
            env_services: env
                .iter()
                .filter_map(|(name, value)| Some((name.strip_prefix(SERVICE_ENDPOINT_PREFIX)?, value)))
                .filter(|(service, value)| !service.is_empty() && !value.trim().is_empty())
                .map(|(service, value)| (service.to_owned(), value.clone()))
                .collect(),
            env_global: var("AWS_ENDPOINT_URL"),
            profile_services: services
                .into_iter()
                .flatten()
                .filter_map(|(key, value)| Some((key.strip_suffix(".endpoint_url")?.to_owned(), value.clone())))
                .filter(|(_, value)| !value.is_empty())
                .collect::<BTreeMap<_, _>>(),
            profile_global: setting("endpoint_url"),
        };
        if urls == EnvEndpointUrls::default() {
            EndpointUrls::None
        } else {
            EndpointUrls::Env(Arc::new(urls))
        }
    };
    Ok(Loaded {
        credentials_hint,
        region: var("AWS_REGION").or_else(|| var("AWS_DEFAULT_REGION")).or_else(|| setting("region")),
        credentials,
        endpoint_urls,
        use_fips: flag(var("AWS_USE_FIPS_ENDPOINT").or_else(|| setting("use_fips_endpoint")), "use_fips_endpoint")?,
        use_dual_stack: flag(
            var("AWS_USE_DUALSTACK_ENDPOINT").or_else(|| setting("use_dualstack_endpoint")),
            "use_dualstack_endpoint",
        )?,
        disable_request_compression: flag(
            var("AWS_DISABLE_REQUEST_COMPRESSION").or_else(|| setting("disable_request_compression")),
            "disable_request_compression",
        )?,
        request_min_compression_size_bytes: min_compression_size(
            var("AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES").or_else(|| setting("request_min_compression_size_bytes")),
        )?,
        max_attempts: match var("AWS_MAX_ATTEMPTS") {
            Some(value) => Some(max_attempts(&value, "AWS_MAX_ATTEMPTS")?),
            None => setting("max_attempts")
                .map(|value| max_attempts(&value, &format!("max_attempts of profile `{profile_name}`")))
                .transpose()?,
        },
        new_retries_2026: flag(var("AWS_NEW_RETRIES_2026"), "AWS_NEW_RETRIES_2026")?,
    })
}

/// Settings by which a profile gets credentials other than access keys.
const PROFILE_CREDENTIAL_SOURCES: &[&str] =
    &["role_arn", "sso_session", "sso_start_url", "credential_process", "web_identity_token_file", "credential_source"];

/// Variables that give credentials other than access keys.
const ENV_CREDENTIAL_SOURCES: &[&str] =
    &["AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI"];

/// When there are no access keys: how the environment or the profile says credentials are to be
/// had instead, which this crate does not resolve, for the error of a call that needs them.
fn unresolved_credentials(
    var: &dyn Fn(&str) -> Option<String>,
    setting: &dyn Fn(&str) -> Option<String>,
    profile_name: &str,
) -> Option<String> {
    if let Some(name) = ENV_CREDENTIAL_SOURCES.iter().find(|name| var(name).is_some()) {
        return Some(format!("{name} is set, which this crate does not resolve"));
    }
    let key = PROFILE_CREDENTIAL_SOURCES.iter().find(|key| setting(key).is_some())?;
    Some(format!("profile `{profile_name}` gets its credentials through `{key}`, which this crate does not resolve"))
}

/// A whole number of at least 1, as the AWS SDKs accept it; `source` names
/// where it was read.
fn max_attempts(value: &str, source: &str) -> Result<u32, ConfigError> {
    match value.trim().parse::<u32>() {
        Ok(attempts) if attempts >= 1 => Ok(attempts),
        _ => Err(ConfigError::new(format!("{source} must be a whole number of at least 1, not `{value}`"))),
    }
}

/// 0 to 10,485,760 bytes, as the AWS SDKs accept it.
fn min_compression_size(value: Option<String>) -> Result<Option<u32>, ConfigError> {
    let Some(value) = value else { return Ok(None) };
    match value.trim().parse::<u32>() {
        Ok(bytes) if bytes <= 10_485_760 => Ok(Some(bytes)),
        _ => Err(ConfigError::new(format!(
            "request_min_compression_size_bytes must be a whole number of bytes from 0 to 10485760, not `{value}`"
        ))),
    }
}

/// `true` or `false`, in any case; anything else is an error rather than a silent default.
fn flag(value: Option<String>, name: &str) -> Result<bool, ConfigError> {
    match value.as_deref().map(str::trim) {
        None => Ok(false),
        Some(value) if value.eq_ignore_ascii_case("true") => Ok(true),
        Some(value) if value.eq_ignore_ascii_case("false") => Ok(false),
        Some(value) => Err(ConfigError::new(format!("{name} must be `true` or `false`, not `{value}`"))),
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum FileKind {
    /// `[default]`, `[profile name]` and `[services name]` sections.
    Config,
    /// `[name]` sections.
    Credentials,
}

/// Settings by key; a sub-property is `parent.key` (`robomaker.endpoint_url`).
type Settings = HashMap<String, String>;

/// The sections of a file that this crate reads. No `Debug`: the settings hold secret keys.
#[derive(Default)]
struct Sections {
    /// Profiles by name.
    profiles: HashMap<String, Settings>,
    /// `[services name]` sections by name.
    services: HashMap<String, Settings>,
}

/// The sections of a file, with its path; `None` when the file does not exist.
fn read_file(path: Option<PathBuf>, kind: FileKind) -> Result<Option<(PathBuf, Sections)>, ConfigError> {
    let Some(path) = path else { return Ok(None) };
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok(Some((path, parse(&text, kind)))),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(err) => Err(ConfigError::new(format!("cannot read {}: {err}", path.display()))),
    }
}

/// Which map of [`Sections`] a section header opens, and under what name.
enum Section {
    Profile(String),
    Services(String),
}

/// The AWS shared-file format: `[section]` headers, `key = value` lines,
/// `#` and `;` comments, and indented sub-properties under a key with no
/// value. Lines that fit no rule are skipped, as the AWS CLI does.
fn parse(text: &str, kind: FileKind) -> Sections {
    let mut sections = Sections::default();
    let mut current: Option<&mut Settings> = None;
    // The key whose sub-properties the indented lines that follow set.
    let mut parent: Option<String> = None;
    for line in text.lines() {
        let indented = line.starts_with([' ', '\t']);
        let line = line.trim();
        if line.is_empty() || line.starts_with(['#', ';']) {
            continue;
        }
        if let Some(header) = line.strip_prefix('[') {
            let header = header.split(']').next().unwrap_or_default().trim();
            parent = None;
            current = match section(header, kind) {
                Some(Section::Profile(name)) => Some(sections.profiles.entry(name).or_default()),
                Some(Section::Services(name)) => Some(sections.services.entry(name).or_default()),
                None => None,
            };
            continue;
        }
        let (Some(settings), Some((key, value))) = (current.as_deref_mut(), line.split_once('=')) else { continue };
        let key = key.trim().to_ascii_lowercase();
        let value = strip_inline_comment(value.trim());
        if indented {
            if let Some(parent) = &parent {
                settings.insert(format!("{parent}.{key}"), value.to_owned());
            }
            continue;
        }
        parent = value.is_empty().then(|| key.clone());
        settings.insert(key, value.to_owned());
    }
    sections
}

/// The section a header names, if it is one this crate reads.
fn section(header: &str, kind: FileKind) -> Option<Section> {
    let named = |prefix: &str| {
        header.strip_prefix(prefix).filter(|rest| rest.starts_with([' ', '\t'])).map(|rest| rest.trim().to_owned())
    };
    match kind {
        FileKind::Credentials => Some(Section::Profile(header.to_owned())),
        FileKind::Config if header == "default" => Some(Section::Profile("default".to_owned())),
        FileKind::Config => named("profile").map(Section::Profile).or_else(|| named("services").map(Section::Services)),
    }
}

/// A ` #` or ` ;` after a value starts a comment.
fn strip_inline_comment(value: &str) -> &str {
    let cut = value
        .char_indices()
        .find(|&(index, c)| (c == '#' || c == ';') && value[..index].ends_with([' ', '\t']))
        .map_or(value.len(), |(index, _)| index);
    value[..cut].trim_end()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(vars: &[(&str, &str)]) -> HashMap<String, String> {
        vars.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    /// The endpoint URL the loaded settings give a service named `env_name`.
    fn endpoint_url(loaded: &Loaded, env_name: &'static str) -> Option<String> {
        let service = crate::invoke::ServiceInfo { env_name, ..crate::invoke::tests::SERVICE };
        loaded.endpoint_urls.for_service(&service)
    }

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("profile-test-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join(".aws")).unwrap_or_else(|err| panic!("{err}"));
        dir
    }

    #[test]
    fn parses_sections_comments_and_sub_properties() {
        let text = "# comment\n[default]\nregion = eu-west-1 # trailing\n[profile dev]\nregion=us-west-2\ns3 =\n  max_concurrent_requests = 20\n[sso-session x]\nregion = nope\n[profilex]\nregion = nope\n";
        let sections = parse(text, FileKind::Config);
        let profiles = &sections.profiles;
        assert_eq!(profiles["default"]["region"], "eu-west-1");
        assert_eq!(profiles["dev"]["region"], "us-west-2");
        assert_eq!(profiles["dev"]["s3.max_concurrent_requests"], "20");
        assert!(!profiles["dev"].contains_key("max_concurrent_requests"));
        assert_eq!(profiles.len(), 2, "{profiles:?}");
        assert!(sections.services.is_empty());
    }

    #[test]
    fn environment_wins_over_profiles() {
        let home = temp_dir("env-wins");
        std::fs::write(home.join(".aws/config"), "[default]\nregion = eu-west-1\nendpoint_url = http://profile\n").ok();
        std::fs::write(
            home.join(".aws/credentials"),
            "[default]\naws_access_key_id = FILE\naws_secret_access_key = FILESECRET\n",
        )
        .ok();
        let home_str = home.display().to_string();
        let loaded = load(&env(&[
            ("HOME", &home_str),
            ("AWS_REGION", "us-east-1"),
            ("AWS_ACCESS_KEY_ID", "ENV"),
            ("AWS_SECRET_ACCESS_KEY", "S"),
            ("AWS_ENDPOINT_URL_ROBOMAKER", "http://svc"),
            ("AWS_USE_FIPS_ENDPOINT", "TRUE"),
        ]));
        let loaded = loaded.unwrap_or_else(|err| panic!("{err}"));
        assert_eq!(loaded.region.as_deref(), Some("us-east-1"));
        assert_eq!(loaded.credentials.as_ref().map(Credentials::access_key_id), Some("ENV"));
        assert_eq!(endpoint_url(&loaded, "ROBOMAKER").as_deref(), Some("http://svc"));
        assert_eq!(endpoint_url(&loaded, "SSO").as_deref(), Some("http://profile"));
        assert!(loaded.use_fips && !loaded.use_dual_stack);
        assert!(!loaded.disable_request_compression && loaded.request_min_compression_size_bytes.is_none());
        let bad = load(&env(&[("HOME", &home_str), ("AWS_USE_DUALSTACK_ENDPOINT", "yes")])).err();
        assert_eq!(
            bad.map(|err| err.to_string()).as_deref(),
            Some("use_dualstack_endpoint must be `true` or `false`, not `yes`")
        );

        let loaded = load(&env(&[("HOME", &home_str)])).unwrap_or_else(|err| panic!("{err}"));
        assert_eq!(loaded.region.as_deref(), Some("eu-west-1"));
        assert_eq!(loaded.credentials.as_ref().map(Credentials::secret_access_key), Some("FILESECRET"));
        assert_eq!(endpoint_url(&loaded, "ROBOMAKER").as_deref(), Some("http://profile"));
        let _ = std::fs::remove_dir_all(home);
    }

    #[test]
    fn named_profile_must_exist_and_be_complete() {
        let home = temp_dir("named");
        std::fs::write(home.join(".aws/credentials"), "[half]\naws_access_key_id = A\n").ok();
        let home_str = home.display().to_string();
        let missing = load(&env(&[("HOME", &home_str), ("AWS_PROFILE", "nope")])).err();
        assert!(missing
            .map(|err| err.to_string())
            .unwrap_or_default()
            .starts_with("profile `nope` (from AWS_PROFILE) is not in"));
        let half = load(&env(&[("HOME", &home_str), ("AWS_PROFILE", "half")])).err();
        assert_eq!(
            half.map(|err| err.to_string()).as_deref(),
            Some("profile `half` sets only one of aws_access_key_id and aws_secret_access_key")
        );
        let _ = std::fs::remove_dir_all(home);
    }

    #[test]
    fn request_compression_settings() {
        let home = temp_dir("compression");
        std::fs::write(home.join(".aws/config"), "[default]\nrequest_min_compression_size_bytes = 100\n").ok();
        let home_str = home.display().to_string();
        let loaded = load(&env(&[("HOME", &home_str), ("AWS_DISABLE_REQUEST_COMPRESSION", "true")]));
        let loaded = loaded.unwrap_or_else(|err| panic!("{err}"));
        assert!(loaded.disable_request_compression);
        assert_eq!(loaded.request_min_compression_size_bytes, Some(100));
        let env_wins = load(&env(&[("HOME", &home_str), ("AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES", "0")]));
        assert_eq!(env_wins.ok().and_then(|loaded| loaded.request_min_compression_size_bytes), Some(0));
        let too_big = load(&env(&[("HOME", &home_str), ("AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES", "10485761")]));
        assert!(too_big.err().map(|err| err.to_string()).unwrap_or_default().contains("from 0 to 10485760"));
        let _ = std::fs::remove_dir_all(home);
    }

    #[test]
    fn retry_settings() {
        let home = temp_dir("retries");
        std::fs::write(home.join(".aws/config"), "[default]\nmax_attempts = 5\n[profile bad]\nmax_attempts = 0\n")
            .unwrap_or_else(|err| panic!("{err}"));
        let home_str = home.display().to_string();
        let read = |vars: &[(&str, &str)]| {
            let mut vars = vars.to_vec();
            vars.push(("HOME", &home_str));
            load(&env(&vars))
                .map(|loaded| (loaded.max_attempts, loaded.new_retries_2026))
                .map_err(|err| err.to_string())
        };
        assert_eq!(read(&[]), Ok((Some(5), false)));
        assert_eq!(read(&[("AWS_MAX_ATTEMPTS", "2"), ("AWS_NEW_RETRIES_2026", "True")]), Ok((Some(2), true)));
        assert_eq!(read(&[("AWS_NEW_RETRIES_2026", "false")]), Ok((Some(5), false)));
        assert_eq!(
            read(&[("AWS_MAX_ATTEMPTS", "three")]),
            Err("AWS_MAX_ATTEMPTS must be a whole number of at least 1, not `three`".into())
        );
        assert_eq!(
            read(&[("AWS_PROFILE", "bad")]),
            Err("max_attempts of profile `bad` must be a whole number of at least 1, not `0`".into())
        );
        assert_eq!(read(&[("AWS_PROFILE", "bad"), ("AWS_MAX_ATTEMPTS", "1")]), Ok((Some(1), false)));
        assert_eq!(
            read(&[("AWS_NEW_RETRIES_2026", "1")]),
            Err("AWS_NEW_RETRIES_2026 must be `true` or `false`, not `1`".into())
        );
        let _ = std::fs::remove_dir_all(home);
    }

    #[test]
    fn credentials_got_otherwise_are_named_for_the_error() {
        let home = temp_dir("hint");
        std::fs::write(
            home.join(".aws/config"),
            "[profile dev]\nrole_arn = arn:aws:iam::1:role/x\nsource_profile = base\n",
        )
        .unwrap_or_else(|err| panic!("{err}"));
        let home_str = home.display().to_string();
        let hint = |vars: &[(&str, &str)]| {
            let mut vars = vars.to_vec();
            vars.push(("HOME", &home_str));
            load(&env(&vars)).map(|loaded| loaded.credentials_hint).unwrap_or_else(|err| panic!("{err}"))
        };
        assert_eq!(
            hint(&[("AWS_PROFILE", "dev")]).as_deref(),
            Some("profile `dev` gets its credentials through `role_arn`, which this crate does not resolve")
        );
        assert_eq!(
            hint(&[("AWS_WEB_IDENTITY_TOKEN_FILE", "/token")]).as_deref(),
            Some("AWS_WEB_IDENTITY_TOKEN_FILE is set, which this crate does not resolve")
        );
        assert_eq!(hint(&[("AWS_PROFILE", "dev"), ("AWS_ACCESS_KEY_ID", "A"), ("AWS_SECRET_ACCESS_KEY", "S")]), None);
        assert_eq!(hint(&[]), None);
        let _ = std::fs::remove_dir_all(home);
    }

    #[test]
    fn no_files_no_settings() {
        let loaded = load(&env(&[("HOME", "/nonexistent-home-for-test")])).unwrap_or_else(|err| panic!("{err}"));
        assert!(loaded.region.is_none() && loaded.credentials.is_none() && loaded.credentials_hint.is_none());
        assert!(matches!(loaded.endpoint_urls, EndpointUrls::None));
        assert!(!loaded.use_fips && !loaded.use_dual_stack && !loaded.disable_request_compression);
        assert!(loaded.request_min_compression_size_bytes.is_none() && loaded.max_attempts.is_none());
        assert!(!loaded.new_retries_2026);
    }

    #[test]
    fn services_sections_give_each_service_its_endpoint() {
        let home = temp_dir("services");
        let config = "[default]\nservices = local\nendpoint_url = http://profile\n\
                      [services local]\nrobomaker =\n  endpoint_url = http://robomaker.local # the emulator\n\
                      iot_jobs_data_plane =\n\tendpoint_url = http://jobs.local\n\
                      [services other]\nsso =\n  endpoint_url = http://other\n\
                      [profile plain]\nregion = eu-west-1\n";
        std::fs::write(home.join(".aws/config"), config).unwrap_or_else(|err| panic!("{err}"));
        let home_str = home.display().to_string();
        let read = |vars: &[(&str, &str)]| {
            let mut vars = vars.to_vec();
            vars.push(("HOME", &home_str));
            load(&env(&vars)).unwrap_or_else(|err| panic!("{err}"))
        };
        let loaded = read(&[]);
        assert_eq!(endpoint_url(&loaded, "ROBOMAKER").as_deref(), Some("http://robomaker.local"));
        assert_eq!(endpoint_url(&loaded, "IOT_JOBS_DATA_PLANE").as_deref(), Some("http://jobs.local"));
        assert_eq!(endpoint_url(&loaded, "SSO").as_deref(), Some("http://profile"));
        // The global variable wins over the profile's entries; the service's own variable over all.
        let loaded = read(&[("AWS_ENDPOINT_URL", "http://env"), ("AWS_ENDPOINT_URL_SSO", "http://env-sso")]);
        assert_eq!(endpoint_url(&loaded, "ROBOMAKER").as_deref(), Some("http://env"));
        assert_eq!(endpoint_url(&loaded, "SSO").as_deref(), Some("http://env-sso"));
        // Nothing configured is used when told to ignore it.
        let loaded =
            read(&[("AWS_ENDPOINT_URL_SSO", "http://env-sso"), ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true")]);
        assert_eq!(endpoint_url(&loaded, "SSO"), None);
        assert_eq!(endpoint_url(&loaded, "ROBOMAKER"), None);
        let loaded = read(&[("AWS_PROFILE", "plain")]);
        assert!(matches!(loaded.endpoint_urls, EndpointUrls::None));
        let _ = std::fs::remove_dir_all(home);
    }
}
