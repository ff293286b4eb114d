package io.callbridge.crm.retailcrm.outbound;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.callbridge.coordination.RateLimits;
import io.callbridge.crm.CrmCheck;
import io.callbridge.crm.CrmConnection;
import io.callbridge.crm.CrmConnector;
import io.callbridge.crm.CrmDeliveryResult;
import io.callbridge.crm.CrmField;
import io.callbridge.crm.CrmLookup;
import io.callbridge.crm.CrmPush;
import io.callbridge.crm.CrmPush.CallEvent;
import io.callbridge.crm.CrmPush.CallUpload;
import io.callbridge.crm.CrmRegistration;
import io.callbridge.crm.CrmRegistrationResult;
import io.callbridge.crm.CrmSecrets;
import io.callbridge.crm.CrmUserRef;
import io.callbridge.crm.retailcrm.RetailCrm;
import io.callbridge.crm.retailcrm.outbound.RetailCrmReply.Failure;
import io.callbridge.crm.retailcrm.outbound.RetailCrmReply.Kind;
import io.callbridge.crm.retailcrm.outbound.RetailCrmReply.Success;
import io.callbridge.shared.AgentStatus;
import io.callbridge.shared.Text;
import io.callbridge.telephony.ProviderHttpClients;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * retailCRM (Simla) behind the CRM port: the connection is checked by reading the
 * integration module ({@code GET integration-modules/{code}}: it proves the API key
 * without changing anything), registered with {@code integration-modules/{code}/edit},
 * live events go to {@code telephony/call/event}, finished calls to
 * {@code telephony/calls/upload}, and routing asks {@code telephony/manager}. Fields: the
 * secret {@code apiKey}, and the settings {@code site}, {@code timeZone} and
 * {@code externalPhones}.
 */
@Component
class RetailCrmConnector implements CrmConnector {

	static final String DISPLAY_NAME = "retailCRM (Simla)";

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final List<CrmField> FIELDS = List.of(field(RetailCrmAccess.API_KEY, true, true),
			field(RetailCrmSettings.SITE, false, false), field(RetailCrmSettings.TIME_ZONE, false, false),
			field(RetailCrmSettings.EXTERNAL_PHONES, false, false));

	private final RetailCrmApi api;

	private final RetailCrmPushes pushes;

	@Autowired
	RetailCrmConnector(RetailCrmProperties properties, RateLimits rates, ProviderHttpClients clients) {
		this(new RetailCrmApi(properties, new RetailCrmRateLimits(properties, rates), clients));
	}

	RetailCrmConnector(RetailCrmApi api) {
		this.api = api;
		this.pushes = new RetailCrmPushes(api);
	}

	@Override
	public String key() {
		return RetailCrm.KEY;
	}

	@Override
	public String displayName() {
		return DISPLAY_NAME;
	}

	@Override
	public List<CrmField> fields() {
		return FIELDS;
	}

	@Override
	public Optional<CrmCheck.Failed> checkSettings(Map<String, String> settings) {
		try {
			RetailCrmSettings.of(settings);
			return Optional.empty();
		}
		catch (RetailCrmConfigException ex) {
			return Optional.of(new CrmCheck.Failed(ex.field(), ex.text()));
		}
	}

	@Override
	public CrmCheck check(CrmConnection connection, CrmSecrets secrets) {
		try {
			RetailCrmSettings.of(connection.settings());
			RetailCrmAccess access = RetailCrmAccess.of(connection, secrets);
			String code = connection.integrationCode();
			RetailCrmReply answer = this.api.send(access,
					RetailCrmRequest.get("integration-modules/get", modulePath(code), Map.of()));
			if (answer instanceof Success found) {
				boolean active = found.body().path("integrationModule").path("active").asBoolean(false);
				return new CrmCheck.Passed(
						Text.of(active ? "retailcrmCheck.registered" : "retailcrmCheck.registeredInactive", code));
			}
			Failure failure = (Failure) answer;
			return notFound(failure) ? new CrmCheck.Passed(Text.of("retailcrmCheck.notRegistered", code))
					: new CrmCheck.Failed(failure.field(), failure.text());
		}
		catch (RetailCrmConfigException ex) {
			return new CrmCheck.Failed(ex.field(), ex.text());
		}
	}

