//! The render phase: the minijinja templates in `templates/`, fed only the IR, write unformatted
//! Rust (and the crate's `Cargo.toml`).

pub mod docs;
pub mod markdown;
pub mod spelling;

use std::collections::BTreeMap;

use minijinja::value::ViaDeserialize;
use minijinja::{Environment, UndefinedBehavior, context};

use crate::diagnostics::{DiagnosticKind, Errors};
use crate::ir::{
    Api, EnumValue, Field, Ir, Method, Model, Operation, Package, PaginationKind, PaginationTarget,
    Parameter, ParameterStyle, RequestBody, SecuritySchemeKind, Setting, SettingKind, StatusMatch,
    Step, SuccessBody, Type,
};
use spelling::Context;

/// The templates, compiled into the generator so that `generate()` does no I/O.
const TEMPLATES: &[(&str, &str)] = &[
    (
        "macros.rs.j2",
        include_str!("../../../templates/macros.rs.j2"),
    ),
    (
        "model_struct.rs.j2",
        include_str!("../../../templates/model_struct.rs.j2"),
    ),
    (
        "model_enum.rs.j2",
        include_str!("../../../templates/model_enum.rs.j2"),
    ),
    (
        "model_union.rs.j2",
        include_str!("../../../templates/model_union.rs.j2"),
    ),
    (
        "model_alias.rs.j2",
        include_str!("../../../templates/model_alias.rs.j2"),
    ),
    (
        "models_mod.rs.j2",
        include_str!("../../../templates/models_mod.rs.j2"),
    ),
    ("api.rs.j2", include_str!("../../../templates/api.rs.j2")),
    (
        "apis_mod.rs.j2",
        include_str!("../../../templates/apis_mod.rs.j2"),
    ),
    (
        "servers.rs.j2",
        include_str!("../../../templates/servers.rs.j2"),
    ),
    (
        "settings.rs.j2",
        include_str!("../../../templates/settings.rs.j2"),
    ),
    ("lib.rs.j2", include_str!("../../../templates/lib.rs.j2")),
    (
        "Cargo.toml.j2",
        include_str!("../../../templates/Cargo.toml.j2"),
    ),
];

/// One rendered file before formatting: its text and the template that wrote it.
#[derive(Debug)]
pub struct RenderedFile {
    /// The template's name, for error reports.
    pub template: &'static str,
    /// The unformatted text.
    pub text: String,
}

/// One output file to render: its path, its template and what the template reads.
pub struct Job<'ir> {
    /// The path relative to the client crate, for example `src/models/aws_integration.rs`.
    pub path: String,
    /// The template's name.
    pub template: &'static str,
    context: JobContext<'ir>,
}

/// What a template reads. Models and APIs are turned into template values only when their job
/// runs, so that the work spreads over the threads that run the jobs.
enum JobContext<'ir> {
    /// One model, for its model template.
    Model(&'ir Model),
    /// One API, with the package it belongs to.
    Api(&'ir Api, &'ir Package),
    /// A context built up front: the small files that read several parts of the IR.
    Ready(minijinja::Value),
}

/// The templates compiled once, ready to render jobs from any number of threads.
pub struct Renderer {
    environment: Environment<'static>,
}

impl Renderer {
    /// Compiles the templates and registers the filters.
    pub fn new() -> Result<Self, Errors> {
        Ok(Self {
            environment: environment()?,
        })
    }

    /// Renders one job; a failure is a template bug and names the template and the file.
    pub fn render(&self, job: &Job<'_>) -> Result<RenderedFile, Errors> {
        let context = match &job.context {
            JobContext::Model(model) => context! { model => model },
            JobContext::Api(api, package) => {
                context! { api => api, ir => context! { package => package } }
            }
            JobContext::Ready(value) => value.clone(),
        };
        let template = job.template;
        let text = self
            .environment
            .get_template(template)
            .and_then(|compiled| compiled.render(context))
            .map_err(|error| {
                Errors::single(
                    "#",
                    DiagnosticKind::Internal,
                    format!(
                        "template `{template}` failed for `{}`: {}",
                        job.path,
                        describe(&error)
                    ),
                )
            })?;
        Ok(RenderedFile { template, text })
    }
}

/// Renders every output file of the IR, keyed by path relative to the client crate.
pub fn render(ir: &Ir) -> Result<BTreeMap<String, RenderedFile>, Errors> {
    let renderer = Renderer::new()?;
    let mut files = BTreeMap::new();
    for job in jobs(ir) {
        let file = renderer.render(&job)?;
        files.insert(job.path, file);
    }
    Ok(files)
}

