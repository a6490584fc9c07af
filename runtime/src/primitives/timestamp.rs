//! The [`Timestamp`] type: an instant in time, as this crate sends it to and
//! receives it from the service.
//!
//! A timestamp travels in JSON bodies as epoch seconds (a JSON number with an
//! optional fractional part) and is shown to people in RFC 3339 form, for
//! example `2023-11-14T22:13:20.125Z`.

use std::fmt;
use std::str::FromStr;
use std::time::{Duration, SystemTime};

use serde::de::{self, Deserializer, Unexpected, Visitor};
use serde::ser::Serializer;
use serde::{Deserialize, Serialize};
use time::format_description::well_known::Rfc3339;
use time::{Date, OffsetDateTime, Time};

/// Nanoseconds in one second.
const NANOS_PER_SEC: i128 = 1_000_000_000;

/// Nanoseconds in one millisecond.
const NANOS_PER_MILLI: i128 = 1_000_000;

/// Nanoseconds in one microsecond.
const NANOS_PER_MICRO: i128 = 1_000;

/// Microseconds in one second, as the float that [`Timestamp::from_secs_f64`]
/// scales the fractional part by.
const MICROS_PER_SEC_F64: f64 = 1_000_000.0;

/// What a deserialization error says was expected when epoch seconds are a
/// number but name an instant outside the supported range of dates.
mod lenient;

const OUT_OF_RANGE: &str = "epoch seconds within the supported range of dates";

/// An instant in time, always held in UTC, with nanosecond precision.
///
/// # Why a newtype
///
/// `Timestamp` wraps [`time::OffsetDateTime`] from the well-maintained
/// [`time`] crate rather than exposing it directly, so that this crate owns
/// the two representations that matter to it:
///
/// * the wire format: [`Serialize`] and [`Deserialize`] use restJson1 epoch
///   seconds, a JSON integer for whole seconds and a JSON float otherwise;
/// * the human format: [`Display`](fmt::Display) and [`FromStr`] use
///   RFC 3339 in UTC (`2023-11-14T22:13:20.125Z`).
///
/// Users who need calendar arithmetic convert losslessly to and from
/// [`time::OffsetDateTime`] with [`From`] / [`Timestamp::as_offset_date_time`].
///
/// Sub-second precision is kept: a service answer of `1700000000.125` is
/// `2023-11-14T22:13:20.125Z` here and is sent back as `1700000000.125`.
/// (Users of other SDKs regularly report that milliseconds get lost on the
/// way; this type is built so that they do not.)
///
/// # Range
///
/// The supported range is the one of [`time::OffsetDateTime`], normally the
/// years -9999 to 9999. Constructors that take a number return [`None`] for
/// values outside it; the infallible conversions from
/// [`time::OffsetDateTime`] and [`SystemTime`] clamp to its ends instead.
///
/// # Examples
///
/// ```
/// use smithy_lean_runtime::primitives::Timestamp;
///
/// let t: Timestamp = "2023-11-14T23:13:20.125+01:00".parse()?;
/// assert_eq!(t.to_string(), "2023-11-14T22:13:20.125Z");
/// assert_eq!(t.secs(), 1_700_000_000);
/// assert_eq!(t.subsec_nanos(), 125_000_000);
/// # Ok::<(), smithy_lean_runtime::primitives::ParseTimestampError>(())
/// ```
///
/// `Timestamp` deliberately has no [`Default`]: there is no meaningful
/// default instant, and the Unix epoch would silently stand in for a value
/// that was never set.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(OffsetDateTime);

impl Timestamp {
    /// The Unix epoch, 1970-01-01T00:00:00Z.
    pub const UNIX_EPOCH: Self = Self(OffsetDateTime::UNIX_EPOCH);

    /// The instant `secs` whole seconds after (or, when negative, before)
    /// the Unix epoch, 1970-01-01T00:00:00Z.
    ///
    /// Returns [`None`] when the instant is outside the supported range.
    pub fn from_secs(secs: i64) -> Option<Self> {
        OffsetDateTime::from_unix_timestamp(secs).ok().map(Self)
    }

    /// The instant `millis` milliseconds after (or, when negative, before)
    /// the Unix epoch.
    ///
    /// Returns [`None`] when the instant is outside the supported range.
    pub fn from_millis(millis: i64) -> Option<Self> {
        Self::from_unix_nanos(i128::from(millis) * NANOS_PER_MILLI)
    }

    /// The instant `nanos` nanoseconds after (or, when negative, before) the
    /// Unix epoch.
    ///
    /// Returns [`None`] when the instant is outside the supported range.
    pub fn from_unix_nanos(nanos: i128) -> Option<Self> {
        OffsetDateTime::from_unix_timestamp_nanos(nanos).ok().map(Self)
    }

    /// The instant `secs` seconds after (or, when negative, before) the Unix
    /// epoch, rounded to the nearest microsecond.
    ///
    /// This is how restJson1 epoch seconds with a fractional part are read.
    ///
    /// # Why microseconds
    ///
    /// An `f64` holding epoch seconds of a date near today can only tell
    /// apart values about 0.24 µs apart, so its last digits past the
    /// microsecond are noise from the binary representation:
    /// `1700000000.123456` is stored as `1700000000.1234560013`. Rounding to
    /// the nearest microsecond recovers exactly what the service wrote with
    /// up to six decimals. (Beyond the year 2106 the resolution of an `f64`
    /// becomes coarser than a microsecond and this is no longer exact.)
    ///
    /// Negative values count back from the epoch as expected: `-1.5` is
    /// `1969-12-31T23:59:58.5Z`.
    ///
    /// Returns [`None`] for NaN, infinities and instants outside the
    /// supported range.
    pub fn from_secs_f64(secs: f64) -> Option<Self> {
        if !secs.is_finite() {
            return None;
        }
        let mut whole = secs.floor();
        let mut micros = ((secs - whole) * MICROS_PER_SEC_F64).round();
        if micros >= MICROS_PER_SEC_F64 {
            whole += 1.0;
            micros = 0.0;
        }
        Self::from_unix_nanos(whole_secs_and_micros_to_nanos(whole, micros))
    }

