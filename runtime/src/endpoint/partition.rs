//! The partitions table that `aws.partition` reads: which partition (`aws`, `aws-cn`,
//! `aws-us-gov`, ...) a region belongs to, and that partition's DNS suffixes and features.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::{Arc, OnceLock};

use serde::Deserialize;

use region_regex::RegionRegex;

use super::eval::Value;
use super::functions::object;

mod region_regex;

/// The partitions table used by the `aws.partition` function of the endpoint rules.
///
/// A region is looked up in three steps:
///
/// 1. a partition that lists the region by name, the first in table order (with any outputs
///    the region overrides);
/// 2. else the first partition whose `regionRegex` matches the region;
/// 3. else the partition with the id `aws`.
///
/// [`Partitions::builtin`] (and [`Partitions::default`]) is the table built into this crate
/// (`data/partitions.json`). [`Partitions::from_json`] reads a newer `partitions.json`, for
/// regions and partitions that did not exist when it was built. Cloning is cheap: clones share
/// the table.
#[derive(Clone, Debug)]
pub struct Partitions {
    partitions: Arc<[Partition]>,
}

/// One partition, ready for lookups.
#[derive(Debug)]
struct Partition {
    id: String,
    region_regex: RegionRegex,
    regions: BTreeMap<String, Overrides>,
    outputs: Outputs,
}

#[derive(Debug)]
struct Outputs {
    name: String,
    dns_suffix: String,
    dual_stack_dns_suffix: String,
    supports_fips: bool,
    supports_dual_stack: bool,
    /// `None` when a `partitions.json` leaves it out (older files do): `getAttr` of it is then
    /// no value, not an empty string.
    implicit_global_region: Option<String>,
}

/// What one region of a `partitions.json` changes in its partition's outputs.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Overrides {
    name: Option<String>,
    dns_suffix: Option<String>,
    dual_stack_dns_suffix: Option<String>,
    #[serde(rename = "supportsFIPS")]
    supports_fips: Option<bool>,
    supports_dual_stack: Option<bool>,
    implicit_global_region: Option<String>,
}

/// The table built into the crate, as [`Partitions::builtin`] gives it.
impl Default for Partitions {
    fn default() -> Self {
        Self::builtin().clone()
    }
}

/// The partitions table this crate is built with.
const BUILTIN: &str = include_str!("../../data/partitions.json");

