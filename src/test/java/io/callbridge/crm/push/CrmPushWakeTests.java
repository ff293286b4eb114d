package io.callbridge.crm.push;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import io.callbridge.crm.CrmCallEventType;
import io.callbridge.crm.ConnectionView;
import io.callbridge.crm.CrmConnection;
import io.callbridge.crm.CrmConnections;
import io.callbridge.crm.CrmDirectory;
import io.callbridge.crm.CrmFixture;
import io.callbridge.crm.FakeCrmConnector;
import io.callbridge.crm.CrmDeliveryResult;
import io.callbridge.crm.CrmPush;
import io.callbridge.shared.Role;
import io.callbridge.support.FakeTelephonyProvider;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TenantFixture;
import io.callbridge.support.TestData;
import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallEventSink;
import io.callbridge.telephony.CallEventType;
import io.callbridge.telephony.CallResult;
import io.callbridge.telephony.Credentials;
import io.callbridge.telephony.ProviderCallEvent;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import io.callbridge.webhooks.WebhookDeliveries;
import io.callbridge.webhooks.WebhookDelivery;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A CRM push goes out as soon as its fact is committed, not at the outbox's next poll:
 * with a poll interval of an hour, a call's pop-up, hangup and upload still reach the
 * CRM, and a retry the CRM asked for after a fraction of a second is sent when due.
 */
@IntegrationTest
@Import(FakeCrmConnector.Configuration.class)
@TestPropertySource(properties = "callbridge.webhooks.poll-interval=1h")
class CrmPushWakeTests {

	private static final Duration PATIENCE = Duration.ofSeconds(20);

	@Autowired
	TenantFixture tenants;

	@Autowired
	TestData data;

	@Autowired
	TelephonyAccounts accounts;

	@Autowired
	CallEventSink sink;

	@Autowired
	WebhookDeliveries deliveries;

	@Autowired
	CrmConnections connections;

	@Autowired
	CrmDirectory directory;

	@Autowired
	FakeCrmConnector crm;

	private long tenant;

	private TelephonyAccount account;

	private long endpoint;

	private CrmConnection connection;

	@BeforeEach
	void connection() {
		this.tenant = this.tenants.anyTenant();
		this.account = this.accounts.create(this.tenant, FakeTelephonyProvider.KEY, "Fake", true, Map.of(),
				new Credentials(Map.of("secret", "s")));
		long agent = this.data.anyUser(this.tenant, Role.AGENT).id();
		this.data.assignExtension(this.tenant, agent, this.account.id(), "101");
		this.connection = connect();
		this.endpoint = Objects.requireNonNull(this.connection.endpointId());
	}

	@Test
	void aCallsPushesGoOutWithoutWaitingForThePoll() {
		String id = "wake-" + UUID.randomUUID();
		Instant start = Instant.now().minusSeconds(10);
		accept(event(id, CallEventType.STARTED, start).externalNumber("612555100"));
		accept(event(id, CallEventType.RINGING, start.plusSeconds(1)).extension("101"));

		List<CrmPush> popUp = await().atMost(PATIENCE).until(() -> pushes(), (pushes) -> pushes.size() == 1);
		assertThat(((CrmPush.CallEvent) popUp.get(0)).type()).isEqualTo(CrmCallEventType.INCOMING);

		accept(event(id, CallEventType.ENDED, start.plusSeconds(9)).result(CallResult.MISSED));

		List<CrmPush> all = await().atMost(PATIENCE).until(() -> pushes(), (pushes) -> pushes.size() == 3);
		assertThat(((CrmPush.CallEvent) all.get(1)).type()).isEqualTo(CrmCallEventType.HANGUP);
		assertThat(all.get(2)).isInstanceOf(CrmPush.CallUpload.class);
	}

	@Test
	void aRetryAskedForInAFractionOfASecondIsSentWhenDue() {
		this.crm.answerDeliveries(this.connection.id(),
				new CrmDeliveryResult.Retry(503, "Rate limited", Duration.ofMillis(300)),
				new CrmDeliveryResult.Delivered(200, "{}", List.of(), List.of(), false));
		String id = "soon-" + UUID.randomUUID();
		Instant start = Instant.now().minusSeconds(10);
		accept(event(id, CallEventType.STARTED, start).externalNumber("612555100"));
		accept(event(id, CallEventType.RINGING, start.plusSeconds(1)).extension("101"));

		WebhookDelivery delivery = await().atMost(PATIENCE)
			.until(() -> this.deliveries.deliveries(this.tenant, this.endpoint, 0, 5).items(),
					(items) -> items.size() == 1 && "DELIVERED".equals(items.get(0).state()))
			.get(0);
		assertThat(delivery.attempts()).isEqualTo(2);
		assertThat(delivery.attemptLog()).extracting(WebhookDelivery.WebhookAttempt::status).containsExactly(200, 503);
	}

	private CrmConnection connect() {
		ConnectionView view = this.connections.create(this.tenant, CrmFixture.anyConnection(this.account.id()));
		return this.directory.find(this.tenant, view.id()).orElseThrow();
	}

	private List<CrmPush> pushes() {
		return this.crm.deliveries(this.connection.id()).stream().map(FakeCrmConnector.Delivery::push).toList();
	}

	private void accept(ProviderCallEvent.Builder event) {
		this.sink.accept(event.build());
	}

	private ProviderCallEvent.Builder event(String id, CallEventType type, Instant at) {
		return ProviderCallEvent.of(this.account.id(), id, type, at).direction(CallDirection.INBOUND).rawPayload("{}");
	}

}
