//! Timestamps read from responses whatever their format, as botocore reads them: a service that
//! declares epoch seconds and sends `"2026-01-01T00:00:02.5Z"` is still understood, to the
//! nanosecond. Requests keep the model's exact format; only reading is lenient.

use time::{Date, Month, PrimitiveDateTime, Time, UtcOffset};

use super::{ParseTimestampError, Timestamp, MONTHS};

impl Timestamp {
    /// Reads a timestamp in any format services are known to send:
    ///
    /// - epoch seconds, with or without a fraction (`1700000000`, `1700000000.125`);
    /// - RFC 3339 and ISO 8601 date-times: `2023-11-14T22:13:20.125Z`, an offset (`+01:00`,
    ///   `+0100`, `+01`) or none (UTC), `t`/`z` in lower case, a space for the `T`, the basic form
    ///   `20231114T221320Z`, minutes without seconds, or a date alone (midnight UTC);
    /// - HTTP dates: IMF-fixdate (`Tue, 14 Nov 2023 22:13:20 GMT`, with an optional fraction),
    ///   RFC 850 (`Tuesday, 14-Nov-23 22:13:20 GMT`) and asctime (`Tue Nov 14 22:13:20 2023`).
    ///
    /// An error names the text and why none of them fits.
    pub fn parse_any(text: &str) -> Result<Self, ParseTimestampError> {
        let trimmed = text.trim();
        let first = trimmed.bytes().next();
        let result = match first {
            Some(b'0'..=b'9' | b'-' | b'+' | b'.') if is_number(trimmed) => {
                Self::parse_epoch_seconds(trimmed).map_err(ParseAnyError::from)
            }
            Some(b'0'..=b'9') => iso8601(trimmed),
            Some(_) => http_date(trimmed),
            None => Err("it is empty".into()),
        };
        match result {
            Ok(timestamp) => Ok(timestamp),
            Err(ParseAnyError { reason }) => Err(ParseTimestampError::new(text, reason)),
        }
    }
}

/// Why text is not a timestamp, before the text is attached.
struct ParseAnyError {
    reason: String,
}

impl From<String> for ParseAnyError {
    fn from(reason: String) -> Self {
        Self { reason }
    }
}

impl From<&str> for ParseAnyError {
    fn from(reason: &str) -> Self {
        Self { reason: reason.to_owned() }
    }
}

impl From<ParseTimestampError> for ParseAnyError {
    fn from(error: ParseTimestampError) -> Self {
        Self { reason: error.reason }
    }
}

/// Whether the text is a decimal number (epoch seconds), not a date that starts with digits.
fn is_number(text: &str) -> bool {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    let mut parts = digits.splitn(2, '.');
    let whole = parts.next().unwrap_or_default();
    let fraction = parts.next().unwrap_or_default();
    (!whole.is_empty() || !fraction.is_empty())
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.bytes().all(|b| b.is_ascii_digit())
        // Eight digits alone are a basic ISO 8601 date (`20231114`), not epoch seconds of 1970
        // to 1973, which services do not send as text.
        && !(fraction.is_empty() && text.len() == 8 && whole.len() == 8)
}

/// A cursor over ASCII text, for the date parsers.
struct Cursor<'t> {
    text: &'t str,
    at: usize,
}

impl<'t> Cursor<'t> {
    fn new(text: &'t str) -> Self {
        Self { text, at: 0 }
    }

    fn rest(&self) -> &'t str {
        &self.text[self.at..]
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn eat(&mut self, byte: u8) -> bool {
        let found = self.peek() == Some(byte);
        if found {
            self.at += 1;
        }
        found
    }

    /// Exactly `count` digits, as a number.
    fn digits(&mut self, count: usize, what: &str) -> Result<u32, ParseAnyError> {
        let rest = self.rest();
        match rest.get(..count) {
            Some(digits) if digits.bytes().all(|b| b.is_ascii_digit()) => {
                self.at += count;
                digits.parse().map_err(|_| format!("the {what} is not a number").into())
            }
            _ => Err(format!("expected {count} digits of the {what} at `{rest}`").into()),
        }
    }

    /// A fraction of a second after a `.` or `,`, as nanoseconds (digits past the ninth dropped).
    fn fraction(&mut self) -> Result<u32, ParseAnyError> {
        if !(self.eat(b'.') || self.eat(b',')) {
            return Ok(0);
        }
        let rest = self.rest();
        let length = rest.bytes().take_while(u8::is_ascii_digit).count();
        if length == 0 {
            return Err("a fraction of a second without digits".into());
        }
        self.at += length;
        let digits: String = rest[..length].chars().chain(std::iter::repeat('0')).take(9).collect();
        digits.parse().map_err(|_| "the fraction is not a number".into())
    }
}

