package io.callbridge.audit;

import java.time.Duration;
import java.time.Instant;

import io.callbridge.shared.Jdbc;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TenantFixture;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit trail stays bounded: the retention job deletes events older than the
 * retention period (default 180 days) and keeps the younger ones.
 */
@IntegrationTest
class AuditRetentionTests {

	@Autowired
	AuditRetention retention;

	@Autowired
	AuditTrail trail;

	@Autowired
	TenantFixture tenants;

	@Autowired
	JdbcClient jdbc;

	@Test
	void eventsOlderThanTheRetentionAreDeleted() {
		long tenant = this.tenants.anyTenant();
		long old = event(tenant, Instant.now().minus(Duration.ofDays(181)));
		long young = event(tenant, Instant.now().minus(Duration.ofDays(179)));

		this.retention.purge();

		assertThat(
				this.jdbc.sql("SELECT id FROM audit_events WHERE tenant_id = ?").param(tenant).query(Long.class).list())
			.containsExactly(young)
			.doesNotContain(old);
	}

	private long event(long tenant, Instant at) {
		this.trail.record(new AuditEntry(tenant, AuditCategory.TOKEN, "issue", null, "someone", "/api/v1/api-tokens",
				null, null, "127.0.0.1", AuditOutcome.SUCCESS, 201));
		long id = this.jdbc.sql("SELECT MAX(id) FROM audit_events WHERE tenant_id = ?")
			.param(tenant)
			.query(Long.class)
			.single();
		this.jdbc.sql("UPDATE audit_events SET occurred_at = ? WHERE id = ?").params(Jdbc.ts(at), id).update();
		return id;
	}

}
