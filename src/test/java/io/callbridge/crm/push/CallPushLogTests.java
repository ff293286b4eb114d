package io.callbridge.crm.push;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import io.callbridge.crm.CrmConnections;
import io.callbridge.crm.CrmFixture;
import io.callbridge.crm.FakeCrmConnector;
import io.callbridge.support.FakeTelephonyProvider;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TenantFixture;
import io.callbridge.telephony.Credentials;
import io.callbridge.telephony.TelephonyAccounts;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The push log's row of a call, created by another transaction between this one's look
 * and its insert: the failed insert is rolled back to its savepoint and the transaction
 * goes on with the other's row. On PostgreSQL a failed statement aborts the rest of a
 * transaction unless it is rolled back to a savepoint.
 */
@IntegrationTest
@Import(FakeCrmConnector.Configuration.class)
class CallPushLogTests {

	@Autowired
	TenantFixture tenants;

	@Autowired
	TelephonyAccounts accounts;

	@Autowired
	CrmConnections connections;

	@Autowired
	CallPushLog log;

	@Autowired
	PlatformTransactionManager transactions;

	@Test
	void aRowCreatedMeanwhileByAnotherTransactionIsTakenAndTheTransactionGoesOn() {
		long tenant = this.tenants.anyTenant();
		long account = this.accounts
			.create(tenant, FakeTelephonyProvider.KEY, "Fake", true, Map.of(), new Credentials(Map.of("secret", "s")))
			.id();
		long connection = this.connections.create(tenant, CrmFixture.anyConnection(account)).id();
		long call = System.nanoTime();
		Instant now = Instant.now();
		TransactionTemplate tx = new TransactionTemplate(this.transactions);
		tx.executeWithoutResult((status) -> this.log.create(connection, call, tenant, now));

		Set<String> pushes = tx.execute((status) -> {
			// What the other transaction's commit leaves this one: an insert that fails.
			this.log.create(connection, call, tenant, now);
			Set<String> enqueued = this.log.lock(connection, call, tenant, now);
			this.log.add(connection, call, "hangup", now);
			return enqueued;
		});

		assertThat(pushes).isEmpty();
		Set<String> after = tx.execute((status) -> this.log.lock(connection, call, tenant, now));
		assertThat(after).containsExactly("hangup");
	}

}
