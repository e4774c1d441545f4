//! Unit tests of the Rust spellings in the parent module.

use super::*;
use crate::ir::{Field, IntegerFormat, PaginationKind, PaginationTarget, Step, Type};

fn field(ty: Type, required: bool, nullable: bool, boxed: bool) -> Field {
    Field {
        rust_name: "name".to_string(),
        wire_name: "name".to_string(),
        setter_name: "name".to_string(),
        docs: Vec::new(),
        ty,
        required,
        nullable,
        boxed,
        deprecated: None,
    }
}

#[test]
fn field_spellings() {
    let required = field(Type::String, true, false, false);
    assert_eq!(field_type(&required), "String");
    assert_eq!(
        constructor_entry("S", std::slice::from_ref(&required), None),
        "    S new(name: into String)"
    );
    let secret = field(Type::Secret, false, false, false);
    assert_eq!(field_type(&secret), "Option<crate::Secret>");
    assert_eq!(setter_entry(&secret), "name: secret String");
    let boxed = field(Type::model("Node"), true, true, true);
    assert_eq!(field_type(&boxed), "Option<Box<Node>>");
    assert_eq!(
        constructor_entry(
            &"S".repeat(80),
            &[boxed.clone(), required.clone()],
            Some("extra")
        ),
        format!(
            "    {} new(\n        name: boxed_option Option<Node>,\n        name: into String,\n    ) extra extra",
            "S".repeat(80)
        )
    );
    assert_eq!(setter_entry(&boxed), "name: boxed_option Option<Node>");
    let double = field(
        Type::Integer {
            format: IntegerFormat::I32,
        },
        false,
        true,
        false,
    );
    assert_eq!(field_type(&double), "Option<Option<i32>>");
    assert_eq!(
        serde_attributes(&double),
        "default, with = \"crate::codec::double_option\", skip_serializing_if = \"Option::is_none\""
    );
}

#[test]
fn steps_read_through_options() {
    let step = |name: &str, optional: bool| Step {
        rust_name: name.to_string(),
        optional,
        double_optional: false,
        boxed: false,
    };
    assert_eq!(items_expression(&[step("data", false)]), "response.data");
    assert_eq!(
        items_expression(&[step("meta", true), step("page", false), step("items", true)]),
        "response.meta.map(|value| value.page).and_then(|value| value.items).unwrap_or_default()"
    );
}

#[test]
fn cursors_are_read_by_reference() {
    let step = |name: &str, optional: bool| Step {
        rust_name: name.to_string(),
        optional,
        double_optional: false,
        boxed: false,
    };
    let kind = |steps| PaginationKind::Cursor {
        target: PaginationTarget::Optional {
            name: "cursor".to_string(),
            ty: Type::String,
        },
        cursor_path: steps,
    };
    assert_eq!(
        next_cursor_expression(&kind(vec![
            step("meta", true),
            step("page", true),
            step("after", true)
        ])),
        "response.meta.as_ref().and_then(|value| value.page.as_ref()).and_then(|value| value.after.as_ref()).cloned()"
    );
    assert_eq!(
        next_cursor_expression(&kind(vec![step("links", false), step("next", false)])),
        "Some(response.links.next.clone())"
    );
}

#[test]
fn types_spell_in_context() {
    let ty = Type::list(Type::nullable(Type::model("Pet")));
    assert_eq!(rust_type(&ty, Context::Models), "Vec<Option<Pet>>");
    assert_eq!(rust_type(&ty, Context::Apis), "Vec<Option<models::Pet>>");
}
