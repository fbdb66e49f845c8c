-- A year's State Council holiday notice (国务院办公厅关于某年部分节假日安排的通知)
-- loaded by the sysadmin when it is published after the release that
-- bundles the data: the holiday-cn file as given, who loaded it and when.
-- loadWorkCalendar merges these with the bundled files; a bundled year with
-- days is never replaced (calendar/service.ts).
CREATE TABLE official_holiday_years (
  year integer PRIMARY KEY CHECK (year BETWEEN 1900 AND 2100),
  file jsonb NOT NULL,
  loaded_by uuid,
  loaded_at timestamptz NOT NULL
);
