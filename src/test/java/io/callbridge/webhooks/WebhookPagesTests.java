package io.callbridge.webhooks;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.callbridge.audit.AuditCategory;
import io.callbridge.audit.AuditFilter;
import io.callbridge.audit.AuditTrail;
import io.callbridge.shared.Role;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.support.UiSession;
import io.callbridge.webhooks.LoopbackReceiver.Received;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import io.callbridge.support.OwnDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Integration pages as an admin uses them: CRM triggers saved or refused with field
 * errors in English and Spanish, a webhook endpoint's secret shown once, a test event
 * delivered, a replay delivered again with the same webhook-id, and the notice of an
 * endpoint disabled after days of failure. Changes are in the audit trail.
 */
@IntegrationTest
@TestPropertySource(properties = "callbridge.webhooks.allow-private-targets=true")
class WebhookPagesTests {

	// Its deliveries go to receivers on loopback, which only nodes allowing private
	// targets reach. On PostgreSQL the suite's other cached contexts share one database
	// as nodes that do not, and would claim and refuse its deliveries now and then.
	@DynamicPropertySource
	static void ownDatabase(DynamicPropertyRegistry registry) {
		OwnDatabase.onPostgres(registry, "wh_pages");
	}

	private static final Pattern SECRET = Pattern.compile("whsec_[A-Za-z0-9+/=]+");

	@LocalServerPort
	int port;

	@Autowired
	TestData data;

	@Autowired
	CrmTriggers triggers;

	@Autowired
	WebhookEndpoints endpoints;

	@Autowired
	WebhookDeliveries deliveries;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AuditTrail audit;

	private LoopbackReceiver receiver;

	private long tenant;

	private UiSession ui;

	@BeforeEach
	void adminLoggedIn() {
		this.receiver = LoopbackReceiver.start();
		this.tenant = this.data.anyTenant();
		TestUser admin = this.data.anyUser(this.tenant, Role.ADMIN);
		this.ui = UiSession.logIn(this.port, admin.username(), admin.password());
	}

	@AfterEach
	void stopReceiver() {
		this.receiver.close();
	}

	@Test
	void crmTriggersPageShowsVccsTableAndSaves() {
		String page = this.ui.get("/admin/integration/crm-triggers").body();
		assertThat(page).contains("?AccountID=aaa&amp;CaseID=ccc&amp;FollowupID=fff", "?AccountID=aaa&amp;TaskID=ttt",
				"name=\"followup.deleted\"", "Sign requests (Standard Webhooks headers)");
		assertThat(page).doesNotContain("name=\"followup.updated\"");

		HttpResponse<String> saved = this.ui.postForm("/admin/integration/crm-triggers",
				form(Map.of("case.created", this.receiver.url() + "/case", "task.deleted", this.receiver.url() + "/t"),
						"POST", true));

		assertThat(saved.statusCode()).isEqualTo(302);
		assertThat(this.ui.get("/admin/integration/crm-triggers").body()).contains("CRM triggers saved.",
				this.receiver.url() + "/case", "No delivery yet.");
		CrmTriggers.CrmTriggerSettings settings = this.triggers.get(this.tenant);
		assertThat(settings.method()).isEqualTo(EndpointMethod.POST);
		assertThat(settings.signed()).isTrue();
		assertThat(settings.triggers().stream().filter((t) -> t.url() != null).map((t) -> t.row().eventType()))
			.containsExactlyInAnyOrder("case.created", "task.deleted");
		assertThat(this.audit.search(this.tenant, new AuditFilter(AuditCategory.WEBHOOK, null, null, null, null), 0, 10)
			.items()).extracting((event) -> event.entry().target()).contains("/admin/integration/crm-triggers");
	}

