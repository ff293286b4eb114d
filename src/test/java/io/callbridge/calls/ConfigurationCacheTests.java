package io.callbridge.calls;

import java.time.Instant;
import java.util.UUID;

import io.callbridge.shared.Jdbc;
import io.callbridge.shared.Role;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallEventSink;
import io.callbridge.telephony.CallEventType;
import io.callbridge.telephony.ProviderCallEvent;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every call reads of its tenant's configuration (the agent on an extension, the
 * campaign of a line, the webhook endpoints wanting it) is kept between calls, and a
 * change of that configuration counts from the next call on — whoever makes it: here
 * plain SQL in a transaction of its own, as another node, an import or an operator would,
 * with no word to this node's cache.
 */
@IntegrationTest
class ConfigurationCacheTests {

	@Autowired
	CallEventSink sink;

	@Autowired
	TestData data;

	@Autowired
	JdbcClient jdbc;

	@Test
	void anExtensionGivenToAnotherAgentRingsThatAgentFromTheNextCall() {
		long tenant = this.data.anyTenant();
		long account = this.data.sandboxAccount(tenant).id();
		TestUser first = this.data.anyAgentWithExtension(tenant, Role.AGENT, "301");
		TestUser second = this.data.anyUser(tenant, Role.AGENT);
		assertThat(agentRung(ring(account, "301", null))).isEqualTo(first.id());
		assertThat(agentRung(ring(account, "301", null))).as("kept between calls").isEqualTo(first.id());

		this.jdbc.sql("UPDATE agent_extensions SET agent_id = ? WHERE account_id = ? AND extension = '301'")
			.params(second.id(), account)
			.update();

		assertThat(agentRung(ring(account, "301", null))).isEqualTo(second.id());
	}

	@Test
	void theExtensionOfAnAgentDeletedRingsNobody() {
		long tenant = this.data.anyTenant();
		long account = this.data.sandboxAccount(tenant).id();
		TestUser agent = this.data.anyAgentWithExtension(tenant, Role.AGENT, "302");
		assertThat(agentRung(ring(account, "302", null))).isEqualTo(agent.id());

		// The extension goes with the user (ON DELETE CASCADE): its trigger fires too.
		this.data.agentService().delete(tenant, agent.id(), this.data.anyUser(tenant, Role.ADMIN).id());

		assertThat(agentRung(ring(account, "302", null))).isNull();
	}

	@Test
	void aCampaignOpenedOnALineTakesItsNextCallAndNoneOnceClosed() {
		long tenant = this.data.anyTenant();
		long account = this.data.sandboxAccount(tenant).id();
		String line = "+3491" + (1_000_000 + (UUID.randomUUID().hashCode() & 0xfffff));
		assertThat(campaignOf(ring(account, null, line))).isNull();

		long campaign = inboundCampaign(tenant, account, line);
		assertThat(campaignOf(ring(account, null, line))).isEqualTo(campaign);

		this.jdbc.sql("UPDATE campaigns SET state = 'PAUSED' WHERE id = ?").param(campaign).update();
		assertThat(campaignOf(ring(account, null, line))).isNull();
	}

	@Test
	void aWebhookEndpointAddedTakesTheNextCallsRingAndNoneOnceDisabled() {
		long tenant = this.data.anyTenant();
		long account = this.data.sandboxAccount(tenant).id();
		// A ring is announced when it rings an agent.
		this.data.anyAgentWithExtension(tenant, Role.AGENT, "303");
		ring(account, "303", null);
		assertThat(ringMessages(tenant)).isZero();

		long endpoint = webhookEndpoint(tenant);
		ring(account, "303", null);
		assertThat(ringMessages(tenant)).isEqualTo(1);

		this.jdbc.sql("UPDATE webhook_endpoints SET enabled = FALSE WHERE id = ?").param(endpoint).update();
		ring(account, "303", null);
		assertThat(ringMessages(tenant)).isEqualTo(1);
	}

