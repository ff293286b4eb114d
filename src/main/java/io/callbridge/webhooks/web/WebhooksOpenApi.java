package io.callbridge.webhooks.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.callbridge.webhooks.CallWebhookData;
import io.callbridge.webhooks.CrmTriggers;
import io.callbridge.webhooks.RecordWebhookData;
import io.callbridge.webhooks.TestWebhookData;
import io.callbridge.webhooks.WebhookEventTypes;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.QueryParameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document's {@code webhooks} section: one entry per event type Callbridge
 * sends (a POST whose body is the envelope {@code {type, timestamp, data}} with the
 * type's data schema, generated from its Java record), the Standard Webhooks headers, how
 * deliveries are retried and ordered, and the requests of VCC's CRM triggers.
 */
@Configuration(proxyBeanMethods = false)
class WebhooksOpenApi {

	private static final String SCHEMAS = "#/components/schemas/";

	private static final String DELIVERY = """
			Delivered at least once, in order per record (the messages of one call, customer, case, follow-up \
			or task reach an endpoint in the order they happened; a message waits while an earlier one of the \
			same record is being retried). Any 2xx answer within the timeout acknowledges the message; any \
			other answer, a timeout or a redirect (never followed) is retried with exponential backoff and \
			jitter (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h, then every 12 h: more than three days), honouring \
			Retry-After on 429 and 503. A retry or replay carries the same webhook-id, so receivers deduplicate \
			on it. An endpoint that keeps failing for days is disabled and its admins are told. Verify the \
			signature (Standard Webhooks: HMAC-SHA256 of '{webhook-id}.{webhook-timestamp}.{body}' with the \
			endpoint's whsec_ secret) and refuse timestamps more than a few minutes old.""";

	private static final Map<String, String> SUMMARIES = summaries();

	@Bean
	OpenApiCustomizer webhooksSection() {
		return (openApi) -> {
			Components components = (openApi.getComponents() != null) ? openApi.getComponents() : new Components();
			openApi.setComponents(components);
			for (Class<?> data : List.of(CallWebhookData.class, RecordWebhookData.class, TestWebhookData.class)) {
				ModelConverters.getInstance(true)
					.readAll(new AnnotatedType(data))
					.forEach((name, schema) -> components.addSchemas(name, schema));
			}
			for (String type : eventTypes()) {
				openApi.addWebhooks(type, new PathItem().post(webhook(type)));
			}
			for (CrmTriggers.Row row : CrmTriggers.ROWS) {
				openApi.addWebhooks("crm-trigger " + row.eventType(), crmTrigger(row));
			}
		};
	}

	private static List<String> eventTypes() {
		List<String> types = new java.util.ArrayList<>(WebhookEventTypes.all());
		types.add(WebhookEventTypes.TEST);
		return types;
	}

	private static Operation webhook(String type) {
		Operation operation = new Operation().operationId("webhook_" + type.replace('.', '_'))
			.summary(SUMMARIES.getOrDefault(type, type))
			.description(DELIVERY)
			.addTagsItem("Webhooks")
			.requestBody(new RequestBody().required(true)
				.content(new Content().addMediaType("application/json", new MediaType().schema(envelope(type)))))
			.responses(acknowledged());
		signatureHeaders(true).forEach(operation::addParametersItem);
		return operation;
	}

	private static Schema<?> envelope(String type) {
		String data = type.startsWith("call.") ? "CallWebhookData"
				: WebhookEventTypes.TEST.equals(type) ? "TestWebhookData" : "RecordWebhookData";
		ObjectSchema envelope = new ObjectSchema();
		envelope.setDescription("The message: its type, when it was written, and the type's data.");
		envelope.addProperty("type", new StringSchema()._enum(List.of(type)).description("The event type"));
		envelope.addProperty("timestamp",
				new StringSchema().format("date-time").description("When the message was written (ISO-8601, UTC)"));
		envelope.addProperty("data", new Schema<>().$ref(SCHEMAS + data));
		envelope.setRequired(List.of("type", "timestamp", "data"));
		return envelope;
	}

	private static PathItem crmTrigger(CrmTriggers.Row row) {
		String description = "VCC's CRM trigger for " + row.eventType() + ": the configured URL is called with "
				+ "the formatted string " + row.formattedString() + " appended (after '&' when the URL already "
				+ "has a query), with the configured method: GET (the default) without a body, or POST with the "
				+ "JSON message of webhook " + row.eventType() + " as its body. Unsigned unless signing is turned "
				+ "on; then it carries the Standard Webhooks headers (a GET is signed over an empty body). "
				+ "Delivered, retried and logged like webhooks, in order per record.";
		Operation get = new Operation().operationId("crmTrigger_" + row.eventType().replace('.', '_'))
			.summary("CRM trigger: " + row.object() + " " + row.event())
			.description(description)
			.addTagsItem("CRM triggers")
			.responses(acknowledged());
		Operation post = new Operation().operationId("crmTriggerPost_" + row.eventType().replace('.', '_'))
			.summary("CRM trigger: " + row.object() + " " + row.event() + " (method POST)")
			.description(description)
			.addTagsItem("CRM triggers")
			.requestBody(new RequestBody().content(
					new Content().addMediaType("application/json", new MediaType().schema(envelope(row.eventType())))))
			.responses(acknowledged());
		for (Parameter parameter : triggerParameters(row)) {
			get.addParametersItem(parameter);
			post.addParametersItem(parameter);
		}
		signatureHeaders(false).forEach((header) -> {
			get.addParametersItem(header);
			post.addParametersItem(header);
		});
		return new PathItem().get(get).post(post);
	}

	private static List<Parameter> triggerParameters(CrmTriggers.Row row) {
		List<Parameter> parameters = new java.util.ArrayList<>();
		parameters.add(query("AccountID", "The customer's id (Account ID); empty for a task without a customer"));
		if (row.formattedString().contains("CaseID")) {
			parameters.add(query("CaseID", "The case's id"));
		}
		if (row.formattedString().contains("FollowupID")) {
			parameters.add(query("FollowupID", "The follow-up's id"));
		}
		if (row.formattedString().contains("TaskID")) {
			parameters.add(query("TaskID", "The task's id"));
		}
		return parameters;
	}

	private static Parameter query(String name, String description) {
		return new QueryParameter().name(name).required(true).description(description).schema(new StringSchema());
	}

	private static List<Parameter> signatureHeaders(boolean required) {
		return List.of(
				new HeaderParameter().name("webhook-id")
					.required(required)
					.description("The message's id (msg_…): the same on every retry and replay; deduplicate on it")
					.schema(new StringSchema()),
				new HeaderParameter().name("webhook-timestamp")
					.required(required)
					.description("When this attempt was signed, in seconds since the epoch")
					.schema(new IntegerSchema().format("int64")),
				new HeaderParameter().name("webhook-signature")
					.required(required)
					.description("Space-separated signatures 'v1,<Base64 HMAC-SHA256>', one per secret that signs "
							+ "(two while a rotated secret overlaps)")
					.schema(new StringSchema()));
	}

	private static ApiResponses acknowledged() {
		return new ApiResponses()
			.addApiResponse("2XX", new ApiResponse().description("Acknowledged: the message is not sent again"))
			.addApiResponse("default", new ApiResponse()
				.description("Not acknowledged (also a timeout or a redirect): retried with backoff"));
	}

	private static Map<String, String> summaries() {
		Map<String, String> summaries = new LinkedHashMap<>();
		summaries.put("call.ringing", "A call rings for an agent");
		summaries.put("call.answered", "A call was answered");
		summaries.put("call.completed", "A call ended");
		summaries.put("call.result_corrected", "A call's result was corrected (e.g. by the provider's records)");
		summaries.put("call.disposition_saved", "An agent saved the outcome of a call");
		summaries.put("call.recording_ready", "A call's recording can be played");
		summaries.put("customer.created", "A customer (contact) was created");
		summaries.put("customer.updated", "A customer (contact) was changed");
		summaries.put("customer.deleted", "A customer (contact) was deleted");
		summaries.put("case.created", "A case was created");
		summaries.put("case.updated", "A case was changed");
		summaries.put("case.deleted", "A case was deleted");
		summaries.put("followup.created", "A follow-up was added to a case");
		summaries.put("followup.deleted", "A follow-up was deleted");
		summaries.put("task.created", "A task was created");
		summaries.put("task.updated", "A task was changed");
		summaries.put("task.deleted", "A task was deleted");
		summaries.put(WebhookEventTypes.TEST, "A test message sent from the endpoint's page");
		return summaries;
	}

}