	@Test
	void crmTriggersPageShowsFieldErrorsInEnglishAndSpanishAndSavesNothing() {
		Map<String, String> fields = form(Map.of("customer.created", this.receiver.url() + "/c", "case.created",
				"not a url", "task.created", "http://169.254.169.254/latest"), "GET", false);

		HttpResponse<String> english = this.ui.postForm("/admin/integration/crm-triggers", fields);

		assertThat(english.statusCode()).isEqualTo(422);
		assertThat(english.body()).contains("The URL must be an absolute http:// or https:// address",
				"Webhooks are not sent to 169.254.169.254", "value=\"not a url\"");
		assertThat(this.triggers.get(this.tenant).triggers()).allSatisfy((t) -> assertThat(t.url()).isNull());

		this.ui.get("/admin/integration/crm-triggers?lang=es");
		HttpResponse<String> spanish = this.ui.postForm("/admin/integration/crm-triggers", fields);

		assertThat(spanish.statusCode()).isEqualTo(422);
		assertThat(spanish.body()).contains("La URL debe ser una dirección absoluta", "Disparadores CRM");
		assertThat(this.triggers.get(this.tenant).triggers()).allSatisfy((t) -> assertThat(t.url()).isNull());
	}

	@Test
	void theSigningSecretIsShownOnceAfterCreationAndAfterRotation() {
		HttpResponse<String> created = this.ui.postForm("/admin/integration/webhooks",
				Map.of("url", this.receiver.url() + "/hook", "description", "CRM sync", "eventTypes", "call.*"));

		assertThat(created.statusCode()).isEqualTo(200);
		assertThat(created.body()).contains("it is shown only this once");
		String secret = secretIn(created.body());
		long id = onlyWebhook().id();
		assertThat(this.ui.get("/admin/integration/webhooks/" + id).body()).doesNotContain(secret)
			.doesNotContain("whsec_");
		assertThat(this.ui.get("/admin/integration/webhooks").body()).contains(this.receiver.url() + "/hook",
				"CRM sync", "call.*");

		HttpResponse<String> rotated = this.ui.postForm("/admin/integration/webhooks/" + id + "/rotate-secret",
				Map.of());

		assertThat(secretIn(rotated.body())).isNotEqualTo(secret);
		assertThat(rotated.body()).contains("The previous secret keeps signing until");
		assertThat(this.ui.get("/admin/integration/webhooks/" + id).body()).doesNotContain("whsec_");
	}

	@Test
	void anEndpointIsEditedDisabledAndDeleted() {
		long id = this.endpoints.create(this.tenant, EndpointCommand.webhook(this.receiver.url() + "/a", "call.*"))
			.endpoint()
			.id();
		assertThat(this.ui.get("/admin/integration/webhooks/" + id + "/edit").body())
			.contains("value=\"" + this.receiver.url() + "/a\"", "id=\"type-call-all\"");

		HttpResponse<String> edited = this.ui.postForm("/admin/integration/webhooks/" + id,
				Map.of("url", this.receiver.url() + "/b", "description", "Second", "eventTypes", "task.created"));
		assertThat(this.ui.get("/admin/integration/webhooks/" + id).body()).contains("Endpoint saved.", "Second");
		HttpResponse<String> disabled = this.ui.postForm("/admin/integration/webhooks/" + id + "/disable", Map.of());

		assertThat(edited.statusCode()).isEqualTo(302);
		assertThat(disabled.statusCode()).isEqualTo(302);
		WebhookEndpoint endpoint = this.endpoints.get(this.tenant, id);
		assertThat(endpoint.url()).isEqualTo(this.receiver.url() + "/b");
		assertThat(endpoint.eventTypes()).containsExactly("task.created");
		assertThat(endpoint.enabled()).isFalse();
		assertThat(this.ui.get("/admin/integration/webhooks/" + id).body()).contains("disabled by an admin",
				"Endpoint disabled");

		HttpResponse<String> deleted = this.ui.postForm("/admin/integration/webhooks/" + id + "/delete", Map.of());

		assertThat(deleted.statusCode()).isEqualTo(302);
		assertThat(this.endpoints.list(this.tenant, EndpointKind.WEBHOOK)).isEmpty();
		assertThat(this.ui.get("/admin/integration/webhooks").body()).contains("deleted with its delivery log");
	}

