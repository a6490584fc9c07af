//! The wire formats generated code writes and reads: restJson1's HTTP
//! bindings (members bound to the URI path, the query string and headers),
//! and the JSON pieces every JSON protocol shares (structures read as
//! objects, dense maps, floats and timestamps in their wire forms). AWS JSON
//! needs nothing of its own here: its requests are a JSON body and a target
//! header, which generated code writes, and its error codes are read as
//! restJson1's are ([`crate::invoke`]).

use std::fmt::Write as _;

pub mod json_path;

/// Characters RFC 3986 leaves unescaped anywhere.
fn is_unreserved(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~')
}

/// Percent-encodes `value` for a path label; a greedy label (`{Key+}`)
/// keeps its `/` separators. A label cannot change the path: `/` in a
/// plain label, `?` and `#` are encoded, and so are the dots of a segment
/// that is `.` or `..`, which would otherwise be read as a step up or aside.
pub fn encode_label(value: &str, greedy: bool) -> String {
    let encoded = encode(value, |byte| is_unreserved(byte) || (greedy && byte == b'/'));
    if !encoded.split('/').any(|segment| segment == "." || segment == "..") {
        return encoded;
    }
    let segments: Vec<String> = encoded
        .split('/')
        .map(|segment| match segment {
            "." | ".." => segment.replace('.', "%2E"),
            _ => segment.to_owned(),
        })
        .collect();
    segments.join("/")
}

/// Percent-encodes a query string key or value.
pub fn encode_query(value: &str) -> String {
    encode(value, is_unreserved)
}

fn encode(value: &str, keep: impl Fn(u8) -> bool) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if keep(byte) {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

/// Builds a query string in the order parameters are added.
#[derive(Default)]
pub struct Query {
    pairs: Vec<(String, String)>,
}

impl Query {
    /// Adds `key=value`.
    pub fn push(&mut self, key: &str, value: &str) {
        self.pairs.push((key.to_owned(), value.to_owned()));
    }

    /// Whether `key` was added already: `httpQuery` members win over the
    /// same key in an `httpQueryParams` map.
    pub fn contains(&self, key: &str) -> bool {
        self.pairs.iter().any(|(existing, _)| existing == key)
    }

    /// Appends the query to `path`, which may already hold a literal query
    /// from the operation's URI pattern.
    pub fn append_to(self, mut path: String) -> String {
        for (index, (key, value)) in self.pairs.iter().enumerate() {
            let separator = if index == 0 && !path.contains('?') { '?' } else { '&' };
            path.push(separator);
            path.push_str(&encode_query(key));
            path.push('=');
            path.push_str(&encode_query(value));
        }
        path
    }
}

/// A list header value: items joined by `, `, each quoted when it holds a
/// comma or a double quote.
pub fn join_header_list<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    let quoted: Vec<String> = items
        .into_iter()
        .map(|item| {
            if item.contains([',', '"']) {
                format!("\"{}\"", item.replace('\\', "\\\\").replace('"', "\\\""))
            } else {
                item.to_owned()
            }
        })
        .collect();
    quoted.join(", ")
}

/// Splits a list header value, honouring double-quoted items.
pub fn split_header_list(value: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    let mut escaped = false;
    let mut was_quoted = false;
    for c in value.chars() {
        match c {
            _ if escaped => {
                current.push(c);
                escaped = false;
            }
            '\\' if quoted => escaped = true,
            '"' => {
                quoted = !quoted;
                was_quoted = true;
            }
            ',' if !quoted => {
                items.push(finish_item(&current, was_quoted));
                current.clear();
                was_quoted = false;
            }
            _ => current.push(c),
        }
    }
    items.push(finish_item(&current, was_quoted));
    items
}

/// Splits a header list of HTTP dates. They are not quoted, and each has a
/// comma of its own after the weekday (`Mon, 16 Dec 2019 23:48:18 GMT`), so
/// a weekday piece is joined back to the piece after it.
pub fn split_http_date_list(value: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut pieces = value.split(',').map(str::trim);
    while let Some(piece) = pieces.next() {
        let weekday = piece.len() == 3 && piece.bytes().all(|b| b.is_ascii_alphabetic());
        if weekday {
            if let Some(date) = pieces.next() {
                items.push(format!("{piece}, {date}"));
                continue;
            }
        }
        // Anything else stays as it is, for the date parser to reject with its header name.
        items.push(piece.to_owned());
    }
    items
}

