#include "quhua/storage/registry_schema.hpp"

namespace quhua::storage {

// Version 1. Dates are ISO text (YYYY-MM-DD), codes 12-digit text. A unit version is in force on
// [valid_from, valid_to). Triggers keep the history append-only: closed versions, events and audit
// entries cannot change, and a retired code cannot come back, whatever client writes.
static const char* const k_schema_v1 = R"SQL(
CREATE TABLE registry_snapshot (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  as_of       TEXT NOT NULL,
  source      TEXT NOT NULL,
  unit_count  INTEGER NOT NULL,
  imported_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);
CREATE TABLE registry_snapshot_unit (
  snapshot_id INTEGER NOT NULL REFERENCES registry_snapshot(id) ON DELETE CASCADE,
  code        TEXT NOT NULL,
  name        TEXT NOT NULL,
  level       INTEGER NOT NULL,
  parent_code TEXT NOT NULL,
  population  REAL,
  area_km2    REAL,
  geometry    TEXT,
  PRIMARY KEY (snapshot_id, code)
) WITHOUT ROWID;

CREATE TABLE registry_event (
  id          INTEGER PRIMARY KEY,
  type        TEXT NOT NULL CHECK (type IN ('abolished','established','renamed','merged','split',
                                            'transferred','upgraded','seat_moved','code_changed')),
  effective   TEXT NOT NULL,
  document    TEXT NOT NULL,
  note        TEXT NOT NULL DEFAULT '',
  source      TEXT NOT NULL CHECK (source IN ('manual','plan','nbs_inferred')),
  confidence  REAL CHECK (confidence IS NULL OR (confidence >= 0 AND confidence <= 1)),
  recorded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  recorded_by TEXT NOT NULL
);
CREATE INDEX registry_event_effective ON registry_event(effective);

CREATE TABLE registry_unit (
  id          INTEGER PRIMARY KEY,
  code        TEXT NOT NULL CHECK (length(code) = 12),
  name        TEXT NOT NULL CHECK (name <> ''),
  level       INTEGER NOT NULL,
  type        TEXT NOT NULL,
  parent_code TEXT NOT NULL,
  valid_from  TEXT NOT NULL,
  valid_to    TEXT CHECK (valid_to IS NULL OR valid_to > valid_from),
  population  REAL,
  area_km2    REAL,
  seat        TEXT NOT NULL DEFAULT '',
  seat_x      REAL,
  seat_y      REAL,
  geometry    TEXT,
  created_by  INTEGER REFERENCES registry_event(id),
  ended_by    INTEGER REFERENCES registry_event(id),
  CHECK ((valid_to IS NULL) = (ended_by IS NULL))
);
-- One version in force per code.
CREATE UNIQUE INDEX registry_unit_code_in_force ON registry_unit(code) WHERE valid_to IS NULL;
CREATE INDEX registry_unit_code ON registry_unit(code, valid_from);
CREATE INDEX registry_unit_parent ON registry_unit(parent_code);

CREATE TABLE registry_code (
  code        TEXT PRIMARY KEY,
  first_from  TEXT NOT NULL,
  retired_on  TEXT,
  retired_by  INTEGER REFERENCES registry_event(id),
  CHECK ((retired_on IS NULL) = (retired_by IS NULL))
) WITHOUT ROWID;

-- The key columns come first: SQLite 3.40's integrity_check misreports NOT NULL columns placed
-- before the key of a WITHOUT ROWID table.
CREATE TABLE registry_event_unit (
  event_id INTEGER NOT NULL REFERENCES registry_event(id),
  role     TEXT NOT NULL CHECK (role IN ('before','after')),
  position INTEGER NOT NULL,
  unit_id  INTEGER NOT NULL REFERENCES registry_unit(id),
  PRIMARY KEY (event_id, role, position)
) WITHOUT ROWID;
CREATE INDEX registry_event_unit_unit ON registry_event_unit(unit_id, role);

CREATE TABLE registry_event_link (
  event_id         INTEGER NOT NULL REFERENCES registry_event(id),
  from_unit        INTEGER NOT NULL REFERENCES registry_unit(id),
  to_unit          INTEGER NOT NULL REFERENCES registry_unit(id),
  population_share REAL NOT NULL CHECK (population_share >= 0 AND population_share <= 1),
  population_basis TEXT NOT NULL,
  area_share       REAL NOT NULL CHECK (area_share >= 0 AND area_share <= 1),
  area_basis       TEXT NOT NULL,
  PRIMARY KEY (event_id, from_unit, to_unit)
) WITHOUT ROWID;

-- What the registry covers: the codes it was seeded within ('' = the whole country). Drift and
-- sync compare an official table only inside these.
CREATE TABLE registry_scope (
  code     TEXT PRIMARY KEY,
  added_on TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
) WITHOUT ROWID;

CREATE TABLE registry_audit (
  id      INTEGER PRIMARY KEY,
  at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  actor   TEXT NOT NULL,
  action  TEXT NOT NULL,
  subject TEXT NOT NULL,
  detail  TEXT NOT NULL
);

CREATE TRIGGER registry_audit_no_update BEFORE UPDATE ON registry_audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER registry_audit_no_delete BEFORE DELETE ON registry_audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER registry_event_no_update BEFORE UPDATE ON registry_event
BEGIN SELECT RAISE(ABORT, 'recorded events cannot change'); END;
CREATE TRIGGER registry_event_no_delete BEFORE DELETE ON registry_event
BEGIN SELECT RAISE(ABORT, 'recorded events cannot be deleted'); END;
CREATE TRIGGER registry_unit_no_delete BEFORE DELETE ON registry_unit
BEGIN SELECT RAISE(ABORT, 'unit versions cannot be deleted'); END;
CREATE TRIGGER registry_unit_closed_is_final BEFORE UPDATE ON registry_unit
WHEN OLD.valid_to IS NOT NULL OR NEW.code IS NOT OLD.code OR NEW.name IS NOT OLD.name
  OR NEW.valid_from IS NOT OLD.valid_from OR NEW.parent_code IS NOT OLD.parent_code OR NEW.type IS NOT OLD.type
BEGIN SELECT RAISE(ABORT, 'a unit version can only be closed, once'); END;
CREATE TRIGGER registry_unit_no_retired_code BEFORE INSERT ON registry_unit
WHEN EXISTS (SELECT 1 FROM registry_code WHERE code = NEW.code AND retired_on IS NOT NULL)
BEGIN SELECT RAISE(ABORT, 'code retired: a retired code is never used again'); END;
CREATE TRIGGER registry_code_retirement_is_final BEFORE UPDATE ON registry_code
WHEN OLD.retired_on IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'code retired: a retired code is never used again'); END;
CREATE TRIGGER registry_code_no_delete BEFORE DELETE ON registry_code
BEGIN SELECT RAISE(ABORT, 'codes are never forgotten'); END;
)SQL";

const std::vector<Migration>& registry_migrations() {
  static const std::vector<Migration> k_migrations{
      {1, "division registry: snapshots, unit versions, events, codes, audit log", k_schema_v1},
  };
  return k_migrations;
}

}  // namespace quhua::storage
