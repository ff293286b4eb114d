package io.callbridge.crm.push;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import io.callbridge.calls.Call;
import io.callbridge.calls.CallFilter;
import io.callbridge.calls.Calls;
import io.callbridge.crm.ConnectionCommand;
import io.callbridge.crm.ConnectionView;
import io.callbridge.crm.CrmCallEventType;
import io.callbridge.crm.CrmConnection;
import io.callbridge.crm.CrmConnections;
import io.callbridge.crm.CrmDeliveryResult;
import io.callbridge.crm.CrmDirectory;
import io.callbridge.crm.CrmFixture;
import io.callbridge.crm.CrmManager;
import io.callbridge.crm.CrmPush;
import io.callbridge.crm.FakeCrmConnector;
import io.callbridge.recordings.RecordingStatus;
import io.callbridge.recordings.Recordings;
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
import io.callbridge.telephony.EventSource;
import io.callbridge.telephony.ProviderCallEvent;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import io.callbridge.webhooks.ConnectorAnswer;
import io.callbridge.webhooks.ConnectorMessage;
import io.callbridge.webhooks.WebhookDeliveries;
import io.callbridge.webhooks.WebhookDelivery;
import io.callbridge.webhooks.WebhookEndpoint;
import io.callbridge.webhooks.WebhookEndpoints;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Call facts reach a CRM connection through the outbox and its connector, against the
 * fake provider and a scripted connector: in order per call (the pop-ups, the hangup, the
 * upload), each once however often a fact is repeated, only the upload for a call known
 * from the provider's records; an upload that says nothing new is not sent again, and the
 * recording is sent when it arrives; the CRM's answers settle the deliveries (retried
 * after the wait asked, refused for good and replayable, unknown codes noted); deliveries
 * wait while the endpoint is disabled after failing, and a message of a deleted
 * connection fails.
 */
@IntegrationTest
@Import(FakeCrmConnector.Configuration.class)
class CrmPushesTests {

	private static final Duration PATIENCE = Duration.ofSeconds(20);

	private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder()
		.build();

	@Autowired
	TenantFixture tenants;

	@Autowired
	TestData data;

	@Autowired
	TelephonyAccounts accounts;

	@Autowired
	CallEventSink sink;

	@Autowired
	Calls calls;

	@Autowired
	Recordings recordings;

	@Autowired
	FakeTelephonyProvider provider;

	@Autowired
	WebhookEndpoints endpoints;

	@Autowired
	WebhookDeliveries deliveries;

	@Autowired
	CrmConnections connections;

	@Autowired
	CrmDirectory directory;

	@Autowired
	FakeCrmConnector crm;

	@Autowired
	ConnectorPushDeliveries connectorDeliveries;

	@Autowired
	CallPushes pushes;

	@Autowired
	RecordingLinks links;

	@Autowired
	JdbcClient jdbc;

	private long tenant;

	private TelephonyAccount account;

	private long first;

	private long second;

	private long endpoint;

	private CrmConnection connection;

	@BeforeEach
	void connection() {
		this.tenant = this.tenants.anyTenant();
		this.account = this.accounts.create(this.tenant, FakeTelephonyProvider.KEY, "Fake", true, Map.of(),
				new Credentials(Map.of("secret", "s")));
		this.first = this.data.anyUser(this.tenant, Role.AGENT).id();
		this.second = this.data.anyUser(this.tenant, Role.AGENT).id();
		this.data.assignExtension(this.tenant, this.first, this.account.id(), "101");
		this.data.assignExtension(this.tenant, this.second, this.account.id(), "102");
		this.connection = connect(Map.of(FakeCrmConnector.SITE, "main"));
		this.endpoint = Objects.requireNonNull(this.connection.endpointId());
	}