fn finish_item(item: &str, was_quoted: bool) -> String {
    if was_quoted {
        item.trim_matches(|c: char| c == ' ' || c == '\t').to_owned()
    } else {
        item.trim().to_owned()
    }
}

/// A float as restJson1 writes it in text: `NaN`, `Infinity` and
/// `-Infinity` by name, and an `f32` as the shortest text that reads back as
/// that `f32` (`1.1`, not the `1.100000023841858` of its `f64` widening).
pub fn float_text<T: float::Float>(value: T) -> String {
    let wide = value.to_f64();
    if wide.is_nan() {
        "NaN".to_owned()
    } else if wide.is_infinite() {
        if wide > 0.0 { "Infinity" } else { "-Infinity" }.to_owned()
    } else {
        value.to_string()
    }
}

/// A JSON object key, borrowed from the input when it has no escapes: what the
/// structures' `Deserialize` impls match member names against.
pub struct Key<'de>(std::borrow::Cow<'de, str>);

impl std::ops::Deref for Key<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl<'de> serde::Deserialize<'de> for Key<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;

        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Key<'de>;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a member name")
            }

            fn visit_borrowed_str<E: serde::de::Error>(self, key: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(std::borrow::Cow::Borrowed(key)))
            }

            fn visit_str<E: serde::de::Error>(self, key: &str) -> Result<Key<'de>, E> {
                Ok(Key(std::borrow::Cow::Owned(key.to_owned())))
            }

            fn visit_string<E: serde::de::Error>(self, key: String) -> Result<Key<'de>, E> {
                Ok(Key(std::borrow::Cow::Owned(key)))
            }

            // Some formats, and serde's own buffering, hand keys over as bytes.
            fn visit_borrowed_bytes<E: serde::de::Error>(self, key: &'de [u8]) -> Result<Key<'de>, E> {
                std::str::from_utf8(key).map(|key| Key(std::borrow::Cow::Borrowed(key))).map_err(E::custom)
            }

            fn visit_bytes<E: serde::de::Error>(self, key: &[u8]) -> Result<Key<'de>, E> {
                self.visit_str(std::str::from_utf8(key).map_err(E::custom)?)
            }
        }

        deserializer.deserialize_str(Visitor)
    }
}

/// Structures, read from and written to a JSON object. Each structure's `Deserialize` hands
/// the object's members to its [`object::Object::read`]. An operation's input or output whose
/// members are partly bound to the URI, query, headers or status code has two JSON forms: its
/// serde form holds every member (nothing is lost when a caller stores a value), while its
/// restJson1 body holds only the members bound to the body, read through [`object::Body`] and
/// written through [`object::WriteBody`].
pub mod object {
    use std::fmt;
    use std::marker::PhantomData;

    use serde::de::{self, Deserializer, MapAccess};
    use serde::ser::{Serialize, Serializer};

    /// Which members [`Object::read`] takes from the object.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Members {
        /// Every member: the structure's serde form.
        All,
        /// Only the members bound to the body: a restJson1 response body, whose other members
        /// arrive in headers or the status code.
        Body,
    }

    /// A structure read from the members of a JSON object.
    pub trait Object<'de>: Sized {
        /// The structure's name, for the error when the value is not an object.
        const NAME: &'static str;
        /// Reads the object's `members`, skipping those it does not know or does not take.
        fn read<A: MapAccess<'de>>(map: A, members: Members) -> Result<Self, A::Error>;
    }

    /// `Deserialize::deserialize` of every structure: a JSON object, nothing
    /// else (serde's derive also reads arrays, which restJson1 never sends).
    pub fn deserialize<'de, T: Object<'de>, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
        deserializer.deserialize_map(Visitor(PhantomData, Members::All))
    }

    /// A structure as a restJson1 body: deserializing reads only its body members, serializing
    /// writes only them.
    #[derive(Debug)]
    pub struct Body<T>(pub T);

    impl<'de, T: Object<'de>> serde::Deserialize<'de> for Body<T> {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserializer.deserialize_map(Visitor(PhantomData, Members::Body)).map(Body)
        }
    }

    /// An operation input whose request body holds only some of its members.
    pub trait WriteBody {
        /// Writes the members bound to the body as a JSON object.
        fn write_body<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error>;
    }

    impl<T: WriteBody> Serialize for Body<&T> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            self.0.write_body(serializer)
        }
    }

    struct Visitor<T>(PhantomData<T>, Members);

    impl<'de, T: Object<'de>> de::Visitor<'de> for Visitor<T> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            expecting(f, T::NAME)
        }

        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
            T::read(map, self.1)
        }
    }

    // Outside the generic visitor, so the formatting is compiled once, not once per structure.
    fn expecting(f: &mut fmt::Formatter<'_>, name: &str) -> fmt::Result {
        write!(f, "a `{name}` object")
    }
}

