package io.callbridge.uis.outbound;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import io.callbridge.shared.AgentStatus;
import io.callbridge.shared.Text;
import io.callbridge.telephony.AccountCheck;
import io.callbridge.telephony.AccountChecker;
import io.callbridge.telephony.AgentAvailability;
import io.callbridge.telephony.CallHistorySource;
import io.callbridge.telephony.Credentials;
import io.callbridge.telephony.CredentialsVerdict;
import io.callbridge.telephony.HistoricCall;
import io.callbridge.telephony.OriginateRequest;
import io.callbridge.telephony.OriginateResult;
import io.callbridge.telephony.ProviderCallEvent;
import io.callbridge.telephony.ProviderEndpoint;
import io.callbridge.telephony.ProviderHttpClients;
import io.callbridge.telephony.RecordingLookup;
import io.callbridge.telephony.RecordingSource;
import io.callbridge.telephony.SettingsSchema;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyProvider;
import io.callbridge.uis.UisSettings;
import io.callbridge.uis.outbound.UisApiClient.Employee;
import io.callbridge.uis.outbound.UisApiException.Kind;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * UIS (CoMagic, CallGear) behind the provider port: click-to-call with
 * {@code start.employee_call}, the employees as the account's endpoints (an agent's
 * extension on a UIS account is the employee's id), their availability with
 * {@code update.employees}, the calls report for reconciliation and a finished call's
 * details, recordings, and the account checks. Credentials: a permanent
 * {@code accessToken}, or a {@code login} and {@code password} (sessions), plus the
 * {@code notificationSecret} UIS's notifications carry.
 */