	@Test
	void inboundCallReachesTheCrmAsPopUpsThenHangupThenUploadEachOnce() {
		String id = "in-" + UUID.randomUUID();
		// Whole seconds, so durations read back from either database are exact.
		Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
		accept(event(id, CallEventType.STARTED, start).externalNumber("612555100").ourLine("+34910000111"));
		accept(event(id, CallEventType.RINGING, start.plusSeconds(1)).extension("101"));
		accept(event(id, CallEventType.RINGING, start.plusSeconds(2)).extension("102"));
		accept(event(id, CallEventType.ANSWERED, start.plusSeconds(8)).extension("101"));
		accept(event(id, CallEventType.ENDED, start.plusSeconds(50)).result(CallResult.ANSWERED).talkSeconds(42));
		Call call = call(id);

		List<CrmPush> sent = awaitPushes(4);

		assertThat(sent.subList(0, 2))
			.allSatisfy((push) -> assertThat(event(push).type()).isEqualTo(CrmCallEventType.INCOMING));
		assertThat(sent.subList(0, 2)).extracting((push) -> event(push).managers())
			.containsExactlyInAnyOrder(List.of(manager(this.first)), List.of(manager(this.second)));
		CrmPush.CallEvent incoming = event(sent.get(0));
		assertThat(incoming.phone()).isEqualTo("+34612555100");
		assertThat(incoming.ourLine()).isEqualTo("+34910000111");
		assertThat(incoming.callExternalId()).isEqualTo(Long.toString(call.id()));
		assertThat(incoming.result()).isNull();
		CrmPush.CallEvent hangup = event(sent.get(2));
		assertThat(hangup.type()).isEqualTo(CrmCallEventType.HANGUP);
		assertThat(hangup.result()).isEqualTo(CallResult.ANSWERED);
		assertThat(hangup.managers()).containsExactlyInAnyOrder(manager(this.first), manager(this.second));
		CrmPush.CallUpload upload = (CrmPush.CallUpload) sent.get(3);
		assertThat(upload.externalId()).isEqualTo(Long.toString(call.id()));
		assertThat(upload.direction()).isEqualTo(CallDirection.INBOUND);
		assertThat(upload.phone()).isEqualTo("+34612555100");
		assertThat(upload.manager()).isEqualTo(manager(this.first));
		assertThat(upload.result()).isEqualTo(CallResult.ANSWERED);
		assertThat(upload.talkSeconds()).isEqualTo(42);
		assertThat(upload.waitSeconds()).isEqualTo(8);
		assertThat(upload.zone()).isEqualTo(ZoneId.of("Europe/Madrid"));
		assertThat(upload.startedAt()).isEqualTo(call.startedAt());
		assertThat(upload.recordUrl()).isNull();

		// The same facts again (a redelivered event, a repeated notification) enqueue
		// nothing.
		this.pushes.live(this.tenant, call.id(), this.first);
		this.pushes.live(this.tenant, call.id(), this.second);
		this.pushes.ended(this.tenant, call.id(), false);
		accept(event(id, CallEventType.ENDED, start.plusSeconds(50)).result(CallResult.ANSWERED)
			.talkSeconds(42)
			.dedupeKey("again"));
		assertThat(this.deliveries.deliveries(this.tenant, this.endpoint, 0, 20).items()).hasSize(4)
			.allSatisfy((d) -> assertThat(d.orderKey()).isEqualTo("call:" + call.id()));
		assertThat(awaitSettled(4)).allSatisfy((d) -> assertThat(d.state()).isEqualTo("DELIVERED"));
		assertThat(pushes()).hasSize(4);
	}

	@Test
	void outboundCallSendsOneOutgoingEventThenHangupAndUpload() {
		String id = "out-" + UUID.randomUUID();
		Instant start = Instant.now().minusSeconds(30);
		accept(event(id, CallEventType.STARTED, start).direction(CallDirection.OUTBOUND).externalNumber("612555101"));
		accept(event(id, CallEventType.RINGING, start.plusSeconds(1)).direction(CallDirection.OUTBOUND)
			.extension("101"));
		accept(event(id, CallEventType.ANSWERED, start.plusSeconds(6)).direction(CallDirection.OUTBOUND)
			.extension("101"));
		accept(event(id, CallEventType.ENDED, start.plusSeconds(20)).direction(CallDirection.OUTBOUND)
			.result(CallResult.ANSWERED)
			.talkSeconds(14));

		List<CrmPush> sent = awaitPushes(3);

		assertThat(event(sent.get(0)).type()).isEqualTo(CrmCallEventType.OUTGOING);
		assertThat(event(sent.get(0)).managers()).containsExactly(manager(this.first));
		assertThat(event(sent.get(1)).type()).isEqualTo(CrmCallEventType.HANGUP);
		assertThat(((CrmPush.CallUpload) sent.get(2)).direction()).isEqualTo(CallDirection.OUTBOUND);
		assertThat(awaitSettled(3)).hasSize(3);
	}