impl Partitions {
    /// The partitions built into this crate, read on first use.
    pub fn builtin() -> &'static Partitions {
        static BUILT_IN: OnceLock<Partitions> = OnceLock::new();
        // The file is part of this crate and a unit test reads it, so it cannot fail here.
        BUILT_IN.get_or_init(|| {
            Partitions::from_json(BUILTIN).unwrap_or_else(|error| panic!("the built-in partitions table: {error}"))
        })
    }

    /// Reads a table in the standard `partitions.json` format, which replaces the built-in one
    /// entirely:
    ///
    /// ```json
    /// {"version": "1.1", "partitions": [{
    ///     "id": "aws", "regionRegex": "^(us|eu|ap|sa|ca|me|af)-\\w+-\\d+$",
    ///     "regions": {"us-east-1": {"description": "US East (N. Virginia)"}},
    ///     "outputs": {"name": "aws", "dnsSuffix": "amazonaws.com", "dualStackDnsSuffix": "api.aws",
    ///                 "supportsFIPS": true, "supportsDualStack": true, "implicitGlobalRegion": "us-east-1"}
    /// }]}
    /// ```
    ///
    /// A region's object may override any of the outputs for that region (`name`, `dnsSuffix`,
    /// `dualStackDnsSuffix`, `supportsFIPS`, `supportsDualStack`, `implicitGlobalRegion`);
    /// `description` and unknown fields are ignored. An output's `name` defaults to the
    /// partition's `id`, and `implicitGlobalRegion` may be left out.
    ///
    /// It is an error if the text is not JSON of that shape, if `version` is there and is not
    /// `1.x`, if there are no partitions, or if a `regionRegex` does not compile. A
    /// `regionRegex` may use literals, `\w` `\d` `\s` (and `\W` `\D` `\S`), `.`, classes
    /// `[...]`, groups, `|`, `*` `+` `?` and `^` `$`: what partition tables use; counted
    /// repetition, flags, look-around and word boundaries are refused, with the reason.
    pub fn from_json(json: &str) -> Result<Partitions, PartitionsError> {
        let file: JsonFile = serde_json::from_str(json)
            .map_err(|err| PartitionsError::new(format!("invalid partitions JSON: {err}")))?;
        if let Some(version) = &file.version {
            if !version.starts_with("1.") {
                return Err(PartitionsError::new(format!("unsupported partitions version `{version}` (expected 1.x)")));
            }
        }
        if file.partitions.is_empty() {
            return Err(PartitionsError::new("the partitions JSON has no partitions"));
        }
        let partitions = file
            .partitions
            .into_iter()
            .map(|json| {
                let region_regex = RegionRegex::new(&json.region_regex).map_err(|err| {
                    PartitionsError::new(format!("the regionRegex of partition `{}` does not compile: {err}", json.id))
                })?;
                let outputs = Outputs {
                    name: json.outputs.name.unwrap_or_else(|| json.id.clone()),
                    dns_suffix: json.outputs.dns_suffix,
                    dual_stack_dns_suffix: json.outputs.dual_stack_dns_suffix,
                    supports_fips: json.outputs.supports_fips,
                    supports_dual_stack: json.outputs.supports_dual_stack,
                    implicit_global_region: json.outputs.implicit_global_region,
                };
                Ok(Partition { id: json.id, region_regex, regions: json.regions, outputs })
            })
            .collect::<Result<_, PartitionsError>>()?;
        Ok(Partitions { partitions })
    }

    /// `aws.partition`: the partition object of `region`, or `None` when no partition lists
    /// or matches it and there is no `aws` partition to fall back to.
    pub(crate) fn lookup(&self, region: &str) -> Option<Value> {
        let listed = self.partitions.iter().find_map(|p| p.regions.get(region).map(|overrides| (p, Some(overrides))));
        let (partition, overrides) = listed
            .or_else(|| {
                let matched = |p: &&Partition| p.region_regex.is_match(region);
                self.partitions.iter().find(matched).map(|p| (p, None))
            })
            .or_else(|| self.partitions.iter().find(|p| p.id == "aws").map(|p| (p, None)))?;
        Some(partition.outputs.to_value(overrides))
    }
}

impl Outputs {
    /// The object `aws.partition` returns, with a listed region's overrides applied.
    fn to_value(&self, overrides: Option<&Overrides>) -> Value {
        let none = Overrides::default();
        let overrides = overrides.unwrap_or(&none);
        let text = |over: &Option<String>, base: &String| Value::String(over.as_ref().unwrap_or(base).clone());
        let implicit_global_region = overrides.implicit_global_region.as_ref().or(self.implicit_global_region.as_ref());
        let mut value = object([
            ("name", text(&overrides.name, &self.name)),
            ("dnsSuffix", text(&overrides.dns_suffix, &self.dns_suffix)),
            ("dualStackDnsSuffix", text(&overrides.dual_stack_dns_suffix, &self.dual_stack_dns_suffix)),
            ("supportsFIPS", Value::Bool(overrides.supports_fips.unwrap_or(self.supports_fips))),
            ("supportsDualStack", Value::Bool(overrides.supports_dual_stack.unwrap_or(self.supports_dual_stack))),
        ]);
        if let (Value::Object(fields), Some(region)) = (&mut value, implicit_global_region) {
            fields.insert("implicitGlobalRegion".to_owned(), Value::String(region.clone()));
        }
        value
    }
}

/// The top level of `partitions.json`; other fields are ignored.
#[derive(Deserialize)]
struct JsonFile {
    version: Option<String>,
    partitions: Vec<JsonPartition>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct JsonPartition {
    id: String,
    region_regex: String,
    #[serde(default)]
    regions: BTreeMap<String, Overrides>,
    outputs: JsonOutputs,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct JsonOutputs {
    name: Option<String>,
    dns_suffix: String,
    dual_stack_dns_suffix: String,
    #[serde(rename = "supportsFIPS")]
    supports_fips: bool,
    supports_dual_stack: bool,
    implicit_global_region: Option<String>,
}

/// A partitions table given to [`Partitions::from_json`] could not be read. The message says
/// what is wrong: invalid JSON or a missing field (with its line and column), an unsupported
/// `version`, no partitions, or a `regionRegex` that does not compile (naming the partition).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartitionsError {
    message: String,
}

impl PartitionsError {
    fn new(message: impl Into<String>) -> Self {
        Self { message: message.into() }
    }
}

impl fmt::Display for PartitionsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for PartitionsError {}

#[cfg(test)]
mod tests {
    use super::*;

