package io.callbridge.webhooks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.callbridge.contacts.Contact;
import io.callbridge.contacts.ContactCommand;
import io.callbridge.contacts.ContactService;
import io.callbridge.records.Tasks;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Role;
import io.callbridge.support.ApiClient;
import io.callbridge.support.FakeTelephonyProvider;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallEventSink;
import io.callbridge.telephony.CallEventType;
import io.callbridge.telephony.CallResult;
import io.callbridge.telephony.Credentials;
import io.callbridge.telephony.ProviderCallEvent;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import io.callbridge.webhooks.ReceiverDouble.Received;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import io.callbridge.support.OwnDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Delivery end to end, to a {@link ReceiverDouble} on loopback (private targets allowed,
 * as on premises): every message arrives despite failures and downtime, in order per
 * record, duplicates only as re-deliveries of the same {@code webhook-id}; signatures and
 * rotation; redirects, timeouts, size caps and {@code Retry-After}.
 */
@IntegrationTest
@Import(TestHostResolver.class)
@TestPropertySource(properties = { "callbridge.webhooks.allow-private-targets=true",
		"callbridge.webhooks.retry-schedule=100ms,200ms,300ms,500ms,500ms,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s" })
class WebhookDeliveryTests {

	// Its deliveries go to receivers on loopback, which only nodes allowing private
	// targets reach. On PostgreSQL the suite's other cached contexts share one database
	// as nodes that do not, and would claim and refuse its deliveries now and then.
	@DynamicPropertySource
	static void ownDatabase(DynamicPropertyRegistry registry) {
		OwnDatabase.onPostgres(registry, "wh_delivery");
	}

	@Autowired
	TestData data;

	@Autowired
	WebhookEndpoints endpoints;

	@Autowired
	WebhookDeliveries deliveries;

	@Autowired
	TelephonyAccounts accounts;

	@Autowired
	CallEventSink sink;

	@Autowired
	ContactService contacts;

	@Autowired
	Tasks tasks;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	FakeTelephonyProvider fake;

	@Autowired
	ApiClient api;

	@Autowired
	AttemptLogSweep sweep;

	@Autowired
	DeliveryWorker worker;

	private ReceiverDouble receiver;

	private long tenant;

	@BeforeEach
	void receiverAndTenant() throws Exception {
		this.receiver = new ReceiverDouble();
		this.tenant = this.data.anyTenant();
	}

	@AfterEach
	void stopReceiver() {
		this.receiver.close();
	}

	@Test
	void aStoppedWorkerClaimsNothingEvenWhenWokenAndSendsWhatWaitedOnceStarted() {
		CreatedEndpoint endpoint = this.endpoints.create(this.tenant,
				EndpointCommand.webhook(this.receiver.url("/lifecycle"), "task.*"));
		this.receiver.accepting(endpoint.secret());
		this.worker.stop();
		try {
			// Creating a task commits a message, which wakes the worker; its poll runs
			// too.
			this.tasks.create(this.tenant, new Tasks.NewTask("While stopped", null, null, null, null, null));
			this.worker.wake();
			this.worker.run();
			await().during(Duration.ofMillis(700))
				.atMost(Duration.ofSeconds(2))
				.until(() -> this.receiver.received().isEmpty());
			assertThat(this.jdbc.sql("SELECT state, claimed_by FROM webhook_deliveries WHERE endpoint_id = ?")
				.param(endpoint.endpoint().id())
				.query((rs, n) -> rs.getString("state") + "/" + rs.getString("claimed_by"))
				.list()).containsExactly("PENDING/null");
		}
		finally {
			this.worker.start();
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> this.receiver.accepted().size() == 1);
		assertThat(this.worker.isRunning()).isTrue();
	}

	@Test
	@Timeout(180)
	void everyMessageArrivesInOrderPerRecordThroughFailuresAndDowntime() {
		CreatedEndpoint endpoint = this.endpoints.create(this.tenant,
				EndpointCommand.webhook(this.receiver.url("/hooks"), "call.*", "customer.*", "task.*"));
		this.receiver.accepting(endpoint.secret()).failing(0.3);
		TelephonyAccount account = this.accounts.create(this.tenant, FakeTelephonyProvider.KEY, "Fake", true, Map.of(),
				new Credentials(Map.of("secret", "s")));

		List<Contact> customers = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			customers.add(createCustomer("Customer " + i));
		}
		for (int i = 0; i < 4; i++) {
			call(account, "call-" + UUID.randomUUID());
		}
		this.receiver.down(true);
		for (Contact customer : customers) {
			updateCustomer(customer, "Renamed " + customer.id());
			this.tasks.create(this.tenant,
					new Tasks.NewTask("Call back " + customer.id(), null, null, null, customer.id(), null));
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> this.receiver.received().size() >= 10);
		for (int i = 0; i < 3; i++) {
			call(account, "call-" + UUID.randomUUID());
			updateCustomer(customers.get(i), "Again " + i);
		}
		this.receiver.down(false);

