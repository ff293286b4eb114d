package io.callbridge.webhooks;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.callbridge.contacts.Contact;
import io.callbridge.contacts.ContactChanged;
import io.callbridge.contacts.ContactCreated;
import io.callbridge.contacts.ContactDeleted;
import io.callbridge.records.CaseChanged;
import io.callbridge.records.CaseCreated;
import io.callbridge.records.CaseDeleted;
import io.callbridge.records.CaseFollowUpCreated;
import io.callbridge.records.CaseFollowUpDeleted;
import io.callbridge.records.Task;
import io.callbridge.records.TaskChanged;
import io.callbridge.records.TaskCreated;
import io.callbridge.records.Tasks;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TestData;
import io.callbridge.webhooks.CrmTriggers.CrmTriggersCommand;
import io.callbridge.webhooks.LoopbackReceiver.Received;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import io.callbridge.support.OwnDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * VCC's table of CRM triggers, row by row: the real change events, published in the
 * transaction of a change, make each trigger's URL receive exactly VCC's formatted string
 * with the configured method, after {@code &} when the URL has a query, and signed with
 * valid Standard Webhooks headers only when signing is on.
 */
@IntegrationTest
@TestPropertySource(properties = "callbridge.webhooks.allow-private-targets=true")
class CrmTriggerDeliveryTests {

	// Its deliveries go to receivers on loopback, which only nodes allowing private
	// targets reach. On PostgreSQL the suite's other cached contexts share one database
	// as nodes that do not, and would claim and refuse its deliveries now and then.
	@DynamicPropertySource
	static void ownDatabase(DynamicPropertyRegistry registry) {
		OwnDatabase.onPostgres(registry, "wh_triggers");
	}

	private static final long CASE = 501;

	private static final long FOLLOW_UP = 601;

	@Autowired
	CrmTriggers triggers;

	@Autowired
	WebhookEndpoints endpoints;

	@Autowired
	TestData data;

	@Autowired
	Tasks tasks;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	private LoopbackReceiver receiver;

	private long tenant;

	private Contact contact;

	private Task task;

	@BeforeEach
	void receiverAndRecords() {
		this.receiver = LoopbackReceiver.start();
		this.tenant = this.data.anyTenant();
		// Made before the triggers exist, so their own events reach nobody.
		this.contact = this.data.anyContact(this.tenant, "Ana Trigger", "+34 612 000 901");
		this.task = this.tasks.create(this.tenant,
				new Tasks.NewTask("Call Ana back", null, null, null, this.contact.id(), null));
	}

	@AfterEach
	void stopReceiver() {
		this.receiver.close();
	}

	@Test
	void everyRowReceivesExactlyItsFormattedStringByGetUnsigned() {
		Map<String, String> urls = new HashMap<>();
		CrmTriggers.ROWS.forEach((row) -> urls.put(row.eventType(), this.receiver.url() + "/" + row.eventType()));
		this.triggers.save(this.tenant, new CrmTriggersCommand(EndpointMethod.GET, false, urls));

		publishEveryRow();

		Map<String, Received> byPath = awaitAll();
		expected().forEach((type, query) -> {
			Received request = byPath.get("/" + type);
			assertThat(request.method()).as(type).isEqualTo("GET");
			assertThat(request.query()).as(type).isEqualTo(query);
			assertThat(request.body()).as(type).isEmpty();
			assertThat(request.headers()).as(type).doesNotContainKey("webhook-signature");
		});
	}

	@Test
	void postToAUrlWithAQueryAppendsAfterAnAmpersandAndSignsWhenAsked() {
		Map<String, String> urls = new HashMap<>();
		CrmTriggers.ROWS
			.forEach((row) -> urls.put(row.eventType(), this.receiver.url() + "/" + row.eventType() + "?x=1"));
		CrmTriggers.CrmTriggerSettings saved = this.triggers.save(this.tenant,
				new CrmTriggersCommand(EndpointMethod.POST, true, urls));
		Map<String, String> secrets = saved.triggers()
			.stream()
			.collect(Collectors.toMap((t) -> t.row().eventType(),
					(t) -> this.endpoints.rotateSecret(this.tenant, t.endpoint().id(), Duration.ZERO).secret()));

		publishEveryRow();

		Map<String, Received> byPath = awaitAll();
		expected().forEach((type, query) -> {
			Received request = byPath.get("/" + type);
			assertThat(request.method()).as(type).isEqualTo("POST");
			assertThat(request.query()).as(type).isEqualTo("x=1&" + query);
			assertThat(request.body()).as(type).contains("\"type\":\"" + type + "\"");
			assertThat(LoopbackReceiver.validSignature(request, secrets.get(type))).as(type).isTrue();
			long signedAt = Long.parseLong(request.headers().get("webhook-timestamp"));
			assertThat(Math.abs(signedAt - Instant.now().getEpochSecond())).as(type).isLessThan(300);
			assertThat(request.headers().get("webhook-id")).as(type).startsWith("msg_");
		});
	}

	private Map<String, String> expected() {
		String customer = "AccountID=" + this.contact.id();
		String caseQuery = customer + "&CaseID=" + CASE;
		String followUp = caseQuery + "&FollowupID=" + FOLLOW_UP;
		String taskQuery = customer + "&TaskID=" + this.task.id();
		return Map.ofEntries(Map.entry("customer.created", customer), Map.entry("customer.updated", customer),
				Map.entry("customer.deleted", customer), Map.entry("case.created", caseQuery),
				Map.entry("case.updated", caseQuery), Map.entry("case.deleted", caseQuery),
				Map.entry("followup.created", followUp), Map.entry("followup.deleted", followUp),
				Map.entry("task.created", taskQuery), Map.entry("task.updated", taskQuery),
				Map.entry("task.deleted", taskQuery));
	}

	// Cases and follow-ups are published as their module does, inside the transaction
	// of the change, for ids that need not exist. The task is deleted for real before the
	// customer is: deleting a customer deletes its tasks, with their events.
	private void publishEveryRow() {
		long customer = this.contact.id();
		long taskId = this.task.id();
		List<Object> facts = List.of(new ContactCreated(this.tenant, customer),
				new ContactChanged(this.tenant, customer), new CaseCreated(this.tenant, CASE, customer),
				new CaseChanged(this.tenant, CASE, customer), new CaseDeleted(this.tenant, CASE, customer),
				new CaseFollowUpCreated(this.tenant, FOLLOW_UP, CASE, customer),
				new CaseFollowUpDeleted(this.tenant, FOLLOW_UP, CASE, customer),
				new TaskCreated(this.tenant, taskId, null, customer, null),
				new TaskChanged(this.tenant, taskId, customer, null));
		this.transactions.executeWithoutResult((status) -> {
			facts.forEach(this.events::publishEvent);
			this.tasks.delete(this.tenant, taskId);
			this.events.publishEvent(new ContactDeleted(this.tenant, customer));
		});
	}

	private Map<String, Received> awaitAll() {
		await().atMost(Duration.ofSeconds(20)).until(() -> this.receiver.received().size() >= 11);
		List<Received> received = this.receiver.received();
		assertThat(received).hasSize(11);
		Map<String, Received> byPath = received.stream().collect(Collectors.toMap(Received::path, (r) -> r, (a, b) -> {
			throw new AssertionError("Two requests to " + a.path());
		}));
		assertThat(byPath.keySet()).containsExactlyInAnyOrderElementsOf(
				CrmTriggers.ROWS.stream().map((row) -> "/" + row.eventType()).toList());
		return byPath;
	}

}