    /// A table of its own, so these tests do not depend on the built-in data.
    const JSON: &str = r#"{
        "version": "1.1",
        "partitions": [
            {
                "id": "aws",
                "regionRegex": "^(us|eu|ap|sa|ca|me|af)\\-\\w+\\-\\d+$",
                "regions": {
                    "us-east-1": {"description": "US East (N. Virginia)"},
                    "aws-global": {"description": "AWS Standard global region"},
                    "us-odd-1": {"dnsSuffix": "odd.example", "supportsDualStack": false, "implicitGlobalRegion": "us-odd-1"}
                },
                "outputs": {
                    "name": "aws", "dnsSuffix": "amazonaws.com", "dualStackDnsSuffix": "api.aws",
                    "supportsFIPS": true, "supportsDualStack": true, "implicitGlobalRegion": "us-east-1"
                }
            },
            {
                "id": "aws-cn",
                "regionRegex": "^cn\\-\\w+\\-\\d+$",
                "regions": {"cn-north-1": {}},
                "outputs": {
                    "name": "aws-cn", "dnsSuffix": "amazonaws.com.cn", "dualStackDnsSuffix": "api.amazonwebservices.com.cn",
                    "supportsFIPS": true, "supportsDualStack": true, "implicitGlobalRegion": "cn-northwest-1"
                }
            },
            {
                "id": "aws-xx",
                "regionRegex": "^xx\\-\\w+\\-\\d+$",
                "regions": {"xx-newland-1": {}, "us-east-1": {"dnsSuffix": "shadowed.example"}},
                "outputs": {
                    "dnsSuffix": "cloud.xx", "dualStackDnsSuffix": "dual.cloud.xx",
                    "supportsFIPS": false, "supportsDualStack": false
                }
            }
        ]
    }"#;

    fn table() -> Partitions {
        Partitions::from_json(JSON).unwrap_or_else(|error| panic!("{error}"))
    }

    fn field(partitions: &Partitions, region: &str, key: &str) -> Option<Value> {
        partitions.lookup(region)?.as_object()?.get(key).cloned()
    }

    fn text(partitions: &Partitions, region: &str, key: &str) -> Option<String> {
        field(partitions, region, key)?.as_str().map(str::to_owned)
    }

    #[test]
    fn exact_region_with_all_outputs() {
        let expected = object([
            ("name", Value::from("aws")),
            ("dnsSuffix", Value::from("amazonaws.com")),
            ("dualStackDnsSuffix", Value::from("api.aws")),
            ("supportsFIPS", Value::Bool(true)),
            ("supportsDualStack", Value::Bool(true)),
            ("implicitGlobalRegion", Value::from("us-east-1")),
        ]);
        assert_eq!(table().lookup("us-east-1"), Some(expected));
        // A listed name that the pattern does not match.
        assert_eq!(text(&table(), "aws-global", "name").as_deref(), Some("aws"));
        assert_eq!(text(&table(), "cn-north-1", "dnsSuffix").as_deref(), Some("amazonaws.com.cn"));
    }

    #[test]
    fn listed_regions_come_before_patterns_and_apply_overrides() {
        let partitions = table();
        // `us-odd-1` matches the `aws` pattern, but is listed with overrides.
        assert_eq!(text(&partitions, "us-odd-1", "dnsSuffix").as_deref(), Some("odd.example"));
        assert_eq!(field(&partitions, "us-odd-1", "supportsDualStack"), Some(Value::Bool(false)));
        assert_eq!(text(&partitions, "us-odd-1", "dualStackDnsSuffix").as_deref(), Some("api.aws"));
        assert_eq!(text(&partitions, "us-odd-1", "implicitGlobalRegion").as_deref(), Some("us-odd-1"));
        // Listed by two partitions: the first in table order wins.
        assert_eq!(text(&partitions, "us-east-1", "dnsSuffix").as_deref(), Some("amazonaws.com"));
    }