	@Test
	void callKnownOnlyFromTheProvidersRecordsIsOnlyUploaded() {
		Call call = historyCall("hist-" + UUID.randomUUID(), CallResult.MISSED);

		List<CrmPush> sent = awaitPushes(1);

		CrmPush.CallUpload upload = (CrmPush.CallUpload) sent.get(0);
		assertThat(upload.callId()).isEqualTo(call.id());
		assertThat(upload.result()).isEqualTo(CallResult.MISSED);
		assertThat(upload.manager()).isNull();
		assertThat(upload.waitSeconds()).isEqualTo(40);
		assertThat(awaitSettled(1)).extracting(WebhookDelivery::eventType).containsExactly("crm.call.upload");
	}

	@Test
	void eachConnectionServingTheAccountGetsTheCallInItsOwnZone() {
		CrmConnection mexico = connect(Map.of(FakeCrmConnector.TIME_ZONE, "America/Mexico_City"));

		historyCall("zone-" + UUID.randomUUID(), CallResult.ANSWERED);

		List<FakeCrmConnector.Delivery> there = await().atMost(PATIENCE)
			.until(() -> this.crm.deliveries(mexico.id()), (sent) -> sent.size() == 1);
		assertThat(((CrmPush.CallUpload) there.get(0).push()).zone()).isEqualTo(ZoneId.of("America/Mexico_City"));
		assertThat(there.get(0).secrets().get(FakeCrmConnector.API_KEY)).isEqualTo(CrmFixture.API_KEY);
		assertThat(awaitPushes(1)).extracting((push) -> ((CrmPush.CallUpload) push).zone())
			.containsExactly(ZoneId.of("Europe/Madrid"));
	}

	@Test
	void anUnchangedUploadIsNotSentAgainAndTheRecordingIsSentWhenItArrives() {
		Call call = historyCall("rec-" + UUID.randomUUID(), CallResult.ANSWERED);
		awaitPushes(1);
		awaitSettled(1);

		this.pushes.corrected(this.tenant, call.id(), true);

		WebhookDelivery unchanged = awaitSettled(2).get(0);
		assertThat(unchanged.state()).isEqualTo("DELIVERED");
		assertThat(unchanged.attemptLog().get(0).responseExcerpt()).isEqualTo(ConnectorPushDeliveries.UNCHANGED);
		assertThat(uploads()).hasSize(1);

		String ref = "ref-" + UUID.randomUUID();
		this.provider.answerRecording(ref, FakeTelephonyProvider.found(ref, Instant.now().plus(Duration.ofHours(1))));
		accept(event(call.providerCallId(), CallEventType.RECORDING_AVAILABLE, Instant.now()).recordingRef(ref));
		await().atMost(PATIENCE)
			.until(() -> this.recordings.status(this.tenant, call.id()).status() == RecordingStatus.AVAILABLE);

		CrmPush.CallUpload withRecording = await().atMost(PATIENCE)
			.until(() -> uploads(),
					(uploads) -> !uploads.isEmpty() && uploads.get(uploads.size() - 1).recordUrl() != null
							&& allSettled())
			.getLast();
		assertThat(uploads().get(0).recordUrl()).isNull();
		assertThat(withRecording.recordUrl()).startsWith("http://callbridge.test/webhooks/crm/recordings/" + call.id()
				+ "?t=" + this.tenant + "&c=" + this.connection.id() + "&e=");
		int sent = uploads().size();

		this.pushes.corrected(this.tenant, call.id(), true);
		int messages = this.deliveries.deliveries(this.tenant, this.endpoint, 0, 50).items().size();
		WebhookDelivery again = awaitSettled(messages).get(0);
		assertThat(again.attemptLog().get(0).responseExcerpt()).isEqualTo(ConnectorPushDeliveries.UNCHANGED);
		assertThat(uploads()).hasSize(sent);
	}

