"""Checking as the clerk types: the browser's data is checked as it is (no YAML written per
keystroke), by the validation path of ``vanban check`` — same messages, same fields; lines only
while the data is the saved file's."""

from __future__ import annotations

import copy

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import cli
from generator.web.roundtrip import updated_yaml
from tests.conftest import SEED_FORM

SEED_NAME = "samples:ke-hoach-1626-KH-BQL.yaml"
YAML = {"content-type": "application/yaml"}


def opened(client) -> dict:
    return client.get("/api/form", params={"name": SEED_NAME}).json()


def check_data(client, form: dict, data: dict, name: str = SEED_NAME):
    return client.post("/api/check", json={"name": name, "base": form["yaml"], "form": data})


def test_an_edited_date_gets_the_message_vanban_check_prints_for_the_same_form(client, runner, tmp_path):
    form = opened(client)
    data = copy.deepcopy(form["data"])
    data["ngay"] = "31/2/2023"
    answer = check_data(client, form, data)
    assert answer.status_code == 422
    (issue,) = answer.json()["issues"]
    assert issue["field"] == "ngay" and issue["line"] is None  # not saved yet: the field locates it

    saved = tmp_path / "ke-hoach.yaml"
    saved.write_text(updated_yaml(form["yaml"], data), encoding="utf-8")
    (tmp_path / "co-quan.yaml").write_text((SEED_FORM.parent / "co-quan.yaml").read_text(encoding="utf-8"),
                                           encoding="utf-8")
    printed = runner.invoke(cli.main, ["check", str(saved)])
    assert printed.exit_code != 0
    line = saved.read_text(encoding="utf-8").splitlines().index("ngay: 31/2/2023") + 1
    assert f"{saved}:{line} ngay: {issue['message']}" in printed.output


def test_the_data_of_the_saved_file_is_located_by_its_lines(client):
    form = opened(client)
    data = copy.deepcopy(form["data"])
    del data["trich_yeu"]  # an edit: no lines
    edited = check_data(client, form, data).json()["issues"]
    assert [(i["field"], i["line"]) for i in edited] == [("trich_yeu", None)]

    broken = form["yaml"].replace("ngay: 13/4/2023", "ngay: 31/2/2023")
    saved = {**form, "yaml": broken}
    as_saved = check_data(client, saved, {**form["data"], "ngay": "31/2/2023"}).json()["issues"]
    as_text = client.post(f"/api/check?name={SEED_NAME}", content=broken.encode(), headers=YAML).json()["issues"]
    line = broken.splitlines().index("ngay: 31/2/2023") + 1
    assert as_saved == as_text and as_saved[0]["line"] == line and as_saved[0]["where"].endswith(f":{line}")


def test_a_form_too_deep_for_a_file_is_too_deep_as_data(client):
    form = opened(client)
    deep: dict = {"x": "1"}
    for _ in range(45):
        deep = {"x": deep}
    answer = check_data(client, form, {**form["data"], "mo_dau": deep})
    assert answer.status_code == 400 and answer.json()["issues"][0]["code"] == "form_too_deep"


TYPED = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=30)
FIELDS = st.sampled_from(["ngay", "so", "trich_yeu", "ky_hieu", "nguoi_ky"])


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(edits=st.lists(st.tuples(FIELDS, st.one_of(st.none(), TYPED)), min_size=1, max_size=3),
       drop_recipient=st.booleans())
@example(edits=[("trich_yeu", "\r0")], drop_recipient=False)  # was a folded block: written escaped now
@example(edits=[("trich_yeu", "\x1f")], drop_recipient=False)
def test_checking_the_data_says_what_checking_its_yaml_says(client, edits, drop_recipient):
    form = opened(client)
    data = copy.deepcopy(form["data"])
    for field, value in edits:
        data[field] = value
    if drop_recipient:
        data["noi_nhan"] = data["noi_nhan"][1:]
    as_data = check_data(client, form, data)
    as_yaml = client.post(f"/api/check?name={SEED_NAME}", content=updated_yaml(form["yaml"], data).encode(),
                          headers=YAML)
    assert as_data.status_code == as_yaml.status_code
    said = [(i["code"], i["field"], i["severity"], i["message"]) for i in as_data.json()["issues"]]
    assert said == [(i["code"], i["field"], i["severity"], i["message"]) for i in as_yaml.json()["issues"]]
