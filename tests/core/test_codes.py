import csv

from pipeline.core.codes import all_codes, code, codes


def test_codes_keep_the_published_contract(fixtures):
    """Every code of the contract is in the project's copy, unchanged."""
    with open(fixtures / "spec" / "codes.csv", encoding="utf-8") as f:
        contract = {(r["table"], r["dimension"], r["code"]): r for r in csv.DictReader(f)}
    ours = {(c.table, c.dimension, c.code): c for c in all_codes()}
    for key, row in contract.items():
        assert key in ours, key
        assert ours[key].label_zh == row["label_zh"]
        assert ours[key].parent == (row["parent"] or None)


def test_template_filter_and_lookup():
    outcomes_2019 = [c.code for c in codes("requests", "outcome", "2019")]
    assert "other_handling" in outcomes_2019
    assert "other_handling.fee_unpaid" not in outcomes_2019
    assert code("proactive", "item", "normative_documents").labels_zh == ("规范性文件", "行政规范性文件")
