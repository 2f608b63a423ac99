"""Sign-off under a policy that asks for it; an award explains itself under its own version."""

import os
from datetime import date

import pytest

from store import reviews, staff
from store.actor import resolve_actor
from store.adoption import adopt_policy_text, adopt_rubric_text
from store.errors import JifenError
from store.models import Review
from store.shipped import shipped_text
from tests.store.points_helpers import households, later, on

NOV = date(2026, 11, 26)


@pytest.fixture
def signed_village(actor):
    actor = on(actor, NOV)
    adopt_rubric_text(actor, shipped_text("rubric-mazigou.toml"))
    policy = shipped_text("policy-tongguan.toml").replace(
        "supervisor_signoff = false", "supervisor_signoff = true")
    adopt_policy_text(actor, policy, "policy-tongguan-signed.toml")
    households(actor, 2)
    uid = str(os.geteuid())
    staff.add_staff(actor, "李秀兰", "supervisor", uid)
    staff.add_staff(actor, "赵玉梅", "liaison", uid)
    reviews.open_review(actor, "2026-11")
    reviews.propose_award(actor, "001", "5.2")
    reviews.close_review(actor)
    return actor


def _key(call):
    with pytest.raises(JifenError) as caught:
        call()
    return caught.value.key


def test_finalizing_waits_for_a_supervisor_who_did_not_close_it(signed_village):
    clerk = later(signed_village, 4)
    assert _key(lambda: reviews.finalize_review(clerk)) == "review.needs_signoff"
    liaison = on(resolve_actor("赵玉梅"), clerk.today)
    for other in (clerk, liaison):
        with pytest.raises(JifenError) as caught:
            reviews.sign_off(other, 1)
        # Refused for the role, and told who on this shared OS account may (D13).
        assert caught.value.key == "roles.refused_try_as"
        assert caught.value.params == {"name": other.staff_name, "role": other.role,
                                       "action": "review.signoff", "allowed": "supervisor",
                                       "other": "李秀兰"}
    supervisor = on(resolve_actor("李秀兰"), clerk.today)
    assert reviews.sign_off(supervisor, 1).signed_off_by == "李秀兰"
    assert reviews.finalize_review(clerk).status == "finalized"


def test_a_supervisor_closes_no_review_so_never_signs_their_own(actor):
    """The two-person rule by roles: a supervisor may not open or close a review."""
    staff.add_staff(on(actor, NOV), "李秀兰", "supervisor", str(os.geteuid()))
    supervisor = on(resolve_actor("李秀兰"), NOV)
    adopt_rubric_text(actor, shipped_text("rubric-mazigou.toml"))
    adopt_policy_text(actor, shipped_text("policy-mazigou.toml"))
    assert _key(lambda: reviews.open_review(supervisor, "2026-11")) == "roles.refused_try_as"
    reviews.open_review(actor, "2026-11")
    assert _key(lambda: reviews.close_review(supervisor)) == "roles.refused_try_as"
    assert reviews.review_info(1).status == "open"


def test_a_supervisor_cannot_sign_off_a_review_they_closed(actor):
    """A review closed by a supervisor before roles were enforced: they may not sign it."""
    staff.add_staff(on(actor, NOV), "李秀兰", "supervisor", str(os.geteuid()))
    supervisor = on(resolve_actor("李秀兰"), NOV)
    adopt_rubric_text(actor, shipped_text("rubric-mazigou.toml"))
    adopt_policy_text(actor, shipped_text("policy-mazigou.toml"))
    reviews.open_review(actor, "2026-11")
    reviews.close_review(actor)
    Review.update(closed_by=supervisor.staff_id).execute()
    assert _key(lambda: reviews.sign_off(supervisor, 1)) == "review.signoff_own"
    assert reviews.review_info(1).signed_off_by == ""


def test_an_award_under_version_1_still_explains_itself_after_version_2(actor):
    actor = on(actor, NOV)
    text = shipped_text("rubric-mazigou.toml")
    adopt_rubric_text(actor, text)
    adopt_policy_text(actor, shipped_text("policy-mazigou.toml"))
    households(actor, 1)
    reviews.open_review(actor, "2026-11")
    award = reviews.propose_award(actor, "001", "5.3")
    renamed = text.replace('name = "协调邻里纠纷"', 'name = "调解纠纷"').replace(
        "points = 15\nunit = \"per_time\"", "points = 12\nunit = \"per_time\"")
    assert adopt_rubric_text(actor, renamed).number == 2
    shown = reviews.review_info(award.review).awards[0]
    assert (shown.item_name, shown.points) == ("协调邻里纠纷", 15)
    assert reviews.review_info(award.review).rubric_version == 1
