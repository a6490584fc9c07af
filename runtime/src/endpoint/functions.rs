//! The library functions of the rules engine: the standard library (`isSet`, `not`,
//! `booleanEquals`, `stringEquals`, `getAttr`, `substring`, `uriEncode`, `parseURL`,
//! `isValidHostLabel`, `split`) and the AWS functions (`aws.partition`, `aws.parseArn`,
//! `aws.isVirtualHostableS3Bucket`), over already evaluated arguments.
//!
//! `coalesce` and `ite` are in `eval.rs`: they choose which arguments to evaluate.
//!
//! A rule set that Smithy validated passes each function the types it expects, and never "no
//! value" where a value is required (it guards with `isSet` or `assign` first). A rule set that
//! breaks this gets an evaluation error here, rather than an endpoint picked by accident; the
//! one exception is `getAttr`, which gives no value for no value so paths can be chained.

use std::collections::BTreeMap;
use std::net::{Ipv4Addr, Ipv6Addr};

use super::eval::Value;
use super::partition::Partitions;
use super::EndpointError;

/// Calls `function` with `args`; an unknown function, a wrong number of arguments or an
/// argument of the wrong type is an evaluation error.
pub(super) fn call(function: &str, args: Vec<Value>, partitions: &Partitions) -> Result<Value, EndpointError> {
    let args = Args { function, values: args };
    Ok(match function {
        "isSet" => {
            args.arity(1)?;
            Value::Bool(!args.value(0)?.is_none())
        }
        "not" => {
            args.arity(1)?;
            Value::Bool(!args.boolean(0)?)
        }
        "booleanEquals" => {
            args.arity(2)?;
            Value::Bool(args.boolean(0)? == args.boolean(1)?)
        }
        "stringEquals" => {
            args.arity(2)?;
            Value::Bool(args.string(0)? == args.string(1)?)
        }
        "getAttr" => {
            args.arity(2)?;
            get_attr(args.value(0)?, args.string(1)?)?
        }
        "substring" => {
            args.arity(4)?;
            let found = substring(args.string(0)?, args.int(1)?, args.int(2)?, args.boolean(3)?);
            found.map_or(Value::None, Value::String)
        }
        "uriEncode" => {
            args.arity(1)?;
            Value::String(uri_encode(args.string(0)?))
        }
        "parseURL" => {
            args.arity(1)?;
            parse_url(args.string(0)?).unwrap_or(Value::None)
        }
        "isValidHostLabel" => {
            args.arity(2)?;
            Value::Bool(is_valid_host_label(args.string(0)?, args.boolean(1)?))
        }
        "split" => {
            args.arity(3)?;
            let delimiter = args.string(1)?;
            if delimiter.is_empty() {
                return Err(EndpointError::new("`split` needs a non-empty delimiter"));
            }
            let limit = args.int(2)?;
            let limit = usize::try_from(limit)
                .map_err(|_| EndpointError::new(format!("`split` needs a limit of 0 or more, not {limit}")))?;
            Value::Array(split(args.string(0)?, delimiter, limit))
        }
        "aws.partition" => {
            args.arity(1)?;
            partitions.lookup(args.string(0)?).unwrap_or(Value::None)
        }
        "aws.parseArn" => {
            args.arity(1)?;
            parse_arn(args.string(0)?).unwrap_or(Value::None)
        }
        "aws.isVirtualHostableS3Bucket" => {
            args.arity(2)?;
            Value::Bool(is_virtual_hostable_s3_bucket(args.string(0)?, args.boolean(1)?))
        }
        other => return Err(EndpointError::new(format!("unknown endpoint rules function `{other}`"))),
    })
}

/// The error for a call with the wrong number of arguments.
pub(super) fn arity_error(function: &str, expected: &str, found: usize) -> EndpointError {
    EndpointError::new(format!("`{function}` takes {expected} argument(s), not {found}"))
}

/// A call's evaluated arguments, read by position and type.
struct Args<'a> {
    function: &'a str,
    values: Vec<Value>,
}