/// Reads the value of a structure member that is an optional dense map, without
/// the entries whose value is `null`.
pub fn next_dense_map<'de, K, V, A>(map: &mut A) -> Result<Option<std::collections::HashMap<K, V>>, A::Error>
where
    K: serde::Deserialize<'de> + Eq + std::hash::Hash,
    V: serde::Deserialize<'de>,
    A: serde::de::MapAccess<'de>,
{
    map.next_value_seed(DenseMap::default())
}

/// Reads an optional dense map without the entries whose value is `null`
/// (entry by entry, with no map of `Option`s in between).
pub struct DenseMap<K, V>(std::marker::PhantomData<(K, V)>);

impl<K, V> Default for DenseMap<K, V> {
    fn default() -> Self {
        Self(std::marker::PhantomData)
    }
}

impl<'de, K, V> serde::de::DeserializeSeed<'de> for DenseMap<K, V>
where
    K: serde::Deserialize<'de> + Eq + std::hash::Hash,
    V: serde::Deserialize<'de>,
{
    type Value = Option<std::collections::HashMap<K, V>>;

    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_option(self)
    }
}

impl<'de, K, V> serde::de::Visitor<'de> for DenseMap<K, V>
where
    K: serde::Deserialize<'de> + Eq + std::hash::Hash,
    V: serde::Deserialize<'de>,
{
    type Value = Option<std::collections::HashMap<K, V>>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a map or null")
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(self)
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut entries: A) -> Result<Self::Value, A::Error> {
        let mut map = std::collections::HashMap::with_capacity(entries.size_hint().unwrap_or(0));
        while let Some((key, value)) = entries.next_entry::<K, Option<V>>()? {
            if let Some(value) = value {
                map.insert(key, value);
            }
        }
        Ok(Some(map))
    }
}

/// A fresh random idempotency token, formatted as a UUID version 4. It only
/// needs to be unique, not secret, so the crate's fast random generator
/// serves.
pub fn idempotency_token() -> String {
    let mut bytes = [0u8; 16];
    for byte in &mut bytes {
        *byte = fastrand::u8(..);
    }
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|byte| format!("{byte:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &hex[0..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..32])
}

/// A response header as text, when present and valid UTF-8.
pub fn header<'a>(response: &'a crate::http::Response, name: &str) -> Option<&'a str> {
    response.headers().get(name).and_then(|value| value.to_str().ok())
}

/// Response headers whose names start with `prefix` (case-insensitively),
/// keyed by the rest of the name.
pub fn prefix_headers(response: &crate::http::Response, prefix: &str) -> std::collections::HashMap<String, String> {
    let prefix = prefix.to_ascii_lowercase();
    response
        .headers()
        .iter()
        .filter_map(|(name, value)| {
            let rest = name.as_str().strip_prefix(prefix.as_str())?;
            Some((rest.to_owned(), value.to_str().ok()?.to_owned()))
        })
        .collect()
}

/// The text of a `@mediaType` string sent in header `name`, which restJson1
/// base64-encodes; an error names the header.
pub fn header_text(name: &str, value: &str) -> Result<String, String> {
    let bytes = crate::primitives::Blob::from_base64(value.trim())
        .map_err(|_| format!("header `{name}` is not base64: `{value}`"))?
        .into_inner();
    String::from_utf8(bytes).map_err(|err| format!("header `{name}` is not base64 of UTF-8 text: {err}"))
}

/// Parses a header into the member's type, naming the header on failure.
pub fn parse_header<T: std::str::FromStr>(name: &str, value: &str) -> Result<T, String>
where
    T::Err: std::fmt::Display,
{
    value.trim().parse().map_err(|err| format!("header `{name}` has the invalid value `{value}`: {err}"))
}

