"""The e-mail codes the store keeps, with their Vietnamese labels."""

from __future__ import annotations

from store.codes import Labelled


class MailKind(Labelled):
    INVITATION = "invitation", "giấy mời"
    DOCUMENT = "document", "văn bản"


class DeliveryStatus(Labelled):
    """One recipient's copy: waiting (new, or deferred and due again later), accepted by the
    server, or refused by it for good (its reason kept). Nothing is ever deleted."""

    QUEUED = "queued", "chờ gửi"
    SENT = "sent", "đã gửi"
    REFUSED = "refused", "bị từ chối"
