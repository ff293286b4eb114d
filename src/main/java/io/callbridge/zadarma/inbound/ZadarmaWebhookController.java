package io.callbridge.zadarma.inbound;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.callbridge.shared.Problems;
import io.callbridge.shared.Text;
import io.callbridge.telephony.AccountLocation;
import io.callbridge.telephony.CallEventSink;
import io.callbridge.telephony.CallStartDecider;
import io.callbridge.telephony.CallStartDecision;
import io.callbridge.telephony.CallStartQuery;
import io.callbridge.telephony.DeadlineCallStartDecider;
import io.callbridge.telephony.ProviderCallEvent;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import io.callbridge.zadarma.ZadarmaHmac;
import io.callbridge.zadarma.ZadarmaSettings;
import io.callbridge.tenants.Tenants;
import io.callbridge.telephony.ProviderWebhook;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Zadarma's PBX call-notification webhook, one unguessable URL per account
 * ({@code /webhooks/zadarma/{token}}). Answers the {@code zd_echo} URL check verbatim
 * whatever the request accepts; checks the optional IP allow-list and the per-event
 * {@code Signature} (HMAC with the account's secret, compared in constant time) before
 * anything is stored; refuses a signed notification whose content makes no sense
 * ({@link ZadarmaNotificationCheck}); and answers 2xx only once the event is stored —
 * NOTIFY_START with the call-control JSON (caller name, route to the responsible agent)
 * within a hard deadline. When storing fails the answer is 503, never a 200 over a lost
 * event. Every answer has an explicit content type, so no {@code Accept} header can make
 * it a 406.
 */
@RestController
@ProviderWebhook
class ZadarmaWebhookController {

	private static final Logger log = LoggerFactory.getLogger(ZadarmaWebhookController.class);

	private static final int LOGGED_LENGTH = 64;

	private static final String PROVIDER = "zadarma";

	private static final String PATH = "/webhooks/zadarma/{token}";

	/** How soon a sender that retries may try again after a storing failure. */
	private static final Duration RETRY_AFTER = Duration.ofSeconds(30);

	private static final JsonMapper JSON = JsonMapper.shared();

	/** The answer to every notification but a call's start: only read, never changed. */
	private static final byte[] EMPTY_OBJECT = "{}".getBytes(StandardCharsets.UTF_8);

	private final TelephonyAccounts accounts;

	private final Tenants tenants;

	private final CallEventSink sink;

	private final DeadlineCallStartDecider decider;

	private final MessageSource messages;

	ZadarmaWebhookController(TelephonyAccounts accounts, Tenants tenants, CallEventSink sink, CallStartDecider decider,
			@Value("${callbridge.zadarma.decision-deadline:300ms}") Duration deadline, MessageSource messages) {
		this.accounts = accounts;
		this.tenants = tenants;
		this.sink = sink;
		this.decider = new DeadlineCallStartDecider(decider, deadline);
		this.messages = messages;
	}

	/**
	 * Zadarma checks the URL by expecting its token back, verbatim, as the body; it may
	 * come with any {@code Accept} header and on any method.
	 */
	@RequestMapping(path = PATH, params = "zd_echo")
	ResponseEntity<?> echo(@PathVariable String token, HttpServletRequest request) {
		if (account(token).isEmpty()) {
			return problem(404, "webhook", Text.of("zadarma.unknownUrl"));
		}
		return ResponseEntity.ok()
			.contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
			.body(request.getParameter("zd_echo"));
	}

	@RequestMapping(path = PATH)
	ResponseEntity<?> receive(@PathVariable String token, @RequestParam MultiValueMap<String, String> params,
			HttpServletRequest request) {
		Optional<TelephonyAccount> found = account(token);
		if (found.isEmpty()) {
			return problem(404, "webhook", Text.of("zadarma.unknownUrl"));
		}
		TelephonyAccount account = found.get();
		if (!ZadarmaSettings.of(account).allowedIps().allows(request.getRemoteAddr())) {
			return problem(403, "webhook", Text.of("zadarma.notAllowed", request.getRemoteAddr()));
		}
		ZadarmaNotification notification = new ZadarmaNotification(params.toSingleValueMap());
		Text refusal = signatureRefusal(account, notification, request.getHeader("Signature"));
		if (refusal != null) {
			return problem(401, "bad-signature", refusal);
		}
		if (!account.enabled()) {
			return problem(409, "webhook", Text.of("zadarma.disabled", account.name()));
		}
		return handle(account, notification);
	}

	private Optional<TelephonyAccount> account(String token) {
		return this.accounts.findCachedByWebhookToken(token).filter((account) -> PROVIDER.equals(account.provider()));
	}

	private ResponseEntity<?> handle(TelephonyAccount account, ZadarmaNotification notification) {
		Instant now = Instant.now();
		ZoneId zone = AccountLocation.zone(account, (tenantId) -> this.tenants.getCached(tenantId).timeZone(),
				"Europe/Madrid");
		Text refused = ZadarmaNotificationCheck.refusal(notification, zone, now);
		if (refused != null) {
			log.warn("Zadarma {} of call {} for account {} refused: {}", loggable(notification.event()),
					loggable(notification.raw("pbx_call_id")), account.id(),
					refused.english().replaceAll("\\p{Cntrl}", "?"));
			return problem(422, "invalid-input", refused);
		}
		Optional<ProviderCallEvent> event = ZadarmaEventMapper.map(account.id(), notification, zone, now);
		// The decision (a read) is made while the event is stored: the caller hears the
		// ringing only once both are done, so the longer of the two counts, not their
		// sum.
		DeadlineCallStartDecider.@Nullable Asked decision = "NOTIFY_START".equals(notification.event())
				? this.decider.ask(new CallStartQuery(account.id(), notification.raw("pbx_call_id"),
						notification.get("caller_id"), notification.get("called_did")))
				: null;
		if (event.isPresent()) {
			ResponseEntity<?> failure = store(account, notification, event.get());
			if (failure != null) {
				if (decision != null) {
					this.decider.forget(decision);
				}
				return failure;
			}
		}
		// NOTIFY_IVR only follows an IVR action, which Callbridge never asks for: it is
		// acknowledged and not kept.
		Map<String, Object> body = (decision != null) ? reply(account, this.decider.decision(decision)) : Map.of();
		// As bytes, so the answer has a Content-Length and goes out in one write: written
		// by the JSON converter it was sent chunked (the converter flushes before the
		// end), a second write per notification.
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.body(body.isEmpty() ? EMPTY_OBJECT : JSON.writeValueAsBytes(body));
	}

	/**
	 * Stores the event; the answer to send instead of a 200 when that failed, else null.
	 */
	private @Nullable ResponseEntity<?> store(TelephonyAccount account, ZadarmaNotification notification,
			ProviderCallEvent event) {
		try {
			this.sink.receive(event);
			return null;
		}
		catch (Problems.Conflict | Problems.NotFound ex) {
			// The account was disabled or deleted between the checks above and now.
			return problem(ex.status(), "webhook", ex.text());
		}
		catch (RuntimeException ex) {
			log.error("Zadarma {} of call {} for account {} could not be stored; answering 503",
					loggable(notification.event()), loggable(notification.raw("pbx_call_id")), account.id(), ex);
			return unavailable(Text.of("zadarma.notStored", notification.event()));
		}
	}

	/**
	 * A value from the request as it may go into the log: a signed notification can still
	 * carry line breaks (forged log lines) or a megabyte of text, so control characters
	 * become '?' and the value is cut at 64 characters.
	 */
	static String loggable(@Nullable String value) {
		if (value == null) {
			return "-";
		}
		String cut = (value.length() > LOGGED_LENGTH) ? value.substring(0, LOGGED_LENGTH) + "…" : value;
		return cut.replaceAll("\\p{Cntrl}", "?");
	}

	private Map<String, Object> reply(TelephonyAccount account, CallStartDecision decision) {
		Map<String, Object> reply = new LinkedHashMap<>();
		ZadarmaSettings settings = ZadarmaSettings.of(account);
		if (decision.reject() && settings.blacklist()) {
			// "blacklist" makes Zadarma answer busy; an account may prefer a plain
			// hang-up.
			if (settings.hangUpBlacklisted()) {
				reply.put("hangup", 1);
			}
			else {
				reply.put("redirect", "blacklist");
			}
			return reply;
		}
		if (decision.routeToExtension() != null && settings.routeToResponsible()) {
			reply.put("redirect", decision.routeToExtension());
			reply.put("return_timeout", settings.returnTimeout());
		}
		if (decision.callerName() != null && settings.callerName()) {
			reply.put("caller_name", decision.callerName());
		}
		return reply;
	}

	private @Nullable Text signatureRefusal(TelephonyAccount account, ZadarmaNotification notification,
			@Nullable String signature) {
		String signed = notification.signedString();
		if (signed == null) {
			return Text.of("zadarmaWebhook.unknownEvent", String.valueOf(notification.event()));
		}
		String secret = this.accounts.cachedCredentials(account).get("secret");
		if (secret == null || secret.isBlank()) {
			return Text.of("zadarmaWebhook.noSecret");
		}
		if (signature == null || signature.isBlank()) {
			return Text.of("zadarmaWebhook.noSignature");
		}
		return ZadarmaHmac.matches(ZadarmaHmac.sign(secret, signed), signature) ? null
				: Text.of("zadarmaWebhook.wrongSignature");
	}

	// 503 with Retry-After is the answer a retrying sender retries; Zadarma documents no
	// retry policy, so reconciliation with its statistics is what recovers the call.
	private ResponseEntity<Map<String, Object>> unavailable(Text detail) {
		ResponseEntity<Map<String, Object>> problem = problem(503, "provider-failure", detail);
		return ResponseEntity.status(503)
			.header(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER.toSeconds()))
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem.getBody());
	}

	private ResponseEntity<Map<String, Object>> problem(int status, String kind, Text detail) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", Problems.TYPE_BASE + kind);
		body.put("status", status);
		body.put("detail", detail.in(this.messages, LocaleContextHolder.getLocale()));
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
	}

}