impl Args<'_> {
    fn arity(&self, expected: usize) -> Result<(), EndpointError> {
        if self.values.len() == expected {
            Ok(())
        } else {
            Err(arity_error(self.function, &expected.to_string(), self.values.len()))
        }
    }

    fn value(&self, index: usize) -> Result<&Value, EndpointError> {
        self.values.get(index).ok_or_else(|| arity_error(self.function, &format!("{}", index + 1), self.values.len()))
    }

    fn mismatch(&self, index: usize, expected: &str, found: &Value) -> EndpointError {
        EndpointError::new(format!(
            "`{}` argument {} must be {expected}, not {}",
            self.function,
            index + 1,
            found.describe()
        ))
    }

    fn string(&self, index: usize) -> Result<&str, EndpointError> {
        match self.value(index)? {
            Value::String(value) => Ok(value),
            other => Err(self.mismatch(index, "a string", other)),
        }
    }

    fn boolean(&self, index: usize) -> Result<bool, EndpointError> {
        match self.value(index)? {
            Value::Bool(value) => Ok(*value),
            other => Err(self.mismatch(index, "a boolean", other)),
        }
    }

    fn int(&self, index: usize) -> Result<i64, EndpointError> {
        match self.value(index)? {
            Value::Int(value) => Ok(*value),
            other => Err(self.mismatch(index, "an integer", other)),
        }
    }
}

/// `getAttr`: the value at `path`, such as `dnsSuffix`, `resourceId[0]`, `a.b[1]` or `[2]`.
///
/// A key of something that is not an object, an index of something that is not an array, a
/// missing key, an index out of range or a negative index all give no value. A malformed path
/// (an empty part, an unclosed `[`, an index that is not a number) is an evaluation error.
/// Each `.`-separated part is a key, or a key followed by `[n]` (several for nested arrays).
pub(super) fn get_attr(value: &Value, path: &str) -> Result<Value, EndpointError> {
    let invalid = || EndpointError::new(format!("`{path}` is not a valid `getAttr` path"));
    let mut current = Some(value);
    for part in path.split('.') {
        let (key, indexes) = match part.split_once('[') {
            Some((key, indexes)) => (key, Some(indexes)),
            None => (part, None),
        };
        if !key.is_empty() {
            current = current.and_then(Value::as_object).and_then(|fields| fields.get(key));
        } else if indexes.is_none() {
            return Err(invalid());
        }
        let mut rest = indexes;
        while let Some(text) = rest {
            let (index, after) = text.split_once(']').ok_or_else(invalid)?;
            let index: i64 = index.parse().map_err(|_| invalid())?;
            current = match usize::try_from(index) {
                Ok(index) => current.and_then(Value::as_array).and_then(|items| items.get(index)),
                Err(_) => None,
            };
            rest = match after {
                "" => None,
                after => Some(after.strip_prefix('[').ok_or_else(invalid)?),
            };
        }
    }
    Ok(current.cloned().unwrap_or(Value::None))
}

/// `substring`: characters `start..stop` of `input`, counted from the end when `reverse`.
///
/// No value when `input` is not all ASCII, when `start >= stop`, when either is negative, or
/// when `stop` is past the end.
pub(super) fn substring(input: &str, start: i64, stop: i64, reverse: bool) -> Option<String> {
    if !input.is_ascii() {
        return None;
    }
    let (start, stop) = (usize::try_from(start).ok()?, usize::try_from(stop).ok()?);
    if start >= stop || stop > input.len() {
        return None;
    }
    let (from, to) = if reverse { (input.len() - stop, input.len() - start) } else { (start, stop) };
    input.get(from..to).map(str::to_owned)
}

/// `uriEncode`: RFC 3986 percent-encoding of everything but `A-Z a-z 0-9 - _ . ~`, byte by
/// byte of the UTF-8, with uppercase hex digits: what query values get.
pub(super) fn uri_encode(value: &str) -> String {
    crate::protocol::encode_query(value)
}

