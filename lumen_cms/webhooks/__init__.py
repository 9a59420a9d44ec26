"""Publish webhooks: every content change reaches the registered front ends as one
signed POST listing the paths and tags it affects (README, "Publish webhooks").

changes.py   which paths and tags a change affects (the adapter; integration seam)
batching.py  one webhook per request / transaction / explicit batch
outbox.py    delivery rows, claim, retry with backoff, sweep, resend
transport.py the POST with a hard deadline; signing.py Standard Webhooks signatures
"""