	@Test
	void everyChangeOfAConfigurationTableRaisesItsTenantsVersion() {
		long tenant = this.data.anyTenant();
		long account = this.data.sandboxAccount(tenant).id();
		long before = version(tenant);
		TestUser agent = this.data.anyAgentWithExtension(tenant, Role.AGENT, "304");
		long afterExtension = version(tenant);
		long campaign = inboundCampaign(tenant, account, "+34910000304");
		long afterCampaign = version(tenant);
		long endpoint = webhookEndpoint(tenant);
		long afterEndpoint = version(tenant);
		this.jdbc.sql("UPDATE tenants SET time_zone = time_zone WHERE id = ?").param(tenant).update();
		long afterTenant = version(tenant);
		this.jdbc.sql("DELETE FROM webhook_endpoints WHERE id = ?").param(endpoint).update();
		this.jdbc.sql("DELETE FROM campaigns WHERE id = ?").param(campaign).update();
		this.jdbc.sql("DELETE FROM agent_extensions WHERE agent_id = ?").param(agent.id()).update();
		long afterDeletes = version(tenant);

		assertThat(afterExtension).isGreaterThan(before);
		assertThat(afterCampaign).isGreaterThan(afterExtension);
		assertThat(afterEndpoint).isGreaterThan(afterCampaign);
		assertThat(afterTenant).isGreaterThan(afterEndpoint);
		assertThat(afterDeletes).isEqualTo(afterTenant + 3);
	}

	private String ring(long account, @Nullable String extension, @Nullable String line) {
		String providerCallId = "cfg-" + UUID.randomUUID();
		ProviderCallEvent.Builder event = ProviderCallEvent
			.of(account, providerCallId, CallEventType.RINGING, Instant.now())
			.direction(CallDirection.INBOUND)
			.externalNumber("+34612000999")
			.rawPayload("{}");
		if (extension != null) {
			event.extension(extension);
		}
		if (line != null) {
			event.ourLine(line);
		}
		this.sink.accept(event.build());
		return providerCallId;
	}

	private @Nullable Long agentRung(String providerCallId) {
		return this.jdbc.sql("""
				SELECT e.agent_id FROM call_events e JOIN calls c ON c.id = e.call_id
				WHERE c.provider_call_id = ?""").param(providerCallId).query(Long.class).optional().orElse(null);
	}

	private @Nullable Long campaignOf(String providerCallId) {
		return this.jdbc.sql("SELECT campaign_id FROM calls WHERE provider_call_id = ?")
			.param(providerCallId)
			.query(Long.class)
			.optional()
			.orElse(null);
	}

	private long ringMessages(long tenant) {
		return this.jdbc
			.sql("SELECT COUNT(*) FROM webhook_messages WHERE tenant_id = ? AND event_type = 'call.ringing'")
			.param(tenant)
			.query(Long.class)
			.single();
	}

	private long version(long tenant) {
		return this.jdbc.sql("SELECT version FROM config_versions WHERE tenant_id = ?")
			.param(tenant)
			.query(Long.class)
			.optional()
			.orElse(0L);
	}

	private long inboundCampaign(long tenant, long account, String line) {
		GeneratedKeyHolder key = new GeneratedKeyHolder();
		Instant now = Instant.now();
		this.jdbc.sql("""
				INSERT INTO campaigns (tenant_id, name, type, state, interaction, duplicates, inbound_account_id,
				  inbound_line, created_at, updated_at)
				VALUES (?, 'Inbound', 'INBOUND', 'ACTIVE', 'FORM', 'ALLOW', ?, ?, ?, ?)""")
			.params(tenant, account, line, Jdbc.ts(now), Jdbc.ts(now))
			.update(key, "id");
		return key.getKeyAs(Long.class);
	}

	// An endpoint nobody listens on: its deliveries fail and are retried in the
	// background, which this test does not look at.
	private long webhookEndpoint(long tenant) {
		GeneratedKeyHolder key = new GeneratedKeyHolder();
		Instant now = Instant.now();
		this.jdbc.sql("""
				INSERT INTO webhook_endpoints (tenant_id, kind, url, http_method, event_types, signed, enabled,
				  created_at, updated_at)
				VALUES (?, 'WEBHOOK', 'http://127.0.0.1:9/hook', 'POST', 'call.ringing', FALSE, TRUE, ?, ?)""")
			.params(tenant, Jdbc.ts(now), Jdbc.ts(now))
			.update(key, "id");
		return key.getKeyAs(Long.class);
	}

}
