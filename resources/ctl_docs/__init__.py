"""Import of documentation in the ctl.io knowledge-base format ."""