		Map<String, List<String>> written = messagesPerRecord();
		Set<String> all = written.values().stream().flatMap(List::stream).collect(Collectors.toSet());
		assertThat(all).hasSizeGreaterThanOrEqualTo(25);
		await().atMost(Duration.ofSeconds(120))
			.until(() -> this.receiver.accepted().stream().map(Received::webhookId).collect(Collectors.toSet()),
					(arrived) -> arrived.containsAll(all));

		List<Received> accepted = this.receiver.accepted();
		assertThat(accepted).allSatisfy((r) -> assertThat(all).contains(r.webhookId()));
		Map<String, String> bodies = new LinkedHashMap<>();
		for (Received r : accepted) {
			assertThat(bodies.putIfAbsent(r.webhookId(), r.body())).as("a duplicate is the same message")
				.isIn(null, r.body());
		}
		written.forEach((record, ids) -> assertThat(arrivalOrder(accepted, Set.copyOf(ids))).as(record)
			.containsExactlyElementsOf(ids));
		assertCallVersionsGrow(accepted);
		assertThat(this.receiver.received()).anyMatch((r) -> r.status() == 500).anyMatch((r) -> r.status() == 503);
	}

	@Test
	@Timeout(60)
	void duringARotationBothSecretsSignAndAfterTheOverlapOnlyTheNewOne() {
		CreatedEndpoint endpoint = this.endpoints.create(this.tenant,
				EndpointCommand.webhook(this.receiver.url("/rotating"), "customer.*"));
		String old = endpoint.secret();
		RotatedSecret rotated = this.endpoints.rotateSecret(this.tenant, endpoint.endpoint().id(),
				Duration.ofSeconds(3));
		assertThat(rotated.previousExpiresAt()).isNotNull();
		this.receiver.accepting(old);
		String first = this.deliveries.sendTestEvent(this.tenant, endpoint.endpoint().id());

		Received during = await().atMost(Duration.ofSeconds(20)).until(() -> accepted(first), (r) -> r != null);
		assertThat(during.signatureCount()).isEqualTo(2);
		assertThat(ReceiverDouble.verifies(List.of(rotated.secret()), during.webhookId(), during.timestamp(),
				during.body(), during.signature()))
			.isTrue();

		await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(rotated.previousExpiresAt()));
		this.receiver.accepting(rotated.secret());
		String second = this.deliveries.sendTestEvent(this.tenant, endpoint.endpoint().id());
		Received after = await().atMost(Duration.ofSeconds(20)).until(() -> accepted(second), (r) -> r != null);
		assertThat(after.signatureCount()).isEqualTo(1);
		assertThat(ReceiverDouble.verifies(List.of(old), after.webhookId(), after.timestamp(), after.body(),
				after.signature()))
			.isFalse();
	}

	@Test
	@Timeout(60)
	void aStaleOrBadlySignedRequestIsRefusedByTheReceiver() {
		CreatedEndpoint endpoint = this.endpoints.create(this.tenant,
				EndpointCommand.webhook(this.receiver.url("/wrong-secret"), "customer.*"));
		this.receiver.accepting(WebhookSecrets.generate());
		String id = this.deliveries.sendTestEvent(this.tenant, endpoint.endpoint().id());

		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.receiver.received().stream().filter((r) -> id.equals(r.webhookId())).count() >= 2);
		assertThat(this.receiver.received()).allMatch((r) -> r.status() == 401);
		assertThat(ReceiverDouble.verifies(List.of(endpoint.secret()), id, "1", "{}", "v1,AAAA")).isFalse();
	}

	@Test
	@Timeout(60)
	void aRedirectIsNeverFollowed() {
		CreatedEndpoint endpoint = this.endpoints.create(this.tenant,
				EndpointCommand.webhook(this.receiver.url("/moved"), "customer.*"));
		this.receiver.accepting(endpoint.secret())
			.scripted((exchange) -> exchange.getRequestURI().getPath().equals("/moved")
					&& ReceiverDouble.answer(exchange, 302, "Location", this.receiver.url("/elsewhere")));
		String id = this.deliveries.sendTestEvent(this.tenant, endpoint.endpoint().id());

		WebhookDelivery delivery = await().atMost(Duration.ofSeconds(20))
			.until(() -> only(endpoint), (d) -> d.attemptLog().size() >= 2);
		assertThat(delivery.messageId()).isEqualTo(id);
		assertThat(delivery.attemptLog()).allSatisfy((a) -> {
			assertThat(a.status()).isEqualTo(302);
			assertThat(a.error()).contains("Redirect not followed");
		});
		assertThat(this.receiver.received()).noneMatch((r) -> r.uri().startsWith("/elsewhere"));
	}

	@Test
	@Timeout(60)
	void aRedirectToTheMetadataAddressIsNotFollowed() {
		CreatedEndpoint endpoint = this.endpoints.create(this.tenant,
				EndpointCommand.webhook(this.receiver.url("/to-metadata"), "customer.*"));
		this.receiver.accepting(endpoint.secret())
			.scripted((exchange) -> ReceiverDouble.answer(exchange, 307, "Location",
					"http://169.254.169.254/latest/meta-data/"));
		this.deliveries.sendTestEvent(this.tenant, endpoint.endpoint().id());

		WebhookDelivery delivery = await().atMost(Duration.ofSeconds(20))
			.until(() -> only(endpoint), (d) -> !d.attemptLog().isEmpty());
		assertThat(delivery.attemptLog().get(0).status()).isEqualTo(307);
		assertThat(delivery.state()).isNotEqualTo("DELIVERED");
	}

	@Test
	@Timeout(60)
	void aSlowAnswerTimesOutAndIsRetried() {
		CreatedEndpoint endpoint = this.endpoints.create(this.tenant,
				EndpointCommand.webhook(this.receiver.url("/slow"), "customer.*"));
		this.receiver.accepting(endpoint.secret()).slow(5_000);
		this.deliveries.sendTestEvent(this.tenant, endpoint.endpoint().id());

		await().atMost(Duration.ofSeconds(20)).until(() -> only(endpoint), (d) -> !d.attemptLog().isEmpty());
		this.receiver.slow(0);
		WebhookDelivery delivered = await().atMost(Duration.ofSeconds(30))
			.until(() -> only(endpoint), (d) -> d.state().equals("DELIVERED"));
		WebhookDelivery.WebhookAttempt first = delivered.attemptLog().get(delivered.attemptLog().size() - 1);
		assertThat(first.status()).isNull();
		assertThat(first.error()).startsWith("Timed out");
	}

	@Test
	@Timeout(60)
	void anEndlessAnswerIsCutAtTheCapAndOnlyItsStartIsKept() {
		CreatedEndpoint endpoint = this.endpoints.create(this.tenant,
				EndpointCommand.webhook(this.receiver.url("/endless"), "customer.*"));
		this.receiver.accepting(endpoint.secret()).scripted(ReceiverDouble::endless);
		this.deliveries.sendTestEvent(this.tenant, endpoint.endpoint().id());

		WebhookDelivery delivery = await().atMost(Duration.ofSeconds(20))
			.until(() -> only(endpoint), (d) -> d.state().equals("DELIVERED"));
		assertThat(delivery.attemptLog()).hasSize(1);
		assertThat(delivery.attemptLog().get(0).responseExcerpt()).hasSize(1024).matches("x+");
	}

	@Test
	@Timeout(60)
	void aRetryAfterOfA429IsHonoured() {
		CreatedEndpoint endpoint = this.endpoints.create(this.tenant,
				EndpointCommand.webhook(this.receiver.url("/limited"), "customer.*"));
		boolean[] limited = { false };
		this.receiver.accepting(endpoint.secret()).scripted((exchange) -> {
			if (limited[0]) {
				return false;
			}
			limited[0] = true;
			return ReceiverDouble.answer(exchange, 429, "Retry-After", "2");
		});
		this.deliveries.sendTestEvent(this.tenant, endpoint.endpoint().id());

		WebhookDelivery delivery = await().atMost(Duration.ofSeconds(20))
			.until(() -> only(endpoint), (d) -> d.state().equals("DELIVERED"));
		List<WebhookDelivery.WebhookAttempt> log = delivery.attemptLog();
		assertThat(log).hasSize(2);
		assertThat(log.get(1).status()).isEqualTo(429);
		assertThat(Duration.between(log.get(1).attemptedAt(), log.get(0).attemptedAt()))
			.isGreaterThanOrEqualTo(Duration.ofMillis(1900));
	}

	@Test
	@Timeout(60)
	void aReplayDeliversTheSameMessageAgainWithItsId() {
		CreatedEndpoint endpoint = this.endpoints.create(this.tenant,
				EndpointCommand.webhook(this.receiver.url("/replayed"), "customer.*"));
		this.receiver.accepting(endpoint.secret());
		Instant before = Instant.now().minusSeconds(5);
		Contact customer = createCustomer("Replayed");
		String id = this.deliveries.sendTestEvent(this.tenant, endpoint.endpoint().id());
		await().atMost(Duration.ofSeconds(20)).until(() -> this.receiver.accepted().size() == 2);

		long deliveryId = this.deliveries.deliveries(this.tenant, endpoint.endpoint().id(), 0, 10)
			.items()
			.stream()
			.filter((d) -> d.messageId().equals(id))
			.findFirst()
			.orElseThrow()
			.id();
		this.deliveries.replayDelivery(this.tenant, deliveryId);
		await().atMost(Duration.ofSeconds(20)).until(() -> this.receiver.accepted().size() == 3);
		assertThat(this.receiver.accepted().get(2).webhookId()).isEqualTo(id);

		assertThat(this.deliveries.replayRange(this.tenant, endpoint.endpoint().id(), before,
				Instant.now().plusSeconds(5)))
			.isEqualTo(2);
		await().atMost(Duration.ofSeconds(20)).until(() -> this.receiver.accepted().size() == 5);
		assertThat(this.receiver.accepted().subList(3, 5)).extracting(Received::body)
			.anyMatch((body) -> body.contains("\"customerId\":" + customer.id()));
		EndpointStats stats = await().atMost(Duration.ofSeconds(10))
			.until(() -> this.deliveries.stats(this.tenant, endpoint.endpoint().id()), (st) -> st.delivered() == 5);
		assertThat(stats.successRateLast24h()).isEqualTo(1.0);
	}

	@Test
	@Timeout(60)
	void aCrmTriggerIsCalledWithVccsFormattedString() {
		this.receiver.unsigned();
		this.endpoints.create(this.tenant, EndpointCommand.crmTrigger(this.receiver.url("/crm/customer.php"),
				EndpointMethod.GET, "customer.created"));
		this.endpoints.create(this.tenant, EndpointCommand.crmTrigger(this.receiver.url("/crm/task.php?key=k"),
				EndpointMethod.POST, "task.created"));
		Contact customer = createCustomer("Trigger");
		long task = this.tasks
			.create(this.tenant, new Tasks.NewTask("Follow up", null, null, null, customer.id(), null))
			.id();
		long orphan = this.tasks.create(this.tenant, new Tasks.NewTask("No customer", null, null, null, null, null))
			.id();

		await().atMost(Duration.ofSeconds(20)).until(() -> this.receiver.accepted().size() == 3);
		assertThat(this.receiver.accepted()).extracting((r) -> r.method() + " " + r.uri())
			.containsExactlyInAnyOrder("GET /crm/customer.php?AccountID=" + customer.id(),
					"POST /crm/task.php?key=k&AccountID=" + customer.id() + "&TaskID=" + task,
					"POST /crm/task.php?key=k&AccountID=&TaskID=" + orphan);
		assertThat(this.receiver.accepted()).allMatch((r) -> r.signature() == null);
	}

	@Test
	@Timeout(60)
	void withPrivateTargetsAllowedTheMetadataAddressIsStillRefused() {
		assertThatThrownBy(() -> this.endpoints.create(this.tenant,
				EndpointCommand.webhook("http://169.254.169.254/latest/meta-data/", "call.*")))
			.isInstanceOf(Problems.InvalidInput.class);
		TestHostResolver.answer("moving.example.test", "127.0.0.1");
		CreatedEndpoint endpoint = this.endpoints.create(this.tenant,
				EndpointCommand.webhook("http://moving.example.test:" + this.receiver.port() + "/hook", "call.*"));
		TestHostResolver.answer("moving.example.test", "169.254.169.254");
		this.deliveries.sendTestEvent(this.tenant, endpoint.endpoint().id());

		WebhookDelivery delivery = await().atMost(Duration.ofSeconds(20))
			.until(() -> only(endpoint), (d) -> !d.attemptLog().isEmpty());
		assertThat(delivery.attemptLog().get(0).error()).contains("Refused target").contains("cloud metadata");
		assertThat(this.receiver.received()).isEmpty();
	}

	@Test
	@Timeout(60)
	void aRecordingBecomingAvailableAndADispositionSavedAreCallMessages() {
		CreatedEndpoint endpoint = this.endpoints.create(this.tenant, EndpointCommand
			.webhook(this.receiver.url("/call-facts"), "call.recording_ready", "call.disposition_saved"));
		this.receiver.accepting(endpoint.secret());
		TelephonyAccount account = this.accounts.create(this.tenant, FakeTelephonyProvider.KEY, "Fake", true, Map.of(),
				new Credentials(Map.of("secret", "s")));
		String ref = "rec-" + UUID.randomUUID();
		this.fake.answerRecording(ref, FakeTelephonyProvider.found(ref, Instant.now().plusSeconds(3600)));
		String id = "call-" + UUID.randomUUID();
		Instant start = Instant.now().minusSeconds(60);
		this.sink.accept(ProviderCallEvent.of(account.id(), id, CallEventType.STARTED, start)
			.direction(CallDirection.INBOUND)
			.externalNumber("612555999")
			.rawPayload("{}")
			.build());
		this.sink.accept(ProviderCallEvent.of(account.id(), id, CallEventType.ENDED, start.plusSeconds(30))
			.result(CallResult.MISSED)
			.rawPayload("{}")
			.build());
		this.sink
			.accept(ProviderCallEvent.of(account.id(), id, CallEventType.RECORDING_AVAILABLE, start.plusSeconds(31))
				.recordingRef(ref)
				.rawPayload("{}")
				.build());

		JsonNode recording = await().atMost(Duration.ofSeconds(30))
			.until(() -> message("call.recording_ready"), (m) -> m != null);
		assertThat(recording.get("data").get("recordingAvailable").asBoolean()).isTrue();
		long callId = recording.get("data").get("callId").asLong();
		TestUser admin = this.data.anyUser(this.tenant, Role.ADMIN);
		String outcome = this.api.as(admin.token())
			.get("/api/v1/disposition-outcomes")
			.json(200)
			.get(0)
			.get("code")
			.asString();
		this.api.as(admin.token())
			.put("/api/v1/calls/{id}/disposition",
					Map.of("outcome", outcome, "notes", "done", "chargeAmount", "12.50", "chargeCurrency", "eur"),
					callId)
			.hasStatus(200);

		JsonNode disposition = await().atMost(Duration.ofSeconds(20))
			.until(() -> message("call.disposition_saved"), (m) -> m != null);
		assertThat(disposition.get("data").get("callId").asLong()).isEqualTo(callId);
		JsonNode saved = disposition.get("data").get("disposition");
		assertThat(saved.get("outcome").asString()).isEqualTo(outcome);
		assertThat(saved.get("notes").asString()).isEqualTo("done");
		assertThat(saved.get("chargeAmount").decimalValue()).isEqualByComparingTo("12.50");
		assertThat(saved.get("chargeCurrency").asString()).isEqualTo("EUR");
		assertThat(this.receiver.accepted()).hasSize(2);
	}

	private JsonNode message(String type) {
		return this.receiver.accepted()
			.stream()
			.map((r) -> JsonMapper.shared().readTree(r.body()))
			.filter((m) -> m.get("type").asString().equals(type))
			.findFirst()
			.orElse(null);
	}

	@Test
	@Timeout(60)
	void attemptsOlderThanTheRetentionAreSweptFromTheLog() {
		CreatedEndpoint endpoint = this.endpoints.create(this.tenant,
				EndpointCommand.webhook(this.receiver.url("/swept"), "customer.*"));
		this.receiver.accepting(endpoint.secret());
		this.deliveries.sendTestEvent(this.tenant, endpoint.endpoint().id());
		await().atMost(Duration.ofSeconds(20)).until(() -> attemptCount(endpoint) == 1);
		this.jdbc.sql("UPDATE webhook_attempts SET attempted_at = ? WHERE endpoint_id = ?")
			.params(java.time.OffsetDateTime.now().minusDays(31), endpoint.endpoint().id())
			.update();
		this.deliveries.sendTestEvent(this.tenant, endpoint.endpoint().id());
		await().atMost(Duration.ofSeconds(20)).until(() -> attemptCount(endpoint) == 2);

		// The sweep's lease may be held by an earlier run on the same database.
		this.jdbc.sql("DELETE FROM coordination_leases WHERE name = 'webhooks:attempt-sweep'").update();
		this.sweep.sweep();
		assertThat(attemptCount(endpoint)).isEqualTo(1);
	}

	@Test
	@Timeout(60)
	void settledMessagesOlderThanTheRetentionAreSweptButPendingOnesAreKept() {
		CreatedEndpoint delivered = this.endpoints.create(this.tenant,
				EndpointCommand.webhook(this.receiver.url("/retained"), "customer.*"));
		this.receiver.accepting(delivered.secret());
		String settled = this.deliveries.sendTestEvent(this.tenant, delivered.endpoint().id());
		await().atMost(Duration.ofSeconds(20)).until(() -> attemptCount(delivered) == 1);
		CreatedEndpoint held = this.endpoints.create(this.tenant,
				EndpointCommand.webhook(this.receiver.url("/held"), "customer.*"));
		this.endpoints.disable(this.tenant, held.endpoint().id());
		String pending = this.deliveries.sendTestEvent(this.tenant, held.endpoint().id());
		String recent = this.deliveries.sendTestEvent(this.tenant, delivered.endpoint().id());
		await().atMost(Duration.ofSeconds(20)).until(() -> attemptCount(delivered) == 2);
		this.jdbc.sql("UPDATE webhook_messages SET created_at = ? WHERE message_id IN (?, ?)")
			.params(java.time.OffsetDateTime.now().minusDays(31), settled, pending)
			.update();

		this.jdbc.sql("DELETE FROM coordination_leases WHERE name = 'webhooks:attempt-sweep'").update();
		this.sweep.sweep();

		assertThat(messageExists(settled)).as("settled and past retention").isFalse();
		assertThat(messageExists(pending)).as("past retention but still pending").isTrue();
		assertThat(messageExists(recent)).as("settled within retention").isTrue();
		assertThat(attemptCount(delivered)).as("the swept message's attempt went with it").isEqualTo(1);
	}

	private boolean messageExists(String messageId) {
		return this.jdbc.sql("SELECT COUNT(*) FROM webhook_messages WHERE message_id = ?")
			.param(messageId)
			.query(Long.class)
			.single() == 1;
	}

	private long attemptCount(CreatedEndpoint endpoint) {
		return this.jdbc.sql("SELECT COUNT(*) FROM webhook_attempts WHERE endpoint_id = ?")
			.param(endpoint.endpoint().id())
			.query(Long.class)
			.single();
	}

	@Test
	void aMessageExistsOnlyIfItsChangeCommits() {
		this.endpoints.create(this.tenant, EndpointCommand.webhook(this.receiver.url("/atomic"), "task.*"));
		this.receiver.accepting(WebhookSecrets.generate());

		assertThatThrownBy(() -> this.transactions.executeWithoutResult((status) -> {
			this.tasks.create(this.tenant, new Tasks.NewTask("Rolled back", null, null, null, null, null));
			assertThat(messageCount()).isEqualTo(1);
			throw new IllegalStateException("the change fails after its event");
		})).hasMessageContaining("the change fails");
		assertThat(messageCount()).isZero();

		this.tasks.create(this.tenant, new Tasks.NewTask("Committed", null, null, null, null, null));
		assertThat(messageCount()).isEqualTo(1);
	}

	@Test
	void theReceiverRefusesAStaleTimestamp() throws Exception {
		String secret = WebhookSecrets.generate();
		this.receiver.accepting(secret);
		long now = Instant.now().getEpochSecond();

		assertThat(post(secret, now - 600)).isEqualTo(400);
		assertThat(post(secret, now + 600)).isEqualTo(400);
		assertThat(post(secret, now)).isEqualTo(204);
	}

	private int post(String secret, long timestamp) throws Exception {
		String body = "{\"type\":\"webhook.test\"}";
		String signature = WebhookSigner.signature(List.of(secret), "msg_stale", timestamp, body);
		try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
			return client
				.send(HttpRequest.newBuilder(URI.create(this.receiver.url("/stale")))
					.header("webhook-id", "msg_stale")
					.header("webhook-timestamp", Long.toString(timestamp))
					.header("webhook-signature", signature)
					.POST(HttpRequest.BodyPublishers.ofString(body))
					.build(), HttpResponse.BodyHandlers.discarding())
				.statusCode();
		}
	}

	private long messageCount() {
		return this.jdbc.sql("SELECT COUNT(*) FROM webhook_messages WHERE tenant_id = ?")
			.param(this.tenant)
			.query(Long.class)
			.single();
	}

	private Contact createCustomer(String name) {
		return this.transactions.execute((status) -> {
			Contact contact = this.contacts.create(this.tenant,
					new ContactCommand(name, null, null, null, null, null, List.of(), List.of()));
			return contact;
		});
	}

	private void updateCustomer(Contact customer, String name) {
		this.transactions.executeWithoutResult((status) -> {
			this.contacts.update(this.tenant, customer.id(),
					new ContactCommand(name, null, null, null, null, null, List.of(), List.of()));
		});
	}

	private void call(TelephonyAccount account, String id) {
		Instant start = Instant.now().minusSeconds(60);
		this.sink.accept(ProviderCallEvent.of(account.id(), id, CallEventType.STARTED, start)
			.direction(CallDirection.INBOUND)
			.externalNumber("612555" + (100 + (int) (Math.random() * 800)))
			.rawPayload("{}")
			.build());
		this.sink.accept(ProviderCallEvent.of(account.id(), id, CallEventType.ANSWERED, start.plusSeconds(5))
			.direction(CallDirection.INBOUND)
			.rawPayload("{}")
			.build());
		this.sink.accept(ProviderCallEvent.of(account.id(), id, CallEventType.ENDED, start.plusSeconds(50))
			.direction(CallDirection.INBOUND)
			.result(CallResult.ANSWERED)
			.talkSeconds(45)
			.rawPayload("{}")
			.build());
	}

	// The tenant's messages per record, in the order they were written.
	private Map<String, List<String>> messagesPerRecord() {
		Map<String, List<String>> perRecord = new LinkedHashMap<>();
		this.jdbc.sql("SELECT order_key, message_id FROM webhook_messages WHERE tenant_id = ? ORDER BY id")
			.param(this.tenant)
			.query((rs, n) -> perRecord.computeIfAbsent(rs.getString("order_key"), (k) -> new ArrayList<>())
				.add(rs.getString("message_id")))
			.list();
		return perRecord;
	}

	// The order a record's messages were accepted in, a repeat right after itself (an
	// answer lost after it was processed) counted once.
	private static List<String> arrivalOrder(List<Received> accepted, Set<String> ids) {
		List<String> order = new ArrayList<>();
		for (Received r : accepted) {
			if (ids.contains(r.webhookId())
					&& (order.isEmpty() || !order.get(order.size() - 1).equals(r.webhookId()))) {
				order.add(r.webhookId());
			}
		}
		return order;
	}

	private static void assertCallVersionsGrow(List<Received> accepted) {
		Map<Long, Long> versions = new LinkedHashMap<>();
		for (Received r : accepted) {
			JsonNode message = JsonMapper.shared().readTree(r.body());
			if (message.get("type").asString().startsWith("call.")) {
				JsonNode data = message.get("data");
				assertThat(data.get("schemaVersion").asInt()).isEqualTo(1);
				long version = data.get("version").asLong();
				Long previous = versions.put(data.get("callId").asLong(), version);
				assertThat(version).isGreaterThanOrEqualTo((previous != null) ? previous : 0L);
			}
		}
		assertThat(versions).isNotEmpty();
	}

	private Received accepted(String webhookId) {
		return this.receiver.accepted()
			.stream()
			.filter((r) -> webhookId.equals(r.webhookId()))
			.findFirst()
			.orElse(null);
	}

	private WebhookDelivery only(CreatedEndpoint endpoint) {
		List<WebhookDelivery> items = this.deliveries.deliveries(this.tenant, endpoint.endpoint().id(), 0, 10).items();
		assertThat(items).hasSize(1);
		return items.get(0);
	}

}