fn date(year: u32, month: u32, day: u32) -> Result<Date, ParseAnyError> {
    let year = i32::try_from(year).map_err(|_| "the year is out of range")?;
    let month = u8::try_from(month).ok().and_then(|month| Month::try_from(month).ok()).ok_or("no such month")?;
    let day = u8::try_from(day).map_err(|_| "no such day")?;
    Date::from_calendar_date(year, month, day).map_err(|err| err.to_string().into())
}

fn clock(hour: u32, minute: u32, second: u32, nanos: u32) -> Result<Time, ParseAnyError> {
    let narrow = |value: u32, what: &str| u8::try_from(value).map_err(|_| format!("the {what} is out of range"));
    // A leap second reads as the last instant of its minute, as botocore reads it.
    let (second, nanos) = if second == 60 { (59, 999_999_999) } else { (second, nanos) };
    Time::from_hms_nano(narrow(hour, "hour")?, narrow(minute, "minute")?, narrow(second, "second")?, nanos)
        .map_err(|err| err.to_string().into())
}

fn instant(date: Date, time: Time, offset: UtcOffset) -> Result<Timestamp, ParseAnyError> {
    let moment = PrimitiveDateTime::new(date, time).assume_offset(offset);
    Timestamp::from_unix_nanos(moment.unix_timestamp_nanos())
        .ok_or_else(|| "the instant in UTC is outside the supported range of dates".into())
}

/// RFC 3339 and the ISO 8601 forms services send.
fn iso8601(text: &str) -> Result<Timestamp, ParseAnyError> {
    let mut cursor = Cursor::new(text);
    let year = cursor.digits(4, "year")?;
    let extended = cursor.eat(b'-');
    let month = cursor.digits(2, "month")?;
    if extended && !cursor.eat(b'-') {
        return Err("expected `-` between the month and the day".into());
    }
    let day = cursor.digits(2, "day")?;
    let date = date(year, month, day)?;
    if cursor.rest().is_empty() {
        return instant(date, Time::MIDNIGHT, UtcOffset::UTC);
    }
    if !(cursor.eat(b'T') || cursor.eat(b't') || cursor.eat(b' ')) {
        return Err(format!("expected `T` after the date at `{}`", cursor.rest()).into());
    }
    let hour = cursor.digits(2, "hour")?;
    let colons = cursor.eat(b':');
    let minute = cursor.digits(2, "minute")?;
    let has_seconds = if colons { cursor.eat(b':') } else { cursor.peek().is_some_and(|b| b.is_ascii_digit()) };
    let (second, nanos) = if has_seconds { (cursor.digits(2, "second")?, cursor.fraction()?) } else { (0, 0) };
    let time = clock(hour, minute, second, nanos)?;
    let offset = offset(&mut cursor)?;
    if !cursor.rest().is_empty() {
        return Err(format!("unexpected `{}` after the time", cursor.rest()).into());
    }
    instant(date, time, offset)
}

/// `Z`, `+01:00`, `+0100`, `+01`, or nothing (UTC).
fn offset(cursor: &mut Cursor<'_>) -> Result<UtcOffset, ParseAnyError> {
    if cursor.rest().is_empty() || cursor.eat(b'Z') || cursor.eat(b'z') {
        return Ok(UtcOffset::UTC);
    }
    let sign: i8 = if cursor.eat(b'+') {
        1
    } else if cursor.eat(b'-') {
        -1
    } else {
        return Err(format!("expected a UTC offset at `{}`", cursor.rest()).into());
    };
    let hours = cursor.digits(2, "offset's hours")?;
    let minutes = if cursor.rest().is_empty() {
        0
    } else {
        cursor.eat(b':');
        cursor.digits(2, "offset's minutes")?
    };
    let narrow = |value: u32| i8::try_from(value).map_err(|_| "the offset is out of range");
    UtcOffset::from_hms(sign * narrow(hours)?, sign * narrow(minutes)?, 0).map_err(|err| err.to_string().into())
}

