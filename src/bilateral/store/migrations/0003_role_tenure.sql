-- Posts over time: when a post began and ended where the text says ("from 2005 to 2007",
-- "since March 2019"), and whether it is held, planned ("President-elect", "nominated to be
-- Ambassador") or former. Rows stored before this migration are held posts with no dates.
-- (0002 is left to the positions table, made in parallel.)
ALTER TABLE roles ADD COLUMN start_date TEXT;
ALTER TABLE roles ADD COLUMN end_date TEXT;
ALTER TABLE roles ADD COLUMN status TEXT NOT NULL DEFAULT 'held';
