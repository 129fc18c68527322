"""Outgoing documents (văn bản đi): drafted, reviewed, approved, signed by the competent signer,
numbered and released by the văn thư, and dispatched to their recipients (Nơi nhận)."""