/// Serde for values whose leaves restJson1 writes its own way (floats, timestamps with a
/// `timestampFormat`), alone or inside lists, maps and options. A leaf kind is a marker type
/// `L`; `Wire<L>` is implemented for its leaf types and, once here, for the containers.
pub mod wire {
    use std::collections::HashMap;
    use std::fmt;
    use std::hash::Hash;
    use std::marker::PhantomData;

    use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess};
    use serde::ser::{Serialize, Serializer};

    /// A type whose leaves of kind `L`, however deep, go over the wire as restJson1 writes them.
    pub trait Wire<L>: Sized {
        /// Whether `null` is a value of the type (an `Option`). A map of values that are
        /// not (a dense map) drops the entries sent as `null`, as restJson1 clients do.
        const NULLABLE: bool = false;
        /// Writes the value, its leaves as restJson1 writes them.
        fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error>;
        /// Reads a value written so.
        fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error>;
    }

    /// Writes a [`Wire`] value where serde expects [`Serialize`] (also for union members).
    pub struct Ser<'a, L, T>(pub &'a T, pub PhantomData<L>);

    impl<L, T: Wire<L>> Serialize for Ser<'_, L, T> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            self.0.write(serializer)
        }
    }

    /// Reads a [`Wire`] value where serde expects a seed.
    struct Read<L, T>(PhantomData<(L, T)>);

    /// Reads the value of a structure or union member whose leaves are of kind `L`.
    pub fn next<'de, L, T: Wire<L>, A: MapAccess<'de>>(map: &mut A) -> Result<T, A::Error> {
        map.next_value_seed(Read::<L, T>(PhantomData))
    }

    impl<'de, L, T: Wire<L>> DeserializeSeed<'de> for Read<L, T> {
        type Value = T;
        fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
            T::read(deserializer)
        }
    }

    impl<L, T: Wire<L>> Wire<L> for Option<T> {
        const NULLABLE: bool = true;
        fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            match self {
                Some(value) => serializer.serialize_some(&Ser(value, PhantomData::<L>)),
                None => serializer.serialize_none(),
            }
        }
        fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserializer.deserialize_option(OptionVisitor::<L, T>(PhantomData))
        }
    }

    impl<L, T: Wire<L>> Wire<L> for Vec<T> {
        fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.collect_seq(self.iter().map(|item| Ser(item, PhantomData::<L>)))
        }
        fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserializer.deserialize_seq(SeqVisitor::<L, T>(PhantomData))
        }
    }

    impl<L, K, V> Wire<L> for HashMap<K, V>
    where
        K: Serialize + for<'de> de::Deserialize<'de> + Eq + Hash,
        V: Wire<L>,
    {
        fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.collect_map(self.iter().map(|(key, value)| (key, Ser(value, PhantomData::<L>))))
        }
        fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserializer.deserialize_map(MapVisitor::<L, K, V>(PhantomData))
        }
    }

    struct OptionVisitor<L, T>(PhantomData<(L, T)>);

    impl<'de, L, T: Wire<L>> de::Visitor<'de> for OptionVisitor<L, T> {
        type Value = Option<T>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a value or null")
        }

        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
            T::read(deserializer).map(Some)
        }
    }

    struct SeqVisitor<L, T>(PhantomData<(L, T)>);

    impl<'de, L, T: Wire<L>> de::Visitor<'de> for SeqVisitor<L, T> {
        type Value = Vec<T>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a list")
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
            while let Some(item) = seq.next_element_seed(Read::<L, T>(PhantomData))? {
                items.push(item);
            }
            Ok(items)
        }
    }

    struct MapVisitor<L, K, V>(PhantomData<(L, K, V)>);

    impl<'de, L, K, V> de::Visitor<'de> for MapVisitor<L, K, V>
    where
        K: de::Deserialize<'de> + Eq + Hash,
        V: Wire<L>,
    {
        type Value = HashMap<K, V>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a map")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut entries = HashMap::with_capacity(map.size_hint().unwrap_or(0).min(4096));
            while let Some(key) = map.next_key::<K>()? {
                if V::NULLABLE {
                    entries.insert(key, map.next_value_seed(Read::<L, V>(PhantomData))?);
                } else if let Some(value) = map.next_value_seed(Read::<L, Option<V>>(PhantomData))? {
                    entries.insert(key, value);
                }
            }
            Ok(entries)
        }
    }
}