	@Test
	void anInvalidEndpointIsRefusedWithItsFieldErrors() {
		HttpResponse<String> refused = this.ui.postForm("/admin/integration/webhooks",
				Map.of("url", "ftp://example.com/x", "description", "x"));

		assertThat(refused.statusCode()).isEqualTo(422);
		assertThat(refused.body()).contains("The URL must be an absolute http://", "Choose at least one event type.");
		assertThat(this.endpoints.list(this.tenant, EndpointKind.WEBHOOK)).isEmpty();
	}

	@Test
	void aTestEventIsDeliveredAndAReplayDeliversItAgainWithTheSameWebhookId() {
		this.ui.postForm("/admin/integration/webhooks",
				Map.of("url", this.receiver.url() + "/hook", "eventTypes", "customer.*"));
		long id = onlyWebhook().id();

		HttpResponse<String> sent = this.ui.postForm("/admin/integration/webhooks/" + id + "/test", Map.of());

		assertThat(sent.statusCode()).isEqualTo(302);
		await().atMost(Duration.ofSeconds(20)).until(() -> this.receiver.received().size() == 1);
		Received test = this.receiver.received().get(0);
		assertThat(test.body()).contains("\"type\":\"webhook.test\"");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> "DELIVERED".equals(this.deliveries.deliveries(this.tenant, id, 0, 10).items().get(0).state()));
		String detail = this.ui.get("/admin/integration/webhooks/" + id).body();
		assertThat(detail).contains("Test event queued as " + test.headers().get("webhook-id"), "webhook.test",
				"delivered");
		long deliveryId = this.deliveries.deliveries(this.tenant, id, 0, 10).items().get(0).id();

		HttpResponse<String> replayed = this.ui
			.postForm("/admin/integration/webhooks/" + id + "/deliveries/" + deliveryId + "/replay", Map.of());

