//! The request of one operation as generated code builds it: parameters by location and style, and a body.
//!
//! Adding a parameter never fails on the spot: the first problem (a path parameter that would not
//! be one segment, a header value with a line break, a body that cannot be serialized) is kept and
//! returned by [`ApiClient::send`](super::ApiClient::send) before anything is sent.

use bytes::Bytes;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use serde::Serialize;

use super::Operation;
use super::multipart::Multipart;
use super::parameters::{self, Style};
use crate::error::Error;

/// The parameters and body of one call of an operation.
#[derive(Debug)]
pub struct Request {
    operation: &'static Operation,
    path_values: Vec<(&'static str, String)>,
    encoded_path: Option<String>,
    query: Vec<String>,
    headers: HeaderMap,
    cookies: Vec<String>,
    body: Option<(Bytes, HeaderValue)>,
    problem: Option<Error>,
}

/// A request ready for sending: the path with its parameters, the encoded query pieces, the
/// parameter headers and cookies, and the body with its content type.
pub(crate) struct RequestParts {
    pub(crate) path: String,
    pub(crate) query: Vec<String>,
    pub(crate) headers: HeaderMap,
    pub(crate) cookies: Vec<String>,
    pub(crate) body: Option<(Bytes, HeaderValue)>,
}

impl Request {
    /// A request of `operation` with no parameters and no body yet.
    pub fn new(operation: &'static Operation) -> Self {
        Self {
            operation,
            path_values: Vec::new(),
            encoded_path: None,
            query: Vec::new(),
            headers: HeaderMap::new(),
            cookies: Vec::new(),
            body: None,
            problem: None,
        }
    }

    /// The operation this request is for.
    pub fn operation(&self) -> &'static Operation {
        self.operation
    }

    pub(crate) fn with_encoded_path(mut self, path: String) -> Self {
        self.encoded_path = Some(path);
        self
    }

    fn fail(&mut self, name: &'static str, problem: parameters::ParameterProblem) {
        if self.problem.is_none() {
            self.problem = Some(Error::invalid_parameter(
                self.operation.id,
                name,
                format!("`{name}` {}", problem.0),
            ));
        }
    }

    /// Sets the path parameter `name` (the `{name}` of the path template), in the default style:
    /// `simple`, not exploded.
    pub fn path_parameter(&mut self, name: &'static str, value: &(impl Serialize + ?Sized)) {
        self.path_parameter_styled(name, value, Style::Simple, false);
    }

    /// Sets the path parameter `name` in the given style.
    pub fn path_parameter_styled(
        &mut self,
        name: &'static str,
        value: &(impl Serialize + ?Sized),
        style: Style,
        explode: bool,
    ) {
        match parameters::path_segment(name, value, style, explode) {
            Ok(Some(segment)) => self.path_values.push((name, segment)),
            Ok(None) => self.fail(
                name,
                parameters::ParameterProblem(
                    "has no value, and a path parameter is required".to_string(),
                ),
            ),
            Err(problem) => self.fail(name, problem),
        }
    }

    /// Adds the query parameter `name` in the default style (`form`, exploded); `None` leaves it out.
    pub fn query_parameter(&mut self, name: &'static str, value: &(impl Serialize + ?Sized)) {
        self.query_parameter_styled(name, value, Style::Form, true, false);
    }

    /// Adds the query parameter `name` in the given style; with `allow_reserved`, reserved
    /// characters are sent unencoded.
    pub fn query_parameter_styled(
        &mut self,
        name: &'static str,
        value: &(impl Serialize + ?Sized),
        style: Style,
        explode: bool,
        allow_reserved: bool,
    ) {
        match parameters::query_pairs(name, value, style, explode, allow_reserved) {
            Ok(pairs) => self.query.extend(pairs),
            Err(problem) => self.fail(name, problem),
        }
    }

    /// Sets the header parameter `name` in the default style (`simple`); `None` leaves it out.
    pub fn header_parameter(&mut self, name: &'static str, value: &(impl Serialize + ?Sized)) {
        self.header_parameter_styled(name, value, Style::Simple, false);
    }

