"""Behaviour check of the shared store's access rules (``nghisu rls check``)."""
