"""Reads of the follow-up app: commitments and their roll-ups, the public figures, the problems
book, the selection tool and the post-exhibition report, one module each."""
