package io.callbridge.zadarma.outbound;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import io.callbridge.coordination.RateLimits;
import io.callbridge.shared.Text;
import io.callbridge.telephony.AccountCheck;
import io.callbridge.telephony.AccountChecker;
import io.callbridge.telephony.AccountLocation;
import io.callbridge.telephony.CallHistorySource;
import io.callbridge.telephony.Credentials;
import io.callbridge.telephony.CredentialsVerdict;
import io.callbridge.telephony.HistoricCall;
import io.callbridge.telephony.OriginateRequest;
import io.callbridge.telephony.OriginateResult;
import io.callbridge.telephony.ProviderEndpoint;
import io.callbridge.telephony.ProviderHttpClients;
import io.callbridge.telephony.RecordingLookup;
import io.callbridge.telephony.RecordingSource;
import io.callbridge.telephony.SettingsSchema;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyProvider;
import io.callbridge.telephony.WebhookRegistrar;
import io.callbridge.zadarma.ZadarmaSettings;
import io.callbridge.zadarma.outbound.ZadarmaApiClient.RecordLink;
import io.callbridge.zadarma.outbound.ZadarmaApiException.Kind;
import io.callbridge.tenants.Tenants;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The Zadarma cloud PBX behind the provider port: click-to-call through Zadarma's
 * callback, the PBX extensions, recording links, statistics for reconciliation, account
 * checks and webhook registration. Credentials are the account's API {@code key} and
 * {@code secret}; settings {@code timeZone} (the account's zone in Zadarma, default the
 * tenant's, as the webhook reads {@code call_start}) and {@code baseUrl} (honoured only
 * when {@code callbridge.zadarma.account-base-url-allowed} is on).
 */