/// `parseURL`: an object with `scheme`, `authority` (host and port as written), `path` (as
/// written, empty when there is none), `normalizedPath` (the path starting and ending with `/`)
/// and `isIp` (the host is an IPv4 address or a bracketed IPv6 one).
///
/// No value for anything but an `http` or `https` URL with a host, and, as endpoints never
/// have them, for a URL with a query, a fragment, user info or whitespace.
pub(super) fn parse_url(url: &str) -> Option<Value> {
    let (scheme, rest) = url.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return None;
    }
    if rest.contains(['?', '#', '@']) || rest.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return None;
    }
    let (authority, path) = match rest.split_once('/') {
        Some((authority, path)) => (authority, format!("/{path}")),
        None => (rest, String::new()),
    };
    let is_ip = authority_is_ip(authority)?;
    let mut normalized = path.clone();
    if !normalized.starts_with('/') {
        normalized.insert(0, '/');
    }
    if !normalized.ends_with('/') {
        normalized.push('/');
    }
    Some(object([
        ("scheme", Value::String(scheme)),
        ("authority", Value::String(authority.to_owned())),
        ("path", Value::String(path)),
        ("normalizedPath", Value::String(normalized)),
        ("isIp", Value::Bool(is_ip)),
    ]))
}

/// Whether the host of `authority` (`host`, `host:port`, `[v6]` or `[v6]:port`) is an IP
/// address; no value when the authority is not valid.
fn authority_is_ip(authority: &str) -> Option<bool> {
    let (host, port) = match authority.strip_prefix('[') {
        Some(bracketed) => {
            let (address, after) = bracketed.split_once(']')?;
            address.parse::<Ipv6Addr>().ok()?;
            let port = if after.is_empty() { None } else { Some(after.strip_prefix(':')?) };
            (None, port)
        }
        None => match authority.rsplit_once(':') {
            Some((host, port)) => (Some(host), Some(port)),
            None => (Some(authority), None),
        },
    };
    if let Some(port) = port {
        if !port.bytes().all(|byte| byte.is_ascii_digit()) || port.parse::<u16>().is_err() {
            return None;
        }
    }
    match host {
        None => Some(true),
        Some(host)
            if host.is_empty() || host.contains(['[', ']', ':', '<', '>', '"', '{', '}', '|', '\\', '^', '`']) =>
        {
            None
        }
        Some(host) => Some(host.parse::<Ipv4Addr>().is_ok()),
    }
}

/// `isValidHostLabel`: `value` is one RFC 1123 label (a letter or digit, then up to 62 letters,
/// digits or hyphens), or with `allow_sub_domains`, such labels joined by dots.
pub(super) fn is_valid_host_label(value: &str, allow_sub_domains: bool) -> bool {
    if allow_sub_domains {
        value.split('.').all(is_host_label)
    } else {
        is_host_label(value)
    }
}

fn is_host_label(label: &str) -> bool {
    let bytes = label.as_bytes();
    bytes.len() <= 63
        && bytes.first().is_some_and(u8::is_ascii_alphanumeric)
        && bytes.iter().all(|byte| byte.is_ascii_alphanumeric() || *byte == b'-')
}

/// `split`: `value` split on `delimiter` (not empty); `limit` 0 splits at every delimiter,
/// otherwise into at most `limit` parts, the last holding the rest.
pub(super) fn split(value: &str, delimiter: &str, limit: usize) -> Vec<Value> {
    let parts: Vec<&str> =
        if limit == 0 { value.split(delimiter).collect() } else { value.splitn(limit, delimiter).collect() };
    parts.into_iter().map(|part| Value::String(part.to_owned())).collect()
}

