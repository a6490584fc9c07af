//! The standard retry mode of the AWS SDKs: which failures are worth another
//! attempt, how long to wait before it, and the quota that stops retries when
//! most attempts fail.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use std::time::Duration;

/// Which revision of the AWS SDKs' standard retry mode a client follows.
///
/// The SDKs revised the standard mode in 2026 ("retry behavior 2.1"): shorter
/// waits after transient failures, longer ones after throttling, retries
/// after anything but throttling dearer to the quota, and a wait the service
/// may ask for. The SDKs turn it on with `AWS_NEW_RETRIES_2026=true`, and so
/// does [`Config::from_env`](crate::Config::from_env); this crate's default
/// stays [`Standard`](Self::Standard).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[doc(alias = "AWS_NEW_RETRIES_2026")]
#[non_exhaustive]
pub enum RetryBehavior {
    /// The standard mode as the SDKs had it before 2026. Attempt `n + 1`
    /// waits a random time up to 100 ms × 2^(n-1), at most 20 s. A retry
    /// takes 5 of the retry quota's 500 tokens, or 10 after a time-out or a
    /// transport failure.
    #[default]
    Standard,
    /// The 2026 revision. Attempt `n + 1` waits a random time up to 50 ms ×
    /// 2^(n-1), or 1 s × 2^(n-1) after throttling, at most 20 s. A retry
    /// takes 14 of the retry quota's 500 tokens, or 5 after throttling. When an
    /// error response asks for a wait in `x-amz-retry-after` (whole
    /// milliseconds), the client waits that long, but no less than its own
    /// backoff and no more than 5 s above it (the 20 s limit is on the
    /// backoff, not on this); other values of the header are ignored.
    Standard2026,
}

/// What went wrong with an attempt worth retrying, which sets what the retry
/// costs and how long it waits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// The service asked the client to slow down.
    Throttling,
    /// An error response that passes by itself: 500/502/503/504, or a
    /// transient error code.
    Transient,
    /// No response: the attempt timed out or failed below HTTP.
    NoResponse,
}

/// No backoff step is longer than this; jitter then picks a time below it.
const CAP: Duration = Duration::from_secs(20);

/// How far above the computed backoff a wait the service asks for may go.
const RETRY_AFTER_MARGIN: Duration = Duration::from_secs(5);

/// Error codes that mean "slow down".
const THROTTLING_CODES: &[&str] = &[
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "LimitExceededException",
    "RequestThrottled",
    "SlowDown",
    "PriorRequestNotComplete",
    "EC2ThrottledException",
];

/// Error codes of failures that pass by themselves.
const TRANSIENT_CODES: &[&str] = &["RequestTimeout", "RequestTimeoutException", "InternalError"];

/// HTTP statuses of failures that pass by themselves.
const TRANSIENT_STATUSES: &[u16] = &[500, 502, 503, 504];

/// What a client's retries may spend, in tokens: when a service fails most
/// requests, retrying each of them would multiply the load on it, so retries
/// stop when this runs out and resume as attempts succeed.
const QUOTA: u32 = 500;

/// What a call that succeeds at its first attempt gives back.
const NO_RETRY_INCREMENT: u32 = 1;

impl RetryBehavior {
    /// What a retry after a failure of `kind` costs the quota. Before 2026, a
    /// time-out or transport failure costs double, as it takes longer to find
    /// out and often means the service is not answering at all; since, all
    /// but throttling cost 14, and throttling (the service still answers)
    /// keeps its 5.
    pub(crate) fn retry_cost(self, kind: Kind) -> u32 {
        match (self, kind) {
            (_, Kind::Throttling) | (Self::Standard, Kind::Transient) => 5,
            (Self::Standard, Kind::NoResponse) => 10,
            (Self::Standard2026, Kind::Transient | Kind::NoResponse) => 14,
        }
    }

    /// The first backoff step after a failure of `kind`.
    fn base(self, kind: Kind) -> Duration {
        match (self, kind) {
            (Self::Standard, _) => Duration::from_millis(100),
            (Self::Standard2026, Kind::Throttling) => Duration::from_secs(1),
            (Self::Standard2026, Kind::Transient | Kind::NoResponse) => Duration::from_millis(50),
        }
    }
}

/// The standard mode's retry quota, one per retry partition.
#[derive(Debug)]
pub(crate) struct Quota {
    tokens: AtomicU32,
}

impl Quota {
    pub(crate) const fn new() -> Self {
        Self { tokens: AtomicU32::new(QUOTA) }
    }

    /// Pays `cost` for one retry; `false` when the quota cannot pay, and the
    /// call ends with the failure it has.
    pub(crate) fn acquire(&self, cost: u32) -> bool {
        self.tokens.fetch_update(Ordering::AcqRel, Ordering::Acquire, |tokens| tokens.checked_sub(cost)).is_ok()
    }