    /// The current instant, from the system clock.
    pub fn now() -> Self {
        Self::from(SystemTime::now())
    }

    /// Whole seconds since the Unix epoch, rounded down (towards the past):
    /// for `1969-12-31T23:59:58.5Z` this is `-2`, and
    /// [`subsec_nanos`](Self::subsec_nanos) is `500_000_000`.
    pub fn secs(&self) -> i64 {
        self.0.unix_timestamp()
    }

    /// Nanoseconds past [`secs`](Self::secs), in `0..1_000_000_000`.
    pub fn subsec_nanos(&self) -> u32 {
        self.0.nanosecond()
    }

    /// Whole milliseconds since the Unix epoch, rounded down (towards the
    /// past) like [`secs`](Self::secs).
    ///
    /// An `i64` holds every supported instant with room to spare (the year
    /// 9999 is about 2.5 × 10¹⁴ ms away from the epoch), so there is no
    /// overflow to handle.
    pub fn to_millis(&self) -> i64 {
        let millis_in_sec = i64::from(self.subsec_nanos() / 1_000_000);
        self.secs().saturating_mul(1_000).saturating_add(millis_in_sec)
    }

    /// Nanoseconds since the Unix epoch; negative before it.
    pub fn to_unix_nanos(&self) -> i128 {
        self.0.unix_timestamp_nanos()
    }

    /// Seconds since the Unix epoch as a float, the restJson1 wire form of a
    /// timestamp with a fractional part.
    ///
    /// Near today an `f64` resolves about 0.24 µs, so this keeps
    /// microseconds and loses finer digits; [`Timestamp::from_secs_f64`]
    /// turns the result back into the same microsecond.
    pub fn to_secs_f64(&self) -> f64 {
        self.secs() as f64 + f64::from(self.subsec_nanos()) / 1e9
    }

    /// This instant as a [`time::OffsetDateTime`] in UTC, for calendar
    /// arithmetic and custom formatting.
    pub fn as_offset_date_time(&self) -> OffsetDateTime {
        self.0
    }

    /// This instant as a [`SystemTime`].
    ///
    /// Returns [`None`] when the platform cannot represent it (for example,
    /// Windows cannot represent instants before the year 1601).
    pub fn to_system_time(&self) -> Option<SystemTime> {
        let nanos = self.to_unix_nanos();
        let magnitude = nanos.unsigned_abs();
        let secs = u64::try_from(magnitude / NANOS_PER_SEC.unsigned_abs()).ok()?;
        let subsec = u32::try_from(magnitude % NANOS_PER_SEC.unsigned_abs()).ok()?;
        let offset = Duration::new(secs, subsec);
        if nanos < 0 {
            SystemTime::UNIX_EPOCH.checked_sub(offset)
        } else {
            SystemTime::UNIX_EPOCH.checked_add(offset)
        }
    }
}

/// Combines whole seconds and microseconds, both already-rounded floats, into
/// epoch nanoseconds.
///
/// `whole` may be far outside the range of `i64`: an `f64`-to-`i64` `as`
/// cast saturates, and a saturated value (about ±292 billion years) is far
/// outside the supported range of dates, so the caller's range check rejects
/// it. The multiplication cannot overflow an `i128`.
fn whole_secs_and_micros_to_nanos(whole: f64, micros: f64) -> i128 {
    i128::from(whole as i64) * NANOS_PER_SEC + (micros as i128) * NANOS_PER_MICRO
}

/// Converts epoch nanoseconds into a UTC date-time, clamping instants outside
/// the supported range to its first or last representable nanosecond.
///
/// Used by the infallible conversions ([`From`]), which cannot report an
/// error; everything that can report one does so instead.
fn saturating_from_unix_nanos(nanos: i128) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp_nanos(nanos).unwrap_or_else(|_| {
        if nanos < 0 {
            Date::MIN.midnight().assume_utc()
        } else {
            Time::from_hms_nano(23, 59, 59, 999_999_999)
                .map_or(Date::MAX.midnight(), |last| Date::MAX.with_time(last))
                .assume_utc()
        }
    })
}

impl From<OffsetDateTime> for Timestamp {
    /// Converts to UTC, keeping the instant.
    ///
    /// An instant that only falls outside the supported range once it is
    /// converted to UTC (such as 9999-12-31T23:59:59-01:00) is clamped to the
    /// nearest end of the range.
    fn from(value: OffsetDateTime) -> Self {
        Self(saturating_from_unix_nanos(value.unix_timestamp_nanos()))
    }
}

impl From<Timestamp> for OffsetDateTime {
    /// The same instant, with a UTC offset.
    fn from(value: Timestamp) -> Self {
        value.0
    }
}

impl From<SystemTime> for Timestamp {
    /// Converts with full nanosecond precision.
    ///
    /// A [`SystemTime`] outside the supported range is clamped to the nearest
    /// end of the range. (The conversion in the `time` crate panics there
    /// instead, which is why this one is written out.)
    fn from(value: SystemTime) -> Self {
        let nanos = match value.duration_since(SystemTime::UNIX_EPOCH) {
            Ok(after) => i128::try_from(after.as_nanos()).unwrap_or(i128::MAX),
            Err(before) => i128::try_from(before.duration().as_nanos()).map_or(i128::MIN, |n| -n),
        };
        Self(saturating_from_unix_nanos(nanos))
    }
}

