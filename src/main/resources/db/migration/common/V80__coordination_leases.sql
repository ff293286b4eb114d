-- Named leases shared by every node, on the database's clock (see io.callbridge.coordination.Leases):
-- who holds a piece of work (token) and until when.
CREATE TABLE coordination_leases (
    name VARCHAR(200) PRIMARY KEY,
    token VARCHAR(36) NOT NULL,
    acquired_at TIMESTAMP WITH TIME ZONE NOT NULL,
    held_until TIMESTAMP WITH TIME ZONE NOT NULL
);