/// The jobs that write every output file of the IR: the models first, then the APIs, then the
/// files that read several parts of the IR.
pub fn jobs(ir: &Ir) -> Vec<Job<'_>> {
    let mut jobs = Vec::with_capacity(ir.models.len() + ir.apis.len() + 8);
    for model in &ir.models {
        let template = match model {
            Model::Struct(_) => "model_struct.rs.j2",
            Model::Enum(_) => "model_enum.rs.j2",
            Model::Union(_) => "model_union.rs.j2",
            Model::Alias(_) => "model_alias.rs.j2",
        };
        jobs.push(Job {
            path: format!("src/models/{}.rs", model.module_name()),
            template,
            context: JobContext::Model(model),
        });
    }
    let package = &ir.package;
    for api in &ir.apis {
        jobs.push(Job {
            path: format!("src/apis/{}.rs", api.module_name),
            template: "api.rs.j2",
            context: JobContext::Api(api, package),
        });
    }
    let mut ready = |path: &str, template: &'static str, context: minijinja::Value| {
        jobs.push(Job {
            path: path.to_string(),
            template,
            context: JobContext::Ready(context),
        });
    };
    // Each template gets only the parts of the IR it reads: serializing the whole IR per file would
    // cost as much as rendering on a large spec.
    ready(
        "src/models/mod.rs",
        "models_mod.rs.j2",
        context! { ir => context! { package => package, model_groups => &ir.model_groups } },
    );
    let api_names: Vec<minijinja::Value> = ir
        .apis
        .iter()
        .map(|api| context! { module_name => &api.module_name, struct_name => &api.struct_name, feature => &api.feature, tag => &api.tag })
        .collect();
    ready(
        "src/apis/mod.rs",
        "apis_mod.rs.j2",
        context! { ir => context! { apis => &api_names, error_bodies => &ir.error_bodies } },
    );
    ready(
        "src/servers.rs",
        "servers.rs.j2",
        context! { ir => context! { servers => &ir.servers, security_schemes => &ir.security_schemes } },
    );
    ready(
        "src/settings.rs",
        "settings.rs.j2",
        context! { ir => context! { settings => &ir.settings } },
    );
    let featured = ir.featured.map(|(api_index, operation_index)| {
        let api = &ir.apis[api_index];
        context! { api => &api_names[api_index], operation => &api.operations[operation_index] }
    });
    let paginated = ir.apis.iter().find_map(|api| {
        let operation = api.operations.iter().find(|operation| operation.pagination.is_some())?;
        Some(context! { api => context! { module_name => &api.module_name, struct_name => &api.struct_name }, operation => operation })
    });
    let guide = context! {
        package => package,
        settings => &ir.settings,
        features => &ir.features,
        apis => &api_names,
        featured => featured,
        paginated => paginated,
        has_unstable_operations => ir.has_unstable_operations,
    };
    ready("src/lib.rs", "lib.rs.j2", context! { ir => &guide });
    ready(
        "Cargo.toml",
        "Cargo.toml.j2",
        context! { ir => context! { package => package, features => &ir.features } },
    );
    jobs
}

