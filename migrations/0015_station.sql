-- What each till remembers about its own hardware: receipt printer (an address as
-- `onebook print --to` takes it), paper, drawer, receipt language, serial scanner.
-- Local to the till's book, never replicated: another till has other hardware.
CREATE TABLE station_devices (
    device_id      TEXT PRIMARY KEY,
    printer        TEXT,
    paper          TEXT NOT NULL DEFAULT '80' CHECK (paper IN ('58', '80')),
    kick_drawer    INTEGER NOT NULL DEFAULT 0 CHECK (kick_drawer IN (0, 1)),
    receipt_locale TEXT,
    scanner_port   TEXT,
    scanner_baud   INTEGER NOT NULL DEFAULT 9600,
    scanner_suffix TEXT NOT NULL DEFAULT 'cr' CHECK (scanner_suffix IN ('cr', 'lf', 'crlf')),
    updated_at     TEXT NOT NULL,
    updated_by     TEXT NOT NULL REFERENCES users (id)
) STRICT;