    /// After a successful attempt: gives back what the retry that succeeded
    /// cost, or a token when the call needed no retry, up to the full quota.
    pub(crate) fn release(&self, retry_cost: Option<u32>) {
        let amount = retry_cost.unwrap_or(NO_RETRY_INCREMENT);
        // Most calls succeed with the quota full: reading first spares every
        // thread sharing the client a write to the same cache line.
        if self.tokens.load(Ordering::Acquire) >= QUOTA {
            return;
        }
        // The closure always returns `Some`, so the update cannot fail.
        let _ = self
            .tokens
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |tokens| Some(tokens.saturating_add(amount).min(QUOTA)));
    }
}

/// The quota of the retry partition `name`, full when first asked for. Every
/// client of one partition in the process shares it, as the AWS SDKs'
/// clients do, so a program that makes many clients does not multiply its
/// retries against a failing service. Partitions are few (one per region, and
/// those named in configurations) and last as long as the process.
pub(crate) fn partition_quota(name: &str) -> Arc<Quota> {
    static QUOTAS: OnceLock<Mutex<HashMap<String, Arc<Quota>>>> = OnceLock::new();
    let mut quotas = QUOTAS.get_or_init(Mutex::default).lock().unwrap_or_else(PoisonError::into_inner);
    match quotas.get(name) {
        Some(quota) => Arc::clone(quota),
        None => Arc::clone(quotas.entry(name.to_owned()).or_insert_with(|| Arc::new(Quota::new()))),
    }
}

/// Whether an error response is worth another attempt, and why: throttling
/// and transient errors are, any other 4xx is not. A throttling code wins
/// over a 5xx status (S3's `SlowDown` comes with 503).
pub(crate) fn classify(status: u16, code: Option<&str>) -> Option<Kind> {
    match code {
        Some(code) if THROTTLING_CODES.contains(&code) => Some(Kind::Throttling),
        Some(code) if TRANSIENT_CODES.contains(&code) => Some(Kind::Transient),
        _ => TRANSIENT_STATUSES.contains(&status).then_some(Kind::Transient),
    }
}

/// The wait the service asks for in an `x-amz-retry-after` header: whole
/// milliseconds. Anything else is ignored, as the AWS SDKs ignore it.
pub(crate) fn retry_after(headers: &http::HeaderMap) -> Option<Duration> {
    let value = headers.get("x-amz-retry-after")?;
    let millis = value.to_str().ok().and_then(|text| text.trim().parse::<u64>().ok());
    if millis.is_none() {
        tracing::debug!(?value, "ignoring an x-amz-retry-after header that is not whole milliseconds");
    }
    millis.map(Duration::from_millis)
}

/// The wait before attempt `next` (2 for the first retry) after a failure
/// of `kind`: exponential backoff with full jitter, a random time between
/// zero and the step. In the 2026 revision, a wait the service asked for
/// (`retry_after`) is kept within 5 s above that time instead.
pub(crate) fn backoff(behavior: RetryBehavior, kind: Kind, next: u32, retry_after: Option<Duration>) -> Duration {
    jittered(behavior, kind, next, retry_after, fastrand::f64())
}