@Component
class UisTelephonyClient
		implements TelephonyProvider, AccountChecker, CallHistorySource, RecordingSource, AgentAvailability {

	static final String KEY = "uis";

	static final String ACCESS_TOKEN = "accessToken";

	static final String LOGIN = "login";

	static final String PASSWORD = "password";

	static final String NOTIFICATION_SECRET = "notificationSecret";

	private static final Duration SESSION_SEARCH = Duration.ofDays(1);

	private final UisProperties properties;

	private final UisApiClient api;

	private final UisEmployeeDirectory employees;

	private final UisPointLimits limits;

	@Autowired
	UisTelephonyClient(UisProperties properties, UisPointLimits limits, UisEmployeeDirectory employees,
			ProviderHttpClients http) {
		this(properties, new UisApiClient(new UisJsonRpc(properties, limits,
				new UisSessions(properties.sessionRenewBefore(), Clock.systemUTC()), http)), employees, limits);
	}

	UisTelephonyClient(UisProperties properties, UisApiClient api, UisEmployeeDirectory employees,
			UisPointLimits limits) {
		this.properties = properties;
		this.api = api;
		this.employees = employees;
		this.limits = limits;
	}

	@Override
	public String key() {
		return KEY;
	}

	@Override
	public List<String> credentialFields() {
		return List.of(ACCESS_TOKEN, LOGIN, PASSWORD, NOTIFICATION_SECRET);
	}

	/** An access token, or a login and password; each with the notification secret. */
	@Override
	public List<List<String>> credentialSets() {
		return List.of(List.of(ACCESS_TOKEN, NOTIFICATION_SECRET), List.of(LOGIN, PASSWORD, NOTIFICATION_SECRET));
	}

	@Override
	public SettingsSchema<UisSettings> settings() {
		return UisSettings.schema(this.properties.accountBaseUrlAllowed());
	}

	/**
	 * UIS rings the employee (the agent's extension is the employee id) and then the
	 * destination, showing the request's caller id when it is a number (a virtual number
	 * of the account), else the account's default virtual number.
	 */
	@Override
	public OriginateResult originate(TelephonyAccount account, Credentials credentials, OriginateRequest request) {
		String employee = request.agentExtension().strip();
		if (!employee.matches("\\d{1,18}")) {
			return OriginateResult.Refused.of(Text.of("uis.extensionNotEmployee", employee));
		}
		String virtualNumber = virtualNumber(account, request);
		if (virtualNumber == null) {
			return OriginateResult.Refused.of(Text.of("uis.noVirtualNumber", account.name()));
		}
		try {
			String session = this.api.startEmployeeCall(access(account, credentials),
					new UisApiClient.EmployeeCall(Long.parseLong(employee), request.destination().replaceAll("\\D", ""),
							virtualNumber, "cb-" + UUID.randomUUID()));
			return new OriginateResult.Accepted(session);
		}
		catch (UisApiException ex) {
			return OriginateResult.Refused.of(ex.text());
		}
	}

	/**
	 * The employees, each as its id with its name and extension; stored for the inbound
	 * side.
	 */
	@Override
	public List<ProviderEndpoint> listEndpoints(TelephonyAccount account, Credentials credentials) {
		return call(() -> refreshEmployees(account, access(account, credentials))).stream()
			.map((employee) -> new ProviderEndpoint(employee.id(), label(employee)))
			.toList();
	}

	/**
	 * A link ({@code file_link}, {@code full_record_file_link}) is played as it is; a
	 * {@code <communication_id>/<record_id>} from the report is played from the brand's
	 * media address.
	 */
	@Override
	public RecordingLookup findRecording(TelephonyAccount account, Credentials credentials, String recordingRef) {
		String ref = recordingRef.strip();
		if (ref.startsWith("https://") || ref.startsWith("http://")) {
			return new RecordingLookup.Found(URI.create(ref), null);
		}
		if (!ref.matches("\\d{1,20}/[A-Za-z0-9_-]{1,100}")) {
			return new RecordingLookup.Missing(ref);
		}
		URI media = call(() -> access(account, credentials)).media();
		String base = media.toString().replaceAll("/+$", "");
		return new RecordingLookup.Found(URI.create(base + "/system/media/talk/" + ref + "/"), null);
	}

	@Override
	public List<HistoricCall> callsBetween(TelephonyAccount account, Credentials credentials, Instant from,
			Instant to) {
		return call(() -> new UisCallsReport(this.api).calls(access(account, credentials), from, to));
	}

	@Override
	public Duration reconcileEvery() {
		return this.properties.reconcileEvery();
	}

	@Override
	public CredentialsVerdict verifyCredentials(TelephonyAccount account, Credentials credentials) {
		try {
			this.api.virtualNumbers(access(account, credentials));
			return new CredentialsVerdict.Accepted();
		}
		catch (UisApiException ex) {
			return switch (ex.kind()) {
				case CREDENTIALS_REJECTED, REFUSED -> CredentialsVerdict.Rejected.of(ex.text());
				case RATE_LIMITED, UNREACHABLE -> CredentialsVerdict.Unreachable.of(ex.text());
			};
		}
	}

	@Override
	public List<AccountCheck> check(TelephonyAccount account, Credentials credentials, URI webhookUrl) {
		return new UisAccountChecks(this.api, this.limits, (access) -> refreshEmployees(account, access))
			.run(() -> access(account, credentials), UisSettings.of(account));
	}

	/**
	 * {@code update.employees} with UIS's status and {@code calls_available}: available
	 * takes calls; busy is "do not disturb", a break a break, offline "not at work".
	 */
	@Override
	public void setAvailability(TelephonyAccount account, Credentials credentials, String extension,
			AgentStatus status) {
		String employee = extension.strip();
		if (!employee.matches("\\d{1,18}")) {
			throw new UisApiException(Kind.REFUSED, 0, null, employee, Text.of("uis.extensionNotEmployee", employee))
				.toProviderFailure();
		}
		String uisStatus = switch (status) {
			case AVAILABLE -> "available";
			case BUSY -> "do_not_disturb";
			case BREAK -> "break";
			case OFFLINE -> "not_at_work";
		};
		call(() -> {
			this.api.updateEmployee(access(account, credentials), Long.parseLong(employee), uisStatus,
					status == AgentStatus.AVAILABLE);
			return null;
		});
	}

	/**
	 * A finished session's details as history events, or empty while the Data API does
	 * not have the session yet.
	 * @param reportedAt when its end was reported; the reports are searched a day around
	 */
	Optional<List<ProviderCallEvent>> sessionEvents(TelephonyAccount account, Credentials credentials,
			String callSessionId, Instant reportedAt) {
		return call(() -> new UisSessionDetails(this.api).events(account.id(), access(account, credentials),
				callSessionId, reportedAt.minus(SESSION_SEARCH), reportedAt.plus(SESSION_SEARCH)));
	}

	UisAccess access(TelephonyAccount account, Credentials credentials) {
		return UisAccessOf.account(this.properties, account, credentials);
	}

	private static @Nullable String virtualNumber(TelephonyAccount account, OriginateRequest request) {
		String callerId = (request.callerId() != null) ? request.callerId().strip() : "";
		if (callerId.matches("\\+?\\d{5,20}")) {
			return callerId.replaceAll("\\D", "");
		}
		return UisSettings.of(account).virtualNumber().orElse(null);
	}

	private List<Employee> refreshEmployees(TelephonyAccount account, UisAccess access) {
		List<Employee> listed = new ArrayList<>(this.api.employees(access));
		this.employees.replace(account.id(), listed);
		return listed;
	}

	static String label(Employee employee) {
		return (employee.extension() != null) ? employee.fullName() + " · " + employee.extension()
				: employee.fullName();
	}

	private static <T> T call(Supplier<T> request) {
		try {
			return request.get();
		}
		catch (UisApiException ex) {
			throw ex.toProviderFailure();
		}
	}

}
