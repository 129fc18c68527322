"""Incoming documents (văn bản đến): receipt and registration, handling, deadlines, the cascade board."""