/// `aws.parseArn`: an object with `partition`, `service`, `region`, `accountId` and
/// `resourceId` (the rest split on `:` and `/`).
///
/// No value unless `arn` starts with `arn:` and has six `:`-separated parts, of which the
/// partition, the service and the resource are not empty.
pub(super) fn parse_arn(arn: &str) -> Option<Value> {
    let mut parts = arn.splitn(6, ':');
    let (Some("arn"), Some(partition), Some(service), Some(region), Some(account_id), Some(resource)) =
        (parts.next(), parts.next(), parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    if partition.is_empty() || service.is_empty() || resource.is_empty() {
        return None;
    }
    let resource_id = resource.split([':', '/']).map(|part| Value::String(part.to_owned())).collect();
    Some(object([
        ("partition", Value::String(partition.to_owned())),
        ("service", Value::String(service.to_owned())),
        ("region", Value::String(region.to_owned())),
        ("accountId", Value::String(account_id.to_owned())),
        ("resourceId", Value::Array(resource_id)),
    ]))
}

/// `aws.isVirtualHostableS3Bucket`: `value` can be the first label(s) of an S3 host name: 3 to
/// 63 lowercase letters, digits, hyphens and dots, starting and ending with a letter or digit,
/// not shaped like an IPv4 address; without `allow_sub_domains` no dots, with it every
/// dot-separated label non-empty and starting and ending with a letter or digit (so no `..`,
/// `.-` or `-.`).
pub(super) fn is_virtual_hostable_s3_bucket(value: &str, allow_sub_domains: bool) -> bool {
    let edge = |byte: Option<&u8>| byte.is_some_and(|byte| byte.is_ascii_lowercase() || byte.is_ascii_digit());
    let bytes = value.as_bytes();
    let shape = (3..=63).contains(&bytes.len())
        && bytes.iter().all(|byte| byte.is_ascii_lowercase() || byte.is_ascii_digit() || matches!(byte, b'-' | b'.'))
        && edge(bytes.first())
        && edge(bytes.last())
        && !looks_like_ipv4(value);
    let labels = if allow_sub_domains {
        value.split('.').all(|label| edge(label.as_bytes().first()) && edge(label.as_bytes().last()))
    } else {
        !value.contains('.')
    };
    shape && labels
}

/// Four dot-separated groups of digits, whatever their values: S3 refuses those names.
fn looks_like_ipv4(value: &str) -> bool {
    let parts: Vec<&str> = value.split('.').collect();
    parts.len() == 4 && parts.iter().all(|part| !part.is_empty() && part.bytes().all(|byte| byte.is_ascii_digit()))
}

/// An object value from fields.
pub(super) fn object<const N: usize>(fields: [(&str, Value); N]) -> Value {
    Value::Object(fields.into_iter().map(|(key, value)| (key.to_owned(), value)).collect::<BTreeMap<_, _>>())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(value: &str) -> Value {
        Value::String(value.to_owned())
    }

    fn strings(values: &[&str]) -> Value {
        Value::Array(values.iter().map(|value| s(value)).collect())
    }

    fn run(function: &str, args: Vec<Value>) -> Result<Value, String> {
        call(function, args, &Partitions::default()).map_err(|error| error.to_string())
    }

    fn url(scheme: &str, authority: &str, path: &str, normalized: &str, is_ip: bool) -> Option<Value> {
        Some(object([
            ("scheme", s(scheme)),
            ("authority", s(authority)),
            ("path", s(path)),
            ("normalizedPath", s(normalized)),
            ("isIp", Value::Bool(is_ip)),
        ]))
    }

    #[test]
    fn is_set_not_and_equals() {
        assert_eq!(run("isSet", vec![Value::None]), Ok(Value::Bool(false)));
        assert_eq!(run("isSet", vec![Value::Bool(false)]), Ok(Value::Bool(true)));
        assert_eq!(run("not", vec![Value::Bool(false)]), Ok(Value::Bool(true)));
        assert_eq!(run("booleanEquals", vec![Value::Bool(true), Value::Bool(true)]), Ok(Value::Bool(true)));
        assert_eq!(run("booleanEquals", vec![Value::Bool(true), Value::Bool(false)]), Ok(Value::Bool(false)));
        assert_eq!(run("stringEquals", vec![s("a"), s("a")]), Ok(Value::Bool(true)));
        assert_eq!(run("stringEquals", vec![s("a"), s("A")]), Ok(Value::Bool(false)));
    }

    #[test]
    fn wrong_arguments_are_errors() {
        assert_eq!(run("not", vec![]), Err("`not` takes 1 argument(s), not 0".to_owned()));
        assert_eq!(
            run("booleanEquals", vec![Value::None, Value::Bool(true)]),
            Err("`booleanEquals` argument 1 must be a boolean, not no value".to_owned())
        );
        assert_eq!(
            run("stringEquals", vec![s("a"), Value::Int(1)]),
            Err("`stringEquals` argument 2 must be a string, not an integer".to_owned())
        );
        assert_eq!(
            run("substring", vec![s("abc"), s("0"), Value::Int(1), Value::Bool(false)]),
            Err("`substring` argument 2 must be an integer, not a string".to_owned())
        );
        assert_eq!(run("aws.nope", vec![]), Err("unknown endpoint rules function `aws.nope`".to_owned()));
    }

    #[test]
    fn get_attr_paths() {
        let value = object([
            ("a", object([("b", strings(&["x", "y"]))])),
            ("resourceId", strings(&["bucket", "key"])),
            ("nested", Value::Array(vec![strings(&["p", "q"])])),
        ]);
        let get = |path: &str| get_attr(&value, path).map_err(|error| error.to_string());
        assert_eq!(get("a.b[1]"), Ok(s("y")));
        assert_eq!(get("a.b"), Ok(strings(&["x", "y"])));
        assert_eq!(get("resourceId[0]"), Ok(s("bucket")));
        assert_eq!(get("nested[0][1]"), Ok(s("q")));
        assert_eq!(get_attr(&strings(&["x", "y"]), "[1]"), Ok(s("y")));
        // Missing keys, out-of-range and negative indexes, and wrong shapes give no value.
        assert_eq!(get("missing"), Ok(Value::None));
        assert_eq!(get("a.missing.deeper"), Ok(Value::None));
        assert_eq!(get("resourceId[2]"), Ok(Value::None));
        assert_eq!(get("resourceId[-1]"), Ok(Value::None));
        assert_eq!(get("a[0]"), Ok(Value::None));
        assert_eq!(get("resourceId.b"), Ok(Value::None));
        assert_eq!(get_attr(&Value::None, "a"), Ok(Value::None));
        // Malformed paths are evaluation errors.
        for bad in ["", "a..b", "a[", "a[x]", "a[0]b", "a[0", "[]"] {
            assert_eq!(get(bad), Err(format!("`{bad}` is not a valid `getAttr` path")));
        }
        assert_eq!(run("getAttr", vec![value.clone(), s("a.b[0]")]), Ok(s("x")));
    }

    #[test]
    fn substring_edges() {
        assert_eq!(substring("abcdef", 0, 2, false).as_deref(), Some("ab"));
        assert_eq!(substring("abcdef", 0, 6, false).as_deref(), Some("abcdef"));
        assert_eq!(substring("abcdef", 2, 4, false).as_deref(), Some("cd"));
        // `reverse` counts from the end; the result still reads forwards.
        assert_eq!(substring("abcdef", 0, 2, true).as_deref(), Some("ef"));
        assert_eq!(substring("abcdef", 1, 3, true).as_deref(), Some("de"));
        assert_eq!(substring("abcdef", 0, 6, true).as_deref(), Some("abcdef"));
        // Out of range, empty or inverted ranges, negative indexes: no value.
        assert_eq!(substring("abcdef", 0, 7, false), None);
        assert_eq!(substring("abcdef", 0, 7, true), None);
        assert_eq!(substring("abcdef", 3, 3, false), None);
        assert_eq!(substring("abcdef", 4, 2, false), None);
        assert_eq!(substring("abcdef", -1, 2, false), None);
        assert_eq!(substring("", 0, 1, false), None);
        // Any non-ASCII character anywhere: no value, even outside the range.
        assert_eq!(substring("ab🐱cd", 0, 2, false), None);
        assert_eq!(substring("abcdé", 0, 1, true), None);
        assert_eq!(run("substring", vec![s("abc"), Value::Int(0), Value::Int(9), Value::Bool(false)]), Ok(Value::None));
        assert_eq!(run("substring", vec![s("abc"), Value::Int(1), Value::Int(3), Value::Bool(false)]), Ok(s("bc")));
    }

    #[test]
    fn uri_encode_reserved_and_non_ascii() {
        assert_eq!(uri_encode("AZaz09-_.~"), "AZaz09-_.~");
        assert_eq!(
            uri_encode("a b/c:d?e#f[g]h@i!$&'()*+,;=%"),
            "a%20b%2Fc%3Ad%3Fe%23f%5Bg%5Dh%40i%21%24%26%27%28%29%2A%2B%2C%3B%3D%25"
        );
        assert_eq!(uri_encode("<>\"^`\\{|}"), "%3C%3E%22%5E%60%5C%7B%7C%7D");
        assert_eq!(uri_encode("é"), "%C3%A9");
        assert_eq!(uri_encode("🐱"), "%F0%9F%90%B1");
        assert_eq!(uri_encode(""), "");
    }

    #[test]
    fn parse_url_accepts_endpoints() {
        assert_eq!(parse_url("https://example.com"), url("https", "example.com", "", "/", false));
        assert_eq!(parse_url("https://example.com/"), url("https", "example.com", "/", "/", false));
        assert_eq!(
            parse_url("http://example.com:80/foo/bar"),
            url("http", "example.com:80", "/foo/bar", "/foo/bar/", false)
        );
        assert_eq!(parse_url("https://localhost:8443/a/"), url("https", "localhost:8443", "/a/", "/a/", false));
        assert_eq!(parse_url("HTTPS://Example.com/p"), url("https", "Example.com", "/p", "/p/", false));
    }

    #[test]
    fn parse_url_finds_ip_hosts() {
        assert_eq!(parse_url("https://127.0.0.1"), url("https", "127.0.0.1", "", "/", true));
        assert_eq!(parse_url("http://10.0.0.1:8080/x"), url("http", "10.0.0.1:8080", "/x", "/x/", true));
        assert_eq!(parse_url("https://[fe80::1]"), url("https", "[fe80::1]", "", "/", true));
        assert_eq!(parse_url("https://[::1]:8443/"), url("https", "[::1]:8443", "/", "/", true));
        // Four dotted parts that are not all bytes are a name, not an address.
        assert_eq!(parse_url("https://1.2.3.999"), url("https", "1.2.3.999", "", "/", false));
    }

    #[test]
    fn parse_url_rejects_non_endpoints() {
        for bad in [
            "https://example.com:8443?foo=bar&faz=baz",
            "https://example.com/path?x",
            "https://example.com/#fragment",
            "ftp://example.com",
            "wss://example.com",
            "example.com",
            "https://",
            "https:///path",
            "https://:443",
            "https://example.com:",
            "https://example.com:99999",
            "https://example.com:80a",
            "https://user:pass@example.com",
            "https://exa mple.com",
            "https://[not-v6]",
            "https://[::1",
            "https://[::1]x",
            "https://a:b:c",
        ] {
            assert_eq!(parse_url(bad), None, "{bad}");
        }
        assert_eq!(run("parseURL", vec![s("not a url")]), Ok(Value::None));
    }

    #[test]
    fn host_labels() {
        assert!(is_valid_host_label("us-east-1", false));
        assert!(is_valid_host_label("a", false));
        assert!(is_valid_host_label("0abc-", false));
        assert!(is_valid_host_label(&"a".repeat(63), false));
        assert!(!is_valid_host_label(&"a".repeat(64), false));
        assert!(!is_valid_host_label("", false));
        assert!(!is_valid_host_label("-abc", false));
        assert!(!is_valid_host_label("a_b", false));
        assert!(!is_valid_host_label("a.b", false));
        assert!(!is_valid_host_label("é", false));
        // With sub-domains every dot-separated label must be valid, and none empty.
        assert!(is_valid_host_label("a.b-c.d1", true));
        assert!(is_valid_host_label("abc", true));
        assert!(!is_valid_host_label("a..b", true));
        assert!(!is_valid_host_label(".a", true));
        assert!(!is_valid_host_label("a.", true));
        assert!(!is_valid_host_label("a.-b", true));
        assert!(!is_valid_host_label(&format!("a.{}", "b".repeat(64)), true));
        assert!(is_valid_host_label(&format!("a.{}", "b".repeat(63)), true));
        assert_eq!(run("isValidHostLabel", vec![s("a.b"), Value::Bool(true)]), Ok(Value::Bool(true)));
    }

    #[test]
    fn split_limits() {
        assert_eq!(split("a--b--c", "--", 0), vec![s("a"), s("b"), s("c")]);
        assert_eq!(split("a--b--c", "--", 1), vec![s("a--b--c")]);
        assert_eq!(split("a--b--c", "--", 2), vec![s("a"), s("b--c")]);
        assert_eq!(split("a--b--c", "--", 3), vec![s("a"), s("b"), s("c")]);
        assert_eq!(split("a--b--c", "--", 9), vec![s("a"), s("b"), s("c")]);
        assert_eq!(split("", "--", 0), vec![s("")]);
        assert_eq!(split("--", "--", 0), vec![s(""), s("")]);
        assert_eq!(split("----", "--", 0), vec![s(""), s(""), s("")]);
        assert_eq!(split("--x-s3--azid--suffix", "--", 2), vec![s(""), s("x-s3--azid--suffix")]);
        assert_eq!(split("abc", "x", 0), vec![s("abc")]);
        assert_eq!(run("split", vec![s("a.b"), s("."), Value::Int(0)]), Ok(strings(&["a", "b"])));
        assert_eq!(
            run("split", vec![s("a.b"), s(""), Value::Int(0)]),
            Err("`split` needs a non-empty delimiter".to_owned())
        );
        assert_eq!(
            run("split", vec![s("a.b"), s("."), Value::Int(-1)]),
            Err("`split` needs a limit of 0 or more, not -1".to_owned())
        );
    }

    #[test]
    fn parse_arn_resources() {
        let arn = |partition, service, region, account, resource: &[&str]| {
            Some(object([
                ("partition", s(partition)),
                ("service", s(service)),
                ("region", s(region)),
                ("accountId", s(account)),
                ("resourceId", strings(resource)),
            ]))
        };
        assert_eq!(parse_arn("arn:aws:s3:::bucket/key/more"), arn("aws", "s3", "", "", &["bucket", "key", "more"]));
        assert_eq!(
            parse_arn("arn:aws:iam::123456789012:user/David"),
            arn("aws", "iam", "", "123456789012", &["user", "David"])
        );
        assert_eq!(
            parse_arn("arn:aws:s3-outposts:us-west-2:123456789012:outpost:op-01:accesspoint/reports"),
            arn("aws", "s3-outposts", "us-west-2", "123456789012", &["outpost", "op-01", "accesspoint", "reports"])
        );
        assert_eq!(
            parse_arn("arn:aws:sns:us-west-2:012345678910:topic"),
            arn("aws", "sns", "us-west-2", "012345678910", &["topic"])
        );
        for bad in [
            "",
            "11111111-2222-3333-4444-555555555555",
            "arn:aws:s3:us-east-1:123",
            "arn:aws:s3:us-east-1:123:",
            "arn::s3:us-east-1:123:thing",
            "arn:aws::us-east-1:123:thing",
            "arx:aws:s3:us-east-1:123:thing",
            "ARN:aws:s3:us-east-1:123:thing",
        ] {
            assert_eq!(parse_arn(bad), None, "{bad}");
        }
        assert_eq!(run("aws.parseArn", vec![s("nope")]), Ok(Value::None));
    }

    #[test]
    fn virtual_hostable_buckets() {
        assert!(is_virtual_hostable_s3_bucket("my-bucket", false));
        assert!(is_virtual_hostable_s3_bucket("abc", false));
        assert!(is_virtual_hostable_s3_bucket("a--b--x-s3", false));
        assert!(is_virtual_hostable_s3_bucket(&"a".repeat(63), false));
        assert!(!is_virtual_hostable_s3_bucket(&"a".repeat(64), false));
        assert!(!is_virtual_hostable_s3_bucket("ab", false));
        assert!(!is_virtual_hostable_s3_bucket("My-Bucket", false));
        assert!(!is_virtual_hostable_s3_bucket("-bucket", false));
        assert!(!is_virtual_hostable_s3_bucket("bucket-", false));
        assert!(!is_virtual_hostable_s3_bucket("my_bucket", false));
        assert!(!is_virtual_hostable_s3_bucket("my.bucket", false));
        assert!(is_virtual_hostable_s3_bucket("my.bucket", true));
        assert!(is_virtual_hostable_s3_bucket("a.b.c", true));
        assert!(!is_virtual_hostable_s3_bucket("a..b", true));
        assert!(!is_virtual_hostable_s3_bucket("a-.b", true));
        assert!(!is_virtual_hostable_s3_bucket("a.-b", true));
        assert!(!is_virtual_hostable_s3_bucket("192.168.5.4", true));
        assert!(!is_virtual_hostable_s3_bucket("999.1.1.1", true));
        assert!(is_virtual_hostable_s3_bucket("1.2.3.4.5", true));
        assert_eq!(run("aws.isVirtualHostableS3Bucket", vec![s("bucket"), Value::Bool(false)]), Ok(Value::Bool(true)));
    }

    #[test]
    fn partition_through_call() {
        let partition = run("aws.partition", vec![s("us-east-1")]);
        let name = partition.as_ref().ok().and_then(|value| get_attr(value, "name").ok());
        assert_eq!(name, Some(s("aws")));
        assert!(run("aws.partition", vec![Value::None]).is_err());
    }
}