	@Test
	void aRetryAnswerIsTriedAgainAfterTheWaitTheCrmAsked() {
		this.crm.answerDeliveries(this.connection.id(),
				new CrmDeliveryResult.Retry(503, "Rate limited", Duration.ofMillis(200)), taken());

		historyCall("retry-" + UUID.randomUUID(), CallResult.ANSWERED);

		WebhookDelivery delivery = await().atMost(PATIENCE)
			.until(() -> onlyDelivery(), (d) -> "DELIVERED".equals(d.state()));
		assertThat(delivery.attempts()).isEqualTo(2);
		assertThat(delivery.attemptLog()).extracting(WebhookDelivery.WebhookAttempt::status).containsExactly(200, 503);
		assertThat(delivery.attemptLog().get(1).error()).isEqualTo("Rate limited");
		assertThat(Duration.between(delivery.attemptLog().get(1).attemptedAt(),
				delivery.attemptLog().get(0).attemptedAt()))
			.isGreaterThanOrEqualTo(Duration.ofMillis(200));
		assertThat(uploads()).hasSize(2);
	}

	@Test
	void aRefusalFailsTheDeliveryAtOnceTheCallsNextMessagesStillGoAndItCanBeReplayed() {
		this.crm.answerDeliveries(this.connection.id(),
				new CrmDeliveryResult.Rejected(400, "Errors in the entity format: phone"), taken());
		String id = "rej-" + UUID.randomUUID();
		Instant start = Instant.now().minusSeconds(20);
		accept(event(id, CallEventType.STARTED, start).externalNumber("612555102"));
		accept(event(id, CallEventType.RINGING, start.plusSeconds(1)).extension("101"));
		accept(event(id, CallEventType.ENDED, start.plusSeconds(15)).result(CallResult.MISSED));

		List<WebhookDelivery> settled = awaitSettled(3);

		WebhookDelivery refused = settled.get(2);
		assertThat(refused.state()).isEqualTo("FAILED");
		assertThat(refused.attempts()).isEqualTo(1);
		assertThat(refused.lastStatus()).isEqualTo(400);
		assertThat(refused.lastError()).isEqualTo("Errors in the entity format: phone");
		assertThat(settled.subList(0, 2)).allSatisfy((d) -> assertThat(d.state()).isEqualTo("DELIVERED"));

		long replay = this.deliveries.replayDelivery(this.tenant, refused.id());

		await().atMost(PATIENCE).until(() -> "DELIVERED".equals(this.deliveries.delivery(this.tenant, replay).state()));
		List<CrmPush> sent = pushes();
		assertThat(sent).hasSize(4);
		assertThat(event(sent.get(3)).type()).isEqualTo(CrmCallEventType.INCOMING);
	}

	@Test
	void whatTheCrmDoesNotKnowIsNotedOnTheConnection() {
		this.crm.answerDeliveries(this.connection.id(),
				new CrmDeliveryResult.Delivered(200, "{\"success\":true}", List.of("c77"), List.of("u77"), true),
				taken());

		historyCall("unknown-" + UUID.randomUUID(), CallResult.ANSWERED);

		WebhookDelivery delivery = awaitSettled(1).get(0);
		assertThat(delivery.state()).isEqualTo("DELIVERED");
		assertThat(delivery.attemptLog().get(0).responseExcerpt())
			.isEqualTo("[the CRM already had this call; unknown codes: c77; unknown users: u77] {\"success\":true}");
		assertThat(this.connections.get(this.tenant, this.connection.id()).unknownCodes()).contains("c77");
	}

