package io.callbridge.callmyway.outbound;

import java.net.URI;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.callbridge.shared.Text;
import io.callbridge.telephony.AccountLocation;
import io.callbridge.telephony.Credentials;
import io.callbridge.telephony.ProviderHttpClients;
import io.callbridge.telephony.RequestSlots;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyFailure;
import io.callbridge.callmyway.CallMyWayAccess;
import io.callbridge.callmyway.CallMyWayApi;
import io.callbridge.callmyway.CallMyWayApiException;
import io.callbridge.callmyway.CallMyWayApiException.Kind;
import io.callbridge.callmyway.CallMyWayCdr;
import io.callbridge.tenants.Tenants;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * CallMyWay's HTTP API ({@code www.callmyway.com}): Click2Dial, endpoints, live calls and
 * CDRs, with the username and password in each query. {@code getCdrs} and
 * {@code getEndpoints} go through the {@link CallMyWayRequestGate}, so one username's
 * requests from every node stay at least 4 seconds apart. An account's settings
 * {@code timeZone} (default the tenant's) and {@code baseUrl} (honoured only when
 * {@code callbridge.callmyway.account-base-url-allowed} is on) shape its
 * {@link CallMyWayAccess}.
 */
@Component
class CallMyWayApiClient implements CallMyWayApi {

	static final String CLICK_TO_DIAL = "/Welcome/ClickToDialExtenal";

	static final String ENDPOINTS = "/getEndpoints.php";

	static final String CDRS = "/getCdrs.php";

	private final CallMyWayProperties properties;

	private final CallMyWayTransport transport;

	private final Function<Long, ZoneId> tenantZone;

	@Autowired
	CallMyWayApiClient(CallMyWayProperties properties, Tenants tenants, RequestSlots slots, ProviderHttpClients http) {
		this(properties, CallMyWayRequestGate.of(properties, slots), (tenantId) -> tenants.get(tenantId).timeZone(),
				http);
	}

	CallMyWayApiClient(CallMyWayProperties properties, CallMyWayRequestGate gate, Function<Long, ZoneId> tenantZone,
			ProviderHttpClients http) {
		this.properties = properties;
		this.transport = new CallMyWayTransport(properties, gate, http);
		this.tenantZone = tenantZone;
	}

	@Override
	public CallMyWayAccess access(TelephonyAccount account, Credentials credentials) {
		String username = credentials.get("username");
		String password = credentials.get("password");
		if (username == null || username.isBlank() || password == null || password.isEmpty()) {
			throw new CallMyWayApiException(Kind.REJECTED, Text.of("callmyway.noCredentials", account.name()));
		}
		return new CallMyWayAccess(baseUrl(account), username.strip(), password, zone(account));
	}

	@Override
	public Map<String, String> endpoints(CallMyWayAccess access) {
		return CallMyWayCdrReader.endpoints(this.transport.query(access, ENDPOINTS, Map.of()), ENDPOINTS);
	}

	@Override
	public List<CallMyWayCdr> liveCalls(CallMyWayAccess access, boolean fullAccount) {
		Map<String, String> params = new LinkedHashMap<>();
		params.put("live", "1");
		params.put("fullAccount", fullAccount ? "1" : "0");
		return CallMyWayCdrReader.cdrs(this.transport.query(access, CDRS, params), CDRS);
	}

	@Override
	public LivePoll pollLiveCalls(CallMyWayAccess access) {
		Map<String, String> params = new LinkedHashMap<>();
		params.put("live", "1");
		params.put("fullAccount", "1");
		CallMyWayTransport.Answered answer = this.transport.ask(access, CDRS, params, true);
		return new LivePoll(CallMyWayCdrReader.cdrs(answer.body(), CDRS), answer.answeredIn());
	}

	@Override
	public List<CallMyWayCdr> recentCdrs(CallMyWayAccess access) {
		return CallMyWayCdrReader.cdrs(this.transport.query(access, CDRS, Map.of("recent", "1")), CDRS);
	}

	@Override
	public List<CallMyWayCdr> cdrs(CallMyWayAccess access, LocalDateTime start, LocalDateTime end, int ini, int cant) {
		if (ini < 0 || cant < 1) {
			throw new IllegalArgumentException("ini must be at least 0 and cant at least 1");
		}
		Map<String, String> params = new LinkedHashMap<>();
		params.put("dateStart", CallMyWayCdr.FORMAT.format(start));
		params.put("dateEnd", CallMyWayCdr.FORMAT.format(end));
		params.put("ini", Integer.toString(ini));
		params.put("cant", Integer.toString(cant));
		return CallMyWayCdrReader.cdrs(this.transport.query(access, CDRS, params), CDRS);
	}

	@Override
	public void clickToDial(CallMyWayAccess access, String firstNum, String secondNum) {
		if (firstNum.isBlank() || secondNum.isBlank()) {
			throw new CallMyWayApiException(Kind.REFUSED, Text.of("callmyway.bothNumbers"));
		}
		Map<String, String> params = new LinkedHashMap<>();
		params.put("first_num", firstNum);
		params.put("second_num", secondNum);
		this.transport.command(access, CLICK_TO_DIAL, params);
	}

	private URI baseUrl(TelephonyAccount account) {
		try {
			return AccountLocation.baseUrl(account, this.properties.baseUrl(), this.properties.accountBaseUrlAllowed());
		}
		catch (IllegalArgumentException ex) {
			throw new CallMyWayApiException(Kind.REFUSED, TelephonyFailure.textOf(ex));
		}
	}

	private ZoneId zone(TelephonyAccount account) {
		try {
			return AccountLocation.zone(account, this.tenantZone::apply, "America/Costa_Rica");
		}
		catch (IllegalArgumentException ex) {
			throw new CallMyWayApiException(Kind.REFUSED, TelephonyFailure.textOf(ex));
		}
	}

}