/// IMF-fixdate, RFC 850 and asctime, the three forms HTTP allows.
fn http_date(text: &str) -> Result<Timestamp, ParseAnyError> {
    if let Ok(timestamp) = Timestamp::parse_http_date(text) {
        return Ok(timestamp);
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    let month = |name: &str| {
        MONTHS
            .iter()
            .position(|month| month.eq_ignore_ascii_case(name))
            .and_then(|index| u32::try_from(index + 1).ok())
            .ok_or_else(|| ParseAnyError::from(format!("`{name}` is not a month")))
    };
    let time_of_day = |text: &str| -> Result<Time, ParseAnyError> {
        let mut cursor = Cursor::new(text);
        let hour = cursor.digits(2, "hour")?;
        let minute =
            if cursor.eat(b':') { cursor.digits(2, "minute")? } else { return Err("expected HH:MM:SS".into()) };
        let second =
            if cursor.eat(b':') { cursor.digits(2, "second")? } else { return Err("expected HH:MM:SS".into()) };
        let nanos = cursor.fraction()?;
        if !cursor.rest().is_empty() {
            return Err(format!("unexpected `{}` after the time", cursor.rest()).into());
        }
        clock(hour, minute, second, nanos)
    };
    let number = |text: &str, what: &str| {
        text.parse::<u32>().map_err(|_| ParseAnyError::from(format!("the {what} is not a number")))
    };
    match words.as_slice() {
        // RFC 850: `Tuesday, 14-Nov-23 22:13:20 GMT`; a two-digit year is within 50 years of 2000.
        [_weekday, day_month_year, clock_text, "GMT" | "UTC"] if day_month_year.matches('-').count() == 2 => {
            let mut parts = day_month_year.split('-');
            let (day, month_name, year) =
                (parts.next().unwrap_or(""), parts.next().unwrap_or(""), parts.next().unwrap_or(""));
            let year = number(year, "year")?;
            let year = match year {
                0..=49 => year + 2000,
                50..=99 => year + 1900,
                _ => year,
            };
            instant(date(year, month(month_name)?, number(day, "day")?)?, time_of_day(clock_text)?, UtcOffset::UTC)
        }
        // asctime: `Tue Nov 14 22:13:20 2023`.
        [_weekday, month_name, day, clock_text, year] => instant(
            date(number(year, "year")?, month(month_name)?, number(day, "day")?)?,
            time_of_day(clock_text)?,
            UtcOffset::UTC,
        ),
        _ => Err("not epoch seconds, an ISO 8601 date-time or an HTTP date".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Result<String, String> {
        Timestamp::parse_any(text).map(|timestamp| timestamp.to_string()).map_err(|err| err.to_string())
    }

    #[test]
    fn epoch_seconds_as_text() {
        assert_eq!(at("1700000000"), Ok("2023-11-14T22:13:20Z".to_owned()));
        assert_eq!(at(" 1700000000.125 "), Ok("2023-11-14T22:13:20.125Z".to_owned()));
        assert_eq!(at("-1.5"), Ok("1969-12-31T23:59:58.5Z".to_owned()));
        assert_eq!(at("0"), Ok("1970-01-01T00:00:00Z".to_owned()));
    }

    #[test]
    fn rfc3339_and_iso8601_forms() {
        let expected = Ok("2026-01-01T00:00:02.5Z".to_owned());
        for text in [
            "2026-01-01T00:00:02.5Z",
            "2026-01-01T00:00:02.500000000Z",
            "2026-01-01t00:00:02.5z",
            "2026-01-01 00:00:02.5Z",
            "2026-01-01T00:00:02.5",
            "2026-01-01T01:00:02.5+01:00",
            "2026-01-01T01:00:02.5+0100",
            "2026-01-01T01:00:02.5+01",
            "2025-12-31T23:00:02.5-01:00",
            "20260101T000002.5Z",
            "2026-01-01T00:00:02,5Z",
        ] {
            assert_eq!(at(text), expected, "{text}");
        }
        assert_eq!(at("2026-01-01"), Ok("2026-01-01T00:00:00Z".to_owned()));
        assert_eq!(at("20260101"), Ok("2026-01-01T00:00:00Z".to_owned()));
        assert_eq!(at("2026-01-01T10:30Z"), Ok("2026-01-01T10:30:00Z".to_owned()));
        // Nanoseconds survive; digits past them do not matter.
        assert_eq!(at("2026-01-01T00:00:00.123456789123Z"), Ok("2026-01-01T00:00:00.123456789Z".to_owned()));
    }

    #[test]
    fn http_dates_in_all_three_forms() {
        let expected = Ok("2023-11-14T22:13:20Z".to_owned());
        assert_eq!(at("Tue, 14 Nov 2023 22:13:20 GMT"), expected);
        assert_eq!(at("Tuesday, 14-Nov-23 22:13:20 GMT"), expected);
        assert_eq!(at("Tue Nov 14 22:13:20 2023"), expected);
        assert_eq!(at("Tue, 14 Nov 2023 22:13:20.125 GMT"), Ok("2023-11-14T22:13:20.125Z".to_owned()));
    }

    #[test]
    fn what_is_no_timestamp_is_an_error_naming_the_text() {
        for text in [
            "",
            "soon",
            "2026-13-01T00:00:00Z",
            "2026-02-30",
            "2026-01-01T25:00:00Z",
            "2026-01-01T00:00:00Zjunk",
            "2026-01-01X00:00:00",
            "1e400",
            "Tue, 14 Nob 2023 22:13:20 GMT",
            "99999999999999999999",
        ] {
            let Err(message) = at(text) else { panic!("`{text}` is no timestamp") };
            assert!(message.contains(&format!("{text:?}")), "{message}");
        }
    }
}