	@Test
	void aPopUpHeldBackByAnOutageIsDroppedOnceTheCallIsOverButItsHangupAndUploadGo() {
		disabledAfterFailing();
		String id = "late-" + UUID.randomUUID();
		Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
		accept(event(id, CallEventType.STARTED, start).externalNumber("612555100"));
		accept(event(id, CallEventType.RINGING, start.plusSeconds(1)).extension("101"));
		accept(event(id, CallEventType.ENDED, start.plusSeconds(20)).result(CallResult.MISSED));
		await().atMost(PATIENCE)
			.until(() -> this.deliveries.deliveries(this.tenant, this.endpoint, 0, 10).items(),
					(items) -> items.size() == 3);
		// The CRM was out for ten minutes.
		plannedTenMinutesAgo();

		this.endpoints.enable(this.tenant, this.endpoint);

		await().atMost(PATIENCE).until(this::allSettled);
		assertThat(pushes()).hasSize(2);
		assertThat(event(pushes().get(0)).type()).isEqualTo(CrmCallEventType.HANGUP);
		assertThat(pushes().get(1)).isInstanceOf(CrmPush.CallUpload.class);
		assertThat(this.deliveries.deliveries(this.tenant, this.endpoint, 0, 10).items())
			.allSatisfy((d) -> assertThat(d.state()).isEqualTo("DELIVERED"));
	}

	private void plannedTenMinutesAgo() {
		String then = Instant.now().minus(Duration.ofMinutes(10)).toString();
		List<Map.Entry<Long, String>> messages = this.jdbc
			.sql("SELECT id, payload FROM webhook_messages WHERE tenant_id = ? AND event_type = 'crm.call.event'")
			.param(this.tenant)
			.query((rs, n) -> Map.entry(rs.getLong(1), rs.getString(2)))
			.list();
		for (Map.Entry<Long, String> message : messages) {
			tools.jackson.databind.node.ObjectNode payload = (tools.jackson.databind.node.ObjectNode) JSON
				.readTree(message.getValue());
			((tools.jackson.databind.node.ObjectNode) payload.get("data")).put("plannedAt", then);
			this.jdbc.sql("UPDATE webhook_messages SET payload = ? WHERE id = ?")
				.params(JSON.writeValueAsString(payload), message.getKey())
				.update();
		}
	}

	@Test
	void deliveriesWaitWhileTheEndpointIsDisabledAfterFailingAndGoOnceEnabled() {
		disabledAfterFailing();

		historyCall("held-" + UUID.randomUUID(), CallResult.ANSWERED);

		await().atMost(PATIENCE)
			.until(() -> this.deliveries.deliveries(this.tenant, this.endpoint, 0, 5).items(),
					(items) -> items.size() == 1);
		await().during(Duration.ofMillis(500))
			.atMost(PATIENCE)
			.until(() -> onlyDelivery().state().equals("PENDING") && pushes().isEmpty());
		// The connection's page shows it paused; the webhooks notice (whose page cannot
		// enable it) does not list it.
		assertThat(this.connections.get(this.tenant, this.connection.id()).deliveries().paused()).isTrue();
		assertThat(this.endpoints.disabledEndpoints(this.tenant)).isEmpty();

		this.endpoints.enable(this.tenant, this.endpoint);

		await().atMost(PATIENCE).until(() -> "DELIVERED".equals(onlyDelivery().state()));
		assertThat(uploads()).hasSize(1);
	}