@Component
class ZadarmaTelephonyClient
		implements TelephonyProvider, RecordingSource, CallHistorySource, AccountChecker, WebhookRegistrar {

	static final String KEY = "zadarma";

	/** Zadarma's documented source of webhooks ("Security" in its webhook chapter). */
	static final String DOCUMENTED_SOURCES = "185.45.152.40/30";

	// Public material shows no distinct message for "recording not uploaded yet"; a
	// refusal
	// that reads like "not found / not there yet" (or HTTP 404) is taken as not ready,
	// since
	// DOC advises asking ~40 s after the call ends. Other refusals mean it never will be.
	private static final Pattern NOT_YET = Pattern.compile(
			"(?i).*(not\\s+(yet\\s+)?(found|ready|available|exist)|does\\s*n[o']t\\s+exist|no\\s+(such\\s+)?(record|file)|later|processing|in\\s+progress).*");

	private final ZadarmaProperties properties;

	private final ZadarmaApiClient api;

	private final Function<Long, ZoneId> tenantZone;

	@Autowired
	ZadarmaTelephonyClient(ZadarmaProperties properties, Tenants tenants, ProviderHttpClients http, RateLimits rates) {
		this(properties, new ZadarmaApiClient(properties, new ZadarmaRateLimits(properties, rates), http),
				(tenantId) -> tenants.getCached(tenantId).timeZone());
	}

	ZadarmaTelephonyClient(ZadarmaProperties properties, ZadarmaApiClient api, Function<Long, ZoneId> tenantZone) {
		this.properties = properties;
		this.api = api;
		this.tenantZone = tenantZone;
	}

	@Override
	public String key() {
		return KEY;
	}

	@Override
	public List<String> credentialFields() {
		return List.of("key", "secret");
	}

	/**
	 * The switches of the guide's items 7, 8 and 10, the webhook's own settings, and
	 * {@code baseUrl} where the configuration lets accounts choose their API host.
	 */
	@Override
	public SettingsSchema<ZadarmaSettings> settings() {
		return ZadarmaSettings.schema(this.properties.accountBaseUrlAllowed());
	}

	/**
	 * The addresses Zadarma's documentation says its call notifications come from
	 * (185.45.152.40–43).
	 */
	@Override
	public List<String> documentedSourceAddresses() {
		return List.of(DOCUMENTED_SOURCES);
	}

	/**
	 * Zadarma rings {@code from} (the agent's extension) first, then the destination
	 * (digits only); {@code sip} picks the caller id and recording rules: the request's
	 * caller id if given, else the agent's extension. Zadarma returns no call id.
	 */
	@Override
	public OriginateResult originate(TelephonyAccount account, Credentials credentials, OriginateRequest request) {
		String sip = (request.callerId() != null && !request.callerId().isBlank()) ? request.callerId().strip()
				: request.agentExtension().strip();
		try {
			this.api.callback(access(account, credentials), request.agentExtension().strip(),
					request.destination().replaceAll("\\D", ""), sip);
			return new OriginateResult.Accepted(null);
		}
		catch (ZadarmaApiException ex) {
			return OriginateResult.Refused.of((ex.kind() == Kind.REFUSED) ? ex.zadarmaWords() : ex.text());
		}
	}

	@Override
	public List<ProviderEndpoint> listEndpoints(TelephonyAccount account, Credentials credentials) {
		ZadarmaApiClient.InternalNumbers pbx = call(() -> this.api.internalNumbers(access(account, credentials)));
		return pbx.numbers().stream().map((number) -> new ProviderEndpoint(number, "PBX " + pbx.pbxId())).toList();
	}

	@Override
	public RecordingLookup findRecording(TelephonyAccount account, Credentials credentials, String recordingRef) {
		// Unusable settings or credentials are a failure to fix, never a missing
		// recording.
		ZadarmaAccess access = call(() -> access(account, credentials));
		try {
			RecordLink link = this.api.recordLink(access, recordingRef, this.properties.recordingLinkLifetime());
			return new RecordingLookup.Found(link.link(), link.lifetimeTill());
		}
		catch (ZadarmaApiException ex) {
			if (ex.kind() != Kind.REFUSED) {
				throw ex.toProviderFailure();
			}
			boolean notYet = ex.httpStatus() == 404 || NOT_YET.matcher(ex.zadarmaMessage()).matches();
			return notYet ? new RecordingLookup.NotReady(ex.zadarmaMessage())
					: new RecordingLookup.Missing(ex.zadarmaMessage());
		}
	}

	@Override
	public List<HistoricCall> callsBetween(TelephonyAccount account, Credentials credentials, Instant from,
			Instant to) {
		return ZadarmaCallHistory.calls(call(() -> this.api.pbxStatistics(access(account, credentials), from, to)));
	}

	/** Statistics allow 3 requests a minute and Zadarma asks not to poll them often. */
	@Override
	public Duration reconcileEvery() {
		return this.properties.reconcileEvery();
	}

	@Override
	public CredentialsVerdict verifyCredentials(TelephonyAccount account, Credentials credentials) {
		try {
			this.api.balance(access(account, credentials));
			return new CredentialsVerdict.Accepted();
		}
		catch (ZadarmaApiException ex) {
			return switch (ex.kind()) {
				case CREDENTIALS_REJECTED, REFUSED -> CredentialsVerdict.Rejected.of(ex.zadarmaWords());
				case RATE_LIMITED, UNREACHABLE -> CredentialsVerdict.Unreachable.of(ex.text());
			};
		}
	}

	@Override
	public List<AccountCheck> check(TelephonyAccount account, Credentials credentials, URI webhookUrl) {
		return new ZadarmaAccountChecks(this.api).run(() -> access(account, credentials), webhookUrl);
	}

	/** Sets the notification URL, then switches all six call notifications on. */
	@Override
	public Text registerWebhook(TelephonyAccount account, Credentials credentials, URI webhookUrl) {
		return call(() -> {
			ZadarmaAccess access = access(account, credentials);
			String url = this.api.setCallInfoUrl(access, webhookUrl);
			Map<String, Boolean> all = new LinkedHashMap<>();
			ZadarmaApiClient.NOTIFICATIONS.forEach((name) -> all.put(name, true));
			return Text.of("zadarmaCheck.webhook", url,
					ZadarmaAccountChecks.describe(this.api.setNotifications(access, all)));
		});
	}

	ZadarmaAccess access(TelephonyAccount account, Credentials credentials) {
		String key = credentials.get("key");
		String secret = credentials.get("secret");
		if (key == null || key.isBlank() || secret == null || secret.isBlank()) {
			throw new ZadarmaApiException(Kind.CREDENTIALS_REJECTED, 0, "The account has no API key and secret.",
					Text.of("zadarma.noCredentials", account.name()));
		}
		return new ZadarmaAccess(baseUrl(account), key.strip(), secret.strip(), zone(account));
	}

	private URI baseUrl(TelephonyAccount account) {
		return AccountLocation.baseUrl(account, this.properties.baseUrl(), this.properties.accountBaseUrlAllowed());
	}

	private ZoneId zone(TelephonyAccount account) {
		return AccountLocation.zone(account, this.tenantZone::apply, "Europe/Madrid");
	}

	private static <T> T call(Supplier<T> request) {
		try {
			return request.get();
		}
		catch (ZadarmaApiException ex) {
			throw ex.toProviderFailure();
		}
	}

}
