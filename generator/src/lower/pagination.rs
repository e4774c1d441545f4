//! Pagination from the `x-pagination` extension: by offset, by page number, or by cursor.
//!
//! The extension names the page-size parameter (`limitParam`), one of `pageOffsetParam`,
//! `pageParam` (with `pageStart`, the first page's number, 0 by default) or `cursorParam` with
//! `cursorPath` (where the response gives the next cursor), and `resultsPath` (where the items
//! are; without it, the response is the list). A parameter is named by its wire name, or by a
//! dotted path into the request body (`body.page.cursor`).
//!
//! The rules when the extension cannot be followed are deterministic: the operation is generated
//! without a `_with_pagination` stream, and a warning says why.

use super::Lowerer;
use super::models::ModelDraft;
use super::view::Node;
use crate::diagnostics::{DiagnosticKind, Pointer};
use crate::ir::{self, PaginationTarget, Step, SuccessBody, Type};

/// What pagination needs to know of the operation being lowered.
pub(crate) struct PagedOperation<'o> {
    pub(crate) required: &'o [ir::Parameter],
    pub(crate) optional: &'o [ir::Parameter],
    pub(crate) body: Option<&'o ir::RequestBody>,
    pub(crate) success: &'o SuccessBody,
    /// The integer defaults of the parameters, by wire name: the default page size.
    pub(crate) integer_defaults: &'o std::collections::BTreeMap<String, i64>,
}

impl<'a> Lowerer<'a> {
    /// Lowers `x-pagination`, when the operation has it and it can be followed.
    pub(crate) fn lower_pagination(
        &mut self,
        operation: &Node<'a>,
        paged: &PagedOperation<'_>,
    ) -> Option<ir::Pagination> {
        let extension = operation.child("x-pagination")?;
        let pointer = extension.pointer.clone();
        let text = |key: &str| extension.str(key).map(str::to_string);
        let SuccessBody::Json { ty: success_type } = paged.success else {
            self.skip_pagination(&pointer, "the success response is not JSON");
            return None;
        };
        let (results, item_type) = match text("resultsPath") {
            Some(path) => self.results_path(success_type, &path, &pointer)?,
            None => match self.list_item(success_type) {
                Some(item) => (Vec::new(), item),
                None => {
                    self.skip_pagination(
                        &pointer,
                        "there is no `resultsPath` and the response is not a list",
                    );
                    return None;
                }
            },
        };
        let limit = match text("limitParam") {
            Some(name) => Some(self.pagination_target(&name, paged, &pointer)?),
            None => None,
        };
        if let Some(target) = &limit
            && !is_integer(target_type(target))
        {
            self.skip_pagination(&pointer, "the page-size parameter is not an integer");
            return None;
        }
        let default_page_size =
            text("limitParam").and_then(|name| paged.integer_defaults.get(&name).copied());
        let kind = if let Some(name) = text("cursorParam") {
            let Some(cursor_path) = text("cursorPath") else {
                self.skip_pagination(
                    &pointer,
                    "`cursorParam` needs `cursorPath`, where the response gives the next cursor",
                );
                return None;
            };
            let target = self.pagination_target(&name, paged, &pointer)?;
            if !matches!(target_type(&target), Type::String) {
                self.skip_pagination(&pointer, "the cursor parameter is not a string");
                return None;
            }
            let (cursor_steps, cursor_type) = self.steps(success_type, &cursor_path, &pointer)?;
            if !matches!(cursor_type, Type::String) {
                self.skip_pagination(&pointer, "`cursorPath` does not lead to a string");
                return None;
            }
            ir::PaginationKind::Cursor {
                target,
                cursor_path: cursor_steps,
            }
        } else if let Some(name) = text("pageOffsetParam") {
            let target = self.pagination_target(&name, paged, &pointer)?;
            if !is_integer(target_type(&target)) {
                self.skip_pagination(&pointer, "the offset parameter is not an integer");
                return None;
            }
            ir::PaginationKind::Offset { target }
        } else if let Some(name) = text("pageParam") {
            let target = self.pagination_target(&name, paged, &pointer)?;
            if !is_integer(target_type(&target)) {
                self.skip_pagination(&pointer, "the page parameter is not an integer");
                return None;
            }
            let first_page = extension
                .get("pageStart")
                .and_then(serde_json::Value::as_i64)
                .unwrap_or(0);
            ir::PaginationKind::PageNumber { target, first_page }
        } else {
            self.skip_pagination(
                &pointer,
                "it names no `pageOffsetParam`, `pageParam` or `cursorParam`",
            );
            return None;
        };
        Some(ir::Pagination {
            kind,
            limit,
            default_page_size,
            results,
            item_type,
        })
    }

    fn skip_pagination(&mut self, pointer: &Pointer, reason: &str) {
        self.warn(pointer, DiagnosticKind::Inconsistent, format!("x-pagination cannot be followed: {reason}; no `_with_pagination` stream is generated"));
    }