    /// Sets the header parameter `name` in the given style.
    pub fn header_parameter_styled(
        &mut self,
        name: &'static str,
        value: &(impl Serialize + ?Sized),
        style: Style,
        explode: bool,
    ) {
        let text = match parameters::header_value(value, style, explode) {
            Ok(Some(text)) => text,
            Ok(None) => return,
            Err(problem) => return self.fail(name, problem),
        };
        let Ok(header_name) = HeaderName::from_bytes(name.as_bytes()) else {
            return self.fail(
                name,
                parameters::ParameterProblem("is not a valid header name".to_string()),
            );
        };
        match HeaderValue::from_str(&text) {
            Ok(header_value) => {
                self.headers.insert(header_name, header_value);
            }
            Err(_) => self.fail(
                name,
                parameters::ParameterProblem(
                    "is not a valid header value (it has a line break or a control character)"
                        .to_string(),
                ),
            ),
        }
    }

    /// Adds the cookie parameter `name` in the default style (`form`, exploded); `None` leaves it out.
    pub fn cookie_parameter(&mut self, name: &'static str, value: &(impl Serialize + ?Sized)) {
        self.cookie_parameter_styled(name, value, Style::Form, true);
    }

    /// Adds the cookie parameter `name` in the given style.
    pub fn cookie_parameter_styled(
        &mut self,
        name: &'static str,
        value: &(impl Serialize + ?Sized),
        style: Style,
        explode: bool,
    ) {
        match parameters::cookie_pairs(name, value, style, explode) {
            Ok(pairs) => self.cookies.extend(pairs),
            Err(problem) => self.fail(name, problem),
        }
    }

    /// Sets a JSON body.
    pub fn json_body(&mut self, value: &(impl Serialize + ?Sized), content_type: &'static str) {
        match serde_json::to_vec(value) {
            Ok(json) => self.raw_body(Bytes::from(json), HeaderValue::from_static(content_type)),
            Err(error) => {
                if self.problem.is_none() {
                    self.problem = Some(Error::encode(error));
                }
            }
        }
    }

    /// Sets an `application/x-www-form-urlencoded` body: the value's properties as `name=value`
    /// pairs, arrays as one pair per item, nested objects as JSON.
    pub fn form_body(&mut self, value: &(impl Serialize + ?Sized), content_type: &'static str) {
        match parameters::query_pairs("body", value, Style::Form, true, false) {
            Ok(pairs) => self.raw_body(
                Bytes::from(pairs.join("&")),
                HeaderValue::from_static(content_type),
            ),
            Err(problem) => self.fail("body", problem),
        }
    }

    /// Sets a `multipart/form-data` body.
    pub fn multipart_body(&mut self, form: Multipart, media_type: &'static str) {
        match form.encode(media_type) {
            Ok((body, content_type)) => match HeaderValue::from_str(&content_type) {
                Ok(content_type) => self.raw_body(body, content_type),
                Err(_) => self.fail(
                    "body",
                    parameters::ParameterProblem(
                        "has a content type that is not a header value".to_string(),
                    ),
                ),
            },
            Err(problem) => self.fail("body", parameters::ParameterProblem(problem)),
        }
    }

    /// Sets a body of raw bytes.
    pub fn binary_body(&mut self, body: Bytes, content_type: &'static str) {
        self.raw_body(body, HeaderValue::from_static(content_type));
    }

    /// Sets a text body.
    pub fn text_body(&mut self, body: String, content_type: &'static str) {
        self.raw_body(Bytes::from(body), HeaderValue::from_static(content_type));
    }

    pub(crate) fn raw_body(&mut self, body: Bytes, content_type: HeaderValue) {
        self.body = Some((body, content_type));
    }

    /// The path with every parameter in place, and the rest; or the first problem met.
    pub(crate) fn into_parts(self) -> Result<RequestParts, Error> {
        if let Some(problem) = self.problem {
            return Err(problem);
        }
        let path = match self.encoded_path {
            Some(path) => path,
            None => fill_path(self.operation, &self.path_values)?,
        };
        Ok(RequestParts {
            path,
            query: self.query,
            headers: self.headers,
            cookies: self.cookies,
            body: self.body,
        })
    }
}

/// The path template with each `{name}` replaced by its encoded value.
fn fill_path(
    operation: &'static Operation,
    values: &[(&'static str, String)],
) -> Result<String, Error> {
    let template = operation.path_template;
    let mut path = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        let Some(length) = rest[start..].find('}') else {
            break;
        };
        path.push_str(&rest[..start]);
        let name = &rest[start + 1..start + length];
        match values.iter().find(|(candidate, _)| *candidate == name) {
            Some((_, value)) => path.push_str(value),
            None => {
                return Err(Error::invalid_parameter(
                    operation.id,
                    "path",
                    format!("the path parameter `{name}` was not given"),
                ));
            }
        }
        rest = &rest[start + length + 1..];
    }
    path.push_str(rest);
    Ok(path)
}