	@Test
	void aMessageOfAConnectionOrCallThatIsGoneFailsAndAnUnknownOneToo() {
		Call call = historyCall("gone-" + UUID.randomUUID(), CallResult.ANSWERED);
		awaitSettled(1);

		ConnectorAnswer noConnection = deliver(PushMessages.UPLOAD, "{\"connectionId\":" + (this.connection.id() + 1000)
				+ ",\"callId\":" + call.id() + ",\"reason\":\"ENDED\"}");
		ConnectorAnswer noCall = deliver(PushMessages.EVENT, "{\"connectionId\":" + this.connection.id()
				+ ",\"callId\":" + (call.id() + 1000) + ",\"type\":\"HANGUP\",\"agentId\":null}");
		ConnectorAnswer unreadable = deliver(PushMessages.EVENT, "{\"connectionId\":\"x\"}");
		ConnectorAnswer unknown = deliver("crm.other", "{}");

		assertThat(noConnection.outcome()).isEqualTo(ConnectorAnswer.Outcome.FAILED);
		assertThat(noConnection.error()).isEqualTo("The CRM connection no longer exists");
		assertThat(noCall.outcome()).isEqualTo(ConnectorAnswer.Outcome.FAILED);
		assertThat(noCall.error()).isEqualTo("The call no longer exists");
		assertThat(unreadable.outcome()).isEqualTo(ConnectorAnswer.Outcome.FAILED);
		assertThat(unreadable.error()).startsWith("Not a CRM push: ");
		assertThat(unknown.error()).isEqualTo("Not a CRM push: crm.other");
		assertThat(pushes()).hasSize(1);
	}

