package io.callbridge.calls;

import java.util.List;

import io.callbridge.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * On PostgreSQL five indexes of {@code calls} hold only the rows their lookups ask for
 * (migration V174): each lookup can still use its index, with its parameters unknown (a
 * generic plan, as a statement run many times gets), so the rows left out are never the
 * ones asked for.
 */
@IntegrationTest
class CallIndexesTests {

	private static final boolean POSTGRES = "postgres".equals(System.getProperty("callbridge.test.database"));

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void theIndexesHoldOnlyTheRowsTheirLookupsAskFor() {
		assumeTrue(POSTGRES, "partial indexes are PostgreSQL's");

		List<String> definitions = this.jdbc
			.sql("SELECT indexdef FROM pg_indexes WHERE tablename = 'calls' AND indexname IN "
					+ "('calls_open_by_account', 'calls_campaign', 'calls_contact', 'calls_agent', 'calls_originated_by') "
					+ "ORDER BY indexname")
			.query(String.class)
			.list();

		assertThat(definitions).hasSize(5);
		assertThat(definitions.get(0)).endsWith("WHERE (agent_id IS NOT NULL)");
		assertThat(definitions.get(1)).endsWith("WHERE (campaign_id IS NOT NULL)");
		assertThat(definitions.get(2)).endsWith("WHERE (contact_id IS NOT NULL)");
		assertThat(definitions.get(3)).contains("(account_id, last_event_at, id)")
			.endsWith("WHERE ((state)::text <> 'ENDED'::text)");
		assertThat(definitions.get(4)).endsWith("WHERE (originated_by IS NOT NULL)");
	}

	@Test
	void theSweepersLookupOfStaleOpenCallsUsesTheOpenCallsIndex() {
		assertThat(genericPlan("bigint, timestamptz", """
				SELECT c.id FROM calls c WHERE c.account_id = $1 AND c.state <> 'ENDED' AND c.last_event_at < $2
				ORDER BY c.last_event_at, c.id LIMIT 100""", "1, now()")).contains("calls_open_by_account");
	}

	@Test
	void aContactsCallsUseTheContactsIndex() {
		assertThat(genericPlan("bigint, bigint",
				"SELECT c.id FROM calls c WHERE c.tenant_id = $1 AND c.contact_id = $2", "1, 2"))
			.contains("calls_contact");
	}

	@Test
	void aCampaignsCallsUseTheCampaignsIndex() {
		assertThat(genericPlan("bigint, bigint",
				"SELECT c.id FROM calls c WHERE c.tenant_id = $1 AND c.campaign_id = $2 ORDER BY c.started_at", "1, 2"))
			.contains("calls_campaign");
	}

	@Test
	void anAgentsCallsUseTheAgentsIndexAsTheForeignKeysDeleteDoes() {
		assertThat(genericPlan("bigint", "UPDATE calls SET agent_id = NULL WHERE agent_id = $1", "1"))
			.contains("calls_agent");
	}

	@Test
	void deletingAnAgentFindsTheCallsTheyPlacedThroughTheOriginatorsIndex() {
		assertThat(genericPlan("bigint", "UPDATE calls SET originated_by = NULL WHERE originated_by = $1", "1"))
			.contains("calls_originated_by");
	}

	// The plan PostgreSQL keeps for a prepared statement whatever its parameters, with
	// sequential scans priced out so that the plan shows whether the index can serve at
	// all (the test database's few calls would otherwise be read whole).
	private String genericPlan(String types, String statement, String arguments) {
		assumeTrue(POSTGRES, "partial indexes are PostgreSQL's");
		return this.transactions.execute((status) -> {
			this.jdbc.sql("SET LOCAL plan_cache_mode = force_generic_plan").update();
			this.jdbc.sql("SET LOCAL enable_seqscan = off").update();
			this.jdbc.sql("PREPARE call_index_probe (" + types + ") AS " + statement).update();
			try {
				return String.join("\n",
						this.jdbc.sql("EXPLAIN EXECUTE call_index_probe (" + arguments + ")")
							.query(String.class)
							.list());
			}
			finally {
				this.jdbc.sql("DEALLOCATE call_index_probe").update();
			}
		});
	}

}