		assertThat(replayed.statusCode()).isEqualTo(302);
		await().atMost(Duration.ofSeconds(20)).until(() -> this.receiver.received().size() == 2);
		Received again = this.receiver.received().get(1);
		assertThat(again.headers().get("webhook-id")).isEqualTo(test.headers().get("webhook-id"));
		List<WebhookDelivery> log = this.deliveries.deliveries(this.tenant, id, 0, 10).items();
		assertThat(log).hasSize(2);
		assertThat(log.get(0).id()).isNotEqualTo(deliveryId);
		assertThat(log.get(0).messageId()).isEqualTo(log.get(1).messageId());
	}

	@Test
	void replayingAnEmptyOrInvalidRangeShowsAReadableError() {
		this.ui.postForm("/admin/integration/webhooks",
				Map.of("url", this.receiver.url() + "/hook", "eventTypes", "task.*"));
		long id = onlyWebhook().id();

		HttpResponse<String> badTime = this.ui.postForm("/admin/integration/webhooks/" + id + "/replay",
				Map.of("from", "yesterday", "to", "2026-01-01T10:00"));
		HttpResponse<String> backwards = this.ui.postForm("/admin/integration/webhooks/" + id + "/replay",
				Map.of("from", "2026-01-02T10:00", "to", "2026-01-01T10:00"));
		HttpResponse<String> empty = this.ui.postForm("/admin/integration/webhooks/" + id + "/replay",
				Map.of("from", "2026-01-01T10:00", "to", "2026-01-02T10:00"));

		assertThat(badTime.statusCode()).isEqualTo(422);
		assertThat(badTime.body()).contains("Enter a date and time.");
		assertThat(backwards.statusCode()).isEqualTo(422);
		assertThat(backwards.body()).contains("The range must have from before to");
		assertThat(empty.statusCode()).isEqualTo(302);
		assertThat(this.ui.get("/admin/integration/webhooks/" + id).body())
			.contains("0 messages will be delivered again.");
	}

	@Test
	void adminsSeeANoticeOnAdminPagesWhileAnEndpointIsDisabledForFailing() {
		long id = this.endpoints.create(this.tenant, EndpointCommand.webhook(this.receiver.url() + "/down", "call.*"))
			.endpoint()
			.id();
		String none = this.ui
			.get("/admin/integration/notices", "HX-Request", "true", "HX-Current-URL", "http://localhost/admin/agents")
			.body();
		assertThat(none).doesNotContain("/admin/integration/webhooks/" + id);
		assertThat(this.ui.get("/admin/agents").body()).contains("hx-get=\"/admin/integration/notices\"");

		// As the delivery worker leaves it after days of failure.
		this.jdbc.sql("UPDATE webhook_endpoints SET enabled = FALSE, disabled_reason = 'FAILING' WHERE id = ?")
			.param(id)
			.update();

		String onAdminPage = this.ui
			.get("/admin/integration/notices", "HX-Request", "true", "HX-Current-URL", "http://localhost/admin/agents")
			.body();
		assertThat(onAdminPage).contains("Disabled after days of failed deliveries",
				"/admin/integration/webhooks/" + id);
		String onConsole = this.ui
			.get("/admin/integration/notices", "HX-Request", "true", "HX-Current-URL", "http://localhost/console")
			.body();
		assertThat(onConsole).doesNotContain("/admin/integration/webhooks/" + id);

		this.ui.postForm("/admin/integration/webhooks/" + id + "/enable", Map.of());
		assertThat(this.ui.get("/admin/integration/notices", "HX-Current-URL", "http://localhost/admin/agents").body())
			.doesNotContain("/admin/integration/webhooks/" + id);
	}

	@Test
	void agentsCannotOpenTheIntegrationPages() {
		TestUser agent = this.data.anyUser(this.tenant, Role.SUPERVISOR);
		UiSession supervisor = UiSession.logIn(this.port, agent.username(), agent.password());

		for (String page : List.of("/admin/integration", "/admin/integration/crm-triggers",
				"/admin/integration/webhooks", "/admin/integration/webhooks/new")) {
			assertThat(supervisor.get(page).statusCode()).as(page).isEqualTo(403);
		}
		assertThat(supervisor.get("/admin/agents").body()).doesNotContain("/admin/integration/notices");
	}

	@Test
	void anotherTenantsEndpointIsNotFound() {
		long other = this.data.anyTenant();
		long id = this.endpoints.create(other, EndpointCommand.webhook(this.receiver.url() + "/x", "call.*"))
			.endpoint()
			.id();

		assertThat(this.ui.get("/admin/integration/webhooks/" + id).statusCode()).isEqualTo(404);
		assertThat(this.ui.postForm("/admin/integration/webhooks/" + id + "/test", Map.of()).statusCode())
			.isEqualTo(404);
	}

	private WebhookEndpoint onlyWebhook() {
		List<WebhookEndpoint> webhooks = this.endpoints.list(this.tenant, EndpointKind.WEBHOOK);
		assertThat(webhooks).hasSize(1);
		return webhooks.get(0);
	}

	private static String secretIn(String page) {
		Matcher matcher = SECRET.matcher(page);
		assertThat(matcher.find()).as("a signing secret on the page").isTrue();
		String secret = matcher.group();
		assertThat(matcher.find()).as("the secret once").isFalse();
		return secret;
	}

	private static Map<String, String> form(Map<String, String> urls, String method, boolean signed) {
		Map<String, String> fields = new LinkedHashMap<>(urls);
		fields.put("method", method);
		if (signed) {
			fields.put("signed", "true");
		}
		return fields;
	}

}