	@Test
	void aDisabledConnectionHoldsItsDeliveriesAndADeletedOneTakesThemAlong() {
		historyCall("off-" + UUID.randomUUID(), CallResult.ANSWERED);
		awaitSettled(1);
		ConnectionView view = this.connections.get(this.tenant, this.connection.id());
		this.connections.update(this.tenant, view.id(), CrmFixture.changed(view, false, false, Map.of()));

		historyCall("after-" + UUID.randomUUID(), CallResult.ANSWERED);
		assertThat(deliver(PushMessages.UPLOAD,
				"{\"connectionId\":" + this.connection.id() + ",\"callId\":1," + "\"reason\":\"ENDED\"}")
			.outcome()).isEqualTo(ConnectorAnswer.Outcome.RETRY);
		assertThat(this.deliveries.deliveries(this.tenant, this.endpoint, 0, 5).items()).hasSize(1);

		this.connections.delete(this.tenant, view.id());
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM crm_call_uploads WHERE connection_id = ?")
			.param(view.id())
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void internalCallsAndAccountsOfNoConnectionAreNotPushed() {
		TelephonyAccount other = this.accounts.create(this.tenant, FakeTelephonyProvider.KEY, "Other", true, Map.of(),
				new Credentials(Map.of("secret", "s")));
		String internal = "int-" + UUID.randomUUID();
		Instant start = Instant.now().minusSeconds(20);
		accept(event(internal, CallEventType.STARTED, start).direction(CallDirection.INTERNAL));
		accept(event(internal, CallEventType.ENDED, start.plusSeconds(5)).direction(CallDirection.INTERNAL)
			.result(CallResult.ANSWERED));
		String elsewhere = "acc-" + UUID.randomUUID();
		this.sink.accept(ProviderCallEvent.of(other.id(), elsewhere, CallEventType.ENDED, start)
			.direction(CallDirection.INBOUND)
			.result(CallResult.MISSED)
			.rawPayload("{}")
			.build());
		Call otherCall = call(elsewhere);
		Call marker = historyCall("marker-" + UUID.randomUUID(), CallResult.ANSWERED);

		// The facts are handled in any order: the calls' ends are handled once more here,
		// so that whatever they would enqueue is there when the pushes are counted.
		awaitPushes(1);
		this.pushes.ended(this.tenant, call(internal).id(), false);
		this.pushes.ended(this.tenant, otherCall.id(), false);
		awaitSettled(1);
		assertThat(pushes()).extracting(CrmPush::callId).containsExactly(marker.id());
	}

	private void disabledAfterFailing() {
		this.jdbc
			.sql("UPDATE webhook_endpoints SET enabled = FALSE, disabled_reason = ?, failing_since = ? WHERE id = ?")
			.params(WebhookEndpoint.DISABLED_FAILING, java.sql.Timestamp.from(Instant.now()), this.endpoint)
			.update();
	}

	private boolean allSettled() {
		return this.deliveries.deliveries(this.tenant, this.endpoint, 0, 50)
			.items()
			.stream()
			.allMatch((d) -> !"PENDING".equals(d.state()));
	}

	private CrmConnection connect(Map<String, String> settings) {
		ConnectionCommand fixture = CrmFixture.anyConnection(this.account.id());
		ConnectionView view = this.connections.create(this.tenant,
				new ConnectionCommand(fixture.connector(), fixture.name(), fixture.baseUrl(), fixture.integrationCode(),
						fixture.publicBaseUrl(), fixture.accountIds(), false, true, settings, fixture.secrets()));
		return this.directory.find(this.tenant, view.id()).orElseThrow();
	}

	private ConnectorAnswer deliver(String type, String data) {
		return this.connectorDeliveries
			.deliver(new ConnectorMessage(this.endpoint, this.tenant, "msg_test", type, "call:1", data, 1));
	}

	private List<CrmPush> pushes() {
		return this.crm.deliveries(this.connection.id()).stream().map(FakeCrmConnector.Delivery::push).toList();
	}

	private List<CrmPush.CallUpload> uploads() {
		return pushes().stream()
			.filter(CrmPush.CallUpload.class::isInstance)
			.map(CrmPush.CallUpload.class::cast)
			.toList();
	}

	private static CrmDeliveryResult taken() {
		return new CrmDeliveryResult.Delivered(200, "{\"success\":true}", List.of(), List.of(), false);
	}

	private CrmManager manager(long agentId) {
		return new CrmManager(agentId, null, (agentId == this.first) ? "101" : "102");
	}

	private static CrmPush.CallEvent event(CrmPush push) {
		assertThat(push).isInstanceOf(CrmPush.CallEvent.class);
		return (CrmPush.CallEvent) push;
	}

	private List<CrmPush> awaitPushes(int count) {
		return await().atMost(PATIENCE).until(() -> pushes(), (pushes) -> pushes.size() >= count);
	}

	// The endpoint's deliveries once that many are settled, newest first.
	private List<WebhookDelivery> awaitSettled(int count) {
		return await().atMost(PATIENCE)
			.until(() -> this.deliveries.deliveries(this.tenant, this.endpoint, 0, 50).items(),
					(items) -> items.size() == count && items.stream().noneMatch((d) -> "PENDING".equals(d.state())));
	}

	private WebhookDelivery onlyDelivery() {
		List<WebhookDelivery> items = this.deliveries.deliveries(this.tenant, this.endpoint, 0, 5).items();
		assertThat(items).hasSize(1);
		return items.get(0);
	}

	// As a reconciliation imports a call: all its events at once, from the records.
	private Call historyCall(String id, CallResult result) {
		Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(120);
		List<ProviderCallEvent> events = new java.util.ArrayList<>();
		events.add(event(id, CallEventType.STARTED, start).externalNumber("612555199")
			.source(EventSource.HISTORY)
			.build());
		if (result == CallResult.ANSWERED) {
			events.add(event(id, CallEventType.ANSWERED, start.plusSeconds(10)).extension("101")
				.source(EventSource.HISTORY)
				.build());
		}
		events.add(event(id, CallEventType.ENDED, start.plusSeconds(40)).result(result)
			.talkSeconds((result == CallResult.ANSWERED) ? 30 : 0)
			.source(EventSource.HISTORY)
			.build());
		this.sink.acceptCall(events);
		return call(id);
	}

	private Call call(String providerCallId) {
		return this.calls.search(this.tenant, CallFilter.none(), 0, 100)
			.items()
			.stream()
			.filter((c) -> c.providerCallId().equals(providerCallId))
			.findFirst()
			.orElseThrow();
	}

	private void accept(ProviderCallEvent.Builder event) {
		this.sink.accept(event.build());
	}

	private ProviderCallEvent.Builder event(String id, CallEventType type, Instant at) {
		return ProviderCallEvent.of(this.account.id(), id, type, at).direction(CallDirection.INBOUND).rawPayload("{}");
	}

}