impl fmt::Display for Timestamp {
    /// Formats as RFC 3339 in UTC with a `Z` suffix and a fractional second
    /// only as long as needed: `2023-11-14T22:13:20Z`,
    /// `2023-11-14T22:13:20.125Z`, `2023-11-14T22:13:20.000001Z`.
    ///
    /// RFC 3339 has no years before 0 or after 9999; those are written with
    /// an explicit sign and the same layout otherwise (`-0001-12-31T23:59:59Z`)
    /// rather than failing.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.format(&Rfc3339) {
            Ok(text) => f.pad(&text),
            Err(_) => f.pad(&format_expanded_year(self.0)),
        }
    }
}

/// Formats like [`Rfc3339`] does, for the years that RFC 3339 cannot express
/// (before 0 and after 9999), with a leading `-` or `+` on the year.
///
/// [`Rfc3339`] trims trailing zeros from the fractional second and leaves it
/// out for whole seconds; so does this.
fn format_expanded_year(value: OffsetDateTime) -> String {
    let year = value.year();
    let sign = if year < 0 { "-" } else { "+" };
    let mut text = format!(
        "{sign}{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        year.unsigned_abs(),
        u8::from(value.month()),
        value.day(),
        value.hour(),
        value.minute(),
        value.second(),
    );
    let nanos = value.nanosecond();
    if nanos != 0 {
        let fraction = format!("{nanos:09}");
        text.push('.');
        text.push_str(fraction.trim_end_matches('0'));
    }
    text.push('Z');
    text
}

impl fmt::Debug for Timestamp {
    /// Formats as `Timestamp(2023-11-14T22:13:20.125Z)`, the RFC 3339 form of
    /// [`Display`](fmt::Display) in a tuple-struct wrapper.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Timestamp({self})")
    }
}

impl FromStr for Timestamp {
    type Err = ParseTimestampError;

    /// Parses an RFC 3339 date-time such as `2023-11-14T22:13:20.125Z` or
    /// `2023-11-14T23:13:20.125+01:00`; an offset is converted to UTC. The
    /// signed years [`Display`](fmt::Display) writes outside RFC 3339's
    /// (`-0255-06-13T23:25:23Z`) read back too.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let parsed = match s.strip_prefix(['-', '+']) {
            Some(rest) => parse_signed_year(s, rest)?,
            None => OffsetDateTime::parse(s, &Rfc3339)
                .map_err(|error| ParseTimestampError::new(s, format!("not RFC 3339: {error}")))?,
        };
        Self::from_unix_nanos(parsed.unix_timestamp_nanos())
            .ok_or_else(|| ParseTimestampError::new(s, "the instant in UTC is outside the supported range of dates"))
    }
}

/// `s`, a date-time whose year has a sign (`rest` is `s` without it), as [`format_expanded_year`]
/// writes it: RFC 3339 in everything but the year.
fn parse_signed_year(s: &str, rest: &str) -> Result<OffsetDateTime, ParseTimestampError> {
    let invalid = |reason: String| ParseTimestampError::new(s, reason);
    let (digits, date_time) = rest.split_once('-').ok_or_else(|| invalid("not RFC 3339: no month".to_owned()))?;
    if digits.len() < 4 || !digits.bytes().all(|byte| byte.is_ascii_digit()) {
        return Err(invalid("not RFC 3339: a signed year needs at least four digits".to_owned()));
    }
    let year: i32 = digits.parse().map_err(|_| invalid("the year is out of range".to_owned()))?;
    let year = if s.starts_with('-') { -year } else { year };
    // Year 2000 is a leap year, so a 29 February parses here and is checked with the real year.
    let parsed = OffsetDateTime::parse(&format!("2000-{date_time}"), &Rfc3339)
        .map_err(|error| invalid(format!("not RFC 3339: {error}")))?;
    parsed.replace_year(year).map_err(|error| invalid(format!("not a date: {error}")))
}

/// The error returned when text is not a timestamp (of the format asked
/// for) that [`Timestamp`] can hold.
///
/// Its message names what was wrong and repeats the input, for example
/// ``invalid timestamp "2023-13-01T00:00:00Z": not RFC 3339: ...``.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseTimestampError {
    /// The string that failed to parse.
    input: String,
    /// What was wrong with it.
    reason: String,
}

impl ParseTimestampError {
    /// Records a failure to parse `input` for `reason`.
    fn new(input: &str, reason: impl Into<String>) -> Self {
        Self { input: input.to_owned(), reason: reason.into() }
    }

    /// The string that failed to parse.
    pub fn input(&self) -> &str {
        &self.input
    }
}

impl fmt::Display for ParseTimestampError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid timestamp {:?}: {}", self.input, self.reason)
    }
}

impl std::error::Error for ParseTimestampError {}

impl Serialize for Timestamp {
    /// Serializes as restJson1 epoch seconds: an integer when there is no
    /// fractional second (`1700000000`), a float otherwise
    /// (`1700000000.125`; see [`Timestamp::to_secs_f64`] for its precision).
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.subsec_nanos() == 0 {
            serializer.serialize_i64(self.secs())
        } else {
            serializer.serialize_f64(self.to_secs_f64())
        }
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    /// Deserializes the JSON protocols' epoch seconds, an integer or a float
    /// (see [`Timestamp::from_secs_f64`] for how a float is rounded), and, as
    /// botocore does, a timestamp sent as text in any format
    /// ([`Timestamp::parse_any`]).
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(AnyTimestampVisitor)
    }
}

