package io.callbridge.shared;

import java.util.ArrayList;
import java.util.List;

import io.callbridge.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Bulk inserts run with PostgreSQL's default plan cache mode and only they: the
 * transaction's statements before and after them, a savepoint that fails inside them, and
 * other transactions keep the connections' {@code force_custom_plan}. On H2 the work just
 * runs.
 */
@IntegrationTest
class BulkInsertsTests {

	private static final boolean POSTGRES = "postgres".equals(System.getProperty("callbridge.test.database"));

	@Autowired
	BulkInserts bulk;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PlatformTransactionManager transactions;

	@Test
	void onlyTheInsertsRunWithTheDefaultMode() {
		List<String> seen = new ArrayList<>();

		String result = new TransactionTemplate(this.transactions).execute((status) -> {
			seen.add(mode());
			String inside = this.bulk.get(this::mode);
			seen.add(mode());
			return inside;
		});
		seen.add(mode());

		if (POSTGRES) {
			assertThat(result).isEqualTo("auto");
			assertThat(seen).containsExactly("force_custom_plan", "force_custom_plan", "force_custom_plan");
		}
		else {
			assertThat(result).isEqualTo("H2");
		}
	}

	@Test
	void insertsThatFailInASavepointLeaveTheModeAsItWas() {
		TransactionTemplate savepoint = new TransactionTemplate(this.transactions);
		savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);

		String after = new TransactionTemplate(this.transactions).execute((status) -> {
			assertThatIllegalStateException()
				.isThrownBy(() -> savepoint.executeWithoutResult((inner) -> this.bulk.run(() -> {
					throw new IllegalStateException("refused");
				})));
			return mode();
		});

		assertThat(after).isEqualTo(POSTGRES ? "force_custom_plan" : "H2");
	}

	@Test
	void outsideATransactionTheWorkJustRuns() {
		assertThat(this.bulk.get(this::mode)).isEqualTo(POSTGRES ? "force_custom_plan" : "H2");
	}

	private String mode() {
		return POSTGRES ? this.jdbc.sql("SELECT current_setting('plan_cache_mode')").query(String.class).single()
				: "H2";
	}

}
