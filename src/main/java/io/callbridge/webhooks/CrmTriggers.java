package io.callbridge.webhooks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.callbridge.shared.Problems.FieldError;
import io.callbridge.shared.Problems.InvalidInput;
import io.callbridge.shared.Text;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * VCC's CRM-triggers settings of a tenant (one URL per object and event, one HTTP method,
 * optional signing) mapped onto {@link EndpointKind#CRM_TRIGGER} endpoints: one endpoint
 * per non-empty URL. Saving checks every URL first and changes nothing unless all are
 * valid; an unchanged URL keeps its endpoint (and its delivery log), an emptied one
 * deletes its endpoint. Shared by the admin page and {@code /api/v1/crm-triggers}.
 */
@Service
public class CrmTriggers {

	/** VCC's table, in its order: each object's events and the formatted string sent. */
	public static final List<Row> ROWS = List.of(new Row("customer.created", "customer", "created", "?AccountID=aaa"),
			new Row("customer.updated", "customer", "updated", "?AccountID=aaa"),
			new Row("customer.deleted", "customer", "deleted", "?AccountID=aaa"),
			new Row("case.created", "case", "created", "?AccountID=aaa&CaseID=ccc"),
			new Row("case.updated", "case", "updated", "?AccountID=aaa&CaseID=ccc"),
			new Row("case.deleted", "case", "deleted", "?AccountID=aaa&CaseID=ccc"),
			new Row("followup.created", "followup", "created", "?AccountID=aaa&CaseID=ccc&FollowupID=fff"),
			new Row("followup.deleted", "followup", "deleted", "?AccountID=aaa&CaseID=ccc&FollowupID=fff"),
			new Row("task.created", "task", "created", "?AccountID=aaa&TaskID=ttt"),
			new Row("task.updated", "task", "updated", "?AccountID=aaa&TaskID=ttt"),
			new Row("task.deleted", "task", "deleted", "?AccountID=aaa&TaskID=ttt"));

	private final WebhookEndpoints endpoints;

	private final EndpointValidation validation;

	CrmTriggers(WebhookEndpoints endpoints, EndpointValidation validation) {
		this.endpoints = endpoints;
		this.validation = validation;
	}

	/**
	 * The tenant's settings: every row of VCC's table, with its endpoint if it has one.
	 */
	public CrmTriggerSettings get(long tenantId) {
		Map<String, WebhookEndpoint> byType = current(tenantId);
		WebhookEndpoint any = byType.values().stream().findFirst().orElse(null);
		List<CrmTrigger> triggers = ROWS.stream()
			.map((row) -> new CrmTrigger(row, byType.get(row.eventType())))
			.toList();
		return new CrmTriggerSettings((any != null) ? any.method() : EndpointMethod.GET, any != null && any.signed(),
				triggers);
	}

	/**
	 * Saves the settings: all or nothing, a 422 naming each invalid field by its event
	 * type ({@code case.created}), {@code method} or {@code urls}.
	 */
	@Transactional
	public CrmTriggerSettings save(long tenantId, CrmTriggersCommand command) {
		EndpointMethod method = (command.method() != null) ? command.method() : EndpointMethod.GET;
		boolean signed = Boolean.TRUE.equals(command.signed());
		Map<String, String> urls = checked(method, signed, command.urls());
		Map<String, WebhookEndpoint> byType = current(tenantId);
		for (Row row : ROWS) {
			String url = urls.get(row.eventType());
			WebhookEndpoint existing = byType.get(row.eventType());
			EndpointCommand endpoint = new EndpointCommand(EndpointKind.CRM_TRIGGER, url, method, null,
					List.of(row.eventType()), signed);
			if (url == null) {
				if (existing != null) {
					this.endpoints.delete(tenantId, existing.id());
				}
			}
			else if (existing == null) {
				this.endpoints.create(tenantId, endpoint);
			}
			else if (!url.equals(existing.url()) || existing.method() != method || existing.signed() != signed) {
				this.endpoints.update(tenantId, existing.id(), endpoint);
			}
		}
		return get(tenantId);
	}

	// The non-empty URLs by event type, each checked as its endpoint will be; every
	// problem is reported at once, under the field of its row.
	private Map<String, String> checked(EndpointMethod method, boolean signed, @Nullable Map<String, String> given) {
		List<FieldError> errors = new ArrayList<>();
		Map<String, String> urls = new HashMap<>();
		Map<String, String> input = (given != null) ? given : Map.of();
		input.keySet()
			.stream()
			.filter((type) -> !WebhookEventTypes.isTriggerType(type))
			.sorted()
			.forEach((type) -> errors
				.add(new FieldError("urls", Text.of("crmTriggers.unknownType", Text.literal(Objects.toString(type))))));
		if (method == EndpointMethod.PUT) {
			errors.add(new FieldError("method", Text.of("crmTriggers.method")));
		}
		for (Row row : ROWS) {
			String url = input.get(row.eventType());
			if (url == null || url.isBlank()) {
				continue;
			}
			try {
				EndpointValidation.Valid valid = this.validation.check(new EndpointCommand(EndpointKind.CRM_TRIGGER,
						url, method, null, List.of(row.eventType()), signed));
				urls.put(row.eventType(), valid.url());
			}
			catch (InvalidInput ex) {
				ex.errors()
					.forEach((error) -> errors.add(new FieldError(
							"url".equals(error.field()) ? row.eventType() : error.field(), error.text())));
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidInput(errors);
		}
		return urls;
	}

	private Map<String, WebhookEndpoint> current(long tenantId) {
		Map<String, WebhookEndpoint> byType = new HashMap<>();
		for (WebhookEndpoint endpoint : this.endpoints.list(tenantId, EndpointKind.CRM_TRIGGER)) {
			// Oldest first: the page manages the first trigger of each type.
			endpoint.eventTypes().forEach((type) -> byType.putIfAbsent(type, endpoint));
		}
		return byType;
	}

	/**
	 * One row of VCC's table.
	 *
	 * @param eventType the event type, also the name of its field ({@code case.created})
	 * @param object {@code customer}, {@code case}, {@code followup} or {@code task}
	 * @param event {@code created}, {@code updated} or {@code deleted}
	 * @param formattedString what VCC documents the URL receives, e.g.
	 * {@code ?AccountID=aaa&CaseID=ccc}
	 */
	public record Row(String eventType, String object, String event, String formattedString) {
	}

	/**
	 * A row with its endpoint.
	 *
	 * @param row the row
	 * @param endpoint its endpoint, null when no URL is set
	 */
	public record CrmTrigger(Row row, @Nullable WebhookEndpoint endpoint) {

		/** The URL called, null when none is set. */
		public @Nullable String url() {
			return (this.endpoint != null) ? this.endpoint.url() : null;
		}

	}

	/**
	 * A tenant's CRM triggers.
	 *
	 * @param method how every trigger is called (GET unless set)
	 * @param signed whether the requests carry Standard Webhooks signature headers
	 * @param triggers VCC's eleven rows, in order
	 */
	public record CrmTriggerSettings(EndpointMethod method, boolean signed, List<CrmTrigger> triggers) {
	}

	/**
	 * The settings as submitted.
	 *
	 * @param method GET (default) or POST
	 * @param signed whether to sign (default: no, as VCC's scripts expect)
	 * @param urls the URL of each event type ({@code customer.created} …); a missing or
	 * empty one means no trigger
	 */
	public record CrmTriggersCommand(@Nullable EndpointMethod method, @Nullable Boolean signed,
			@Nullable Map<String, String> urls) {
	}

}