/// Reads a timestamp from a number (epoch seconds) or text (in any format),
/// whatever format the model declares: responses are read leniently.
struct AnyTimestampVisitor;

impl Visitor<'_> for AnyTimestampVisitor {
    type Value = Timestamp;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a timestamp: epoch seconds, or a date-time as text")
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Timestamp, E> {
        Timestamp::parse_any(value).map_err(E::custom)
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Timestamp, E> {
        Timestamp::from_secs(value).ok_or_else(|| E::invalid_value(Unexpected::Signed(value), &OUT_OF_RANGE))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Timestamp, E> {
        i64::try_from(value)
            .ok()
            .and_then(Timestamp::from_secs)
            .ok_or_else(|| E::invalid_value(Unexpected::Unsigned(value), &OUT_OF_RANGE))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Timestamp, E> {
        Timestamp::from_secs_f64(value).ok_or_else(|| E::invalid_value(Unexpected::Float(value), &OUT_OF_RANGE))
    }
}

const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

impl Timestamp {
    /// The HTTP date (RFC 7231 IMF-fixdate) of the whole second, such as
    /// `Tue, 14 Nov 2023 22:13:20 GMT`: the default format of timestamps in
    /// headers.
    pub fn to_http_date(&self) -> String {
        let value = self.0;
        let weekday = WEEKDAYS[usize::from(value.weekday().number_days_from_monday())];
        let month = MONTHS[usize::from(u8::from(value.month())) - 1];
        format!(
            "{weekday}, {:02} {month} {:04} {:02}:{:02}:{:02} GMT",
            value.day(),
            value.year(),
            value.hour(),
            value.minute(),
            value.second()
        )
    }

    /// Parses an HTTP date such as `Tue, 14 Nov 2023 22:13:20 GMT`, with an
    /// optional fraction of a second.
    pub fn parse_http_date(s: &str) -> Result<Self, ParseTimestampError> {
        let invalid = |reason: &str| ParseTimestampError::new(s, format!("not an HTTP date: {reason}"));
        let parts: Vec<&str> = s.split_whitespace().collect();
        let [_weekday, day, month, year, clock_text, zone] = parts.as_slice() else {
            return Err(invalid("expected `Day, DD Mon YYYY HH:MM:SS GMT`"));
        };
        if *zone != "GMT" {
            return Err(invalid("the zone must be GMT"));
        }
        let month = MONTHS.iter().position(|name| name == month).ok_or_else(|| invalid("unknown month"))?;
        let month =
            time::Month::try_from(u8::try_from(month + 1).unwrap_or(1)).map_err(|err| invalid(&err.to_string()))?;
        let number = |text: &str| text.parse::<u32>().map_err(|_| invalid("expected a number"));
        let (clock, fraction) = clock_text.split_once('.').unwrap_or((clock_text, ""));
        let clock: Vec<&str> = clock.split(':').collect();
        let [hour, minute, second] = clock.as_slice() else { return Err(invalid("expected HH:MM:SS")) };
        let date = Date::from_calendar_date(
            i32::try_from(number(year)?).map_err(|_| invalid("year out of range"))?,
            month,
            u8::try_from(number(day)?).map_err(|_| invalid("day out of range"))?,
        )
        .map_err(|err| invalid(&err.to_string()))?;
        if !fraction.bytes().all(|byte| byte.is_ascii_digit()) {
            return Err(invalid("the fraction of a second must be digits"));
        }
        let nanos = if fraction.is_empty() {
            0
        } else {
            // Digits past the nanosecond are dropped.
            let digits: String = fraction.chars().chain(std::iter::repeat('0')).take(9).collect();
            number(&digits)?
        };
        let clock = Time::from_hms_nano(
            u8::try_from(number(hour)?).map_err(|_| invalid("hour out of range"))?,
            u8::try_from(number(minute)?).map_err(|_| invalid("minute out of range"))?,
            u8::try_from(number(second)?).map_err(|_| invalid("second out of range"))?,
            nanos,
        )
        .map_err(|err| invalid(&err.to_string()))?;
        Ok(Self(time::PrimitiveDateTime::new(date, clock).assume_utc()))
    }

    /// Epoch seconds as text, as headers and query strings with the
    /// `epoch-seconds` format carry them: `1700000000` or `1700000000.125`,
    /// exact to the nanosecond (written as a decimal, not through a float).
    pub fn to_epoch_seconds_string(&self) -> String {
        if self.subsec_nanos() == 0 {
            return self.secs().to_string();
        }
        let nanos = self.to_unix_nanos();
        let sign = if nanos < 0 { "-" } else { "" };
        let (secs, fraction) = (nanos.unsigned_abs() / 1_000_000_000, nanos.unsigned_abs() % 1_000_000_000);
        let fraction = format!("{fraction:09}");
        format!("{sign}{secs}.{}", fraction.trim_end_matches('0'))
    }

    /// Parses epoch seconds from text, with an optional fraction: a decimal
    /// of up to nine fractional digits exactly, anything else a float reads
    /// (`1.7e9`) as [`Timestamp::from_secs_f64`] rounds it.
    pub fn parse_epoch_seconds(s: &str) -> Result<Self, ParseTimestampError> {
        let text = s.trim();
        exact_epoch_seconds(text)
            .or_else(|| text.parse::<f64>().ok().and_then(Self::from_secs_f64))
            .ok_or_else(|| ParseTimestampError::new(s, "not epoch seconds"))
    }
}

/// `text` as `[+-]digits[.digits]` with at most nine fractional digits, read exactly.
fn exact_epoch_seconds(text: &str) -> Option<Timestamp> {
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, "0"));
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|byte| byte.is_ascii_digit());
    if !digits(whole) || !digits(fraction) || fraction.len() > 9 {
        return None;
    }
    let whole: i128 = whole.parse().ok()?;
    let fraction: i128 = format!("{fraction:0<9}").parse().ok()?;
    let nanos = whole.checked_mul(1_000_000_000)?.checked_add(fraction)?;
    Timestamp::from_unix_nanos(if negative { -nanos } else { nanos })
}

