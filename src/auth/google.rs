//! Google credentials (a service-account key or a gcloud user's refresh token) and the OAuth
//! grant each one makes for an access token. A service account signs its own JWT assertion
//! (RS256) instead of calling a Google library.

use serde::Deserialize;
use serde_json::json;

/// The scope Vertex AI calls need.
pub const CLOUD_PLATFORM_SCOPE: &str = "https://www.googleapis.com/auth/cloud-platform";
const DEFAULT_TOKEN_URI: &str = "https://oauth2.googleapis.com/token";
/// Google accepts assertions valid for at most an hour.
const ASSERTION_LIFETIME_SECS: u64 = 3600;

#[derive(Clone, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum GoogleCredentials {
    ServiceAccount {
        client_email: String,
        private_key: String,
        #[serde(default)]
        private_key_id: Option<String>,
        #[serde(default)]
        token_uri: Option<String>,
        #[serde(default)]
        project_id: Option<String>,
    },
    AuthorizedUser {
        client_id: String,
        client_secret: String,
        refresh_token: String,
        #[serde(default)]
        quota_project_id: Option<String>,
    },
}

impl std::fmt::Debug for GoogleCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::ServiceAccount { client_email, .. } => f
                .debug_struct("ServiceAccount")
                .field("client_email", client_email)
                .finish_non_exhaustive(),
            Self::AuthorizedUser { client_id, .. } => f
                .debug_struct("AuthorizedUser")
                .field("client_id", client_id)
                .finish_non_exhaustive(),
        }
    }
}

impl GoogleCredentials {
    pub fn from_json(text: &str) -> Result<Self, String> {
        serde_json::from_str(text).map_err(|e| {
            format!("vertex credentials are not a service-account or authorized-user JSON: {e}")
        })
    }

    /// The project the credentials belong to, when they name one.
    pub fn project_id(&self) -> Option<&str> {
        match self {
            Self::ServiceAccount { project_id, .. } => project_id.as_deref(),
            Self::AuthorizedUser {
                quota_project_id, ..
            } => quota_project_id.as_deref(),
        }
    }

    /// Identifies the credentials in the token cache without holding their secret twice.
    pub fn cache_key(&self) -> String {
        match self {
            Self::ServiceAccount {
                client_email,
                private_key_id,
                ..
            } => format!(
                "google-sa:{client_email}:{}",
                private_key_id.as_deref().unwrap_or("")
            ),
            Self::AuthorizedUser { client_id, .. } => format!("google-user:{client_id}"),
        }
    }

    /// The token endpoint and the form to post to it.
    pub fn grant(&self, now_secs: u64) -> Result<super::TokenRequest, String> {
        match self {
            Self::ServiceAccount {
                client_email,
                private_key,
                private_key_id,
                token_uri,
                ..
            } => {
                let token_uri = token_uri.as_deref().unwrap_or(DEFAULT_TOKEN_URI);
                let mut header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::RS256);
                header.kid = private_key_id.clone();
                let claims = json!({
                    "iss": client_email,
                    "scope": CLOUD_PLATFORM_SCOPE,
                    // Google's endpoint is the audience even when the token is fetched
                    // elsewhere (google-auth does the same).
                    "aud": DEFAULT_TOKEN_URI,
                    "iat": now_secs,
                    "exp": now_secs + ASSERTION_LIFETIME_SECS,
                });
                let key = jsonwebtoken::EncodingKey::from_rsa_pem(private_key.as_bytes())
                    .map_err(|e| format!("the service account's private_key is unusable: {e}"))?;
                let assertion = jsonwebtoken::encode(&header, &claims, &key)
                    .map_err(|e| format!("cannot sign the service-account assertion: {e}"))?;
                Ok((
                    token_uri.to_owned(),
                    vec![
                        (
                            "grant_type",
                            "urn:ietf:params:oauth:grant-type:jwt-bearer".into(),
                        ),
                        ("assertion", assertion),
                    ],
                ))
            }
            Self::AuthorizedUser {
                client_id,
                client_secret,
                refresh_token,
                ..
            } => Ok((
                DEFAULT_TOKEN_URI.to_owned(),
                vec![
                    ("grant_type", "refresh_token".into()),
                    ("client_id", client_id.clone()),
                    ("client_secret", client_secret.clone()),
                    ("refresh_token", refresh_token.clone()),
                ],
            )),
        }
    }
}
