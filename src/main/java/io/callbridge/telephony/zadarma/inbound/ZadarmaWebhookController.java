package io.callbridge.telephony.zadarma.inbound;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.callbridge.telephony.CallEventSink;
import io.callbridge.telephony.CallStartDecider;
import io.callbridge.telephony.CallStartDecision;
import io.callbridge.telephony.CallStartQuery;
import io.callbridge.telephony.DeadlineCallStartDecider;
import io.callbridge.telephony.ProviderCallEvent;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import io.callbridge.telephony.zadarma.ZadarmaHmac;
import io.callbridge.tenants.Tenants;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Zadarma's PBX call-notification webhook, one unguessable URL per account
 * ({@code /webhooks/zadarma/{token}}). Answers the {@code zd_echo} URL check; checks the
 * optional IP allow-list and the per-event {@code Signature} (HMAC with the account's
 * secret, compared in constant time) before anything is stored; hands the mapped event to
 * the core; and answers NOTIFY_START with the call control JSON (caller name, route to
 * the responsible agent) within a hard deadline.
 */
@RestController
class ZadarmaWebhookController {

	private static final Logger log = LoggerFactory.getLogger(ZadarmaWebhookController.class);

	private static final String PROVIDER = "zadarma";

	private final TelephonyAccounts accounts;

	private final Tenants tenants;

	private final CallEventSink sink;

	private final DeadlineCallStartDecider decider;

	ZadarmaWebhookController(TelephonyAccounts accounts, Tenants tenants, CallEventSink sink, CallStartDecider decider,
			@Value("${callbridge.zadarma.decision-deadline:300ms}") Duration deadline) {
		this.accounts = accounts;
		this.tenants = tenants;
		this.sink = sink;
		this.decider = new DeadlineCallStartDecider(decider, deadline);
	}

	@RequestMapping(path = "/webhooks/zadarma/{token}", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> receive(@PathVariable String token, @RequestParam MultiValueMap<String, String> params,
			HttpServletRequest request) {
		Optional<TelephonyAccount> found = this.accounts.findCachedByWebhookToken(token)
			.filter((account) -> PROVIDER.equals(account.provider()));
		if (found.isEmpty()) {
			return problem(404, "No Zadarma account has this webhook URL.");
		}
		TelephonyAccount account = found.get();
		if (params.getFirst("zd_echo") != null) {
			// Zadarma checks the URL by expecting its token back, verbatim, as the body.
			return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(params.getFirst("zd_echo"));
		}
		if (!IpAllowList.allows(account.settings().getOrDefault("allowedIps", ""), request.getRemoteAddr())) {
			return problem(403, "Requests from " + request.getRemoteAddr() + " are not on this account's allow-list.");
		}
		ZadarmaNotification notification = new ZadarmaNotification(params.toSingleValueMap());
		String refusal = signatureRefusal(account, notification, request.getHeader("Signature"));
		if (refusal != null) {
			return problem(401, refusal);
		}
		if (!account.enabled()) {
			return problem(409, "The Zadarma account '" + account.name() + "' is disabled in Callbridge.");
		}
		return handle(account, notification);
	}

	private ResponseEntity<?> handle(TelephonyAccount account, ZadarmaNotification notification) {
		Optional<ProviderCallEvent> event = ZadarmaEventMapper.map(account.id(), notification, zone(account),
				Instant.now());
		if (!"NOTIFY_START".equals(notification.event())) {
			event.ifPresent(this.sink::accept);
			return ResponseEntity.ok(Map.of());
		}
		try {
			event.ifPresent(this.sink::accept);
		}
		catch (RuntimeException ex) {
			// The call must ring whatever happens here; the record is recovered by later
			// events or reconciliation.
			log.error("NOTIFY_START of {} could not be stored", notification.get("pbx_call_id"), ex);
		}
		return ResponseEntity.ok(reply(account, notification));
	}

	private Map<String, Object> reply(TelephonyAccount account, ZadarmaNotification notification) {
		CallStartDecision decision = this.decider.decide(new CallStartQuery(account.id(),
				notification.raw("pbx_call_id"), notification.get("caller_id"), notification.get("called_did")));
		Map<String, Object> reply = new LinkedHashMap<>();
		if (decision.reject() && enabled(account, "blacklist")) {
			// "blacklist" makes Zadarma answer busy; an account may prefer a plain
			// hang-up.
			if ("hangup".equalsIgnoreCase(account.settings().get("blacklistAction"))) {
				reply.put("hangup", 1);
			}
			else {
				reply.put("redirect", "blacklist");
			}
			return reply;
		}
		if (decision.routeToExtension() != null && enabled(account, "routeToResponsible")) {
			reply.put("redirect", decision.routeToExtension());
			reply.put("return_timeout", returnTimeout(account));
		}
		if (decision.callerName() != null && enabled(account, "callerName")) {
			reply.put("caller_name", decision.callerName());
		}
		return reply;
	}

	private @Nullable String signatureRefusal(TelephonyAccount account, ZadarmaNotification notification,
			@Nullable String signature) {
		String signed = notification.signedString();
		if (signed == null) {
			return "Unknown Zadarma event '" + notification.event() + "'.";
		}
		String secret = this.accounts.cachedCredentials(account).get("secret");
		if (secret == null || secret.isBlank()) {
			return "The account has no API secret, so Zadarma's signatures cannot be checked.";
		}
		if (signature == null || signature.isBlank()) {
			return "The Signature header is missing.";
		}
		return ZadarmaHmac.matches(ZadarmaHmac.sign(secret, signed), signature) ? null
				: "The Signature header does not match this account's secret.";
	}

	private ZoneId zone(TelephonyAccount account) {
		String configured = account.settings().get("timeZone");
		return (configured != null && !configured.isBlank()) ? ZoneId.of(configured)
				: this.tenants.get(account.tenantId()).timeZone();
	}

	// Zadarma takes 0 (never return to the menu) or at least 3 seconds; anything else
	// typed into the settings falls back to the default rather than failing the call.
	private static int returnTimeout(TelephonyAccount account) {
		String value = account.settings().getOrDefault("returnTimeout", "20").strip();
		int seconds = value.matches("\\d{1,5}") ? Integer.parseInt(value) : 20;
		return (seconds == 0 || seconds >= 3) ? seconds : 3;
	}

	private static boolean enabled(TelephonyAccount account, String setting) {
		return !"false".equalsIgnoreCase(account.settings().getOrDefault(setting, "true"));
	}

	private static ResponseEntity<Map<String, Object>> problem(int status, String detail) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", io.callbridge.shared.Problems.TYPE_BASE + ((status == 401) ? "bad-signature" : "webhook"));
		body.put("status", status);
		body.put("detail", detail);
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
	}

}