/// Serde for members that hold floats, alone or inside lists, maps and options:
/// restJson1 writes NaN and the infinities as the strings `"NaN"`, `"Infinity"`
/// and `"-Infinity"`, which JSON numbers cannot hold.
/// Structures write such a member with `#[serde(serialize_with = "crate::protocol::float::serialize")]`
/// and read it with [`float::next`].
pub mod float {
    use std::fmt;

    use serde::de::{self, Deserializer};
    use serde::ser::Serializer;

    use super::wire::Wire;

    /// The leaf kind of [`super::wire`] for `f32` and `f64`.
    pub enum Leaf {}

    /// `f32` and `f64`: read through `f64`, written as themselves.
    pub trait Float: Copy + fmt::Display {
        /// The value as `f64`, exactly.
        fn to_f64(self) -> f64;
        /// The nearest value of the type.
        fn from_f64(value: f64) -> Self;
        /// A JSON number of the type's own precision.
        fn serialize_number<S: Serializer>(self, serializer: S) -> Result<S::Ok, S::Error>;
    }

    impl Float for f64 {
        fn to_f64(self) -> f64 {
            self
        }
        fn from_f64(value: f64) -> Self {
            value
        }
        fn serialize_number<S: Serializer>(self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.serialize_f64(self)
        }
    }

    impl Float for f32 {
        fn to_f64(self) -> f64 {
            f64::from(self)
        }
        #[allow(clippy::cast_possible_truncation)]
        fn from_f64(value: f64) -> Self {
            value as f32
        }
        fn serialize_number<S: Serializer>(self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.serialize_f32(self)
        }
    }