	@Override
	public CrmRegistrationResult register(CrmConnection connection, CrmSecrets secrets, CrmRegistration registration) {
		try {
			RetailCrmSettings settings = RetailCrmSettings.of(connection.settings());
			RetailCrmAccess access = RetailCrmAccess.of(connection, secrets);
			String module = JSON.writeValueAsString(RetailCrmModule.of(connection, settings, registration));
			RetailCrmReply answer = this.api.send(access, RetailCrmRequest.post("integration-modules/edit",
					modulePath(connection.integrationCode()) + "/edit", "integrationModule", module));
			return switch (answer) {
				case Success registered -> {
					List<String> unknown = new ArrayList<>(
							RetailCrmCalls.texts(registered.body().path("info").path("notExistUsersIds")));
					unknown.addAll(RetailCrmModule.impossibleUserIds(registration));
					yield new CrmRegistrationResult.Registered(registered.status(), registered.excerpt(), unknown);
				}
				case Failure failure ->
					new CrmRegistrationResult.Failed(failure.status(), failure.text(), failure.retryable());
			};
		}
		catch (RetailCrmConfigException ex) {
			return new CrmRegistrationResult.Failed(null, ex.text(), false);
		}
	}

	@Override
	public CrmDeliveryResult deliver(CrmConnection connection, CrmSecrets secrets, CrmPush push) {
		try {
			RetailCrmSettings settings = RetailCrmSettings.of(connection.settings());
			RetailCrmAccess access = RetailCrmAccess.of(connection, secrets);
			return switch (push) {
				case CallEvent event -> this.pushes.event(access, settings, event);
				case CallUpload upload -> this.pushes.upload(access, settings, upload);
			};
		}
		catch (RetailCrmConfigException ex) {
			return new CrmDeliveryResult.Rejected(null, ex.text().english());
		}
	}

	@Override
	public CrmLookup responsibleFor(CrmConnection connection, CrmSecrets secrets, String e164, Duration budget) {
		String digits = e164.replaceAll("\\D", "");
		if (digits.isEmpty()) {
			return new CrmLookup.Failed(Text.of("retailcrm.noPhone").english());
		}
		if (!budget.isPositive()) {
			return new CrmLookup.Failed(Text.of("retailcrm.noTime").english());
		}
		try {
			RetailCrmAccess access = RetailCrmAccess.of(connection, secrets);
			RetailCrmReply answer = this.api.lookup(access, RetailCrmRequest.get("telephony/manager",
					"telephony/manager", Map.of("phone", digits, "details", "0", "ignoreStatus", "1")), budget);
			if (answer instanceof Success found) {
				return manager(found.body().path("manager"));
			}
			Failure failure = (Failure) answer;
			return notFound(failure) ? new CrmLookup.NotFound() : new CrmLookup.Failed(failure.text().english());
		}
		catch (RetailCrmConfigException ex) {
			return new CrmLookup.Failed(ex.text().english());
		}
	}

	@Override
	public Optional<AgentStatus> statusOf(String crmStatus) {
		return RetailCrm.statusOf(crmStatus);
	}

	private static CrmLookup manager(JsonNode manager) {
		String id = value(manager.path("id"));
		String code = value(manager.path("code"));
		return (id == null && code == null) ? new CrmLookup.NotFound() : new CrmLookup.Found(new CrmUserRef(id, code));
	}

	// retailCRM's "no such object" (404 with its envelope), not a wrong address or key.
	private static boolean notFound(Failure failure) {
		return failure.kind() == Kind.REFUSED && Integer.valueOf(404).equals(failure.status())
				&& failure.field() == null;
	}

	private static @Nullable String value(JsonNode node) {
		if (!node.isValueNode() || node.isNull()) {
			return null;
		}
		String text = node.asString().strip();
		return text.isEmpty() ? null : text;
	}

	private static String modulePath(String code) {
		return "integration-modules/" + RetailCrmRequest.segment(code);
	}

	private static CrmField field(String name, boolean secret, boolean required) {
		String key = "crm.retailcrm." + name;
		return new CrmField(name, secret, required, key, key + ".help");
	}

}
