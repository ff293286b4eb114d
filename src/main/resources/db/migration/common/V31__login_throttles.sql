-- Failed logins per subject (a tenant's username, or a client address), so that repeated failures are slowed
-- down and then refused for a while on every node and across restarts. Times come from the database clock.
CREATE TABLE login_throttles (
    scope VARCHAR(10) NOT NULL,
    subject VARCHAR(200) NOT NULL,
    failures INT NOT NULL,
    last_failure_at TIMESTAMP WITH TIME ZONE NOT NULL,
    locked_until TIMESTAMP WITH TIME ZONE,
    CONSTRAINT login_throttles_pk PRIMARY KEY (scope, subject)
);
CREATE INDEX login_throttles_last_failure ON login_throttles (last_failure_at);