fn environment() -> Result<Environment<'static>, Errors> {
    let mut environment = Environment::new();
    environment.set_undefined_behavior(UndefinedBehavior::Strict);
    environment.set_trim_blocks(true);
    environment.set_lstrip_blocks(true);
    environment.add_filter("rust_string", markdown::rust_string);
    environment.add_filter("doc", |lines: Vec<String>| {
        markdown::doc_comment(&lines, "///")
    });
    environment.add_filter("inner_doc", |lines: Vec<String>| {
        markdown::doc_comment(&lines, "//!")
    });
    environment.add_filter("rust_type", |ty: ViaDeserialize<Type>, context: &str| {
        spelling::rust_type(&ty, Context::from_name(context))
    });
    environment.add_filter("field_type", |field: ViaDeserialize<Field>| {
        spelling::field_type(&field)
    });
    environment.add_filter(
        "constructor_entry",
        |required: ViaDeserialize<Vec<Field>>, name: &str, extra: Option<String>| {
            spelling::constructor_entry(name, &required, extra.as_deref())
        },
    );
    environment.add_filter("setter_entry", |field: ViaDeserialize<Field>| {
        spelling::setter_entry(&field)
    });
    environment.add_filter("serde_attributes", |field: ViaDeserialize<Field>| {
        spelling::serde_attributes(&field)
    });
    environment.add_filter(
        "parameter_argument",
        |parameter: ViaDeserialize<Parameter>| spelling::parameter_argument(&parameter),
    );
    environment.add_filter("parameter_type", |parameter: ViaDeserialize<Parameter>| {
        spelling::parameter_type(&parameter)
    });
    environment.add_filter(
        "parameter_needs_into",
        |parameter: ViaDeserialize<Parameter>| spelling::parameter_needs_into(&parameter),
    );
    environment.add_filter(
        "parameter_setter_entry",
        |parameter: ViaDeserialize<Parameter>| spelling::parameter_setter_entry(&parameter),
    );
    environment.add_filter("body_argument", |body: ViaDeserialize<RequestBody>| {
        spelling::body_argument(&body)
    });
    environment.add_filter("body_type", |body: ViaDeserialize<RequestBody>| {
        spelling::body_type(&body)
    });
    environment.add_filter("style", |style: ViaDeserialize<ParameterStyle>| {
        spelling::style(*style)
    });
    environment.add_filter("method", |method: ViaDeserialize<Method>| {
        spelling::method(*method)
    });
    environment.add_filter("method_name", |method: ViaDeserialize<Method>| {
        spelling::method_name(*method)
    });
    environment.add_filter("status_match", |status: ViaDeserialize<StatusMatch>| {
        spelling::status_match(*status)
    });
    environment.add_filter("status_code", |status: ViaDeserialize<StatusMatch>| {
        spelling::status_code(*status)
    });
    environment.add_filter("status_text", |status: ViaDeserialize<StatusMatch>| {
        spelling::status_text(*status)
    });
    environment.add_filter("enum_value", |value: ViaDeserialize<EnumValue>| {
        spelling::enum_value(&value)
    });
    environment.add_filter("success_type", |success: ViaDeserialize<SuccessBody>| {
        spelling::success_type(&success)
    });
    environment.add_filter("decode_method", |success: ViaDeserialize<SuccessBody>| {
        spelling::decode_method(&success)
    });
    environment.add_filter("items_expression", |steps: ViaDeserialize<Vec<Step>>| {
        spelling::items_expression(&steps)
    });
    environment.add_filter(
        "next_cursor_expression",
        |kind: ViaDeserialize<PaginationKind>| spelling::next_cursor_expression(&kind),
    );
    environment.add_filter(
        "set_target",
        |target: ViaDeserialize<PaginationTarget>, value: &str| {
            spelling::set_target(&target, value)
        },
    );
    environment.add_filter("read_target", |target: ViaDeserialize<PaginationTarget>| {
        spelling::read_target(&target)
    });
    environment.add_filter(
        "target_is_optional",
        |target: ViaDeserialize<PaginationTarget>| spelling::target_is_optional(&target),
    );
    environment.add_filter("doc_summary", |lines: Vec<String>| {
        markdown::doc_summary(&lines)
    });
    environment.add_filter("doc_code", |text: String| markdown::doc_code(&text));
    environment.add_filter(
        "operation_docs",
        |operation: ViaDeserialize<Operation>,
         library: &str,
         module_name: &str,
         struct_name: &str| {
            docs::operation_docs(
                &operation,
                library,
                &docs::ApiPath {
                    module_name,
                    struct_name,
                },
            )
        },
    );
    environment.add_filter(
        "operation_example",
        |operation: ViaDeserialize<Operation>,
         library: &str,
         module_name: &str,
         struct_name: &str| {
            docs::example_code(
                &operation,
                library,
                &docs::ApiPath {
                    module_name,
                    struct_name,
                },
                false,
            )
        },
    );
    environment.add_filter(
        "pagination_example",
        |operation: ViaDeserialize<Operation>,
         library: &str,
         module_name: &str,
         struct_name: &str| {
            docs::pagination_example_code(
                &operation,
                library,
                &docs::ApiPath {
                    module_name,
                    struct_name,
                },
            )
        },
    );
    environment.add_filter("setting_docs", |setting: ViaDeserialize<Setting>| {
        docs::setting_docs(&setting)
    });
    environment.add_filter(
        "parameter_call",
        |parameter: ViaDeserialize<Parameter>, expression: &str| {
            spelling::parameter_call(&parameter, expression)
        },
    );
    environment.add_filter(
        "body_call",
        |body: ViaDeserialize<RequestBody>, binding: &str, required: bool| {
            spelling::body_call(&body, binding, required)
        },
    );
    environment.add_filter("is_copy", |ty: ViaDeserialize<Type>| spelling::is_copy(&ty));
    environment.add_filter("read_token", |target: ViaDeserialize<PaginationTarget>| {
        spelling::read_token(&target)
    });
    environment.add_filter(
        "mutates_params",
        |target: ViaDeserialize<PaginationTarget>| spelling::mutates_params(&target),
    );
    environment.add_filter("scheme_kind", |kind: ViaDeserialize<SecuritySchemeKind>| {
        spelling::scheme_kind(&kind)
    });
    environment.add_filter("setting_kind", |kind: ViaDeserialize<SettingKind>| {
        spelling::setting_kind(&kind)
    });
    environment.add_filter("accept_header", |media_types: Vec<String>| {
        spelling::accept_header(&media_types)
    });
    environment.add_filter("status_pattern", |status: ViaDeserialize<StatusMatch>| {
        spelling::status_pattern(*status)
    });
    environment.add_filter("toml_string", |text: String| spelling::toml_string(&text));
    environment.add_filter("feature_cfg", |features: Vec<String>| {
        spelling::feature_cfg(&features)
    });
    for (name, source) in TEMPLATES {
        environment.add_template(name, source).map_err(|error| {
            Errors::single(
                "#",
                DiagnosticKind::Internal,
                format!("template `{name}` does not compile: {}", describe(&error)),
            )
        })?;
    }
    Ok(environment)
}

/// A minijinja error with its template line, when it has one.
fn describe(error: &minijinja::Error) -> String {
    match (error.name(), error.line()) {
        (Some(name), Some(line)) => format!("{error} ({name} line {line})"),
        _ => error.to_string(),
    }
}
