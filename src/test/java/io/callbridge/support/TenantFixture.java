package io.callbridge.support;

import java.util.Objects;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates a fresh tenant for one test, inside a transaction. Creating a tenant outside a
 * transaction leaks a pooled connection ({@code TelephonyAccounts.findFirst} leaves its
 * JDBC result stream open), which would exhaust the pool after about twenty tests.
 */
@Component
public class TenantFixture {

	private final TestData data;

	private final TransactionTemplate transactions;

	TenantFixture(TestData data, TransactionTemplate transactions) {
		this.data = data;
		this.transactions = transactions;
	}

	/** A new tenant (region ES, zone Europe/Madrid, EUR) with its sandbox account. */
	public long anyTenant() {
		return Objects.requireNonNull(this.transactions.execute((status) -> this.data.anyTenant()));
	}

}
