package io.callbridge.callmyway.outbound;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.callbridge.shared.Problems;
import io.callbridge.shared.Text;
import io.callbridge.telephony.AccountCheck;
import io.callbridge.telephony.AccountChecker;
import io.callbridge.telephony.CallHistorySource;
import io.callbridge.telephony.Credentials;
import io.callbridge.telephony.CredentialsVerdict;
import io.callbridge.telephony.ExtensionDirectory;
import io.callbridge.telephony.HistoricCall;
import io.callbridge.telephony.OriginateRequest;
import io.callbridge.telephony.OriginateResult;
import io.callbridge.telephony.ProviderEndpoint;
import io.callbridge.telephony.SettingsSchema;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyProvider;
import io.callbridge.callmyway.CallMyWayAccess;
import io.callbridge.callmyway.CallMyWayApi;
import io.callbridge.callmyway.CallMyWayApiException;
import io.callbridge.callmyway.CallMyWaySettings;

import org.springframework.stereotype.Component;

/**
 * CallMyWay behind the provider port: Click2Dial, the account's endpoints (EPs), CDRs for
 * reconciliation and the homologation checks. Credentials are the account's
 * {@code username} and {@code password}; settings {@code callFirst} (whom CallMyWay rings
 * first: {@code agent} or {@code contact}), {@code timeZone} (of CallMyWay's local times,
 * default the tenant's), {@code callerIdentities} (further EPs to call from, such as a
 * private EP), {@code homologationNumber} (a number the homologation may really call) and
 * {@code baseUrl} (honoured only when
 * {@code callbridge.callmyway.account-base-url-allowed} is on).
 */
@Component
class CallMyWayTelephonyClient implements TelephonyProvider, CallHistorySource, AccountChecker {

	static final String KEY = "callmyway";

	private final CallMyWayProperties properties;

	private final CallMyWayApi api;

	private final ExtensionDirectory extensions;

	private final CallMyWayEndpointCache endpoints;

	CallMyWayTelephonyClient(CallMyWayProperties properties, CallMyWayApi api, ExtensionDirectory extensions) {
		this.properties = properties;
		this.api = api;
		this.extensions = extensions;
		this.endpoints = new CallMyWayEndpointCache(properties.endpointsTtl(), Clock.systemUTC());
	}

	@Override
	public String key() {
		return KEY;
	}

	@Override
	public List<String> credentialFields() {
		return List.of("username", "password");
	}

	/**
	 * Who is rung first, the zone of CallMyWay's times, further caller identities, the
	 * homologation's test number, and {@code baseUrl} where the configuration lets
	 * accounts choose their API host.
	 */
	@Override
	public SettingsSchema<CallMyWaySettings> settings() {
		return CallMyWaySettings.schema(this.properties.accountBaseUrlAllowed());
	}

	/**
	 * Calls from the request's caller identity if given (an alternative EP), else from
	 * the agent's EP; {@code callFirst} decides whether that EP or the destination
	 * (digits only) is {@code first_num}. CallMyWay returns no call id; the call shows up
	 * in the live calls.
	 */
	@Override
	public OriginateResult originate(TelephonyAccount account, Credentials credentials, OriginateRequest request) {
		String identity = (request.callerId() != null && !request.callerId().isBlank()) ? request.callerId().strip()
				: request.agentExtension().strip();
		try {
			CallMyWayAccess access = this.api.access(account, credentials);
			dial(account, access, identity, request.destination());
			return new OriginateResult.Accepted(null);
		}
		catch (CallMyWayApiException ex) {
			return OriginateResult.Refused.of(switch (ex.kind()) {
				case REFUSED, REJECTED -> ex.text();
				case UNREACHABLE -> Text.of("callmyway.callNotPlaced", ex.text());
				case MALFORMED -> Text.of("callmyway.callMaybeNotPlaced", ex.text());
			});
		}
	}

	/** Click2Dial from {@code identity} to {@code destination} in the account's order. */
	void dial(TelephonyAccount account, CallMyWayAccess access, String identity, String destination) {
		String number = destination.replaceAll("\\D", "");
		if (CallMyWaySettings.of(account).callsContactFirst()) {
			this.api.clickToDial(access, number, identity);
		}
		else {
			this.api.clickToDial(access, identity, number);
		}
	}

	/**
	 * The account's EPs, from the endpoint list kept for {@code endpoints-ttl} (see
	 * {@link CallMyWayEndpointCache}).
	 */
	@Override
	public List<ProviderEndpoint> listEndpoints(TelephonyAccount account, Credentials credentials) {
		return call(() -> endpointsOf(account, this.api.access(account, credentials))).entrySet()
			.stream()
			.map((e) -> new ProviderEndpoint(e.getValue(), "ID " + e.getKey()))
			.sorted(Comparator.comparing((ProviderEndpoint ep) -> ep.extension().length())
				.thenComparing(ProviderEndpoint::extension))
			.toList();
	}

	@Override
	public List<HistoricCall> callsBetween(TelephonyAccount account, Credentials credentials, Instant from,
			Instant to) {
		return call(() -> {
			CallMyWayAccess access = this.api.access(account, credentials);
			return CallMyWayCallHistory.calls(this.api, access, endpointsOf(account, access).values(), from, to);
		});
	}

	private Map<String, String> endpointsOf(TelephonyAccount account, CallMyWayAccess access) {
		return this.endpoints.endpoints(account.id(), access, () -> this.api.endpoints(access));
	}

	@Override
	public Duration reconcileEvery() {
		return this.properties.reconcileEvery();
	}

	@Override
	public CredentialsVerdict verifyCredentials(TelephonyAccount account, Credentials credentials) {
		try {
			this.api.endpoints(this.api.access(account, credentials));
			return new CredentialsVerdict.Accepted();
		}
		catch (CallMyWayApiException ex) {
			return switch (ex.kind()) {
				case REJECTED, REFUSED -> CredentialsVerdict.Rejected.of(ex.text());
				case UNREACHABLE, MALFORMED -> CredentialsVerdict.Unreachable.of(ex.text());
			};
		}
	}

	@Override
	public List<AccountCheck> check(TelephonyAccount account, Credentials credentials, URI webhookUrl) {
		return new CallMyWayAccountChecks(this.api, this, this.extensions).run(account,
				() -> this.api.access(account, credentials));
	}

	private static <T> T call(Supplier<T> request) {
		try {
			return request.get();
		}
		catch (CallMyWayApiException ex) {
			throw new Problems.ProviderFailure(ex.text());
		}
	}

}