/// Serde formats for members whose `timestampFormat` is not the body's
/// default of epoch seconds, for a timestamp alone or inside lists, maps and
/// options: structures write such a member with `#[serde(serialize_with =
/// "smithy_lean_runtime::primitives::timestamp::format::date_time::serialize")]` (or `http_date`) and
/// read it with that module's `next`.
pub mod format {
    use serde::{Deserialize, Deserializer, Serializer};

    use super::Timestamp;
    use crate::protocol::wire::Wire;

    /// How one format writes a timestamp as text; reading accepts every format
    /// ([`Timestamp::parse_any`]).
    pub trait Format {
        /// Writes `value` as text in this format.
        fn write<S: Serializer>(value: &Timestamp, serializer: S) -> Result<S::Ok, S::Error>;
    }

    /// RFC 3339 (`date-time`): the leaf kind of [`crate::protocol::wire`].
    pub enum DateTime {}

    /// HTTP date (`http-date`): the leaf kind of [`crate::protocol::wire`].
    pub enum HttpDate {}

    impl Format for DateTime {
        fn write<S: Serializer>(value: &Timestamp, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.collect_str(value)
        }
    }

    impl Format for HttpDate {
        fn write<S: Serializer>(value: &Timestamp, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.serialize_str(&value.to_http_date())
        }
    }

