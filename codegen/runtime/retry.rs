//! The standard retry mode of the AWS SDKs: which failures are worth another
//! attempt, how long to wait before it, and the quota that stops retries when
//! most attempts fail.

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

/// The first backoff step; attempt `n` waits up to `BASE * 2^(n-1)`.
const BASE: Duration = Duration::from_millis(100);

/// No backoff is longer than this.
const CAP: Duration = Duration::from_secs(20);

/// Error codes that mean "slow down": retried like 5xx responses.
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

/// What a retry after an error response costs.
const RETRY_COST: u32 = 5;

/// What a retry after a time-out or a transport error costs: those take longer
/// to find out, and often mean the service is not answering at all.
const TIMEOUT_RETRY_COST: u32 = 10;

/// What a call that succeeds at its first attempt gives back.
const NO_RETRY_INCREMENT: u32 = 1;

/// The standard mode's retry quota, one per client (its clones share it).
#[derive(Debug)]
pub(crate) struct Quota {
    tokens: AtomicU32,
}

impl Quota {
    pub(crate) const fn new() -> Self {
        Self { tokens: AtomicU32::new(QUOTA) }
    }

    /// Pays for one retry, and says what it cost; `None` when the quota
    /// cannot pay, and the call ends with the failure it has. `no_response`:
    /// the attempt timed out or failed below HTTP.
    pub(crate) fn acquire(&self, no_response: bool) -> Option<u32> {
        let cost = if no_response { TIMEOUT_RETRY_COST } else { RETRY_COST };
        self.tokens.fetch_update(Ordering::AcqRel, Ordering::Acquire, |tokens| tokens.checked_sub(cost)).ok()?;
        Some(cost)
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
        let _ = self.tokens.fetch_update(Ordering::AcqRel, Ordering::Acquire, |tokens| {
            Some(tokens.saturating_add(amount).min(QUOTA))
        });
    }
}

/// Whether an error response is worth another attempt: throttling and
/// transient errors are, any other 4xx is not.
pub(crate) fn is_retryable(status: u16, code: Option<&str>) -> bool {
    code.is_some_and(|code| THROTTLING_CODES.contains(&code) || TRANSIENT_CODES.contains(&code))
        || TRANSIENT_STATUSES.contains(&status)
}

/// The wait before attempt `next` (2 for the first retry): exponential
/// backoff with full jitter, a random time between zero and the step.
pub(crate) fn backoff(next: u32) -> Duration {
    let exponent = next.saturating_sub(2).min(31);
    let step = BASE.saturating_mul(1u32 << exponent).min(CAP);
    step.mul_f64(fastrand::f64())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_throttling_transient_and_client_errors() {
        assert!(is_retryable(400, Some("ThrottlingException")));
        assert!(is_retryable(400, Some("TooManyRequestsException")));
        assert!(is_retryable(503, None));
        assert!(is_retryable(500, Some("InternalServerException")));
        assert!(!is_retryable(400, Some("ResourceNotFoundException")));
        assert!(!is_retryable(429, None));
        assert!(!is_retryable(404, None));
    }

    #[test]
    fn the_quota_pays_for_retries_until_it_runs_out() {
        let quota = Quota::new();
        for _ in 0..QUOTA / RETRY_COST {
            assert_eq!(quota.acquire(false), Some(RETRY_COST));
        }
        assert_eq!(quota.acquire(false), None);
        // A success without retries gives back one token; five make a retry.
        for _ in 0..RETRY_COST - 1 {
            quota.release(None);
        }
        assert_eq!(quota.acquire(false), None);
        quota.release(None);
        assert_eq!(quota.acquire(false), Some(RETRY_COST));
        assert_eq!(quota.acquire(false), None);
    }

    #[test]
    fn time_outs_cost_more_and_successes_after_a_retry_refund_it() {
        let quota = Quota::new();
        for _ in 0..QUOTA / TIMEOUT_RETRY_COST {
            assert_eq!(quota.acquire(true), Some(TIMEOUT_RETRY_COST));
        }
        assert_eq!(quota.acquire(true), None);
        quota.release(Some(TIMEOUT_RETRY_COST));
        assert_eq!(quota.acquire(false), Some(RETRY_COST));
        assert_eq!(quota.acquire(false), Some(RETRY_COST));
        assert_eq!(quota.acquire(false), None);
    }

    #[test]
    fn the_quota_never_grows_past_its_size() {
        let quota = Quota::new();
        for _ in 0..10 {
            quota.release(None);
            quota.release(Some(TIMEOUT_RETRY_COST));
        }
        let retries = std::iter::from_fn(|| quota.acquire(false)).count();
        assert_eq!(retries as u32, QUOTA / RETRY_COST);
    }

    #[test]
    fn backoff_grows_and_is_capped() {
        for _ in 0..100 {
            assert!(backoff(2) <= BASE);
            assert!(backoff(3) <= BASE * 2);
            assert!(backoff(40) <= CAP);
        }
    }
}
