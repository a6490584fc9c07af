//! The standard retry mode of the AWS SDKs: which failures are worth another
//! attempt, and how long to wait before it.

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
    fn backoff_grows_and_is_capped() {
        for _ in 0..100 {
            assert!(backoff(2) <= BASE);
            assert!(backoff(3) <= BASE * 2);
            assert!(backoff(40) <= CAP);
        }
    }
}
