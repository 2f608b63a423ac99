from store.audit import audit_entries
from store.settings import get_setting, set_setting


def test_a_setting_is_kept_and_its_change_audited(actor):
    assert get_setting("ui.projector", "0") == "0"
    set_setting(actor, "ui.projector", "1")
    set_setting(actor, "ui.projector", "0")
    assert get_setting("ui.projector") == "0"
    changes = [(e.summary["before"], e.summary["after"]) for e in audit_entries(target="ui.projector")]
    assert changes == [("1", "0"), ("", "1")]
