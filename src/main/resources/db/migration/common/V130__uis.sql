-- The UIS provider (module uis).

-- The point limits UIS reported in the last answer of each API (call, data) of an account
-- (metadata.limits), with the resets turned into times on the database's clock: every node reads
-- them before a request and refuses locally while a limit is used up, before UIS has to.
CREATE TABLE uis_point_limits (
    account_id BIGINT NOT NULL REFERENCES telephony_accounts (id) ON DELETE CASCADE,
    api VARCHAR(8) NOT NULL,
    day_limit INT NOT NULL,
    day_remaining INT NOT NULL,
    day_reset_at TIMESTAMP WITH TIME ZONE NOT NULL,
    minute_limit INT NOT NULL,
    minute_remaining INT NOT NULL,
    minute_reset_at TIMESTAMP WITH TIME ZONE NOT NULL,
    observed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (account_id, api)
);

-- The employees of each UIS account as last read from get.employees: the inbound side answers
-- UIS's interactive call processing from here, within UIS's deadline. phone_numbers holds the
-- active numbers, comma-separated, in dialling order.
CREATE TABLE uis_employees (
    account_id BIGINT NOT NULL REFERENCES telephony_accounts (id) ON DELETE CASCADE,
    employee_id VARCHAR(20) NOT NULL,
    full_name VARCHAR(300) NOT NULL,
    extension VARCHAR(20),
    phone_numbers VARCHAR(2000) NOT NULL,
    status VARCHAR(40),
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (account_id, employee_id)
);

-- Finished call sessions whose details (get.calls_report, get.call_legs_report) are still to be
-- read from the Data API: retried with backoff until the report has the session, then DONE, or
-- GAVE_UP with the last error kept. Due times are on the database's clock.
CREATE TABLE uis_session_fetches (
    account_id BIGINT NOT NULL REFERENCES telephony_accounts (id) ON DELETE CASCADE,
    call_session_id VARCHAR(40) NOT NULL,
    status VARCHAR(10) NOT NULL,
    due_at TIMESTAMP WITH TIME ZONE,
    attempts INT NOT NULL,
    last_error VARCHAR(1000),
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (account_id, call_session_id)
);
CREATE INDEX uis_session_fetches_due ON uis_session_fetches (status, due_at);
