"""Corpora: records of JSON Lines, CSV and Parquet, every core, Dask."""
