"""The secretary console (live meeting): a tab of every meeting workspace (``console_tab``)."""
