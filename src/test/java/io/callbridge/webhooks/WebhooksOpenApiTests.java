package io.callbridge.webhooks;

import java.util.ArrayList;
import java.util.List;

import io.callbridge.support.ApiClient;
import io.callbridge.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document's {@code webhooks} section describes every event type Callbridge
 * sends: a POST of the envelope with the type's data schema (generated from its record),
 * the three Standard Webhooks headers, and the CRM trigger requests with VCC's
 * parameters.
 */
@IntegrationTest
class WebhooksOpenApiTests {

	@Autowired
	ApiClient api;

	private JsonNode docs;

	@BeforeEach
	void readTheDocument() {
		this.docs = this.api.anonymous().get("/v3/api-docs").json(200);
	}

	@Test
	void everyEventTypeIsAWebhookWithTheEnvelopeAndTheSignatureHeaders() {
		JsonNode webhooks = this.docs.path("webhooks");
		List<String> types = new ArrayList<>(WebhookEventTypes.all());
		types.add("webhook.test");
		assertThat(types).contains("call.ringing", "call.answered", "call.completed", "call.result_corrected",
				"call.disposition_saved", "call.recording_ready", "customer.deleted", "case.updated",
				"followup.created", "task.deleted");

		for (String type : types) {
			JsonNode post = webhooks.path(type).path("post");
			assertThat(post.isMissingNode()).as(type).isFalse();
			assertThat(headers(post)).as(type)
				.containsExactlyInAnyOrder("webhook-id", "webhook-timestamp", "webhook-signature");
			JsonNode envelope = post.path("requestBody").path("content").path("application/json").path("schema");
			assertThat(envelope.path("properties").path("type").path("enum").get(0).asString()).as(type)
				.isEqualTo(type);
			assertThat(envelope.path("required").toString()).contains("type", "timestamp", "data");
			String data = type.startsWith("call.") ? "CallWebhookData"
					: type.equals("webhook.test") ? "TestWebhookData" : "RecordWebhookData";
			assertThat(envelope.path("properties").path("data").path("$ref").asString()).as(type)
				.isEqualTo("#/components/schemas/" + data);
			assertThat(post.path("description").asString()).contains("in order per record", "same webhook-id");
		}
	}

	@Test
	void theDataSchemasComeFromThePayloadRecords() {
		JsonNode schemas = this.docs.path("components").path("schemas");

		assertThat(schemas.path("CallWebhookData").path("properties").has("callId")).isTrue();
		assertThat(schemas.path("CallWebhookData").path("properties").has("disposition")).isTrue();
		assertThat(schemas.path("RecordWebhookData").path("properties").has("followUpId")).isTrue();
		assertThat(schemas.path("RecordWebhookData").path("properties").path("customer").toString())
			.contains("#/components/schemas/CustomerSnapshot");
		assertThat(schemas.path("CustomerSnapshot").path("properties").has("phones")).isTrue();
		assertThat(schemas.path("TestWebhookData").path("properties").has("endpointId")).isTrue();
	}

	@Test
	void crmTriggerRequestsCarryVccsParameters() {
		JsonNode followUp = this.docs.path("webhooks").path("crm-trigger followup.created").path("get");
		JsonNode task = this.docs.path("webhooks").path("crm-trigger task.updated").path("post");

		assertThat(queryParameters(followUp)).containsExactly("AccountID", "CaseID", "FollowupID");
		assertThat(queryParameters(task)).containsExactly("AccountID", "TaskID");
		assertThat(followUp.path("description").asString()).contains("?AccountID=aaa&CaseID=ccc&FollowupID=fff");
		assertThat(this.docs.path("paths").path("/api/v1/crm-triggers").has("put")).isTrue();
	}

	private static List<String> headers(JsonNode operation) {
		List<String> names = new ArrayList<>();
		operation.path("parameters").forEach((p) -> {
			if ("header".equals(p.path("in").asString())) {
				names.add(p.path("name").asString());
			}
		});
		return names;
	}

	private static List<String> queryParameters(JsonNode operation) {
		List<String> names = new ArrayList<>();
		operation.path("parameters").forEach((p) -> {
			if ("query".equals(p.path("in").asString())) {
				names.add(p.path("name").asString());
			}
		});
		return names;
	}

}