    #[test]
    fn regex_match_then_aws_fallback() {
        let partitions = table();
        assert_eq!(text(&partitions, "eu-central-7", "name").as_deref(), Some("aws"));
        assert_eq!(text(&partitions, "cn-south-9", "name").as_deref(), Some("aws-cn"));
        assert_eq!(text(&partitions, "xx-otherland-2", "dnsSuffix").as_deref(), Some("cloud.xx"));
        // Nothing lists or matches these: the `aws` partition.
        assert_eq!(text(&partitions, "mars-west-1", "name").as_deref(), Some("aws"));
        assert_eq!(text(&partitions, "", "name").as_deref(), Some("aws"));
    }

    #[test]
    fn no_aws_partition_to_fall_back_to() {
        let json = JSON.replace(r#""id": "aws","#, r#""id": "aws-classic","#);
        let partitions = Partitions::from_json(&json).unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(partitions.lookup("mars-west-1"), None);
        assert_eq!(text(&partitions, "us-west-2", "name").as_deref(), Some("aws"));
    }

    #[test]
    fn json_override_knows_a_new_partition() {
        let partitions = table();
        // Only the override knows `xx-newland-1`; its outputs have no name nor global region.
        assert_eq!(text(&partitions, "xx-newland-1", "name").as_deref(), Some("aws-xx"));
        assert_eq!(text(&partitions, "xx-newland-1", "dnsSuffix").as_deref(), Some("cloud.xx"));
        assert_eq!(field(&partitions, "xx-newland-1", "supportsFIPS"), Some(Value::Bool(false)));
        assert_eq!(field(&partitions, "xx-newland-1", "implicitGlobalRegion"), None);
        // The built-in table does not know it: it falls back to `aws`.
        assert_eq!(text(&Partitions::default(), "xx-newland-1", "name").as_deref(), Some("aws"));
    }

    #[test]
    fn json_errors_say_what_is_wrong() {
        let error = |json: &str| Partitions::from_json(json).err().map(|error| error.to_string()).unwrap_or_default();
        assert!(error("{").starts_with("invalid partitions JSON: "), "{}", error("{"));
        assert!(error(r#"{"version": "1.1"}"#).contains("missing field `partitions`"));
        let no_suffix = r#"{"partitions": [{"id": "p", "regionRegex": "^p$", "outputs": {"dualStackDnsSuffix": "d", "supportsFIPS": true, "supportsDualStack": true}}]}"#;
        assert!(error(no_suffix).contains("missing field `dnsSuffix`"), "{}", error(no_suffix));
        assert_eq!(
            error(r#"{"version": "2.0", "partitions": []}"#),
            "unsupported partitions version `2.0` (expected 1.x)"
        );
        assert_eq!(error(r#"{"partitions": []}"#), "the partitions JSON has no partitions");
        let bad_regex = r#"{"partitions": [{"id": "p", "regionRegex": "^(p$", "outputs": {"dnsSuffix": "s", "dualStackDnsSuffix": "d", "supportsFIPS": true, "supportsDualStack": true}}]}"#;
        assert!(
            error(bad_regex).starts_with("the regionRegex of partition `p` does not compile"),
            "{}",
            error(bad_regex)
        );
    }

    #[test]
    fn regions_are_optional_in_json() {
        let json = r#"{"partitions": [{"id": "aws", "regionRegex": "^a-\\d$", "outputs": {"dnsSuffix": "s", "dualStackDnsSuffix": "d", "supportsFIPS": true, "supportsDualStack": false}}]}"#;
        let partitions = Partitions::from_json(json).unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(text(&partitions, "a-1", "dnsSuffix").as_deref(), Some("s"));
    }

    #[test]
    fn built_in_table_reads_and_places_the_main_regions() {
        let partitions = Partitions::from_json(BUILTIN).unwrap_or_else(|error| panic!("{error}"));
        assert!(!partitions.partitions.is_empty());
        let partitions = Partitions::default();
        assert_eq!(text(&partitions, "us-east-1", "name").as_deref(), Some("aws"));
        assert_eq!(text(&partitions, "us-east-1", "dnsSuffix").as_deref(), Some("amazonaws.com"));
        assert_eq!(text(&partitions, "cn-north-1", "name").as_deref(), Some("aws-cn"));
        assert_eq!(text(&partitions, "eu-future-9", "name").as_deref(), Some("aws"));
    }
}