/// [`backoff`] with the random fraction of the step (0 to 1) given.
fn jittered(behavior: RetryBehavior, kind: Kind, next: u32, retry_after: Option<Duration>, fraction: f64) -> Duration {
    let exponent = next.saturating_sub(2).min(31);
    let step = behavior.base(kind).saturating_mul(1u32 << exponent).min(CAP);
    let wait = step.mul_f64(fraction);
    match (behavior, retry_after) {
        (RetryBehavior::Standard2026, Some(asked)) => asked.clamp(wait, wait.saturating_add(RETRY_AFTER_MARGIN)),
        _ => wait,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use RetryBehavior::{Standard, Standard2026};

    #[test]
    fn classifies_throttling_transient_and_client_errors() {
        assert_eq!(classify(400, Some("ThrottlingException")), Some(Kind::Throttling));
        assert_eq!(classify(400, Some("TooManyRequestsException")), Some(Kind::Throttling));
        assert_eq!(classify(503, Some("SlowDown")), Some(Kind::Throttling));
        assert_eq!(classify(400, Some("RequestTimeout")), Some(Kind::Transient));
        assert_eq!(classify(503, None), Some(Kind::Transient));
        assert_eq!(classify(500, Some("InternalServerException")), Some(Kind::Transient));
        assert_eq!(classify(400, Some("ResourceNotFoundException")), None);
        assert_eq!(classify(429, None), None);
        assert_eq!(classify(404, None), None);
    }

    #[test]
    fn what_a_retry_costs_in_each_revision() {
        let costs = |behavior: RetryBehavior| {
            [Kind::Throttling, Kind::Transient, Kind::NoResponse].map(|kind| behavior.retry_cost(kind))
        };
        assert_eq!(costs(Standard), [5, 5, 10]);
        assert_eq!(costs(Standard2026), [5, 14, 14]);
        assert_eq!(RetryBehavior::default(), Standard);
    }

    #[test]
    fn the_quota_pays_for_retries_until_it_runs_out() {
        let quota = Quota::new();
        for _ in 0..QUOTA / 5 {
            assert!(quota.acquire(5));
        }
        assert!(!quota.acquire(5));
        // A success without retries gives back one token; five make a retry.
        for _ in 0..4 {
            quota.release(None);
        }
        assert!(!quota.acquire(5));
        quota.release(None);
        assert!(quota.acquire(5));
        assert!(!quota.acquire(5));
    }

    #[test]
    fn a_success_after_a_retry_refunds_what_the_retry_cost() {
        let quota = Quota::new();
        for _ in 0..QUOTA / 10 {
            assert!(quota.acquire(10));
        }
        assert!(!quota.acquire(10));
        quota.release(Some(10));
        assert!(quota.acquire(5));
        assert!(quota.acquire(5));
        assert!(!quota.acquire(5));
        // 14 does not divide 500: the last 10 tokens pay for no such retry.
        let quota = Quota::new();
        assert_eq!(std::iter::from_fn(|| quota.acquire(14).then_some(())).count(), 35);
        assert!(quota.acquire(10));
    }

    #[test]
    fn the_quota_never_grows_past_its_size() {
        let quota = Quota::new();
        for _ in 0..10 {
            quota.release(None);
            quota.release(Some(10));
        }
        let retries = std::iter::from_fn(|| quota.acquire(5).then_some(())).count();
        assert_eq!(retries as u32, QUOTA / 5);
    }

    #[test]
    fn clients_of_one_partition_share_its_quota() {
        let first = partition_quota("retry-unit-test-a");
        assert!(Arc::ptr_eq(&first, &partition_quota("retry-unit-test-a")));
        assert!(!Arc::ptr_eq(&first, &partition_quota("retry-unit-test-b")));
    }

    #[test]
    fn backoff_steps_double_from_each_revisions_base_and_are_capped() {
        let ms = Duration::from_millis;
        // The whole step (fraction 1), for the first, second and a late retry.
        let steps = |behavior, kind| [2, 3, 40].map(|next| jittered(behavior, kind, next, None, 1.0));
        assert_eq!(steps(Standard, Kind::Transient), [ms(100), ms(200), CAP]);
        assert_eq!(steps(Standard, Kind::Throttling), [ms(100), ms(200), CAP]);
        assert_eq!(steps(Standard2026, Kind::Transient), [ms(50), ms(100), CAP]);
        assert_eq!(steps(Standard2026, Kind::NoResponse), [ms(50), ms(100), CAP]);
        assert_eq!(steps(Standard2026, Kind::Throttling), [ms(1000), ms(2000), CAP]);
        assert_eq!(jittered(Standard2026, Kind::Throttling, 3, None, 0.25), ms(500));
        for _ in 0..100 {
            assert!(backoff(Standard, Kind::Transient, 2, None) <= ms(100));
            assert!(backoff(Standard2026, Kind::Throttling, 40, None) <= CAP);
        }
    }

    #[test]
    fn a_wait_the_service_asks_for_is_kept_within_five_seconds_above_the_backoff() {
        let ms = Duration::from_millis;
        // The jittered backoff here is 500 ms (half of the 1 s step).
        let wait = |asked| jittered(Standard2026, Kind::Throttling, 2, Some(asked), 0.5);
        assert_eq!(wait(ms(3000)), ms(3000));
        assert_eq!(wait(ms(10)), ms(500), "never shorter than the backoff");
        assert_eq!(wait(ms(60_000)), ms(5500), "at most 5 s longer");
        // The cap bounds the backoff, not the wait asked for.
        assert_eq!(jittered(Standard2026, Kind::Transient, 40, Some(ms(24_000)), 1.0), ms(24_000));
        // Before 2026 the header is not read.
        assert_eq!(jittered(Standard, Kind::Throttling, 2, Some(ms(3000)), 0.5), ms(50));
    }

    #[test]
    fn reads_x_amz_retry_after_as_whole_milliseconds() {
        let header = |value: &str| {
            let mut headers = http::HeaderMap::new();
            let value = http::HeaderValue::from_str(value).unwrap_or_else(|err| panic!("{err}"));
            headers.insert("x-amz-retry-after", value);
            retry_after(&headers)
        };
        assert_eq!(header("1500"), Some(Duration::from_millis(1500)));
        assert_eq!(header(" 0 "), Some(Duration::ZERO));
        assert_eq!(header("1.5"), None);
        assert_eq!(header("-1"), None);
        assert_eq!(header("soon"), None);
        assert_eq!(retry_after(&http::HeaderMap::new()), None);
    }
}
