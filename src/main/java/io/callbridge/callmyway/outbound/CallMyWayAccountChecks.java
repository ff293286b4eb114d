package io.callbridge.callmyway.outbound;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.callbridge.shared.Text;
import io.callbridge.telephony.AccountCheck;
import io.callbridge.telephony.CommonSettings;
import io.callbridge.telephony.ExtensionDirectory;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.callmyway.CallMyWayAccess;
import io.callbridge.callmyway.CallMyWayApi;
import io.callbridge.callmyway.CallMyWayApiException;
import io.callbridge.callmyway.CallMyWaySettings;

/**
 * The homologation checks of a CallMyWay account, in order: credentials (a
 * {@code getEndpoints} request), endpoints visible, every agent's EP among them, caller
 * identities among them, live calls readable, recent CDRs readable, and Click2Dial.
 * CallMyWay has no dry-run mode, so Click2Dial is only tried, with one real call, when
 * the account names a {@code homologationNumber}. The API client keeps the requests 4
 * seconds apart. When the credentials fail the rest is reported as not checked.
 */
final class CallMyWayAccountChecks {

	private static final String PROVIDER = "callmyway";

	private final CallMyWayApi api;

	private final CallMyWayTelephonyClient dialer;

	private final ExtensionDirectory extensions;

	CallMyWayAccountChecks(CallMyWayApi api, CallMyWayTelephonyClient dialer, ExtensionDirectory extensions) {
		this.api = api;
		this.dialer = dialer;
		this.extensions = extensions;
	}

	List<AccountCheck> run(TelephonyAccount account, Supplier<CallMyWayAccess> accessOf) {
		List<AccountCheck> checks = new ArrayList<>();
		CallMyWayAccess access;
		Map<String, String> endpoints;
		try {
			access = accessOf.get();
			endpoints = this.api.endpoints(access);
			checks.add(check("credentials", true, Text.of("callmywayCheck.credentialsAccepted", access.username())));
		}
		catch (CallMyWayApiException ex) {
			checks.add(check("credentials", false, ex.text()));
			Text skipped = Text.of("callmywayCheck.skipped");
			for (String code : List.of("endpoints", "agentEps", "agents", "liveCalls", "cdrs", "click2dial")) {
				checks.add(check(code, false, skipped));
			}
			return checks;
		}
		checks.add(endpoints(endpoints));
		checks.add(agentEps(this.extensions.assignedExtensions(account.id()), endpoints));
		checks.add(identities(account, endpoints));
		checks.add(liveCalls(access));
		checks.add(cdrs(access));
		checks.add(clickToDial(account, access, endpoints));
		return checks;
	}

	private static AccountCheck check(String code, boolean passed, Text detail) {
		return AccountCheck.of(PROVIDER, code, passed, detail);
	}

	/** The EPs of the {@code callerIdentities} setting, in order. */
	static List<String> identities(TelephonyAccount account) {
		return CommonSettings.of(account).callerIdentities();
	}

	private static AccountCheck endpoints(Map<String, String> endpoints) {
		if (endpoints.isEmpty()) {
			return check("endpoints", false, Text.of("callmywayCheck.noEndpoints"));
		}
		String list = endpoints.entrySet()
			.stream()
			.map((e) -> e.getValue() + " (ID " + e.getKey() + ")")
			.collect(Collectors.joining(", "));
		return check("endpoints", true, Text.of("callmywayCheck.endpoints", endpoints.size(), list));
	}

	// An EP CallMyWay does not list can neither ring the agent nor be dialled from.
	private static AccountCheck agentEps(Map<String, String> assigned, Map<String, String> endpoints) {
		if (assigned.isEmpty()) {
			return check("agentEps", false, Text.of("callmywayCheck.noAgentEps"));
		}
		List<String> unknown = assigned.entrySet()
			.stream()
			.filter((e) -> !endpoints.containsValue(e.getKey()))
			.map((e) -> e.getKey() + " (" + e.getValue() + ")")
			.toList();
		if (!unknown.isEmpty()) {
			return check("agentEps", false, Text.of("callmywayCheck.notEndpoints", String.join(", ", unknown)));
		}
		String list = assigned.entrySet()
			.stream()
			.map((e) -> e.getKey() + " (" + e.getValue() + ")")
			.collect(Collectors.joining(", "));
		return check("agentEps", true, Text.of("callmywayCheck.agentEps", assigned.size(), list));
	}

	private static AccountCheck identities(TelephonyAccount account, Map<String, String> endpoints) {
		List<String> identities = identities(account);
		if (identities.isEmpty()) {
			return check("agents", true, Text.of("callmywayCheck.noIdentities"));
		}
		List<String> unknown = identities.stream().filter((ep) -> !endpoints.containsValue(ep)).toList();
		if (!unknown.isEmpty()) {
			return check("agents", false, Text.of("callmywayCheck.notEndpoints", String.join(", ", unknown)));
		}
		return check("agents", true, Text.of("callmywayCheck.identities", String.join(", ", identities)));
	}

	private AccountCheck liveCalls(CallMyWayAccess access) {
		try {
			int count = this.api.liveCalls(access, true).size();
			return check("liveCalls", true, Text.of("callmywayCheck.liveCalls", count));
		}
		catch (CallMyWayApiException ex) {
			return check("liveCalls", false, ex.text());
		}
	}

	private AccountCheck cdrs(CallMyWayAccess access) {
		try {
			int count = this.api.recentCdrs(access).size();
			return check("cdrs", true, Text.of("callmywayCheck.cdrs", count));
		}
		catch (CallMyWayApiException ex) {
			return check("cdrs", false, ex.text());
		}
	}

	// The test call leaves from the first caller identity, else the account's first EP.
	private AccountCheck clickToDial(TelephonyAccount account, CallMyWayAccess access, Map<String, String> endpoints) {
		String number = CallMyWaySettings.of(account).homologationNumber().orElse("");
		if (number.isEmpty()) {
			return check("click2dial", false, Text.of("callmywayCheck.notRun"));
		}
		List<String> identities = identities(account);
		String from = !identities.isEmpty() ? identities.get(0)
				: endpoints.values().stream().sorted().findFirst().orElse("");
		if (from.isEmpty()) {
			return check("click2dial", false, Text.of("callmywayCheck.noEpToCallFrom"));
		}
		try {
			this.dialer.dial(account, access, from, number);
			return check("click2dial", true, Text.of("callmywayCheck.testCall", from, number));
		}
		catch (CallMyWayApiException ex) {
			return check("click2dial", false, ex.text());
		}
	}

}
