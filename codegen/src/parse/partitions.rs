//! The AWS partitions table that `aws.partition` reads, from `codegen/data/partitions.json`.

use serde_json::Value;

use crate::error::Error;

/// The project's partitions data, compiled into the generator and emitted into each crate.
pub const DEFAULT: &str = include_str!("../../data/partitions.json");

#[derive(Debug, Clone, PartialEq)]
pub struct Partition {
    pub id: String,
    pub region_regex: String,
    pub regions: Vec<String>,
    pub outputs: PartitionOutputs,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PartitionOutputs {
    pub name: String,
    pub dns_suffix: String,
    pub dual_stack_dns_suffix: String,
    pub supports_fips: bool,
    pub supports_dual_stack: bool,
    pub implicit_global_region: String,
}

/// Parses the standard `partitions.json` format.
pub fn parse(json: &str) -> Result<Vec<Partition>, Error> {
    let document: Value = serde_json::from_str(json)
        .map_err(|err| Error::new("$", format!("the partitions data is not valid JSON: {err}")))?;
    let partitions = document
        .get("partitions")
        .and_then(Value::as_array)
        .ok_or_else(|| Error::new("$.partitions", "expected an array of partitions"))?;
    partitions
        .iter()
        .enumerate()
        .map(|(i, partition)| parse_partition(partition, &format!("$.partitions[{i}]")))
        .collect()
}

fn parse_partition(value: &Value, path: &str) -> Result<Partition, Error> {
    let string = |value: &Value, key: &str, path: &str| {
        value
            .get(key)
            .and_then(Value::as_str)
            .map(str::to_owned)
            .ok_or_else(|| Error::new(format!("{path}.{key}"), "expected a string"))
    };
    let boolean = |value: &Value, key: &str, path: &str| {
        value.get(key).and_then(Value::as_bool).ok_or_else(|| Error::new(format!("{path}.{key}"), "expected a boolean"))
    };
    let regions = match value.get("regions") {
        Some(Value::Object(regions)) => regions.keys().cloned().collect(),
        _ => return Err(Error::new(format!("{path}.regions"), "expected an object keyed by region")),
    };
    let outputs_path = format!("{path}.outputs");
    let outputs = value.get("outputs").ok_or_else(|| Error::new(&outputs_path, "missing outputs"))?;
    Ok(Partition {
        id: string(value, "id", path)?,
        region_regex: string(value, "regionRegex", path)?,
        regions,
        outputs: PartitionOutputs {
            name: string(outputs, "name", &outputs_path)?,
            dns_suffix: string(outputs, "dnsSuffix", &outputs_path)?,
            dual_stack_dns_suffix: string(outputs, "dualStackDnsSuffix", &outputs_path)?,
            supports_fips: boolean(outputs, "supportsFIPS", &outputs_path)?,
            supports_dual_stack: boolean(outputs, "supportsDualStack", &outputs_path)?,
            implicit_global_region: string(outputs, "implicitGlobalRegion", &outputs_path)?,
        },
    })
}
