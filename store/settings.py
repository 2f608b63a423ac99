"""Preferences that belong to a village file, such as the projector theme."""

from store import audit, db
from store.actor import Actor
from store.models import Setting


def get_setting(key: str, default: str = "") -> str:
    row = Setting.get_or_none(Setting.key == key)
    return default if row is None else row.value


def set_setting(actor: Actor, key: str, value: str) -> None:
    with db.write():
        before = get_setting(key)
        Setting.insert(key=key, value=value).on_conflict_replace().execute()
        audit.record(actor, "setting.set", key, before=before, after=value)
