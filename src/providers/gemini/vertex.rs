//! Where a Vertex AI call goes and who it is: the project and location (from the call,
//! `litellm.vertex_*`, the environment or the credentials), the regional host, and the Google
//! credentials whose access token authorises it, as LiteLLM 1.109.1 resolves them.

use crate::auth::google::GoogleCredentials;
use crate::auth::setting;
use crate::error::{ErrorClass, LlmError};
use crate::providers::resolve::env_first;
use serde_json::{Map, Value};

const DEFAULT_LOCATION: &str = "us-central1";

pub struct Placement {
    pub project: String,
    pub location: String,
}

fn connection_error(model: &str, message: impl Into<String>) -> LlmError {
    LlmError::new(ErrorClass::APIConnectionError, 500, message).with_origin("vertex_ai", model)
}

/// The credentials: the call's `vertex_credentials` (a dict, JSON text or a file path),
/// `VERTEXAI_CREDENTIALS`, then Application Default Credentials.
pub fn credentials(auth: &Map<String, Value>, model: &str) -> Result<GoogleCredentials, LlmError> {
    let given = ["vertex_credentials", "vertex_ai_credentials"]
        .iter()
        .find_map(|name| match auth.get(*name) {
            Some(Value::Object(object)) => Some(Value::Object(object.clone()).to_string()),
            Some(Value::String(s)) if !s.is_empty() => Some(s.clone()),
            _ => None,
        })
        .or_else(|| env_first(&["VERTEXAI_CREDENTIALS"]));
    let text = match given {
        Some(text) if text.trim_start().starts_with('{') => text,
        Some(path) => std::fs::read_to_string(&path).map_err(|e| {
            connection_error(
                model,
                format!("Unable to load the vertex credentials file {path}: {e}"),
            )
        })?,
        None => application_default(model)?,
    };
    GoogleCredentials::from_json(&text).map_err(|detail| connection_error(model, detail))
}

/// `GOOGLE_APPLICATION_CREDENTIALS`, else the file `gcloud auth application-default login`
/// writes.
fn application_default(model: &str) -> Result<String, LlmError> {
    let path = env_first(&["GOOGLE_APPLICATION_CREDENTIALS"]).or_else(|| {
        let home = env_first(&["HOME"])?;
        Some(format!(
            "{home}/.config/gcloud/application_default_credentials.json"
        ))
    });
    path.and_then(|p| std::fs::read_to_string(p).ok()).ok_or_else(|| {
        connection_error(
            model,
            "Your default credentials were not found. To set up Application Default Credentials, \
             see https://cloud.google.com/docs/authentication/external/set-up-adc for more information.",
        )
    })
}

/// The project and location. A model the table serves only in some regions goes to the first
/// of them unless the call names one of them (LiteLLM only warns about the others).
pub fn placement(
    auth: &Map<String, Value>,
    credentials: &GoogleCredentials,
    model: &str,
    regions: Option<&[String]>,
) -> Result<Placement, LlmError> {
    let project = setting(auth, "vertex_project")
        .or_else(|| setting(auth, "vertex_ai_project"))
        .or_else(|| env_first(&["VERTEXAI_PROJECT"]))
        .or_else(|| credentials.project_id().map(str::to_owned))
        .or_else(|| env_first(&["GOOGLE_CLOUD_PROJECT", "GCLOUD_PROJECT"]))
        .ok_or_else(|| connection_error(model, "Could not resolve project_id"))?;
    let given = setting(auth, "vertex_location")
        .or_else(|| setting(auth, "vertex_ai_location"))
        .or_else(|| env_first(&["VERTEXAI_LOCATION"]));
    let location = match (given, regions) {
        (Some(l), Some(regions)) if !regions.contains(&l) => regions[0].clone(),
        (None, Some(regions)) => regions[0].clone(),
        (given, _) => given.unwrap_or_else(|| DEFAULT_LOCATION.to_owned()),
    };
    let valid = location == "global"
        || (location.starts_with(|c: char| c.is_ascii_lowercase())
            && location
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'));
    if !valid {
        return Err(connection_error(model, "Invalid vertex_location format"));
    }
    Ok(Placement { project, location })
}

impl Placement {
    /// `global` has no region in its host; multi-regions (`us`, `eu`) use a `rep` host.
    pub fn host(&self) -> String {
        match self.location.as_str() {
            "global" => "https://aiplatform.googleapis.com".to_owned(),
            l if !l.contains('-') => format!("https://aiplatform.{l}.rep.googleapis.com"),
            l => format!("https://{l}-aiplatform.googleapis.com"),
        }
    }

    fn project_path(&self) -> String {
        format!("projects/{}/locations/{}", self.project, self.location)
    }

    /// Vertex's OpenAI-compatible chat endpoint; a caller's `api_base` stands in for the host.
    pub fn openapi_url(&self, api_base: Option<&str>) -> String {
        let host = api_base.map_or_else(|| self.host(), |b| b.trim_end_matches('/').to_owned());
        format!(
            "{host}/v1/{}/endpoints/openapi/chat/completions",
            self.project_path()
        )
    }

    /// `{host}/{version}/{model path}:{operation}`, or the same under a caller's `api_base`: a
    /// bare host gets the whole path, a `/v1` or `/v1beta1` base the path after the version,
    /// and any other base is taken as the model's own URL.
    pub fn url(
        &self,
        api_base: Option<&str>,
        version: &str,
        publisher: &str,
        model: &str,
        operation: &str,
    ) -> String {
        let path = format!(
            "{}/publishers/{publisher}/models/{model}",
            self.project_path()
        );
        let Some(base) = api_base else {
            return format!("{}/{version}/{path}:{operation}", self.host());
        };
        let base = base.trim_end_matches('/');
        let after_host = base
            .split_once("://")
            .map_or(base, |(_, rest)| rest)
            .split_once('/')
            .map_or("", |(_, p)| p);
        match after_host {
            "" => format!("{base}/{version}/{path}:{operation}"),
            "v1" | "v1beta1" => format!("{base}/{path}:{operation}"),
            _ => format!("{base}:{operation}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(location: &str) -> Placement {
        Placement {
            project: "p".into(),
            location: location.into(),
        }
    }

    #[test]
    fn hosts_and_bases() {
        assert_eq!(
            at("us-central1").url(None, "v1", "google", "gemini-2.5-pro", "generateContent"),
            "https://us-central1-aiplatform.googleapis.com/v1/projects/p/locations/us-central1/publishers/google/models/gemini-2.5-pro:generateContent"
        );
        assert_eq!(at("global").host(), "https://aiplatform.googleapis.com");
        assert_eq!(at("eu").host(), "https://aiplatform.eu.rep.googleapis.com");
        let p = at("us-east5");
        assert_eq!(
            p.url(Some("http://h:1/"), "v1", "google", "m", "generateContent"),
            "http://h:1/v1/projects/p/locations/us-east5/publishers/google/models/m:generateContent"
        );
        assert_eq!(
            p.url(Some("http://h:1/v1beta1"), "v1", "google", "m", "generateContent"),
            "http://h:1/v1beta1/projects/p/locations/us-east5/publishers/google/models/m:generateContent"
        );
        assert_eq!(
            p.url(Some("http://h:1/custom/path"), "v1", "google", "m", "x"),
            "http://h:1/custom/path:x"
        );
    }
}
