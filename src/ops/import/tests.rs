//! Import files read into rows and problems.

use super::read;
use crate::domain::{ImportRefusal, RowProblem, UserId};

#[test]
fn a_customer_export_reads_back_with_tags_fields_and_notes() {
    let csv = "customer_id,name,username,language,first_seen,banned,tags,notes,field:plan\n\
               7,Ana,ana,pt-br,2026-11-01T10:00Z,false,vip;stage:paid,likes calls,pro\n\
               8,Bob,,,,,,,\n";
    let file = read("documents/file_1.csv", csv.as_bytes()).unwrap();
    assert!(file.problems.is_empty(), "{:?}", file.problems);
    assert_eq!(file.rows.len(), 2);
    let ana = &file.rows[0];
    assert_eq!((ana.line, ana.customer), (2, UserId(7)));
    assert_eq!(ana.tags, ["vip", "stage:paid"]);
    assert_eq!(ana.fields["plan"], "pro");
    assert_eq!(ana.fields["notes"], "likes calls");
    assert_eq!(ana.language.as_deref(), Some("pt-br"));
    assert!(file.rows[1].tags.is_empty() && file.rows[1].fields.is_empty());

    let jsonl = "{\"id\":7,\"name\":\"Ana\",\"tags\":[\"vip\"],\"fields\":{\"plan\":\"pro\"},\"tickets\":[]}\n\n{\"customer_id\":\"8\"}\n";
    let file = read("documents/file_2.jsonl", jsonl.as_bytes()).unwrap();
    assert!(file.problems.is_empty(), "{:?}", file.problems);
    assert_eq!(file.rows[1].customer, UserId(8));
    assert_eq!(file.rows[1].line, 3);
}

#[test]
fn bad_rows_are_named_with_their_lines() {
    let csv = "customer_id,tags,field:plan\n\
               7,vip,pro\n\
               -1001,,\n\
               abc,,\n\
               7,,\n\
               9,bad tag!,\n\
               10,,\n\
               11\n";
    let file = read("x.csv", csv.as_bytes()).unwrap();
    let problems: Vec<(u32, RowProblem)> = file
        .problems
        .into_iter()
        .map(|problem| (problem.line, problem.problem))
        .collect();
    assert_eq!(
        problems,
        [
            (3, RowProblem::GroupId(-1001)),
            (4, RowProblem::BadId("abc".into())),
            (5, RowProblem::Duplicate { first: 2 }),
            (6, RowProblem::BadTag("bad tag!".into())),
            (8, RowProblem::Malformed),
        ]
    );
    assert_eq!(file.rows.len(), 2);
}

#[test]
fn files_that_are_not_customer_lists_are_refused() {
    assert_eq!(
        read("documents/file_1.pdf", b"%PDF-1.4"),
        Err(ImportRefusal::NotCsvOrJsonl)
    );
    assert_eq!(
        read("documents/file_1.csv", &[0xff, 0xfe, 0x00]),
        Err(ImportRefusal::NotCsvOrJsonl)
    );
    assert_eq!(
        read("a.csv", b"customer_id,ticket,status\n7,1,open\n"),
        Err(ImportRefusal::WrongColumns {
            unknown: vec!["ticket".into(), "status".into()]
        })
    );
    assert_eq!(
        read("a.csv", b"name,tags\nAna,vip\n"),
        Err(ImportRefusal::WrongColumns { unknown: vec![] })
    );
    assert_eq!(
        read("a.jsonl", b"{\"id\":7,\"email\":\"a@b\"}\n"),
        Err(ImportRefusal::WrongColumns {
            unknown: vec!["email".into()]
        })
    );
    assert_eq!(
        read("a.csv", b"customer_id,tags\n"),
        Err(ImportRefusal::Empty)
    );
}
