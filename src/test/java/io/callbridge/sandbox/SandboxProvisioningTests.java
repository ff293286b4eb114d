package io.callbridge.sandbox;

import java.time.Duration;
import java.time.ZoneId;
import java.util.UUID;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.callbridge.support.IntegrationTest;
import io.callbridge.telephony.TelephonyAccounts;
import io.callbridge.tenants.Tenants;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests that a new tenant gets its sandbox account, and that creating one leaves the
 * connection pool as it found it.
 */
@IntegrationTest
class SandboxProvisioningTests {

	@Autowired
	Tenants tenants;

	@Autowired
	TelephonyAccounts accounts;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	DataSource dataSource;

	@Test
	void newTenantGetsOneEnabledSandboxAccount() {
		Long tenant = this.transactions.execute((status) -> createTenant());

		assertThat(this.accounts.list(tenant)).singleElement().satisfies((account) -> {
			assertThat(account.provider()).isEqualTo(SandboxProvisioning.PROVIDER);
			assertThat(account.enabled()).isTrue();
			assertThat(account.settings()).containsEntry("extensions", "100-119");
		});
	}

	@Test
	void creatingATenantOutsideATransactionReturnsItsConnection() {
		int before = activeConnections();

		createTenant();
		createTenant();

		await().atMost(Duration.ofSeconds(3))
			.untilAsserted(() -> assertThat(activeConnections()).as("connections in use").isLessThanOrEqualTo(before));
	}

	private long createTenant() {
		String slug = "p-" + UUID.randomUUID().toString().substring(0, 8);
		return this.tenants.create(slug, "Tenant " + slug, "ES", ZoneId.of("Europe/Madrid"), "EUR");
	}

	private int activeConnections() {
		return ((HikariDataSource) this.dataSource).getHikariPoolMXBean().getActiveConnections();
	}

}
