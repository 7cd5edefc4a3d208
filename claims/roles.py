"""The desk's roles and what each may do, applied after every migrate (see apps.py)."""

# The permission each editorial action needs (claims.services.may_review, may_merge).
REVIEW_PERMISSION = "claims.review_claim"  # verify, dispute, reopen, dismiss, assign
MERGE_PERMISSION = "claims.merge_claim"  # merge, split, confirm or reject a proposed match
REWORD_PERMISSION = "claims.change_claim"  # a claim's wording only

CONTRIBUTOR_PERMISSIONS = [
    "articles.view_source",
    "articles.add_source",
    "articles.view_article",
    "articles.add_article",
    "articles.change_article",
    "claims.view_event",
    "claims.view_claim",
    "claims.change_claim",  # wording only: status changes need review_claim
    "claims.view_appearance",
    "claims.view_review",
    "claims.view_wordingchange",
    "claims.view_evidence",
    "claims.view_auditentry",
    "intake.view_intakejob",  # their own jobs in the API; every job in the admin
    "intake.view_feed",
    "intake.view_feeditem",
    "intake.view_pagesnapshot",
    "claims.view_claimlink",
    "claims.view_entityalias",
    # Proposed matches: editors confirm or reject them with claims.merge_claim.
    "claims.view_matchproposal",
]
EDITOR_PERMISSIONS = CONTRIBUTOR_PERMISSIONS + [
    "articles.change_source",
    "claims.change_event",
    "claims.review_claim",
    "claims.merge_claim",
    "claims.publish_event",
    "intake.add_feed",
    "intake.change_feed",
    "intake.change_intakejob",  # retry a failed job
    "claims.change_claimlink",  # confirm or reject a link proposed across languages
    "claims.add_entityalias",  # teach the desk another spelling of a name
    "claims.change_entityalias",
    "claims.delete_entityalias",
]
ROLES = {"contributor": CONTRIBUTOR_PERMISSIONS, "editor": EDITOR_PERMISSIONS}


def apply_roles(groups, permissions) -> None:
    """Create or update each role's group; groups and permissions are managers."""
    for name, codes in ROLES.items():
        group, _ = groups.get_or_create(name=name)
        granted = []
        for code in codes:
            app_label, codename = code.split(".")
            granted.append(permissions.get(content_type__app_label=app_label, codename=codename))
        group.permissions.set(granted)
