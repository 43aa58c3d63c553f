-- The learned model registry (issue 4, R2): model files with their training summary and
-- evaluation figures, never changed once stored, and every activation, the last in force.
CREATE TABLE risk_models (
  version       INTEGER PRIMARY KEY,
  description   TEXT NOT NULL,
  registered_at TEXT NOT NULL,
  registered_by TEXT NOT NULL,
  summary       TEXT NOT NULL,  -- JSON
  evaluation    TEXT NOT NULL,  -- JSON, '{}' if not evaluated
  size_bytes    INTEGER NOT NULL,
  sha256        TEXT NOT NULL,
  content       BLOB NOT NULL   -- the model file (haiquan-risk-model/1)
);

CREATE TABLE risk_model_activations (
  id            INTEGER PRIMARY KEY,
  version       INTEGER REFERENCES risk_models (version),  -- NULL: no model active
  red_budget    REAL NOT NULL,
  yellow_budget REAL NOT NULL,
  explore_share REAL NOT NULL,
  calibration_window INTEGER NOT NULL,  -- recent declarations whose scores set the lanes
  activated_at  TEXT NOT NULL,
  activated_by  TEXT NOT NULL
);
