//! Where AWS credentials come from, in the order LiteLLM (through boto3) looks: a named
//! profile, the call's `aws_*` keyword arguments (each falling back to its `AWS_*` variable),
//! then the `AWS_PROFILE` or default profile of the shared credentials and config files.

use super::setting;
use crate::providers::resolve::env_first;
use serde_json::{Map, Value};
use std::path::PathBuf;

/// Long-term or temporary AWS credentials. Never printed: `Debug` shows the key id only.
#[derive(Clone, PartialEq, Eq)]
pub struct AwsCredentials {
    pub access_key_id: String,
    pub secret_access_key: String,
    pub session_token: Option<String>,
}

impl std::fmt::Debug for AwsCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AwsCredentials")
            .field("access_key_id", &self.access_key_id)
            .finish_non_exhaustive()
    }
}

pub fn resolve(options: &Map<String, Value>) -> Result<AwsCredentials, String> {
    if let Some(profile) =
        setting(options, "aws_profile_name").or_else(|| env_first(&["AWS_PROFILE_NAME"]))
    {
        return from_profile(&profile)
            .ok_or_else(|| format!("The config profile ({profile}) could not be found"));
    }
    // Each field falls back to its own environment variable, so a call's key can pair with
    // the environment's secret, as in LiteLLM.
    let field = |name: &str, var: &str| setting(options, name).or_else(|| env_first(&[var]));
    if let (Some(access_key_id), Some(secret_access_key)) = (
        field("aws_access_key_id", "AWS_ACCESS_KEY_ID"),
        field("aws_secret_access_key", "AWS_SECRET_ACCESS_KEY"),
    ) {
        return Ok(AwsCredentials {
            access_key_id,
            secret_access_key,
            session_token: field("aws_session_token", "AWS_SESSION_TOKEN"),
        });
    }
    let profile = env_first(&["AWS_PROFILE"]).unwrap_or_else(|| "default".into());
    from_profile(&profile).ok_or_else(|| "Unable to locate credentials".to_owned())
}

/// The region a named profile (or the default one) sets in the config file.
pub fn profile_region(options: &Map<String, Value>) -> Option<String> {
    let profile = setting(options, "aws_profile_name")
        .or_else(|| env_first(&["AWS_PROFILE"]))
        .unwrap_or_else(|| "default".into());
    let config = read(config_file()?)?;
    section(&config, &config_section_name(&profile))?
        .get("region")
        .cloned()
}

fn from_profile(profile: &str) -> Option<AwsCredentials> {
    let credentials_text = credentials_file().and_then(read);
    let config_text = config_file().and_then(read);
    let found = credentials_text
        .as_deref()
        .and_then(|text| section(text, profile))
        .filter(|keys| keys.contains_key("aws_access_key_id"))
        .or_else(|| section(config_text.as_deref()?, &config_section_name(profile)))?;
    Some(AwsCredentials {
        access_key_id: found.get("aws_access_key_id")?.clone(),
        secret_access_key: found.get("aws_secret_access_key")?.clone(),
        session_token: found.get("aws_session_token").cloned(),
    })
}

/// The config file names every profile but the default one `[profile NAME]`.
fn config_section_name(profile: &str) -> String {
    if profile == "default" {
        profile.to_owned()
    } else {
        format!("profile {profile}")
    }
}

fn home_file(env_var: &str, default: &str) -> Option<PathBuf> {
    env_first(&[env_var]).map(PathBuf::from).or_else(|| {
        Some(
            PathBuf::from(env_first(&["HOME"])?)
                .join(".aws")
                .join(default),
        )
    })
}

fn credentials_file() -> Option<PathBuf> {
    home_file("AWS_SHARED_CREDENTIALS_FILE", "credentials")
}

fn config_file() -> Option<PathBuf> {
    home_file("AWS_CONFIG_FILE", "config")
}

fn read(path: PathBuf) -> Option<String> {
    std::fs::read_to_string(path).ok()
}

/// The `key = value` pairs of one INI section; keys are lower-cased, as botocore does.
fn section(text: &str, name: &str) -> Option<std::collections::HashMap<String, String>> {
    let mut inside = false;
    let mut found = None;
    for line in text.lines().map(str::trim) {
        if line.starts_with('#') || line.starts_with(';') || line.is_empty() {
            continue;
        }
        if let Some(header) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            inside = header.trim() == name;
            if inside {
                found.get_or_insert_with(std::collections::HashMap::new);
            }
            continue;
        }
        if let (true, Some((key, value)), Some(map)) =
            (inside, line.split_once('='), found.as_mut())
        {
            map.insert(key.trim().to_ascii_lowercase(), value.trim().to_owned());
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_are_found_by_name() {
        let text = "[default]\naws_access_key_id = A\n\n[profile dev]\n# note\nregion=eu-west-1\nAWS_SECRET_ACCESS_KEY = s\n";
        assert_eq!(section(text, "default").unwrap()["aws_access_key_id"], "A");
        let dev = section(text, "profile dev").unwrap();
        assert_eq!(dev["region"], "eu-west-1");
        assert_eq!(dev["aws_secret_access_key"], "s");
        assert!(section(text, "missing").is_none());
    }

    #[test]
    fn debug_never_shows_the_secret() {
        let creds = AwsCredentials {
            access_key_id: "AKID".into(),
            secret_access_key: "very-secret".into(),
            session_token: Some("token-secret".into()),
        };
        let shown = format!("{creds:?}");
        assert!(
            shown.contains("AKID") && !shown.contains("secret"),
            "{shown}"
        );
    }
}
