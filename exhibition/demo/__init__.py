"""The synthetic demo data set: made-up neighborhoods, councils, martyrs, booths and schedule.

Every record is labelled: `is_synthetic=True` where the model has the flag, and «داده نمایشی»
in its description or source. Everything else a demo record owns (council members, indicators,
problems, holders, ...) hangs from a labelled record and goes with it.

The set is a pure function of the seed and the scale: each part draws from its own random
stream, so `--martyrs 100` and `--martyrs 2000` give the same neighborhoods. Loading replaces
the previous demo set inside one transaction, so running it twice leaves the same data.

One module per app's data (`neighborhoods`, `martyrs`, `exhibition`), the words they are made
of in `vocabulary`, and `loader` puts them together. Rows are bulk inserted with
`bulk_create`, not written through the services one by one: 100,000 martyrs through
`full_clean()` and `save()` take minutes. `bulk_create` skips `save()`, so the derived columns
(search keys, martyrdom year) are computed here with the models' own methods. History rows are
written with simple_history's `bulk_create_with_history`, except for more than
`martyrs.HISTORY_LIMIT` martyrs, where the history would double the time of the biggest insert.
"""