    /// Writes a member that holds floats (`serialize_with`): NaN and the infinities as strings.
    pub fn serialize<T: Wire<Leaf>, S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
        value.write(serializer)
    }

    /// Reads the value of a structure member that holds floats.
    pub fn next<'de, T: Wire<Leaf>, A: serde::de::MapAccess<'de>>(map: &mut A) -> Result<T, A::Error> {
        super::wire::next::<Leaf, T, A>(map)
    }

    impl Wire<Leaf> for f64 {
        fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            number(*self, serializer)
        }
        fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserializer.deserialize_any(NumberVisitor)
        }
    }

    impl Wire<Leaf> for f32 {
        fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            number(*self, serializer)
        }
        fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserializer.deserialize_any(NumberVisitor).map(f32::from_f64)
        }
    }

    fn number<T: Float, S: Serializer>(value: T, serializer: S) -> Result<S::Ok, S::Error> {
        if value.to_f64().is_finite() {
            value.serialize_number(serializer)
        } else {
            serializer.serialize_str(&super::float_text(value))
        }
    }

    struct NumberVisitor;

    impl de::Visitor<'_> for NumberVisitor {
        type Value = f64;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a number, or \"NaN\", \"Infinity\" or \"-Infinity\"")
        }

        fn visit_f64<E: de::Error>(self, value: f64) -> Result<f64, E> {
            Ok(value)
        }

        #[allow(clippy::cast_precision_loss)]
        fn visit_i64<E: de::Error>(self, value: i64) -> Result<f64, E> {
            Ok(value as f64)
        }

        #[allow(clippy::cast_precision_loss)]
        fn visit_u64<E: de::Error>(self, value: u64) -> Result<f64, E> {
            Ok(value as f64)
        }

        fn visit_str<E: de::Error>(self, value: &str) -> Result<f64, E> {
            match value {
                "NaN" => Ok(f64::NAN),
                "Infinity" => Ok(f64::INFINITY),
                "-Infinity" => Ok(f64::NEG_INFINITY),
                _ => Err(E::invalid_value(de::Unexpected::Str(value), &self)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_cannot_change_the_path() {
        assert_eq!(encode_label("..", false), "%2E%2E");
        assert_eq!(encode_label(".", false), "%2E");
        assert_eq!(encode_label("../admin", false), "..%2Fadmin");
        assert_eq!(encode_label("a/../../b/./c", true), "a/%2E%2E/%2E%2E/b/%2E/c");
        assert_eq!(encode_label("..a/b..", true), "..a/b..");
        assert_eq!(encode_label("x?y#z%2F", false), "x%3Fy%23z%252F");
        assert_eq!(encode_label("x?y#z", true), "x%3Fy%23z");
    }

    #[test]
    fn labels_and_queries_are_percent_encoded() {
        assert_eq!(encode_label("a b/c?d", false), "a%20b%2Fc%3Fd");
        assert_eq!(encode_label("a b/c", true), "a%20b/c");
        assert_eq!(encode_label("ü", false), "%C3%BC");
        let mut query = Query::default();
        query.push("a", "1 2");
        query.push("a", "&=");
        assert_eq!(query.append_to("/x".to_owned()), "/x?a=1%202&a=%26%3D");
        let mut query = Query::default();
        query.push("b", "c");
        assert!(query.contains("b"));
        assert_eq!(query.append_to("/x?fixed=1".to_owned()), "/x?fixed=1&b=c");
    }

    #[test]
    fn http_date_lists_split_between_dates() {
        let two = "Mon, 16 Dec 2019 23:48:18 GMT, Tue, 17 Dec 2019 00:00:01 GMT";
        assert_eq!(split_http_date_list(two), ["Mon, 16 Dec 2019 23:48:18 GMT", "Tue, 17 Dec 2019 00:00:01 GMT"]);
        assert_eq!(split_http_date_list("Mon, 16 Dec 2019 23:48:18 GMT"), ["Mon, 16 Dec 2019 23:48:18 GMT"]);
        // Not dates: kept piece by piece, so the parser names what it could not read.
        assert_eq!(split_http_date_list("soon, later"), ["soon", "later"]);
        assert_eq!(split_http_date_list("Mon"), ["Mon"]);
    }

    #[test]
    fn header_lists_quote_and_split() {
        assert_eq!(join_header_list(["a", "b,c", "d\"e"]), r#"a, "b,c", "d\"e""#);
        assert_eq!(split_header_list(r#"a, "b,c", "d\"e""#), ["a", "b,c", "d\"e"]);
        assert_eq!(split_header_list("1,2, 3"), ["1", "2", "3"]);
    }

    #[test]
    fn idempotency_tokens_are_uuid_v4() {
        let token = idempotency_token();
        assert_eq!(token.len(), 36);
        assert_eq!(&token[14..15], "4");
        assert!(matches!(&token[19..20], "8" | "9" | "a" | "b"));
        assert_ne!(token, idempotency_token());
    }

    #[test]
    fn header_parse_errors_name_the_header() {
        assert_eq!(parse_header::<i32>("x-count", " 42 "), Ok(42));
        let error = parse_header::<i32>("x-count", "many").err().unwrap_or_default();
        assert!(error.starts_with("header `x-count` has the invalid value `many`"), "{error}");
    }

    /// What structures' `Deserialize` does for a float member, as a serde `deserialize_with`.
    fn read<'de, T: wire::Wire<float::Leaf>, D: serde::Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
        T::read(deserializer)
    }

    #[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq)]
    struct Floats {
        #[serde(serialize_with = "float::serialize", deserialize_with = "read")]
        plain: f64,
        #[serde(serialize_with = "float::serialize", deserialize_with = "read", default)]
        optional: Option<f32>,
    }

    #[test]
    fn floats_write_nan_and_infinities_as_strings() {
        let value = Floats { plain: f64::INFINITY, optional: Some(f32::NEG_INFINITY) };
        let json = serde_json::to_string(&value).unwrap_or_default();
        assert_eq!(json, r#"{"plain":"Infinity","optional":"-Infinity"}"#);
        assert_eq!(serde_json::from_str::<Floats>(&json).ok(), Some(value));
        let nan: Floats = serde_json::from_str(r#"{"plain":"NaN"}"#).unwrap_or(Floats { plain: 0.0, optional: None });
        assert!(nan.plain.is_nan() && nan.optional.is_none());
        let plain: Floats =
            serde_json::from_str(r#"{"plain":1.5,"optional":2}"#).unwrap_or(Floats { plain: 0.0, optional: None });
        assert_eq!(plain, Floats { plain: 1.5, optional: Some(2.0) });
        assert!(serde_json::from_str::<Floats>(r#"{"plain":"nan"}"#).is_err());
    }

    #[derive(serde::Serialize, serde::Deserialize, Debug, Default)]
    struct FloatCollections {
        #[serde(serialize_with = "float::serialize", deserialize_with = "read", default)]
        list: Option<Vec<f64>>,
        #[serde(serialize_with = "float::serialize", deserialize_with = "read", default)]
        sparse: Vec<Option<f32>>,
        #[serde(serialize_with = "float::serialize", deserialize_with = "read", default)]
        dense: Option<std::collections::HashMap<String, f64>>,
        #[serde(serialize_with = "float::serialize", deserialize_with = "read", default)]
        sparse_map: std::collections::HashMap<String, Option<f64>>,
        #[serde(serialize_with = "float::serialize", deserialize_with = "read", default)]
        nested: Vec<Vec<f64>>,
    }

    /// NaN and the infinities are strings wherever the float is: in lists, in maps, in
    /// lists of lists; a dense map drops its `null` entries, a sparse one keeps them.
    #[test]
    fn floats_inside_collections_read_and_write_nan_as_strings() {
        let json = r#"{"list":[1.5,"NaN","-Infinity"],"sparse":[null,"Infinity",2],"dense":{"a":"NaN","b":null,"c":3},"sparse_map":{"x":null,"y":"-Infinity"},"nested":[[0.25,"Infinity"]]}"#;
        let value: FloatCollections = serde_json::from_str(json).unwrap_or_else(|err| panic!("{err}"));
        let list = value.list.clone().unwrap_or_default();
        assert!(list[0] == 1.5 && list[1].is_nan() && list[2] == f64::NEG_INFINITY);
        assert_eq!(value.sparse, [None, Some(f32::INFINITY), Some(2.0)]);
        let dense = value.dense.clone().unwrap_or_default();
        assert!(dense.len() == 2 && dense["a"].is_nan() && dense["c"] == 3.0);
        assert_eq!(value.sparse_map.len(), 2);
        assert_eq!((value.sparse_map["x"], value.sparse_map["y"]), (None, Some(f64::NEG_INFINITY)));
        assert_eq!(value.nested, [vec![0.25, f64::INFINITY]]);
        let written: serde_json::Value = serde_json::to_value(&value).unwrap_or_default();
        assert_eq!(written["list"], serde_json::json!([1.5, "NaN", "-Infinity"]));
        assert_eq!(written["sparse"], serde_json::json!([null, "Infinity", 2.0]));
        assert_eq!(written["dense"]["a"], "NaN");
        assert_eq!(written["nested"], serde_json::json!([[0.25, "Infinity"]]));
        assert!(serde_json::from_str::<FloatCollections>(r#"{"list":["nan"]}"#).is_err());
        assert!(serde_json::from_str::<FloatCollections>(r#"{"list":null}"#).is_ok_and(|value| value.list.is_none()));
    }

    #[test]
    fn a_dense_map_drops_null_entries() {
        use serde::de::DeserializeSeed;
        let read = |json: &str| {
            DenseMap::<String, Vec<String>>::default()
                .deserialize(&mut serde_json::Deserializer::from_str(json))
                .map_err(|err| err.to_string())
        };
        let dense = read(r#"{"x": [], "y": ["a"], "z": null}"#);
        let expected =
            std::collections::HashMap::from([("x".to_owned(), vec![]), ("y".to_owned(), vec!["a".to_owned()])]);
        assert_eq!(dense, Ok(Some(expected)));
        assert_eq!(read("null"), Ok(None));
        assert!(read("[1]").is_err());
    }

    #[test]
    fn a_key_borrows_unless_it_has_escapes() {
        let key = |json: &str| {
            serde_json::from_str::<Key<'_>>(json).map(|key| matches!(key.0, std::borrow::Cow::Borrowed(_)))
        };
        assert!(key(r#""plain""#).is_ok_and(|borrowed| borrowed));
        assert!(key(r#""esc\u0061ped""#).is_ok_and(|borrowed| !borrowed));
        assert_eq!(
            serde_json::from_str::<Key<'_>>(r#""a\u0062""#).map(|key| key.to_string()).ok().as_deref(),
            Some("ab")
        );
        let bytes = serde::de::value::BorrowedBytesDeserializer::<serde::de::value::Error>::new(b"bytes");
        assert_eq!(
            serde::Deserialize::deserialize(bytes).map(|key: Key<'_>| key.to_string()).ok().as_deref(),
            Some("bytes")
        );
    }

    #[test]
    fn an_f32_is_written_at_its_own_precision() {
        let value = Floats { plain: 1.1, optional: Some(1.1) };
        assert_eq!(serde_json::to_string(&value).unwrap_or_default(), r#"{"plain":1.1,"optional":1.1}"#);
        assert_eq!(
            (float_text(1.1f32), float_text(4.1f64), float_text(f32::NAN)),
            ("1.1".into(), "4.1".into(), "NaN".into())
        );
    }
}