    /// Where a parameter named in `x-pagination` is set: a required argument, a field of the
    /// optional parameters, or a field inside the body.
    fn pagination_target(
        &mut self,
        name: &str,
        paged: &PagedOperation<'_>,
        pointer: &Pointer,
    ) -> Option<PaginationTarget> {
        if let Some(path) = name.strip_prefix("body.") {
            let Some(body) = paged.body else {
                self.skip_pagination(
                    pointer,
                    &format!("`{name}` names the body, and the operation has none"),
                );
                return None;
            };
            let steps = self.body_steps(&body.ty, path, pointer)?;
            return Some(PaginationTarget::Body {
                optional_body: !body.required,
                steps: steps.0,
                ty: steps.1,
            });
        }
        if let Some(parameter) = paged
            .required
            .iter()
            .find(|parameter| parameter.wire_name == name)
        {
            return Some(PaginationTarget::Required {
                name: parameter.rust_name.clone(),
                ty: parameter.ty.clone(),
            });
        }
        if let Some(parameter) = paged
            .optional
            .iter()
            .find(|parameter| parameter.wire_name == name)
        {
            return Some(PaginationTarget::Optional {
                name: parameter.rust_name.clone(),
                ty: parameter.ty.clone(),
            });
        }
        self.skip_pagination(pointer, &format!("the operation has no parameter `{name}`"));
        None
    }

    /// The steps to a field inside the body that pagination sets; every struct on the way must be
    /// creatable with `Default` when it is absent.
    fn body_steps(
        &mut self,
        body_type: &Type,
        path: &str,
        pointer: &Pointer,
    ) -> Option<(Vec<Step>, Type)> {
        let (steps, ty) = self.steps(body_type, path, pointer)?;
        let mut current = body_type.clone();
        for (index, step) in steps.iter().enumerate() {
            let Some(ModelDraft::Struct(draft)) =
                current.model_name().and_then(|name| self.model(name))
            else {
                return None;
            };
            let field = draft
                .fields
                .iter()
                .find(|field| field.rust_name == step.rust_name)
                .cloned()?;
            let is_last = index + 1 == steps.len();
            if !is_last && step.optional {
                let defaultable = matches!(
                    field.ty.model_name().and_then(|name| self.model(name)),
                    Some(ModelDraft::Struct(inner)) if inner.fields.iter().all(|field| !field.required)
                );
                if !defaultable {
                    self.skip_pagination(
                        pointer,
                        &format!(
                            "`{}` would have to be created, and it has required fields",
                            step.rust_name
                        ),
                    );
                    return None;
                }
            }
            current = field.ty.clone();
        }
        Some((steps, ty))
    }

    /// The steps along a dotted path of wire names through struct models, with the type at the end.
    fn steps(&mut self, start: &Type, path: &str, pointer: &Pointer) -> Option<(Vec<Step>, Type)> {
        let mut current = start.clone();
        let mut steps = Vec::new();
        for segment in path.split('.') {
            let name = self.resolve_alias(&current);
            let Some(ModelDraft::Struct(draft)) = name.as_deref().and_then(|name| self.model(name))
            else {
                self.skip_pagination(pointer, &format!("`{path}` does not lead through objects"));
                return None;
            };
            let Some(field) = draft
                .fields
                .iter()
                .find(|field| field.wire_name == segment)
                .cloned()
            else {
                self.skip_pagination(
                    pointer,
                    &format!(
                        "`{}` has no property `{segment}` (in `{path}`)",
                        draft.rust_name
                    ),
                );
                return None;
            };
            let optional = !field.required || field.nullable;
            steps.push(Step {
                rust_name: field.rust_name.clone(),
                optional,
                double_optional: !field.required && field.nullable,
                boxed: false,
            });
            current = match field.ty {
                Type::Nullable { inner } => *inner,
                other => other,
            };
        }
        Some((steps, current))
    }

    /// The steps to the list of items, with the item type.
    fn results_path(
        &mut self,
        success_type: &Type,
        path: &str,
        pointer: &Pointer,
    ) -> Option<(Vec<Step>, Type)> {
        let (steps, ty) = self.steps(success_type, path, pointer)?;
        match self.list_item(&ty) {
            Some(item) => Some((steps, item)),
            None => {
                self.skip_pagination(
                    pointer,
                    &format!("`resultsPath` `{path}` does not lead to a list"),
                );
                None
            }
        }
    }

    /// The item type of a list, seen through aliases (`resultsPath` may end at a named array schema).
    fn list_item(&self, ty: &Type) -> Option<Type> {
        let mut current = ty.clone();
        for _ in 0..32 {
            match current {
                Type::List { item } => return Some(*item),
                Type::Model { name } => match self.model(&name) {
                    Some(ModelDraft::Alias(alias)) => current = alias.target.clone(),
                    _ => return None,
                },
                _ => return None,
            }
        }
        None
    }

    /// The struct a type names, seen through aliases.
    fn resolve_alias(&self, ty: &Type) -> Option<String> {
        let mut current = ty.clone();
        for _ in 0..32 {
            match &current {
                Type::Model { name } => match self.model(name) {
                    Some(ModelDraft::Alias(alias)) => current = alias.target.clone(),
                    Some(_) => return Some(name.clone()),
                    None => return None,
                },
                Type::Nullable { inner } => current = (**inner).clone(),
                _ => return None,
            }
        }
        None
    }
}

fn target_type(target: &PaginationTarget) -> &Type {
    match target {
        PaginationTarget::Required { ty, .. }
        | PaginationTarget::Optional { ty, .. }
        | PaginationTarget::Body { ty, .. } => ty,
    }
}

fn is_integer(ty: &Type) -> bool {
    matches!(ty, Type::Integer { .. })
}
