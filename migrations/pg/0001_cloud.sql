-- Onebook's cloud ledger on PostgreSQL, version 1 (DESIGN.md section 7).
-- Applied by the registering owner's admin connection, never by a device.
-- Every table leads its primary key with the tenant, ready to shard by tenant.

CREATE SCHEMA IF NOT EXISTS onebook;

DO $$ BEGIN
    CREATE ROLE onebook_device NOLOGIN;
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;

CREATE TABLE onebook.tenants (
    tenant_id   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name        text NOT NULL UNIQUE,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- Which tenant and device each device login belongs to. Devices cannot read it.
CREATE TABLE onebook.device_logins (
    role_name   text PRIMARY KEY,
    tenant_id   uuid NOT NULL REFERENCES onebook.tenants,
    device_id   text NOT NULL
);

CREATE TABLE onebook.devices (
    tenant_id       uuid NOT NULL REFERENCES onebook.tenants,
    device_id       text NOT NULL,
    series_prefix   text NOT NULL,
    head            bigint NOT NULL DEFAULT 0,   -- the last entry of its log held here
    registered_at   timestamptz NOT NULL DEFAULT now(),
    last_push_at    timestamptz,
    PRIMARY KEY (tenant_id, device_id),
    UNIQUE (tenant_id, series_prefix)
);

-- The devices' logs: append-only, dense per device.
CREATE TABLE onebook.entries (
    tenant_id   uuid NOT NULL,
    device_id   text NOT NULL,
    seq         bigint NOT NULL CHECK (seq > 0),
    kind        text NOT NULL,
    payload     jsonb NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, device_id, seq),
    FOREIGN KEY (tenant_id, device_id) REFERENCES onebook.devices
);

-- The login's tenant and device. session_user, not current_user: inside these SECURITY DEFINER
-- functions current_user is their owner.
CREATE FUNCTION onebook.current_tenant() RETURNS uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = onebook, pg_temp AS $$
    SELECT tenant_id FROM onebook.device_logins WHERE role_name = session_user
$$;
CREATE FUNCTION onebook.current_device() RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = onebook, pg_temp AS $$
    SELECT device_id FROM onebook.device_logins WHERE role_name = session_user
$$;

ALTER TABLE onebook.entries ALTER COLUMN tenant_id SET DEFAULT onebook.current_tenant();
ALTER TABLE onebook.entries ALTER COLUMN device_id SET DEFAULT onebook.current_device();

-- An entry must continue its device's log: the server refuses a gap, and a repeated batch
-- (a reset between commit and acknowledgement) is skipped by the client reading the head first.
-- Each insert wakes the tenant's devices (one notification per transaction and device).
CREATE FUNCTION onebook.entries_dense() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = onebook, pg_temp AS $$
BEGIN
    UPDATE onebook.devices SET head = NEW.seq, last_push_at = now()
     WHERE tenant_id = NEW.tenant_id AND device_id = NEW.device_id AND head = NEW.seq - 1;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'onebook: entry % of device % does not continue its log', NEW.seq, NEW.device_id
            USING ERRCODE = 'P0001';
    END IF;
    PERFORM pg_notify('onebook_' || replace(NEW.tenant_id::text, '-', ''), NEW.device_id);
    RETURN NEW;
END $$;
CREATE TRIGGER entries_dense BEFORE INSERT ON onebook.entries
    FOR EACH ROW EXECUTE FUNCTION onebook.entries_dense();

-- Tenants isolated by row-level security: a device reads its tenant's rows and writes only its
-- own log. No UPDATE or DELETE is granted to devices at all.
ALTER TABLE onebook.devices ENABLE ROW LEVEL SECURITY;
ALTER TABLE onebook.entries ENABLE ROW LEVEL SECURITY;
CREATE POLICY devices_of_tenant ON onebook.devices FOR SELECT TO onebook_device
    USING (tenant_id = onebook.current_tenant());
CREATE POLICY entries_of_tenant ON onebook.entries FOR SELECT TO onebook_device
    USING (tenant_id = onebook.current_tenant());
CREATE POLICY entries_own_log ON onebook.entries FOR INSERT TO onebook_device
    WITH CHECK (tenant_id = onebook.current_tenant() AND device_id = onebook.current_device());

REVOKE ALL ON ALL TABLES IN SCHEMA onebook FROM PUBLIC;
REVOKE ALL ON FUNCTION onebook.current_tenant(), onebook.current_device(), onebook.entries_dense() FROM PUBLIC;
GRANT USAGE ON SCHEMA onebook TO onebook_device;
GRANT SELECT ON onebook.devices TO onebook_device;
GRANT SELECT, INSERT ON onebook.entries TO onebook_device;
GRANT EXECUTE ON FUNCTION onebook.current_tenant(), onebook.current_device() TO onebook_device;
