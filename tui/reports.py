"""Plain text that both the command line and the screens show: an import preview, a
rubric item's points, a policy rule by rule."""

from tui.i18n import explain, t


def preview_lines(preview) -> list[str]:
    """The preview in the clerk's words, as the CLI prints it too."""
    lines = [t("cli.import.summary", path=preview.path, header_row=preview.header_row,
               good=preview.good_count, bad=preview.bad_count)]
    if preview.new_groups:
        lines.append(t("cli.import.new_groups", groups=t("word.list").join(preview.new_groups)))
    if preview.ignored_columns:
        lines.append(t("cli.import.ignored_columns", columns=t("word.list").join(preview.ignored_columns)))
    for problem in preview.problems:
        column = t(f"field.{problem.column}") if problem.column else ""
        lines.append(t("cli.import.problem", row=problem.row, column=column,
                       problem=explain(problem)))
    return lines


def points_text(item) -> str:
    """15, -10, or the meeting's range (1~100) for items the meeting decides."""
    if item.meeting_sets_points:
        return f"{item.min_points}~{item.max_points}"
    return str(item.points)


def policy_lines(policy) -> list[tuple[str, str]]:
    """The policy as a clerk reads it: one (label, value) per rule."""
    none = t("policy.value.none")
    lines = [
        (t("policy.label.source"), policy.source),
        (t("policy.label.covers"), t(f"policy.covers.{policy.covers}")),
        (t("policy.label.rhythm"), t(f"policy.rhythm.{policy.rhythm}")),
        (t("policy.label.cap"), str(policy.household_cap) if policy.household_cap else none),
        (t("policy.label.budget"), t("word.parts").join(_tier_text(tier) for tier in policy.budget) or none),
        (t("policy.label.notice"), t("policy.value.days", days=policy.notice_days)),
        (t("policy.label.yuan"), t("policy.value.yuan", yuan=policy.yuan_per_point)),
        (t("policy.label.reset"), t(f"policy.reset.{policy.spendable_reset}")),
        (t("policy.label.redemption"), _redemption_text(policy)),
        (t("policy.label.zones"), t("word.list").join(map(str, policy.price_zones)) or none),
        (t("policy.label.donation"), t(f"policy.donation.{policy.donation_rule}")),
        (t("policy.label.signoff"), t("word.yes") if policy.supervisor_signoff else t("word.no")),
        (t("policy.label.names"), t("word.yes") if policy.name_deductions else t("word.no")),
    ]
    if policy.ranked:
        rule = policy.eligibility
        lines.insert(4, (t("policy.label.ranked"), t(
            "policy.value.ranked", base=policy.base_score, min=rule.min_score,
            top=rule.top_percent)))
    if policy.honours:
        lines.append((t("policy.label.honours"), t(
            "policy.value.honours", count=policy.honours.count, title=policy.honours.title,
            month=policy.honours.month)))
    lines.append((t("policy.label.bands"), t("word.list").join(map(str, policy.distribution_bands))))
    return lines


def _tier_text(tier) -> str:
    if tier.up_to is None:
        return t("policy.value.tier_rest", points=tier.points)
    return t("policy.value.tier", up_to=tier.up_to, points=tier.points)


def _redemption_text(policy) -> str:
    if policy.redemption_anytime:
        return t("policy.value.anytime", days=policy.order_days)
    return t("word.parts").join(t("policy.value.window", months=t("word.list").join(map(str, window.months)),
                      first=window.first_day, last=window.last_day)
                     for window in policy.redemption_windows)