    impl<F: Format> Wire<F> for Timestamp {
        fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            F::write(self, serializer)
        }
        fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            Timestamp::deserialize(deserializer)
        }
    }

    /// RFC 3339 (`date-time`).
    pub mod date_time {
        use serde::Serializer;

        use crate::protocol::wire::Wire;

        /// Writes a member that holds timestamps in this format (`serialize_with`).
        pub fn serialize<T: Wire<super::DateTime>, S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
            value.write(serializer)
        }

        /// Reads the value of a structure member that holds timestamps in this format.
        pub fn next<'de, T: Wire<super::DateTime>, A: serde::de::MapAccess<'de>>(map: &mut A) -> Result<T, A::Error> {
            crate::protocol::wire::next::<super::DateTime, T, A>(map)
        }
    }

    /// HTTP date (`http-date`).
    pub mod http_date {
        use serde::Serializer;

        use crate::protocol::wire::Wire;

        /// Writes a member that holds timestamps in this format (`serialize_with`).
        pub fn serialize<T: Wire<super::HttpDate>, S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
            value.write(serializer)
        }

        /// Reads the value of a structure member that holds timestamps in this format.
        pub fn next<'de, T: Wire<super::HttpDate>, A: serde::de::MapAccess<'de>>(map: &mut A) -> Result<T, A::Error> {
            crate::protocol::wire::next::<super::HttpDate, T, A>(map)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(secs: i64) -> Timestamp {
        Timestamp::from_secs(secs).expect("in range")
    }

    fn nanos(nanos: i128) -> Timestamp {
        Timestamp::from_unix_nanos(nanos).expect("in range")
    }

    /// The last whole second that `time` supports with the features in use.
    fn max_secs() -> i64 {
        Date::MAX.with_hms(23, 59, 59).expect("valid time").assume_utc().unix_timestamp()
    }

    /// The first second that `time` supports with the features in use.
    fn min_secs() -> i64 {
        Date::MIN.midnight().assume_utc().unix_timestamp()
    }

    #[test]
    fn display_uses_rfc3339_with_shortest_fraction() {
        assert_eq!(ts(0).to_string(), "1970-01-01T00:00:00Z");
        assert_eq!(ts(1_700_000_000).to_string(), "2023-11-14T22:13:20Z");
        let cases = [
            (125_000_000, "2023-11-14T22:13:20.125Z"),
            (100_000_000, "2023-11-14T22:13:20.1Z"),
            (1_000, "2023-11-14T22:13:20.000001Z"),
            (1, "2023-11-14T22:13:20.000000001Z"),
            (999_999_999, "2023-11-14T22:13:20.999999999Z"),
        ];
        for (subsec, expected) in cases {
            let t = nanos(1_700_000_000 * NANOS_PER_SEC + subsec);
            assert_eq!(t.to_string(), expected);
        }
    }

    #[test]
    fn display_honours_width_and_debug_wraps_display() {
        let t = nanos(1_700_000_000_125_000_000);
        assert_eq!(format!("{t:>26}"), "  2023-11-14T22:13:20.125Z");
        assert_eq!(format!("{t:?}"), "Timestamp(2023-11-14T22:13:20.125Z)");
    }

    #[test]
    fn display_falls_back_for_years_rfc3339_cannot_express() {
        let year_zero_start = -62_167_219_200;
        assert_eq!(ts(year_zero_start).to_string(), "0000-01-01T00:00:00Z");
        let t = nanos(i128::from(year_zero_start) * NANOS_PER_SEC - 500_000_000);
        assert!(t.as_offset_date_time().format(&Rfc3339).is_err());
        assert_eq!(t.to_string(), "-0001-12-31T23:59:59.5Z");
        assert_eq!(ts(min_secs()).to_string().chars().next(), Some('-'));
    }

    /// Found by fuzzing (fuzz/regressions/timestamps_and_headers): anything after nine digits of
    /// an HTTP date's fraction was ignored.
    #[test]
    fn http_date_fractions_are_digits() {
        assert!(Timestamp::parse_http_date("Mon, 16 Dec 219 23:48:000.170010000.\u{1b}1< GMT").is_err());
        assert!(Timestamp::parse_http_date("Mon, 16 Dec 2019 23:48:18.5x GMT").is_err());
        let t = Timestamp::parse_http_date("Mon, 16 Dec 2019 23:48:18.1234567891 GMT");
        assert_eq!(t.map(|t| t.subsec_nanos()), Ok(123_456_789));
    }

    /// Found by fuzzing (fuzz/regressions/timestamps_and_headers): epoch seconds as text went
    /// through a float, and lost digits far from 1970.
    #[test]
    fn epoch_seconds_text_is_exact() {
        let t = nanos(-55_226_016_720 * NANOS_PER_SEC + 170_010_000);
        assert_eq!(t.to_epoch_seconds_string(), "-55226016719.82999");
        assert_eq!(Timestamp::parse_epoch_seconds("-55226016719.82999"), Ok(t));
        let t = nanos(1_700_000_000_123_456_789);
        assert_eq!(t.to_epoch_seconds_string(), "1700000000.123456789");
        assert_eq!(Timestamp::parse_epoch_seconds(" 1700000000.123456789 "), Ok(t));
        assert_eq!(nanos(-500_000_000).to_epoch_seconds_string(), "-0.5");
        assert_eq!(Timestamp::parse_epoch_seconds("-0.5"), Ok(nanos(-500_000_000)));
        assert_eq!(Timestamp::parse_epoch_seconds("+1.25").map(|t| t.to_millis()), Ok(1250));
        assert_eq!(Timestamp::parse_epoch_seconds("1.7e9").map(|t| t.secs()), Ok(1_700_000_000));
        // What a float reads is still read: `.5`, `1.`.
        assert_eq!(Timestamp::parse_epoch_seconds(".5"), Ok(nanos(500_000_000)));
        for bad in ["", "-", "1..2", "x", "1.5.5"] {
            assert!(Timestamp::parse_epoch_seconds(bad).is_err(), "{bad}");
        }
    }

    /// Found by fuzzing (fuzz/regressions/timestamps_and_headers): what `Display` writes for a
    /// year before 0 must read back.
    #[test]
    fn signed_years_read_back() {
        for secs in [-70_200_002_077, min_secs(), -62_167_219_201] {
            let t = ts(secs);
            assert_eq!(t.to_string().parse::<Timestamp>(), Ok(t), "{t}");
        }
        let t = nanos(-62_167_219_200 * NANOS_PER_SEC - 500_000_000);
        assert_eq!("-0001-12-31T23:59:59.5Z".parse::<Timestamp>(), Ok(t));
        assert_eq!("-0001-12-31T23:59:59.5+01:00".parse::<Timestamp>().map(|t| t.secs()), Ok(t.secs() - 3600));
        for bad in
            ["-1-01-01T00:00:00Z", "-0001", "-0001-02-29T00:00:00Z", "+-001-01-01T00:00:00Z", "-x001-01-01T00:00:00Z"]
        {
            assert!(bad.parse::<Timestamp>().is_err(), "{bad}");
        }
    }

    #[test]
    fn fallback_format_matches_rfc3339_where_both_apply() {
        let samples = [
            0,
            1,
            999_999_999,
            1_700_000_000_125_000_000,
            -1_500_000_000,
            253_402_300_799_000_000_001,
            -62_167_219_200 * NANOS_PER_SEC,
        ];
        for n in samples {
            let odt = nanos(n).as_offset_date_time();
            let expected = odt.format(&Rfc3339).expect("formattable");
            assert_eq!(format_expanded_year(odt), format!("+{expected}"));
        }
    }

    #[test]
    fn from_secs_f64_rounds_to_the_microsecond() {
        let t = Timestamp::from_secs_f64(1_700_000_000.123_456).expect("in range");
        assert_eq!(t.secs(), 1_700_000_000);
        assert_eq!(t.subsec_nanos(), 123_456_000);
        let t = Timestamp::from_secs_f64(1_700_000_000.125).expect("in range");
        assert_eq!(t.to_string(), "2023-11-14T22:13:20.125Z");
    }

    #[test]
    fn from_secs_f64_carries_into_the_next_second() {
        let t = Timestamp::from_secs_f64(1_699_999_999.999_999_9).expect("in range");
        assert_eq!(t, ts(1_700_000_000));
        assert_eq!(t.subsec_nanos(), 0);
        let t = Timestamp::from_secs_f64(-0.000_000_1).expect("in range");
        assert_eq!(t, ts(0));
    }

    #[test]
    fn from_secs_f64_counts_negative_values_back_from_the_epoch() {
        let t = Timestamp::from_secs_f64(-1.5).expect("in range");
        assert_eq!(t.to_string(), "1969-12-31T23:59:58.5Z");
        assert_eq!(t.secs(), -2);
        assert_eq!(t.subsec_nanos(), 500_000_000);
        assert!((t.to_secs_f64() - -1.5).abs() < f64::EPSILON);
        let t = Timestamp::from_secs_f64(-0.25).expect("in range");
        assert_eq!(t.to_string(), "1969-12-31T23:59:59.75Z");
    }

    #[test]
    fn from_secs_f64_rejects_non_finite_and_out_of_range() {
        for value in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 1e20, -1e20, 1e300] {
            assert_eq!(Timestamp::from_secs_f64(value), None, "{value}");
        }
        assert!(Timestamp::from_secs_f64(max_secs() as f64).is_some());
        assert_eq!(Timestamp::from_secs_f64(max_secs() as f64 + 1.0), None);
    }

    #[test]
    fn microseconds_round_trip_through_f64() {
        let base = 1_700_000_000 * NANOS_PER_SEC;
        let mut micros = 0;
        while micros < 1_000_000 {
            let t = nanos(base + micros * NANOS_PER_MICRO);
            assert_eq!(Timestamp::from_secs_f64(t.to_secs_f64()), Some(t), "{t}");
            micros += 997;
        }
        let before_epoch = nanos(-1_234_567_000);
        assert_eq!(Timestamp::from_secs_f64(before_epoch.to_secs_f64()), Some(before_epoch));
    }

    #[test]
    fn integer_constructors_check_the_range() {
        assert_eq!(ts(max_secs()).as_offset_date_time().year(), Date::MAX.year());
        assert_eq!(Timestamp::from_secs(max_secs() + 1), None);
        assert!(Timestamp::from_secs(min_secs()).is_some());
        assert_eq!(Timestamp::from_secs(min_secs() - 1), None);
        assert_eq!(Timestamp::from_secs(i64::MAX), None);
        assert_eq!(Timestamp::from_secs(i64::MIN), None);
        assert_eq!(Timestamp::from_millis(i64::MAX), None);
        assert_eq!(Timestamp::from_millis(i64::MIN), None);
        assert_eq!(Timestamp::from_unix_nanos(i128::MAX), None);
        assert_eq!(Timestamp::from_unix_nanos(i128::MIN), None);
    }

    #[test]
    fn millis_and_secs_round_down() {
        let t = Timestamp::from_millis(-1).expect("in range");
        assert_eq!(t.to_string(), "1969-12-31T23:59:59.999Z");
        assert_eq!(t.secs(), -1);
        assert_eq!(t.to_millis(), -1);
        let t = nanos(-1);
        assert_eq!(t.secs(), -1);
        assert_eq!(t.subsec_nanos(), 999_999_999);
        assert_eq!(t.to_millis(), -1);
        assert_eq!(t.to_unix_nanos(), -1);
        let t = nanos(1_700_000_000_125_999_999);
        assert_eq!(t.to_millis(), 1_700_000_000_125);
        assert_eq!(Timestamp::from_millis(1_700_000_000_125), Some(nanos(1_700_000_000_125_000_000)));
    }

    #[test]
    fn ordering_follows_time() {
        assert!(nanos(-1) < ts(0));
        assert!(ts(0) < nanos(1));
        assert!(Timestamp::from_secs_f64(-1.5) < Timestamp::from_secs_f64(-1.25));
    }

    #[test]
    fn parses_rfc3339_and_converts_offsets_to_utc() {
        let t: Timestamp = "2023-11-14T23:13:20.125+01:00".parse().expect("valid");
        assert_eq!(t, nanos(1_700_000_000_125_000_000));
        assert_eq!(t.as_offset_date_time().offset(), time::UtcOffset::UTC);
        let t: Timestamp = "2023-11-14t22:13:20z".parse().expect("valid");
        assert_eq!(t, ts(1_700_000_000));
        let t: Timestamp = "1969-12-31T23:59:58.5Z".parse().expect("valid");
        assert_eq!(t, Timestamp::from_secs_f64(-1.5).expect("in range"));
        for text in ["2023-11-14T22:13:20Z", "2023-11-14T22:13:20.000001Z"] {
            let t: Timestamp = text.parse().expect("valid");
            assert_eq!(t.to_string(), text);
        }
    }

    #[test]
    fn parse_errors_name_the_problem_and_echo_the_input() {
        for text in ["x", "2023-11-14T22:13:20", "2023-13-01T00:00:00Z", "", "1700000000"] {
            let error = text.parse::<Timestamp>().expect_err(text);
            assert_eq!(error.input(), text);
            let message = error.to_string();
            let prefix = format!("invalid timestamp {text:?}: not RFC 3339: ");
            assert!(message.starts_with(&prefix), "{message}");
            assert!(message.len() > prefix.len(), "{message}");
        }
        let error: Box<dyn std::error::Error> = Box::new("x".parse::<Timestamp>().expect_err("x"));
        assert!(error.source().is_none());
    }

    #[test]
    fn out_of_range_after_utc_conversion() {
        if Date::MAX.year() != 9999 {
            return;
        }
        let text = "9999-12-31T23:59:59-01:00";
        let error = text.parse::<Timestamp>().expect_err(text);
        assert!(error.to_string().contains("outside the supported range"), "{error}");
        let odt = OffsetDateTime::parse(text, &Rfc3339).expect("valid");
        let clamped = Timestamp::from(odt);
        assert_eq!(clamped.to_string(), "9999-12-31T23:59:59.999999999Z");
        let odt = OffsetDateTime::parse("-9999-01-01T00:00:00+01:00", &Rfc3339);
        if let Ok(odt) = odt {
            assert_eq!(Timestamp::from(odt), ts(min_secs()));
        }
    }

    #[test]
    fn converts_to_and_from_offset_date_time() {
        let odt = OffsetDateTime::parse("2023-11-14T23:13:20.125+01:00", &Rfc3339).expect("valid");
        let t = Timestamp::from(odt);
        assert_eq!(t.to_string(), "2023-11-14T22:13:20.125Z");
        let back: OffsetDateTime = t.into();
        assert_eq!(back, odt);
        assert_eq!(back.offset(), time::UtcOffset::UTC);
        assert_eq!(t.as_offset_date_time(), back);
    }

    #[test]
    fn converts_to_and_from_system_time() {
        for n in [0, 1_700_000_000_123_456_789, -1_500_000_000, -1] {
            let t = nanos(n);
            let system = t.to_system_time().expect("representable");
            assert_eq!(Timestamp::from(system), t);
        }
        let far_future = SystemTime::UNIX_EPOCH.checked_add(Duration::from_secs(1 << 45));
        if let Some(far_future) = far_future {
            assert_eq!(Timestamp::from(far_future).secs(), max_secs());
        }
        let far_past = SystemTime::UNIX_EPOCH.checked_sub(Duration::from_secs(1 << 45));
        if let Some(far_past) = far_past {
            assert_eq!(Timestamp::from(far_past), ts(min_secs()));
        }
        let now = Timestamp::now();
        assert!(now > ts(1_700_000_000));
    }

    #[test]
    fn serde_round_trips_fractional_seconds_byte_for_byte() {
        let json = "1700000000.125";
        let t: Timestamp = serde_json::from_str(json).expect("valid");
        assert_eq!(t.to_string(), "2023-11-14T22:13:20.125Z");
        assert_eq!(serde_json::to_string(&t).expect("serializable"), json);
        let json = "1700000000.123456";
        let t: Timestamp = serde_json::from_str(json).expect("valid");
        assert_eq!(t.subsec_nanos(), 123_456_000);
        assert_eq!(serde_json::to_string(&t).expect("serializable"), json);
    }

    #[test]
    fn serde_keeps_whole_seconds_integers() {
        let t: Timestamp = serde_json::from_str("1700000000").expect("valid");
        assert_eq!(t, ts(1_700_000_000));
        assert_eq!(serde_json::to_string(&t).expect("serializable"), "1700000000");
        let t: Timestamp = serde_json::from_str("1700000000.0").expect("valid");
        assert_eq!(serde_json::to_string(&t).expect("serializable"), "1700000000");
        let t: Timestamp = serde_json::from_str("-1.5").expect("valid");
        assert_eq!(serde_json::to_string(&t).expect("serializable"), "-1.5");
        let t: Timestamp = serde_json::from_str("-2").expect("valid");
        assert_eq!(serde_json::to_string(&t).expect("serializable"), "-2");
    }

    #[test]
    fn serde_errors_say_what_was_wrong() {
        let error = serde_json::from_str::<Timestamp>(r#""x""#).expect_err("string");
        assert!(error.to_string().starts_with(r#"invalid timestamp "x": not epoch seconds"#), "{error}");
        let error = serde_json::from_str::<Timestamp>("null").expect_err("null");
        assert!(error.to_string().contains("expected a timestamp: epoch seconds, or a date-time as text"), "{error}");
        // Text in any format reads, whatever the declared one (as botocore reads it).
        let read = |json: &str| serde_json::from_str::<Timestamp>(json).map(|t| t.to_string()).ok();
        assert_eq!(read(r#""2026-01-01T00:00:02.5Z""#).as_deref(), Some("2026-01-01T00:00:02.5Z"));
        assert_eq!(read(r#""1700000000.125""#).as_deref(), Some("2023-11-14T22:13:20.125Z"));
        assert_eq!(read(r#""Tue, 14 Nov 2023 22:13:20 GMT""#).as_deref(), Some("2023-11-14T22:13:20Z"));
        for json in ["1e20", "-1e20", "18446744073709551615", "-9223372036854775808", "100000000000000000000"] {
            let error = serde_json::from_str::<Timestamp>(json).expect_err(json);
            assert!(error.to_string().contains("expected epoch seconds within the supported range"), "{json}: {error}");
        }
    }

    #[test]
    fn http_dates_and_epoch_strings() {
        let t = Timestamp::from_millis(1_700_000_000_125).unwrap_or(Timestamp::UNIX_EPOCH);
        assert_eq!(t.to_http_date(), "Tue, 14 Nov 2023 22:13:20 GMT");
        assert_eq!(Timestamp::parse_http_date("Tue, 14 Nov 2023 22:13:20 GMT").map(|t| t.secs()), Ok(1_700_000_000));
        assert_eq!(Timestamp::parse_http_date("Tue, 14 Nov 2023 22:13:20.125 GMT"), Ok(t));
        assert!(Timestamp::parse_http_date("Tue, 14 Nov 2023 22:13:20 PST").is_err());
        assert!(Timestamp::parse_http_date("garbage").is_err());
        assert_eq!(t.to_epoch_seconds_string(), "1700000000.125");
        assert_eq!(Timestamp::parse_epoch_seconds("1700000000.125"), Ok(t));
        assert_eq!(Timestamp::UNIX_EPOCH.to_epoch_seconds_string(), "0");
    }

    #[test]
    fn members_with_a_declared_format_read_every_format() {
        use crate::protocol::wire::Wire;
        fn read<F>(json: &str) -> Option<String>
        where
            Timestamp: Wire<F>,
        {
            let mut deserializer = serde_json::Deserializer::from_str(json);
            <Timestamp as Wire<F>>::read(&mut deserializer).map(|t| t.to_string()).ok()
        }
        for json in [r#""2023-11-14T22:13:20.125Z""#, "1700000000.125", r#""Tue, 14 Nov 2023 22:13:20.125 GMT""#] {
            assert_eq!(read::<format::DateTime>(json).as_deref(), Some("2023-11-14T22:13:20.125Z"), "{json}");
            assert_eq!(read::<format::HttpDate>(json).as_deref(), Some("2023-11-14T22:13:20.125Z"), "{json}");
        }
        assert_eq!(read::<format::DateTime>(r#""soon""#), None);
    }
}
